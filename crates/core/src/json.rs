//! Reading core data from JSON values with errors that name the field.
//!
//! Bindings turn their native objects into `serde_json::Value`s and call
//! [`decode`] or [`Command::from_json`](crate::Command::from_json), so a
//! shape error is the same `invalid_input` in every language, naming the field
//! by its path (`contacts[0].kind`, `attributes.vip`).

use crate::error::{Error, Result};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::fmt::Write as _;

/// Deserialises `T` from `value`. A shape error becomes
/// [`Error::InvalidInput`] naming the field by its path; `root` names the
/// value itself when the error is at the top.
///
/// # Errors
/// `invalid_input` naming the field, the value found there and serde's reason.
///
/// ```
/// # fn main() -> Result<(), clientcare::Error> {
/// let v = serde_json::json!({"full_name": "Lan", "phones": [42]});
/// let err = clientcare::json::decode::<clientcare::RegisterCustomer>(&v, "row").unwrap_err();
/// assert!(matches!(err, clientcare::Error::InvalidInput { ref field, .. } if field == "phones[0]"));
/// # Ok(())
/// # }
/// ```
pub fn decode<T: DeserializeOwned>(value: &Value, root: &str) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let reason = e.inner().to_string();
        let mut field = String::new();
        let mut at = Some(value);
        for seg in e.path() {
            match seg {
                serde_path_to_error::Segment::Seq { index } => {
                    let _ = write!(field, "[{index}]");
                    at = at.and_then(|v| v.get(index));
                }
                serde_path_to_error::Segment::Map { key } => {
                    if !field.is_empty() {
                        field.push('.');
                    }
                    field.push_str(key);
                    at = at.and_then(|v| v.get(key));
                }
                serde_path_to_error::Segment::Enum { .. }
                | serde_path_to_error::Segment::Unknown => {}
            }
        }
        // serde names missing and unknown fields only in its message.
        let missing = reason.starts_with("missing field");
        if missing || reason.starts_with("unknown field") {
            if let Some(name) = reason.split('`').nth(1) {
                if !field.ends_with(name) {
                    if !field.is_empty() {
                        field.push('.');
                    }
                    field.push_str(name);
                    at = if missing {
                        None
                    } else {
                        at.and_then(|v| v.get(name))
                    };
                }
            }
        }
        if field.is_empty() {
            field = root.to_owned();
        }
        let shown = match at {
            Some(Value::String(s)) => s.clone(),
            Some(v) if !missing => {
                let mut s = v.to_string();
                if let Some((cut, _)) = s.char_indices().nth(120) {
                    s.truncate(cut);
                    s.push('…');
                }
                s
            }
            _ => String::new(),
        };
        Error::invalid_input(field, shown, reason)
    })
}
