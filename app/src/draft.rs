//! Drafts: what the person has answered so far, saved on the device as it is
//! typed. A draft's answers are contract facts (the same JSON the CLI takes),
//! so what the app saves is exactly what the core evaluates and what
//! submission sends. Several drafts can exist (both parents).
//!
//! Answers live in `localStorage` (small, synchronous, written on every
//! change); attached files live in IndexedDB (see `files`).

use serde_json::{Map, Value};

/// Who the application is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    Myself,
    /// A family member, by relationship id (`parent`, `spouse`, `child`, `other`).
    Family(Relationship),
}

impl Who {
    pub fn id(self) -> String {
        match self {
            Who::Myself => "myself".into(),
            Who::Family(r) => format!("family:{}", r.id()),
        }
    }

    pub fn from_id(id: &str) -> Option<Who> {
        match id.split_once(':') {
            None if id == "myself" => Some(Who::Myself),
            Some(("family", r)) => Relationship::from_id(r).map(Who::Family),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relationship {
    Parent,
    Spouse,
    Child,
    Other,
}

impl Relationship {
    pub const ALL: [Relationship; 4] = [Self::Parent, Self::Spouse, Self::Child, Self::Other];

    pub fn id(self) -> &'static str {
        match self {
            Self::Parent => "parent",
            Self::Spouse => "spouse",
            Self::Child => "child",
            Self::Other => "other",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.id() == id)
    }

    /// The other side: what the proxy is to the applicant. The who page
    /// asks "他/她是您的…" (what the applicant is to the proxy); the
    /// contract's `proxy.relationship` and the letter of authorisation's
    /// 与委托人关系 are the agent's relationship to the principal (a child
    /// filing for a parent is `child`).
    pub fn inverse(self) -> Self {
        match self {
            Self::Parent => Self::Child,
            Self::Child => Self::Parent,
            r => r,
        }
    }
}

/// One application in progress.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub id: String,
    /// Unknown until the person says.
    pub who: Option<Who>,
    /// Contract facts as typed so far.
    pub facts: Value,
    /// The route to resume at.
    pub step: String,
    pub updated_ms: f64,
    /// What the photo reader read on each paper's photo, by material id
    /// (`{seal, seal_box, date, quality, width, height, date_ok, seal_ok}`),
    /// so the paper page shows it again when the person comes back. Kept
    /// with the draft on the device, not in the contract's facts.
    pub readings: Value,
}

/// A fresh draft id (time-based; drafts live on one device).
pub fn new_id() -> String {
    format!("d{}", js_sys::Date::now() as u64)
}

impl Draft {
    pub fn new(id: String, now_ms: f64) -> Draft {
        Draft { id, who: None, facts: Value::Object(Map::new()), step: "/apply/region".into(), updated_ms: now_ms, readings: Value::Object(Map::new()) }
    }

    /// Records who the application is for. A family member makes the facts
    /// carry `proxy` (the contract's 代办), with the relationship.
    pub fn set_who(&mut self, who: Who) {
        self.who = Some(who);
        match who {
            Who::Myself => self.set("proxy", Value::Null),
            Who::Family(r) => self.set("proxy.relationship", Value::String(r.inverse().id().into())),
        }
    }

    /// The value at a dotted path such as `applicant.scheme`.
    pub fn get(&self, path: &str) -> Option<&Value> {
        path.split('.').try_fold(&self.facts, |v, key| v.get(key))
    }

    /// Sets the value at a dotted path, creating objects on the way;
    /// `Value::Null` removes the fact (back to unknown).
    pub fn set(&mut self, path: &str, value: Value) {
        set_path(&mut self.facts, path, value);
    }

    /// The paper of one material kind in `documents[]`, if the person added it.
    pub fn document(&self, kind: &str) -> Option<&Value> {
        self.facts.get("documents")?.as_array()?.iter().find(|d| d.get("kind").and_then(Value::as_str) == Some(kind))
    }

    /// Adds or replaces the paper of `doc["kind"]`.
    pub fn upsert_document(&mut self, doc: Value) {
        let kind = doc.get("kind").and_then(Value::as_str).unwrap_or_default().to_string();
        self.remove_document(&kind);
        let obj = self.facts.as_object_mut().expect("facts are an object");
        let docs = obj.entry("documents").or_insert_with(|| Value::Array(Vec::new()));
        if let Some(list) = docs.as_array_mut() {
            list.push(doc);
        }
    }

    pub fn remove_document(&mut self, kind: &str) {
        if let Some(list) = self.facts.get_mut("documents").and_then(Value::as_array_mut) {
            list.retain(|d| d.get("kind").and_then(Value::as_str) != Some(kind));
        }
    }

    /// What was read on the photo of paper `kind`, if it was read.
    pub fn reading(&self, kind: &str) -> Option<&Value> {
        self.readings.get(kind).filter(|r| r.is_object())
    }

    /// Keeps (or, with `None`, forgets) what was read on paper `kind`'s photo.
    pub fn set_reading(&mut self, kind: &str, reading: Option<Value>) {
        if !self.readings.is_object() {
            self.readings = Value::Object(Map::new());
        }
        let m = self.readings.as_object_mut().expect("an object");
        match reading {
            Some(r) => {
                m.insert(kind.to_string(), r);
            }
            None => {
                m.remove(kind);
            }
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::json!({
            "id": self.id, "who": self.who.map(Who::id), "facts": self.facts, "step": self.step, "updated_ms": self.updated_ms,
            "readings": self.readings,
        })
        .to_string()
    }

    /// Reads a saved draft; `None` if it is damaged (it is then kept, not
    /// overwritten, so nothing is lost; see [`Store::load`]).
    pub fn from_json(json: &str) -> Option<Draft> {
        let v: Value = serde_json::from_str(json).ok()?;
        Some(Draft {
            id: v.get("id")?.as_str()?.to_string(),
            who: v.get("who").and_then(Value::as_str).and_then(Who::from_id),
            facts: v.get("facts").filter(|f| f.is_object())?.clone(),
            step: v.get("step").and_then(Value::as_str).unwrap_or("/apply/region").to_string(),
            updated_ms: v.get("updated_ms").and_then(Value::as_f64).unwrap_or(0.0),
            readings: v.get("readings").filter(|r| r.is_object()).cloned().unwrap_or_else(|| Value::Object(Map::new())),
        })
    }
}

fn set_path(target: &mut Value, path: &str, value: Value) {
    let (head, rest) = match path.split_once('.') {
        Some((h, r)) => (h, Some(r)),
        None => (path, None),
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    let obj = target.as_object_mut().expect("made an object above");
    match rest {
        None if value.is_null() => {
            obj.remove(head);
        }
        None => {
            obj.insert(head.to_string(), value);
        }
        Some(rest) => {
            let child = obj.entry(head.to_string()).or_insert_with(|| Value::Object(Map::new()));
            set_path(child, rest, value);
            if child.as_object().is_some_and(Map::is_empty) {
                obj.remove(head);
            }
        }
    }
}

const INDEX_KEY: &str = "mtt:drafts";
const CURRENT_KEY: &str = "mtt:current";
fn draft_key(id: &str) -> String {
    format!("mtt:draft:{id}")
}

/// Drafts in `localStorage`.
pub struct Store;

impl Store {
    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    /// Ids of every saved draft, newest first.
    pub fn ids() -> Vec<String> {
        Self::storage()
            .and_then(|s| s.get_item(INDEX_KEY).ok().flatten())
            .map(|s| s.split(',').filter(|id| !id.is_empty()).map(String::from).collect())
            .unwrap_or_default()
    }

    pub fn load(id: &str) -> Option<Draft> {
        let json = Self::storage()?.get_item(&draft_key(id)).ok().flatten()?;
        Draft::from_json(&json)
    }

    /// Saves a draft and moves it to the front of the index. Returns false
    /// when storage refused (full, or unavailable) so the UI can say so.
    pub fn save(draft: &Draft) -> bool {
        let Some(s) = Self::storage() else { return false };
        if s.set_item(&draft_key(&draft.id), &draft.to_json()).is_err() {
            return false;
        }
        let mut ids = Self::ids();
        ids.retain(|id| id != &draft.id);
        ids.insert(0, draft.id.clone());
        s.set_item(INDEX_KEY, &ids.join(",")).is_ok() && s.set_item(CURRENT_KEY, &draft.id).is_ok()
    }

    pub fn current_id() -> Option<String> {
        Self::storage()?.get_item(CURRENT_KEY).ok().flatten()
    }

    pub fn delete(id: &str) {
        if let Some(s) = Self::storage() {
            let _ = s.remove_item(&draft_key(id));
            let ids: Vec<String> = Self::ids().into_iter().filter(|i| i != id).collect();
            let _ = s.set_item(INDEX_KEY, &ids.join(","));
            if Self::current_id().as_deref() == Some(id) {
                let _ = s.remove_item(CURRENT_KEY);
            }
        }
    }

    /// Removes every key this app wrote ("delete all my data").
    pub fn delete_all() {
        if let Some(s) = Self::storage() {
            let len = s.length().unwrap_or(0);
            let ours: Vec<String> = (0..len)
                .filter_map(|i| s.key(i).ok().flatten())
                .filter(|k| k.starts_with("mtt:"))
                .collect();
            for k in ours {
                let _ = s.remove_item(&k);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn set_and_get_paths() {
        let mut d = Draft::new("a".into(), 0.0);
        d.set("applicant.scheme", json!("employee"));
        d.set("disease.grade", json!(3));
        d.set("region", json!("shanxi-linfen"));
        assert_eq!(d.get("applicant.scheme"), Some(&json!("employee")));
        assert_eq!(d.facts, json!({"region": "shanxi-linfen", "applicant": {"scheme": "employee"}, "disease": {"grade": 3}}));
        // Null means unknown again, and empty parents go away.
        d.set("disease.grade", Value::Null);
        assert_eq!(d.get("disease"), None);
    }

    #[test]
    fn documents_are_replaced_by_kind() {
        let mut d = Draft::new("a".into(), 0.0);
        d.upsert_document(json!({"kind": "id_card", "issued": "2025-01-01"}));
        d.upsert_document(json!({"kind": "exam_reports"}));
        d.upsert_document(json!({"kind": "id_card", "issued": "2025-02-02"}));
        assert_eq!(d.facts["documents"].as_array().unwrap().len(), 2);
        assert_eq!(d.document("id_card"), Some(&json!({"kind": "id_card", "issued": "2025-02-02"})));
        d.remove_document("id_card");
        assert_eq!(d.document("id_card"), None);
    }

    #[test]
    fn round_trips_and_rejects_damage() {
        let mut d = Draft::new("x1".into(), 12.0);
        d.set_who(Who::Family(Relationship::Parent));
        d.step = "/apply/result".into();
        assert_eq!(Draft::from_json(&d.to_json()), Some(d.clone()));
        // Filing for one's parent: the proxy is the applicant's child (contract).
        assert_eq!(d.get("proxy.relationship"), Some(&json!("child")));
        d.set_who(Who::Myself);
        assert_eq!(d.get("proxy"), None);
        for bad in ["", "{", "[]", r#"{"id": 3}"#, r#"{"id": "a", "facts": 1}"#] {
            assert_eq!(Draft::from_json(bad), None, "{bad:?}");
        }
    }
}
