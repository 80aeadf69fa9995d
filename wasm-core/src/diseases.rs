//! Names for the contract's fixed disease ids and the reference M-codes,
//! for diseases a pack does not list (`data/diseases.json`, data not code).
//! Only ever used to *name* a disease in a result; never to decide.

use crate::pack::Text;
use serde::Deserialize;

/// The table's JSON (embedded in every build, wasm included).
pub const DISEASES_JSON: &str = include_str!("../data/diseases.json");

#[derive(Clone, Debug, Deserialize)]
struct Table {
    source: String,
    diseases: Vec<KnownDisease>,
}

/// One row: a contract disease id and/or an (unverified) M-code, and its name.
#[derive(Clone, Debug, Deserialize)]
pub struct KnownDisease {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub m_code: Option<String>,
    pub name: Text,
}

/// Parsed once per process (the table is embedded; a parse failure is a
/// build error caught by the unit test below, and gives an empty table).
fn table() -> Option<&'static Table> {
    static TABLE: std::sync::OnceLock<Option<Table>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| serde_json::from_str(DISEASES_JSON).ok()).as_ref()
}

/// The table's source line.
pub fn source() -> String {
    table().map(|t| t.source.clone()).unwrap_or_default()
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
        for id in ["hypertension", "diabetes", "malignant-tumor", "malignant-tumor-radiochemo", "organ-transplant-antirejection"] {
            let d = super::known(Some(id), None).unwrap_or_else(|| panic!("{id} has no name"));
            assert!(!d.name.zh.is_empty() && !d.name.en.is_empty());
        }
        assert_eq!(super::known(None, Some("M02300")).unwrap().name.zh, "帕金森病");
        assert!(super::known(Some("nope"), None).is_none());
    }
}
