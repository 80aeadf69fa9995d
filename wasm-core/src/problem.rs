//! [`Problem`]: one thing wrong with an input, named by its JSON path.

use std::fmt;

/// One problem in a facts document, a rule pack, a calendar or a golden
/// case. `path` is the JSON path of the field (`applicant.id_number`,
/// `materials[2].window.months`, or `$` for the whole document); `message`
/// says what is wrong and quotes the bad value.
///
/// `Display` gives the one-line form the CLI prints: `path: message`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Problem {
        let path = path.into();
        Problem { path: if path.is_empty() { "$".into() } else { path }, message: message.into() }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Joins a parent path and a key: `join("applicant", "scheme")` is
/// `applicant.scheme`; an empty parent gives just the key.
pub fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() || parent == "$" {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// `index("documents", 2)` is `documents[2]`.
pub fn index(parent: &str, i: usize) -> String {
    format!("{}[{i}]", if parent == "$" { "" } else { parent })
}

/// Quotes a JSON value for a message, shortened to keep lines readable.
pub fn quote(v: &serde_json::Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        let short: String = s.chars().take(57).collect();
        format!("{short}...")
    } else {
        s
    }
}

/// Human name of a JSON value's type, for "expected X, got Y" messages.
pub fn type_name(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// Turns a serde_json syntax error into a problem at `$`.
pub fn json_syntax(e: &serde_json::Error) -> Problem {
    Problem::new("$", format!("not valid JSON: {e}"))
}
