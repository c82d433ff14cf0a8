//! Conversions between JavaScript values and the core's serde data model.
//!
//! JavaScript spells object keys in camelCase, the core's JSON in snake_case.
//! Keys are converted recursively in both directions, except the keys of
//! `attributes` and `answers` maps, which are names the user chose (attribute
//! names, survey question keys). Enum values stay
//! snake_case strings (`"in_person"`). Times go out as ISO 8601 strings and come
//! in as `Date`s or ISO 8601 strings with a time-zone offset.

use crate::errors::{invalid, Failure, JsResult};
use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use clientcare::{Actor, AgentId, Error, Meta};
use js_sys::{Array, Date, Function, Object, Reflect};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Number, Value};
use std::str::FromStr;
use wasm_bindgen::{JsCast, JsValue};

/// How deep an argument may nest (the core's inputs need 4 levels; this stops cycles).
const MAX_DEPTH: usize = 32;
/// Most items one array argument may hold.
const MAX_ITEMS: u32 = 1_000_000;
/// Offending values are quoted in errors up to this many characters.
const MAX_QUOTE: usize = 120;
/// The keys whose object value is a map of user-defined names: custom
/// attributes, and the answers of a custom survey by question key.
const NAME_MAPS: [&str; 2] = ["attributes", "answers"];

/// Whether the object under `key` is keyed by user-defined names (kept as they are).
fn is_name_map(key: &str) -> bool {
    NAME_MAPS.contains(&key)
}

// ----- key case -----

/// `full_name` -> `fullName`.
pub(crate) fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for (i, c) in snake.chars().enumerate() {
        if c == '_' && i > 0 {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `fullName` -> `full_name`.
pub(crate) fn snake(camel: &str) -> String {
    let mut out = String::with_capacity(camel.len() + 4);
    for (i, c) in camel.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A field name of the core (`full_name`, `address.postal_code`) as
/// JavaScript callers spell it (`fullName`, `address.postalCode`). The part
/// after `attributes.` or `answers.` is a user-defined name and stays as it is.
pub(crate) fn js_field(core: &str) -> String {
    let mut out = String::with_capacity(core.len());
    let mut rest = core;
    while !rest.is_empty() {
        let (seg, tail) = rest.split_once('.').map_or((rest, ""), |(a, b)| (a, b));
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(&camel(seg));
        if is_name_map(seg) && !tail.is_empty() {
            out.push('.');
            out.push_str(tail);
            break;
        }
        rest = tail;
    }
    out
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn quote(s: &str) -> String {
    if s.chars().count() <= MAX_QUOTE {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(MAX_QUOTE).collect();
        t.push('…');
        t
    }
}

/// A short rendering of any JavaScript value, for error messages.
pub(crate) fn render_js(v: &JsValue) -> String {
    if let Some(s) = v.as_string() {
        return quote(&s);
    }
    if let Some(n) = v.as_f64() {
        return n.to_string();
    }
    if let Some(b) = v.as_bool() {
        return b.to_string();
    }
    if v.is_null() {
        return "null".into();
    }
    if v.is_undefined() {
        return "undefined".into();
    }
    if is_object(v) {
        return tag(v).unwrap_or_else(|| "[object]".into());
    }
    match v.js_typeof().as_string() {
        Some(t) => format!("[{t}]"),
        None => "[value]".into(),
    }
}

/// A short rendering of converted data, with its keys spelled as in JavaScript.
fn render_value(v: &Value) -> String {
    match v {
        Value::String(s) => quote(s),
        Value::Object(_) | Value::Array(_) => quote(&camel_keys(&v.to_string())),
        other => quote(&other.to_string()),
    }
}

// ----- dates -----

fn now() -> DateTime<Utc> {
    // Date.now() is a whole number of milliseconds well inside i64.
    DateTime::from_timestamp_millis(Date::now() as i64).unwrap_or_default()
}

/// `Object.prototype.toString` and `Date.prototype.getTime` of this realm,
/// called on user objects through `Function.prototype.call` (which catches).
struct Intrinsics {
    to_string: Option<Function>,
    get_time: Option<Function>,
}

thread_local! {
    static INTRINSICS: Intrinsics = Intrinsics {
        to_string: Reflect::get(&Object::new(), &JsValue::from_str("toString"))
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok()),
        get_time: Reflect::get(&Date::new_0(), &JsValue::from_str("getTime"))
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok()),
    };
}

/// `Object.prototype.toString.call(v)`: `"[object Date]"` for a Date of any
/// realm, `"[object Error]"` for an Error, ... `None` when it threw.
fn tag(v: &JsValue) -> Option<String> {
    INTRINSICS.with(|i| i.to_string.as_ref()?.call0(v).ok()?.as_string())
}

/// The kind of a JavaScript object, found without letting user code (a Proxy
/// trap, a getter) throw through WebAssembly frames: every call that can run
/// user code goes through a catching import.
enum Shape {
    /// An array and its length.
    Array(u32),
    /// A Date (of any realm) and its time value (NaN when invalid).
    Date(f64),
    /// A plain object and its own string keys.
    Plain(Vec<String>),
    /// Something else (`Map`, `Set`, ...), named.
    Other(String),
}

fn threw(field: &str, what: &str) -> Failure {
    invalid(
        if field.is_empty() { "input" } else { field },
        "",
        format!("{what} threw an exception"),
    )
}

/// Classifies an object (`typeof v === "object"`, not null).
fn shape(v: &JsValue, field: &str) -> JsResult<Shape> {
    // Reflect.ownKeys throws for a revoked Proxy: after it, the checks below are safe.
    let keys = Reflect::own_keys(v).map_err(|_| threw(field, "listing the object's keys"))?;
    if Array::is_array(v) {
        let len = Reflect::get(v, &JsValue::from_str("length"))
            .map_err(|_| threw(field, "reading the array's length"))?
            .as_f64()
            .unwrap_or(0.0);
        return Ok(Shape::Array(len as u32));
    }
    match tag(v).as_deref() {
        Some("[object Date]") => {
            let ms = INTRINSICS
                .with(|i| i.get_time.as_ref().and_then(|f| f.call0(v).ok()))
                .and_then(|t| t.as_f64())
                .unwrap_or(f64::NAN);
            return Ok(Shape::Date(ms));
        }
        Some(
            t @ ("[object Map]" | "[object Set]" | "[object WeakMap]" | "[object WeakSet]"
            | "[object Promise]" | "[object RegExp]"),
        ) => {
            return Ok(Shape::Other(
                t.trim_start_matches("[object ")
                    .trim_end_matches(']')
                    .to_owned(),
            ));
        }
        _ => {}
    }
    // `keys` is a fresh array made by Reflect.ownKeys: reading it runs no user code.
    Ok(Shape::Plain(
        keys.iter().filter_map(|k| k.as_string()).collect(),
    ))
}

/// Whether `v` is an object (not null, not a function).
fn is_object(v: &JsValue) -> bool {
    v.is_object() && !v.is_function()
}

/// The time value of `v` when it is a `Date` (of any realm), `None` otherwise.
fn date_millis(v: &JsValue) -> Option<f64> {
    if !is_object(v) {
        return None;
    }
    match shape(v, "") {
        Ok(Shape::Date(ms)) => Some(ms),
        _ => None,
    }
}

/// The items of an array argument.
pub(crate) fn array_items(v: &JsValue, field: &str) -> JsResult<Vec<JsValue>> {
    let len = match is_object(v).then(|| shape(v, field)).transpose()? {
        Some(Shape::Array(len)) => len,
        _ => return Err(invalid(field, render_js(v), "expected an array")),
    };
    if len > MAX_ITEMS {
        return Err(invalid(
            field,
            format!("[{len} items]"),
            format!("at most {MAX_ITEMS} items per call"),
        ));
    }
    (0..len)
        .map(|i| {
            Reflect::get_u32(v, i).map_err(|_| threw(&format!("{field}[{i}]"), "reading this item"))
        })
        .collect()
}

/// Whether `v` is an `Error` whose `name` and `code` are strings equal to /
/// as given (reading them cannot throw through WebAssembly).
pub(crate) fn error_like(v: &JsValue, name: &str) -> bool {
    is_object(v)
        && tag(v).as_deref() == Some("[object Error]")
        && Reflect::get(v, &JsValue::from_str("name"))
            .ok()
            .and_then(|n| n.as_string())
            .is_some_and(|n| n == name)
        && Reflect::get(v, &JsValue::from_str("code"))
            .ok()
            .is_some_and(|c| c.is_string())
}

fn instant_from_millis(ms: f64, field: &str) -> JsResult<DateTime<Utc>> {
    if ms.is_nan() {
        return Err(invalid(
            field,
            "Invalid Date",
            "the Date object is invalid (its time is NaN)",
        ));
    }
    DateTime::from_timestamp_millis(ms as i64)
        .ok_or_else(|| invalid(field, ms.to_string(), "the date is out of range"))
}

fn parse_instant_str(s: &str, field: &str) -> JsResult<DateTime<Utc>> {
    DateTime::<FixedOffset>::from_str(s.trim())
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| {
            invalid(
                field,
                quote(s),
                "expected an ISO 8601 date-time with a time-zone offset, such as \
                 2026-11-02T09:00:00Z or 2026-11-02T16:00:00+07:00",
            )
        })
}

/// A point in time given as a `Date` or an ISO 8601 string with an offset.
pub(crate) fn instant(v: &JsValue, field: &str) -> JsResult<DateTime<Utc>> {
    if let Some(ms) = date_millis(v) {
        return instant_from_millis(ms, field);
    }
    match v.as_string() {
        Some(s) => parse_instant_str(&s, field),
        None => Err(invalid(
            field,
            render_js(v),
            "expected a Date or an ISO 8601 string such as 2026-11-02T09:00:00Z",
        )),
    }
}

// ----- JavaScript -> serde_json::Value -----

fn prop(obj: &JsValue, key: &str, path: &str) -> JsResult<JsValue> {
    Reflect::get(obj, &JsValue::from_str(key)).map_err(|_| {
        invalid(
            join(path, key),
            "",
            "reading this property threw an exception",
        )
    })
}

fn number(n: f64, path: &str) -> JsResult<Value> {
    if !n.is_finite() {
        return Err(invalid(path, n.to_string(), "numbers must be finite"));
    }
    // Whole numbers that a double holds exactly become integers; the rest
    // stay floating point (and are refused where an integer is expected).
    if n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_991.0 {
        return Ok(Value::from(n as i64));
    }
    Ok(Number::from_f64(n).map_or(Value::Null, Value::Number))
}

fn bigint(v: &JsValue, path: &str) -> JsResult<Value> {
    let text = v
        .unchecked_ref::<js_sys::BigInt>()
        .to_string(10)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    if let Ok(i) = text.parse::<i64>() {
        return Ok(Value::from(i));
    }
    if let Ok(u) = text.parse::<u64>() {
        return Ok(Value::from(u));
    }
    Err(invalid(path, text, "this integer is too large"))
}

/// Converts a JavaScript value to JSON data with snake_case keys. `undefined`
/// (at the top or as a property) means absent: `None`, or the key is left out.
/// `path` is the JavaScript path for error messages; `verbatim` keeps the keys
/// of this object as they are (an `attributes` or `answers` map).
fn to_value(v: &JsValue, path: &str, depth: usize, verbatim: bool) -> JsResult<Option<Value>> {
    if v.is_undefined() {
        return Ok(None);
    }
    if v.is_null() {
        return Ok(Some(Value::Null));
    }
    if let Some(b) = v.as_bool() {
        return Ok(Some(Value::Bool(b)));
    }
    if let Some(n) = v.as_f64() {
        return number(n, path).map(Some);
    }
    if let Some(s) = v.as_string() {
        return Ok(Some(Value::String(s)));
    }
    if v.is_bigint() {
        return bigint(v, path).map(Some);
    }
    let here = if path.is_empty() { "input" } else { path };
    if !is_object(v) {
        return Err(invalid(
            here,
            render_js(v),
            "expected plain data (an object, array, string, number, boolean or null)",
        ));
    }
    if depth >= MAX_DEPTH {
        return Err(invalid(
            here,
            "",
            format!("nested more than {MAX_DEPTH} levels deep (a cycle?)"),
        ));
    }
    match shape(v, here)? {
        Shape::Array(len) => {
            if len > MAX_ITEMS {
                return Err(invalid(
                    here,
                    format!("[{len} items]"),
                    format!("at most {MAX_ITEMS} items per call"),
                ));
            }
            let mut out = Vec::with_capacity(len.min(4096) as usize);
            for i in 0..len {
                let p = format!("{path}[{i}]");
                let item = Reflect::get_u32(v, i).map_err(|_| threw(&p, "reading this item"))?;
                out.push(to_value(&item, &p, depth + 1, false)?.unwrap_or(Value::Null));
            }
            Ok(Some(Value::Array(out)))
        }
        Shape::Date(ms) => {
            let at = instant_from_millis(ms, here)?;
            Ok(Some(Value::String(
                at.to_rfc3339_opts(SecondsFormat::AutoSi, true),
            )))
        }
        Shape::Other(kind) => Err(invalid(
            here,
            format!("[{kind}]"),
            format!("expected a plain object, not a {kind}"),
        )),
        Shape::Plain(keys) => {
            let mut out = Map::new();
            for key in keys {
                let p = join(path, &key);
                let item = prop(v, &key, path)?;
                let name = if verbatim { key.clone() } else { snake(&key) };
                let child_verbatim = !verbatim && is_name_map(&name);
                if let Some(x) = to_value(&item, &p, depth + 1, child_verbatim)? {
                    out.insert(name, x);
                }
            }
            Ok(Some(Value::Object(out)))
        }
    }
}

/// Converts one argument; `undefined` becomes `None`.
pub(crate) fn js_to_value(v: &JsValue, field: &str) -> JsResult<Option<Value>> {
    to_value(v, field, 0, false)
}

// ----- serde_json::Value -> core types, with JavaScript field names in errors -----

/// Follows serde's path through the input, yielding the JavaScript path and
/// the value found there (if any).
fn locate<'a>(
    root: &'a Value,
    base: &str,
    path: &serde_path_to_error::Path,
) -> (String, Option<&'a Value>) {
    use serde_path_to_error::Segment;
    let mut js = base.to_owned();
    let mut at = Some(root);
    let mut in_attributes = false;
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => {
                js.push_str(&format!("[{index}]"));
                at = at.and_then(|v| v.get(*index));
                in_attributes = false;
            }
            Segment::Map { key } => {
                let name = if in_attributes {
                    key.clone()
                } else {
                    camel(key)
                };
                js = join(&js, &name);
                at = at.and_then(|v| v.get(key.as_str()));
                in_attributes = !in_attributes && is_name_map(key);
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    (js, at)
}

/// Camel-cases the names quoted in backticks of a serde message about fields.
fn camel_backticks(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    for (i, part) in msg.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 {
            out.push_str(&camel(part));
        } else {
            out.push_str(part);
        }
    }
    out
}

fn backticked(msg: &str) -> Option<&str> {
    msg.split('`').nth(1)
}

/// Deserialises core data from converted JSON. A shape error becomes
/// `invalid_input` naming the JavaScript field (`contacts[0].kind`).
pub(crate) fn decode<T: DeserializeOwned>(value: &Value, base: &str) -> JsResult<T> {
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
        let (path, found) = locate(value, base, e.path());
        let msg = e.inner().to_string();
        let name = |p: &str| {
            if p.is_empty() {
                "input".to_owned()
            } else {
                p.to_owned()
            }
        };
        if msg.starts_with("missing field") {
            let field = backticked(&msg).map_or_else(|| name(&path), |f| join(&path, &camel(f)));
            return invalid(field, "", "this field is required");
        }
        if msg.starts_with("unknown field") {
            // serde's path already ends at the unknown key.
            let raw = backticked(&msg).unwrap_or_default();
            let last_is_key = matches!(
                e.path().iter().next_back(),
                Some(serde_path_to_error::Segment::Map { key }) if key == raw
            );
            let (field, given) = if last_is_key {
                (name(&path), found)
            } else {
                (join(&path, &camel(raw)), found.and_then(|v| v.get(raw)))
            };
            return invalid(
                field,
                given.map(render_value).unwrap_or_default(),
                camel_backticks(&msg),
            );
        }
        let given = found.map(render_value).unwrap_or_default();
        invalid(name(&path), given, msg)
    })
}

/// Converts an object argument and deserialises it.
pub(crate) fn input<T: DeserializeOwned>(v: &JsValue, field: &str) -> JsResult<T> {
    match to_value(v, "", 0, false)? {
        Some(value @ Value::Object(_)) => decode(&value, ""),
        _ => Err(invalid(field, render_js(v), "expected an object")),
    }
}

/// Reads an optional object argument (`undefined` or `null`: the default).
pub(crate) fn opt_input<T: DeserializeOwned + Default>(v: &JsValue, field: &str) -> JsResult<T> {
    if v.is_undefined() || v.is_null() {
        Ok(T::default())
    } else {
        input(v, field)
    }
}

/// Builds core data from positional arguments, named as in JavaScript.
/// `undefined` arguments are left out.
pub(crate) fn args<T: DeserializeOwned>(named: &[(&str, &JsValue)]) -> JsResult<T> {
    let mut map = Map::new();
    for (name, v) in named {
        let key = snake(name);
        let verbatim = is_name_map(&key);
        if let Some(x) = to_value(v, name, 0, verbatim)? {
            map.insert(key, x);
        }
    }
    decode(&Value::Object(map), "")
}

/// Refuses `undefined` for an argument that must be given (possibly as `null`).
pub(crate) fn required(v: &JsValue, field: &str, expected: &str) -> JsResult<()> {
    if v.is_undefined() {
        return Err(invalid(
            field,
            "undefined",
            format!("this argument is required: {expected}"),
        ));
    }
    Ok(())
}

/// A string argument.
pub(crate) fn string(v: &JsValue, field: &str) -> JsResult<String> {
    v.as_string()
        .ok_or_else(|| invalid(field, render_js(v), "expected a string"))
}

/// An optional non-negative whole number argument (`undefined` or `null`: `None`).
pub(crate) fn opt_count(v: &JsValue, field: &str) -> JsResult<Option<u64>> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    match v.as_f64() {
        Some(n)
            if n.is_finite()
                && n.fract() == 0.0
                && (0.0..=9_007_199_254_740_991.0).contains(&n) =>
        {
            Ok(Some(n as u64))
        }
        _ => Err(invalid(
            field,
            render_js(v),
            "expected a whole number, 0 or more",
        )),
    }
}

/// An id argument (`customer`, `agent`, ...).
pub(crate) fn id<T: FromStr<Err = Error>>(v: &JsValue, field: &str) -> JsResult<T> {
    let s = string(v, field)?;
    s.parse::<T>().map_err(|e| match e {
        Error::InvalidInput { value, reason, .. } => invalid(field, value, reason),
        other => Failure::from(other),
    })
}

/// A value of a snake_case string enum (`Channel`, `Purpose`, ...).
pub(crate) fn enum_arg<T: DeserializeOwned>(v: &JsValue, field: &str) -> JsResult<T> {
    let value = js_to_value(v, field)?.unwrap_or(Value::Null);
    serde_json::from_value::<T>(value.clone())
        .map_err(|e| invalid(field, render_value(&value), e.to_string()))
}

/// A seed for new ids: a whole number or bigint, or a random one.
pub(crate) fn seed(v: &JsValue) -> JsResult<u64> {
    if v.is_undefined() || v.is_null() {
        // Two draws of 32 bits each; Math.random has at least 52 random bits.
        let draw = || (js_sys::Math::random() * 4_294_967_296.0) as u64;
        return Ok((draw() << 32) | draw());
    }
    if v.is_bigint() {
        let n = bigint(v, "seed")?;
        return n.as_u64().ok_or_else(|| {
            invalid(
                "seed",
                render_value(&n),
                "expected an integer from 0 to 2^64 - 1",
            )
        });
    }
    opt_count(v, "seed")?.ok_or_else(|| invalid("seed", render_js(v), "expected a whole number"))
}

/// Reads an options object: the values of `allowed` keys in order (`undefined`
/// when absent). `undefined` or `null` options are all absent; any other key
/// is refused, naming it.
pub(crate) fn options(v: &JsValue, field: &str, allowed: &[&str]) -> JsResult<Vec<JsValue>> {
    if v.is_undefined() || v.is_null() {
        return Ok(vec![JsValue::UNDEFINED; allowed.len()]);
    }
    let Shape::Plain(keys) = (if is_object(v) {
        shape(v, field)?
    } else {
        Shape::Other(String::new())
    }) else {
        return Err(invalid(
            field,
            render_js(v),
            format!("expected an object with any of: {}", allowed.join(", ")),
        ));
    };
    for key in keys {
        if !allowed.contains(&key.as_str()) {
            return Err(invalid(
                key,
                "",
                format!("unknown option; the options are: {}", allowed.join(", ")),
            ));
        }
    }
    allowed.iter().map(|k| prop(v, k, "")).collect()
}

/// The `opts` of a command: when (`at`, now by default) and by whom (`actor`,
/// an agent id; the system by default).
pub(crate) fn meta(opts: &JsValue) -> JsResult<Meta> {
    let o = options(opts, "opts", &["at", "actor"])?;
    let (at, actor) = (&o[0], &o[1]);
    let at = if at.is_undefined() {
        now()
    } else {
        instant(at, "at")?
    };
    let actor = if actor.is_undefined() || actor.is_null() {
        Actor::System
    } else {
        Actor::Agent(id::<AgentId>(actor, "actor")?)
    };
    Ok(Meta { at, actor })
}

/// `at` when given, now otherwise.
pub(crate) fn instant_or_now(v: &JsValue, field: &str) -> JsResult<DateTime<Utc>> {
    if v.is_undefined() {
        Ok(now())
    } else {
        instant(v, field)
    }
}

// ----- core types -> JavaScript -----

/// One open `{` or `[` while renaming keys.
struct Frame {
    object: bool,
    /// The next string in this object is a key.
    expect_key: bool,
    /// This object's keys are user-defined names (an `attributes` or `answers` map).
    verbatim: bool,
    /// The last key of this object was `attributes` or `answers`.
    after_attributes: bool,
}

/// Renames the object keys of compact JSON text (as serde_json writes it)
/// from snake_case to camelCase, except the keys of `attributes` and
/// `answers` maps. One pass over the text; strings other than keys are copied
/// as they are.
pub(crate) fn camel_keys(json: &str) -> String {
    let bytes = json.as_bytes();
    let mut out = String::with_capacity(json.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut copied = 0; // bytes of `json` before this index are in `out`
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => {
                let object = bytes[i] == b'{';
                let verbatim =
                    object && stack.last().is_some_and(|f| f.object && f.after_attributes);
                stack.push(Frame {
                    object,
                    expect_key: object,
                    verbatim,
                    after_attributes: false,
                });
                i += 1;
            }
            b'}' | b']' => {
                stack.pop();
                i += 1;
            }
            b',' => {
                if let Some(f) = stack.last_mut() {
                    f.expect_key = f.object;
                }
                i += 1;
            }
            b'"' => {
                // Find the closing quote; bytes of multi-byte UTF-8 never equal '"' or '\\'.
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let end = j.min(bytes.len());
                if let Some(f) = stack.last_mut().filter(|f| f.object && f.expect_key) {
                    let key = &json[start..end];
                    f.expect_key = false;
                    f.after_attributes = !f.verbatim && is_name_map(key);
                    if !f.verbatim && key.contains('_') {
                        out.push_str(&json[copied..start]);
                        out.push_str(&camel(key));
                        copied = end;
                    }
                }
                i = end + 1;
            }
            _ => i += 1,
        }
    }
    out.push_str(&json[copied.min(json.len())..]);
    out
}

/// Core data as camelCase JSON text.
pub(crate) fn to_json_text<T: Serialize + ?Sized>(v: &T) -> JsResult<String> {
    Ok(camel_keys(&serde_json::to_string(v).map_err(internal)?))
}

/// Core data as a JavaScript value with camelCase keys.
pub(crate) fn to_js<T: Serialize + ?Sized>(v: &T) -> JsResult<JsValue> {
    let text = to_json_text(v)?;
    js_sys::JSON::parse(&text)
        .map_err(|_| invalid("output", "", "internal: the result could not be converted"))
}

fn internal(e: serde_json::Error) -> Failure {
    invalid(
        "output",
        "",
        format!("internal: the result could not be converted: {e}"),
    )
}

/// A plain JavaScript object from (key, value) pairs.
pub(crate) fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in entries {
        // Defining a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_case_round_trips() {
        for (s, c) in [
            ("full_name", "fullName"),
            ("allow_shared_contacts", "allowSharedContacts"),
            ("v", "v"),
            ("amount_minor", "amountMinor"),
            ("first_seq", "firstSeq"),
        ] {
            assert_eq!(camel(s), c);
            assert_eq!(snake(c), s);
        }
    }

    #[test]
    fn core_fields_become_js_fields() {
        assert_eq!(js_field("full_name"), "fullName");
        assert_eq!(js_field("address.postal_code"), "address.postalCode");
        assert_eq!(
            js_field("attributes.loyalty_points"),
            "attributes.loyalty_points"
        );
        assert_eq!(js_field("email"), "email");
        assert_eq!(js_field("answers.would_buy"), "answers.would_buy");
    }

    #[test]
    fn output_keys_are_camel_case_except_attribute_names() {
        let cases = [
            (
                r#"{"id":"x","full_name":"A","attributes":{"loyalty_points":{"type":"money","value":{"amount_minor":5,"currency":"VND"}}},"preferred_channel":"in_person"}"#,
                r#"{"id":"x","fullName":"A","attributes":{"loyalty_points":{"type":"money","value":{"amountMinor":5,"currency":"VND"}}},"preferredChannel":"in_person"}"#,
            ),
            // Values are never renamed, even when they look like keys.
            (
                r#"{"a_b":"c_d","e_f":["g_h",{"i_j":"k\"_l"}],"m_n":{"o_p":1}}"#,
                r#"{"aB":"c_d","eF":["g_h",{"iJ":"k\"_l"}],"mN":{"oP":1}}"#,
            ),
            // Attribute names stay, including one named `attributes`; a later key is renamed again.
            (
                r#"{"attributes":{"attributes":{"type":"text","value":"x"},"my_key":null},"time_zone":null}"#,
                r#"{"attributes":{"attributes":{"type":"text","value":"x"},"my_key":null},"timeZone":null}"#,
            ),
            (
                r#"{"changes":{"given_name":null,"attributes":{"a_b":{"type":"date_time","value":"2026-01-01T00:00:00Z"}}}}"#,
                r#"{"changes":{"givenName":null,"attributes":{"a_b":{"type":"date_time","value":"2026-01-01T00:00:00Z"}}}}"#,
            ),
            (
                r#"[{"first_seq":1},{"attributes":null,"x_y":2}]"#,
                r#"[{"firstSeq":1},{"attributes":null,"xY":2}]"#,
            ),
            // Survey answers are keyed by the question keys the user chose.
            (
                r#"{"answered_at":"x","answers":{"would_buy":["a_b"],"note":"n"},"sent_at":"y"}"#,
                r#"{"answeredAt":"x","answers":{"would_buy":["a_b"],"note":"n"},"sentAt":"y"}"#,
            ),
            (r#""a_b""#, r#""a_b""#),
            (
                r#"{"ễ_ý":"\\","ok_k":"Đức_"}"#,
                r#"{"ễý":"\\","okK":"Đức_"}"#,
            ),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(camel_keys(input), expected, "{input}");
        }
    }

    #[test]
    fn backticked_names_are_camel_cased() {
        assert_eq!(
            camel_backticks("unknown field `ful_name`, expected `full_name` or `given_name`"),
            "unknown field `fulName`, expected `fullName` or `givenName`"
        );
    }
}
