//! Names for the contract's fixed disease ids and the reference M-codes,
//! for diseases a pack does not list (`data/diseases.json`, data not code).
//! Only ever used to *name* a disease in a result; never to decide.

use crate::pack::{Str, Text};
use serde_json::Value;

/// The table's JSON (embedded in every build, wasm included).
pub const DISEASES_JSON: &str = include_str!("../data/diseases.json");

#[derive(Clone, Debug)]
struct Table {
    source: Str,
    diseases: Vec<KnownDisease>,
}

/// One row: a contract disease id and/or an (unverified) M-code, and its name.
#[derive(Clone, Debug)]
pub struct KnownDisease {
    pub id: Option<Str>,
    pub m_code: Option<Str>,
    pub name: Text,
}

/// Read from the parsed JSON by hand, not with serde's derived code (which
/// was ~8 KB of the app's module past home for this one embedded file).
fn read(v: &Value) -> Option<Table> {
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(Str::shared);
    let diseases = v.get("diseases")?.as_array()?.iter().map(|d| {
        let name = d.get("name")?;
        Some(KnownDisease { id: s(d, "id"), m_code: s(d, "m_code"), name: Text { zh: s(name, "zh")?, en: s(name, "en")? } })
    });
    Some(Table { source: s(v, "source")?, diseases: diseases.collect::<Option<_>>()? })
}

/// Parsed once per process (the table is embedded; a parse failure is a
/// build error caught by the unit test below, and gives an empty table).
fn table() -> Option<&'static Table> {
    static TABLE: std::sync::OnceLock<Option<Table>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| serde_json::from_str(DISEASES_JSON).ok().as_ref().and_then(read)).as_ref()
}

/// The table's source line.
pub fn source() -> String {
    table().map(|t| t.source.to_string()).unwrap_or_default()
}

/// The row for a disease id (first) or an M-code, if the table has one.
pub fn known(id: Option<&str>, code: Option<&str>) -> Option<KnownDisease> {
    let t = table()?;
    id.and_then(|i| t.diseases.iter().find(|d| d.id.as_deref() == Some(i)))
        .or_else(|| code.and_then(|c| t.diseases.iter().find(|d| d.m_code.as_deref() == Some(c))))
        .cloned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn table_parses_and_names_every_contract_id() {
        let t = super::table().expect("data/diseases.json parses");
        assert!(!t.source.is_empty());
        // Every row of the file is read (none dropped by the hand reader).
        let v: serde_json::Value = serde_json::from_str(super::DISEASES_JSON).unwrap();
        assert_eq!(t.diseases.len(), v["diseases"].as_array().unwrap().len());
        for id in ["hypertension", "diabetes", "malignant-tumor", "malignant-tumor-radiochemo", "organ-transplant-antirejection"] {
            let d = super::known(Some(id), None).unwrap_or_else(|| panic!("{id} has no name"));
            assert!(!d.name.zh.is_empty() && !d.name.en.is_empty());
        }
        assert_eq!(super::known(None, Some("M02300")).unwrap().name.zh, "帕金森病");
        assert!(super::known(Some("nope"), None).is_none());
    }
}
