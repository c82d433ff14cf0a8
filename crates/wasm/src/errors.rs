//! The one place where core errors become JavaScript `Error` objects.
//!
//! Every error thrown by this package is a real `Error` with
//! `name = "ClientcareError"`, a stable `code` (the core's
//! [`Error::code`](clientcare::Error::code)) and a `details` object holding the
//! variant's structured fields under camelCase keys.

use crate::convert::js_field;
use clientcare::Error;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

/// A failed call: a core [`Error`], thrown in JavaScript as a `ClientcareError`.
///
/// Binding-level problems (an argument of the wrong shape, an invalid date)
/// are core [`Error::InvalidInput`]s too, so every error has the same form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    error: Box<Error>,
    /// Its field names are JavaScript names already (a binding-level error),
    /// not the core's snake_case ones.
    js_named: bool,
}

impl Failure {
    /// The core error.
    #[must_use]
    pub fn error(&self) -> &Error {
        &self.error
    }

    /// A field name as JavaScript callers spell it.
    fn field(&self, field: &str) -> String {
        if self.js_named {
            field.to_owned()
        } else {
            js_field(field)
        }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure {
            error: Box::new(error),
            js_named: false,
        }
    }
}

impl From<Failure> for JsValue {
    fn from(f: Failure) -> JsValue {
        to_js_error(&f)
    }
}

/// The result type of every exported function.
pub type JsResult<T> = Result<T, Failure>;

/// Shorthand for a binding-level `invalid_input` naming a JavaScript field.
pub(crate) fn invalid(
    field: impl Into<String>,
    value: impl Into<String>,
    reason: impl Into<String>,
) -> Failure {
    Failure {
        error: Box::new(Error::invalid_input(field, value, reason)),
        js_named: true,
    }
}

/// The structured fields of an error, as (camelCase key, value) pairs.
fn details(f: &Failure) -> Vec<(&'static str, JsValue)> {
    let s = |v: &str| JsValue::from_str(v);
    match f.error.as_ref() {
        Error::NotFound { entity, id } => vec![("entity", s(entity)), ("id", s(id))],
        Error::InvalidInput {
            field,
            value,
            reason,
        } => vec![
            ("field", s(&f.field(field))),
            ("value", s(value)),
            ("reason", s(reason)),
        ],
        Error::InvalidTransition {
            entity,
            id,
            action,
            current,
            allowed,
        } => vec![
            ("entity", s(entity)),
            ("id", s(id)),
            ("action", s(action)),
            ("current", s(current)),
            (
                "allowed",
                allowed.iter().map(|a| s(a)).collect::<Array>().into(),
            ),
        ],
        Error::Conflict {
            field,
            value,
            holder_entity,
            holder,
            remedy,
        } => vec![
            ("field", s(&f.field(field))),
            ("value", s(value)),
            ("holderEntity", s(holder_entity)),
            ("holder", s(holder)),
            ("remedy", s(remedy)),
        ],
        Error::CorruptLog { line, seq, reason } => vec![
            // Both fit a JS number exactly for any log that fits in memory.
            ("line", JsValue::from_f64(*line as f64)),
            ("seq", JsValue::from_f64(*seq as f64)),
            ("reason", s(reason)),
        ],
        Error::CorruptSnapshot { reason } => vec![("reason", s(reason))],
        // A variant added to the core later: code and message still come through.
        _ => Vec::new(),
    }
}

/// The message, with the field named as JavaScript callers spell it
/// (`invalid fullName ...` rather than `invalid full_name ...`).
fn message(f: &Failure) -> String {
    let text = f.error.to_string();
    if let Error::InvalidInput { field, .. } = f.error.as_ref() {
        let js = f.field(field);
        if js != *field {
            if let Some(rest) = text.strip_prefix(&format!("invalid {field} ")) {
                return format!("invalid {js} {rest}");
            }
        }
    }
    text
}

fn details_object(f: &Failure) -> JsValue {
    let d = Object::new();
    for (k, v) in details(f) {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&d, &JsValue::from_str(k), &v);
    }
    d.into()
}

/// Builds the JavaScript `Error` for a core error.
pub(crate) fn to_js_error(f: &Failure) -> JsValue {
    let e = js_sys::Error::new(&message(f));
    e.set_name("ClientcareError");
    let _ = Reflect::set(
        &e,
        &JsValue::from_str("code"),
        &JsValue::from_str(f.error.code()),
    );
    let _ = Reflect::set(&e, &JsValue::from_str("details"), &details_object(f));
    e.into()
}

/// `code`, `message` and `details` of an error that is reported rather than
/// thrown (a rejected row of a bulk call).
pub(crate) fn report(f: &Failure) -> [(&'static str, JsValue); 3] {
    [
        ("code", JsValue::from_str(f.error.code())),
        ("message", JsValue::from_str(&message(f))),
        ("details", details_object(f)),
    ]
}

/// Whether `value` is an error thrown by this package (a type guard in TypeScript).
#[wasm_bindgen(js_name = isClientcareError, unchecked_return_type = "value is ClientcareError")]
pub fn is_clientcare_error(
    #[wasm_bindgen(unchecked_param_type = "unknown")] value: &JsValue,
) -> bool {
    crate::convert::error_like(value, "ClientcareError")
}
