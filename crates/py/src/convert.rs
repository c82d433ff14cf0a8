//! Conversions between Python objects and the core's serde (JSON) forms.
//!
//! Arguments go Python -> `serde_json::Value` -> core struct, so a bad value
//! is reported by the core's own field names (`contacts[0].kind`) as an
//! `invalid_input` error, never as a bare `TypeError`. Results go core struct
//! -> JSON -> Python, with times as aware `datetime`s and typed attributes as
//! natural Python values.

use chrono::{DateTime, NaiveDate, SecondsFormat, TimeDelta, Utc};
use clientcare::{
    Agenda, AttrValue, Complaint, Customer, Error, FollowUp, Interaction, Opportunity, PlaybookRun,
    Purchase, Referral, RunProgress, SlaAlert, SlaStatus, Survey,
};
use pyo3::prelude::*;
use pyo3::sync::GILOnceCell;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Number, Value};
use std::fmt;
use std::str::FromStr;

/// Where a value sits in an argument, for error messages (`contacts[0].kind`).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Path<'a> {
    /// An argument or top-level field.
    Root(&'a str),
    /// A key of a dict.
    Key(&'a Path<'a>, &'a str),
    /// An item of a list.
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    /// How deep this value is nested.
    fn depth(&self) -> usize {
        match self {
            Path::Root(_) => 0,
            Path::Key(p, _) | Path::Index(p, _) => 1 + p.depth(),
        }
    }

    /// Refuses values nested deeper than anything the core accepts (and
    /// self-containing lists), before recursion could exhaust the stack.
    fn enter(&self, obj: &Bound<'_, PyAny>) -> Result<(), Error> {
        if self.depth() >= MAX_DEPTH {
            return Err(bad(
                *self,
                obj,
                format!("nested more than {MAX_DEPTH} levels deep"),
            ));
        }
        Ok(())
    }
}

/// Deepest nesting of lists and dicts accepted in an argument.
const MAX_DEPTH: usize = 16;

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root(name) => f.write_str(name),
            Path::Key(Path::Root(""), key) => f.write_str(key),
            Path::Key(parent, key) => write!(f, "{parent}.{key}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// An optional argument that tells "omitted" from an explicit `None`.
#[derive(Debug)]
pub(crate) enum Opt<'py> {
    /// Not passed: leave the field as it is.
    Omitted,
    /// Passed (possibly `None`, which clears the field).
    Given(Bound<'py, PyAny>),
}

impl<'py> FromPyObject<'py> for Opt<'py> {
    fn extract_bound(ob: &Bound<'py, PyAny>) -> PyResult<Self> {
        Ok(Opt::Given(ob.clone()))
    }
}

const NAIVE: &str = "naive datetime (no tzinfo): clientcare never guesses a time zone; \
pass an aware datetime such as datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)";

struct DateTypes {
    date: Py<PyAny>,
    datetime: Py<PyAny>,
    timedelta: Py<PyAny>,
    utc: Py<PyAny>,
}

static DATE_TYPES: GILOnceCell<DateTypes> = GILOnceCell::new();

fn date_types(py: Python<'_>) -> PyResult<&DateTypes> {
    DATE_TYPES.get_or_try_init(py, || {
        let m = py.import("datetime")?;
        Ok(DateTypes {
            date: m.getattr("date")?.unbind(),
            datetime: m.getattr("datetime")?.unbind(),
            timedelta: m.getattr("timedelta")?.unbind(),
            utc: m.getattr("timezone")?.getattr("utc")?.unbind(),
        })
    })
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_owned())
}

/// A short `repr` of a value for error details.
fn short_repr(obj: &Bound<'_, PyAny>) -> String {
    let mut s = obj
        .repr()
        .map(|r| r.to_string())
        .unwrap_or_else(|_| format!("<{}>", type_name(obj)));
    if let Some((cut, _)) = s.char_indices().nth(120) {
        s.truncate(cut);
        s.push('…');
    }
    s
}

/// An `invalid_input` error about the value at `path`.
pub(crate) fn bad(path: Path<'_>, obj: &Bound<'_, PyAny>, reason: impl Into<String>) -> Error {
    Error::invalid_input(path.to_string(), short_repr(obj), reason)
}

fn text(s: &Bound<'_, PyString>, path: Path<'_>) -> Result<String, Error> {
    s.to_cow()
        .map(std::borrow::Cow::into_owned)
        .map_err(|_| bad(path, s, "not valid text (it holds unpaired surrogates)"))
}

fn int(obj: &Bound<'_, PyAny>, path: Path<'_>) -> Result<Value, Error> {
    if let Ok(i) = obj.extract::<i64>() {
        return Ok(Value::from(i));
    }
    obj.extract::<u64>()
        .map(Value::from)
        .map_err(|_| bad(path, obj, "integer out of range (it must fit in 64 bits)"))
}

fn float(f: &Bound<'_, PyFloat>, path: Path<'_>) -> Result<Value, Error> {
    Number::from_f64(f.value())
        .map(Value::Number)
        .ok_or_else(|| bad(path, f, "numbers must be finite (not nan or inf)"))
}

fn key_text(k: &Bound<'_, PyAny>, path: Path<'_>) -> Result<String, Error> {
    match k.downcast::<PyString>() {
        Ok(s) => text(s, path),
        Err(_) => Err(bad(
            path,
            k,
            format!("dict keys must be str, not {}", type_name(k)),
        )),
    }
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// Converts any supported Python value to JSON: `None`, `bool`, `int`,
/// `float`, `str`, dicts with `str` keys, lists, tuples and other iterables,
/// aware `datetime`s (RFC 3339, UTC) and `date`s (ISO 8601).
pub(crate) fn to_json(obj: &Bound<'_, PyAny>, path: Path<'_>) -> Result<Value, Error> {
    if let Ok(s) = obj.downcast::<PyString>() {
        return text(s, path).map(Value::String);
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.downcast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        return int(obj, path);
    }
    if let Ok(f) = obj.downcast::<PyFloat>() {
        return float(f, path);
    }
    if let Ok(d) = obj.downcast::<PyDict>() {
        path.enter(obj)?;
        return dict_to_json(d, path).map(Value::Object);
    }
    if let Ok(l) = obj.downcast::<PyList>() {
        path.enter(obj)?;
        let mut out = Vec::with_capacity(l.len());
        for (i, item) in l.iter().enumerate() {
            out.push(to_json(&item, Path::Index(&path, i))?);
        }
        return Ok(Value::Array(out));
    }
    if let Some((_, v)) = date_to_json(obj, path)? {
        return Ok(v);
    }
    if obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>() {
        return Err(bad(
            path,
            obj,
            "bytes are not text; decode them to str first",
        ));
    }
    match obj.try_iter() {
        Ok(items) => {
            path.enter(obj)?;
            let mut out = Vec::new();
            for (i, item) in items.enumerate() {
                let item = item.map_err(|e| bad(path, obj, format!("iterating failed: {e}")))?;
                out.push(to_json(&item, Path::Index(&path, i))?);
            }
            Ok(Value::Array(out))
        }
        Err(_) => Err(bad(
            path,
            obj,
            format!(
                "unsupported type {}; expected str, int, float, bool, None, a list or a dict",
                type_name(obj)
            ),
        )),
    }
}

/// A private copy of a dict to iterate: converting a value may run Python
/// code that changes the original.
pub(crate) fn snapshot<'py>(
    d: &Bound<'py, PyDict>,
    path: Path<'_>,
) -> Result<Bound<'py, PyDict>, Error> {
    d.copy()
        .map_err(|e| bad(path, d, format!("cannot read the dict: {e}")))
}

/// Converts a dict with `str` keys.
pub(crate) fn dict_to_json(
    d: &Bound<'_, PyDict>,
    path: Path<'_>,
) -> Result<Map<String, Value>, Error> {
    let mut m = Map::new();
    for (k, v) in snapshot(d, path)?.iter() {
        let key = key_text(&k, path)?;
        let value = to_json(&v, Path::Key(&path, &key))?;
        m.insert(key, value);
    }
    Ok(m)
}

/// For a `datetime` (aware only): `("date_time", RFC 3339 in UTC)`; for a
/// `date`: `("date", ISO 8601)`; `None` for anything else.
fn date_to_json(
    obj: &Bound<'_, PyAny>,
    path: Path<'_>,
) -> Result<Option<(&'static str, Value)>, Error> {
    let py = obj.py();
    let t = date_types(py).map_err(|e| bad(path, obj, e.to_string()))?;
    if obj.is_instance(t.datetime.bind(py)).unwrap_or(false) {
        return to_utc(obj, path).map(|t| Some(("date_time", Value::String(rfc3339(t)))));
    }
    if obj.is_instance(t.date.bind(py)).unwrap_or(false) {
        return date(obj, path).map(|d| Some(("date", Value::String(d.to_string()))));
    }
    Ok(None)
}

fn date(obj: &Bound<'_, PyAny>, path: Path<'_>) -> Result<NaiveDate, Error> {
    obj.extract::<NaiveDate>()
        .map_err(|e| bad(path, obj, format!("not a valid date: {e}")))
}

/// Reads an aware `datetime` as a UTC instant. Naive datetimes are refused.
pub(crate) fn to_utc(obj: &Bound<'_, PyAny>, path: Path<'_>) -> Result<DateTime<Utc>, Error> {
    let py = obj.py();
    let t = date_types(py).map_err(|e| bad(path, obj, e.to_string()))?;
    if !obj.is_instance(t.datetime.bind(py)).unwrap_or(false) {
        return Err(bad(
            path,
            obj,
            format!(
                "expected a timezone-aware datetime.datetime, got {}",
                type_name(obj)
            ),
        ));
    }
    let offset = obj
        .call_method0("utcoffset")
        .map_err(|e| bad(path, obj, format!("its time zone failed: {e}")))?;
    if offset.is_none() {
        return Err(bad(path, obj, NAIVE));
    }
    obj.call_method1("astimezone", (t.utc.bind(py),))
        .and_then(|u| u.extract::<DateTime<Utc>>())
        .map_err(|e| bad(path, obj, format!("cannot be read as a UTC instant: {e}")))
}

const LOCAL: &str = "expected a local wall-clock time: a naive datetime.datetime (read in \
the recurrence's time_zone), a datetime.date, an ISO string such as \"2026-11-06T09:00:00\", \
or a datetime whose tzinfo is a zoneinfo.ZoneInfo";

/// A local wall-clock time (of a recurrence) as JSON, with the IANA zone of
/// its `tzinfo` when it has one: a naive `datetime` (`"2026-11-06T09:00:00"`:
/// the time zone is given separately, so nothing is guessed), a
/// `datetime` whose `tzinfo` is a `zoneinfo.ZoneInfo` (its wall-clock time
/// and the zone's key), a `date` (`"2026-11-06"`) or a `str` (as is).
/// Datetimes with a fixed offset (`timezone.utc`) are refused: they name no
/// zone whose daylight-saving rules a recurrence could follow.
pub(crate) fn local_to_json(
    obj: &Bound<'_, PyAny>,
    path: Path<'_>,
) -> Result<(Value, Option<String>), Error> {
    if let Ok(s) = obj.downcast::<PyString>() {
        return Ok((Value::String(text(s, path)?), None));
    }
    let py = obj.py();
    let t = date_types(py).map_err(|e| bad(path, obj, e.to_string()))?;
    let iso = |o: &Bound<'_, PyAny>| -> Result<Value, Error> {
        o.call_method0("isoformat")
            .and_then(|s| s.extract::<String>())
            .map(Value::String)
            .map_err(|e| bad(path, obj, format!("cannot be read: {e}")))
    };
    if obj.is_instance(t.datetime.bind(py)).unwrap_or(false) {
        let offset = obj
            .call_method0("utcoffset")
            .map_err(|e| bad(path, obj, format!("its time zone failed: {e}")))?;
        if offset.is_none() {
            return Ok((iso(obj)?, None));
        }
        let key = obj
            .getattr("tzinfo")
            .and_then(|z| z.getattr("key"))
            .ok()
            .and_then(|k| k.extract::<String>().ok())
            .ok_or_else(|| {
                bad(
                    path,
                    obj,
                    "a recurrence's times are local wall-clock times in an IANA zone: pass a \
                     naive datetime with time_zone, or a datetime whose tzinfo is a \
                     zoneinfo.ZoneInfo (a fixed offset such as timezone.utc follows no \
                     daylight-saving rules)",
                )
            })?;
        let kwargs = PyDict::new(py);
        kwargs
            .set_item("tzinfo", py.None())
            .map_err(|e| bad(path, obj, e.to_string()))?;
        let wall = obj
            .call_method("replace", (), Some(&kwargs))
            .map_err(|e| bad(path, obj, format!("cannot be read: {e}")))?;
        return Ok((iso(&wall)?, Some(key)));
    }
    if obj.is_instance(t.date.bind(py)).unwrap_or(false) {
        return Ok((iso(obj)?, None));
    }
    Err(bad(path, obj, format!("{LOCAL}, got {}", type_name(obj))))
}

/// The current time, read through Python's `datetime.now(timezone.utc)` (so
/// clock fakes such as freezegun apply).
pub(crate) fn now(py: Python<'_>) -> PyResult<DateTime<Utc>> {
    let t = date_types(py)?;
    t.datetime
        .bind(py)
        .call_method1("now", (t.utc.bind(py),))?
        .extract()
}

/// An optional `now` (or similar) argument: an aware `datetime`, or the
/// current time when absent.
pub(crate) fn time_or_now(
    py: Python<'_>,
    obj: Option<&Bound<'_, PyAny>>,
    field: &str,
) -> PyResult<DateTime<Utc>> {
    match obj {
        Some(o) if !o.is_none() => {
            to_utc(o, Path::Root(field)).map_err(|e| crate::errors::to_py(py, &e))
        }
        _ => now(py),
    }
}

/// The argument as a `datetime.timedelta` (a business duration).
pub(crate) fn delta_arg(obj: &Bound<'_, PyAny>, field: &str) -> Result<TimeDelta, Error> {
    let py = obj.py();
    let path = Path::Root(field);
    let t = date_types(py).map_err(|e| bad(path, obj, e.to_string()))?;
    if !obj.is_instance(t.timedelta.bind(py)).unwrap_or(false) {
        return Err(bad(
            path,
            obj,
            format!(
                "expected a datetime.timedelta such as timedelta(hours=2), got {}",
                type_name(obj)
            ),
        ));
    }
    obj.extract::<TimeDelta>()
        .map_err(|e| bad(path, obj, format!("cannot be read as a duration: {e}")))
}

/// The argument as text.
pub(crate) fn str_arg(obj: &Bound<'_, PyAny>, field: &str) -> Result<String, Error> {
    match obj.downcast::<PyString>() {
        Ok(s) => text(s, Path::Root(field)),
        Err(_) => Err(bad(
            Path::Root(field),
            obj,
            format!("expected a str, got {}", type_name(obj)),
        )),
    }
}

/// The argument as a typed id (a UUID string).
pub(crate) fn id_arg<T: FromStr<Err = Error>>(
    obj: &Bound<'_, PyAny>,
    field: &str,
) -> Result<T, Error> {
    let s = str_arg(obj, field)?;
    s.parse::<T>().map_err(|_| {
        Error::invalid_input(
            field,
            s,
            "expected an id: a UUID string such as 0190f5c2-7b1e-7c3a-9d2e-1a2b3c4d5e6f",
        )
    })
}

/// The argument as a non-negative integer (`bool` is refused).
pub(crate) fn uint_arg(obj: &Bound<'_, PyAny>, field: &str) -> Result<u64, Error> {
    if obj.is_instance_of::<PyBool>() || !obj.is_instance_of::<PyInt>() {
        return Err(bad(
            Path::Root(field),
            obj,
            format!("expected an int, got {}", type_name(obj)),
        ));
    }
    obj.extract::<u64>().map_err(|_| {
        bad(
            Path::Root(field),
            obj,
            "expected a non-negative integer that fits in 64 bits",
        )
    })
}

/// The argument as a page size or similar count.
pub(crate) fn usize_arg(obj: &Bound<'_, PyAny>, field: &str) -> Result<usize, Error> {
    let n = uint_arg(obj, field)?;
    usize::try_from(n).map_err(|_| bad(Path::Root(field), obj, "too large"))
}

/// The argument as one of the core's snake_case enum values (`"email"`).
pub(crate) fn enum_arg<T: DeserializeOwned>(
    obj: &Bound<'_, PyAny>,
    field: &str,
) -> Result<T, Error> {
    let s = str_arg(obj, field)?;
    from_json(&Value::String(s), field)
}

/// Typed attribute values from natural Python values: `str` -> text, `bool`,
/// `int` -> integer, `float` -> number, `date`, aware `datetime` -> date_time,
/// `{"amount_minor": int, "currency": str}` -> money. The JSON form
/// `{"type": ..., "value": ...}` is accepted as is. `None` removes the
/// attribute when `nullable`.
pub(crate) fn attrs_to_json(
    obj: &Bound<'_, PyAny>,
    path: Path<'_>,
    nullable: bool,
) -> Result<Value, Error> {
    if obj.is_none() {
        return Ok(Value::Object(Map::new()));
    }
    let d = obj.downcast::<PyDict>().map_err(|_| {
        bad(
            path,
            obj,
            format!(
                "expected a dict of attribute name to value, got {}",
                type_name(obj)
            ),
        )
    })?;
    let mut m = Map::new();
    for (k, v) in snapshot(d, path)?.iter() {
        let key = key_text(&k, path)?;
        let p = Path::Key(&path, &key);
        let value = if v.is_none() {
            if !nullable {
                return Err(bad(
                    p,
                    &v,
                    "an attribute value cannot be None here; leave the key out",
                ));
            }
            Value::Null
        } else {
            attr_to_json(&v, p)?
        };
        m.insert(key, value);
    }
    Ok(Value::Object(m))
}

fn attr_to_json(v: &Bound<'_, PyAny>, path: Path<'_>) -> Result<Value, Error> {
    let (kind, value) = if let Ok(s) = v.downcast::<PyString>() {
        ("text", Value::String(text(s, path)?))
    } else if let Ok(b) = v.downcast::<PyBool>() {
        ("bool", Value::Bool(b.is_true()))
    } else if v.is_instance_of::<PyInt>() {
        let i = v.extract::<i64>().map_err(|_| {
            bad(
                path,
                v,
                "integers must fit in 64 bits (store larger ones as text)",
            )
        })?;
        ("integer", Value::from(i))
    } else if let Ok(f) = v.downcast::<PyFloat>() {
        ("number", float(f, path)?)
    } else if let Ok(d) = v.downcast::<PyDict>() {
        let has = |k: &str| d.contains(k).unwrap_or(false);
        if d.len() == 2 && has("amount_minor") && has("currency") {
            ("money", Value::Object(dict_to_json(d, path)?))
        } else if d.len() == 2 && has("type") && has("value") {
            return to_json(v, path);
        } else {
            return Err(bad(
                path,
                v,
                "a dict attribute must be money: {\"amount_minor\": int, \"currency\": \"VND\"}",
            ));
        }
    } else if let Some(dated) = date_to_json(v, path)? {
        dated
    } else {
        return Err(bad(
            path,
            v,
            format!(
                "unsupported attribute type {}; use str, bool, int, float, datetime.date, \
                 an aware datetime.datetime or {{\"amount_minor\": int, \"currency\": str}}",
                type_name(v)
            ),
        ));
    };
    let mut m = Map::new();
    m.insert("type".to_owned(), Value::String(kind.to_owned()));
    m.insert("value".to_owned(), value);
    Ok(Value::Object(m))
}

/// Deserialises a core type from JSON; errors name the field (the core's
/// [`clientcare::json::decode`]).
pub(crate) use clientcare::json::decode as from_json;

/// Builds the JSON object of a command from arguments; the first bad
/// argument is kept and reported by [`Fields::parse`].
#[derive(Debug, Default)]
pub(crate) struct Fields {
    map: Map<String, Value>,
    err: Option<Error>,
}

impl Fields {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    fn insert(mut self, key: &str, v: Result<Value, Error>) -> Self {
        if self.err.is_none() {
            match v {
                Ok(v) => {
                    self.map.insert(key.to_owned(), v);
                }
                Err(e) => self.err = Some(e),
            }
        }
        self
    }

    /// Sets `key` when the argument was given and is not `None`.
    pub(crate) fn put(self, key: &str, obj: Option<&Bound<'_, PyAny>>) -> Self {
        match obj {
            Some(o) if !o.is_none() => {
                let v = to_json(o, Path::Root(key));
                self.insert(key, v)
            }
            _ => self,
        }
    }

    /// Sets `key` when the argument was given; `None` is kept as `null` (clear).
    pub(crate) fn put_opt(self, key: &str, obj: &Opt<'_>) -> Self {
        match obj {
            Opt::Omitted => self,
            Opt::Given(o) => {
                let v = to_json(o, Path::Root(key));
                self.insert(key, v)
            }
        }
    }

    /// Sets a list of strings; a single `str` counts as a one-item list.
    pub(crate) fn put_strs(self, key: &str, obj: Option<&Bound<'_, PyAny>>) -> Self {
        match obj {
            Some(o) if o.is_instance_of::<PyString>() => {
                let v = to_json(o, Path::Root(key)).map(|s| Value::Array(vec![s]));
                self.insert(key, v)
            }
            _ => self.put(key, obj),
        }
    }

    /// Sets `key` to a value converted by the caller (kept unless an
    /// earlier argument was bad).
    pub(crate) fn put_json(self, key: &str, v: Option<Result<Value, Error>>) -> Self {
        match v {
            Some(v) => self.insert(key, v),
            None => self,
        }
    }

    /// Sets typed attributes from natural Python values.
    pub(crate) fn put_attrs(
        self,
        key: &str,
        obj: Option<&Bound<'_, PyAny>>,
        nullable: bool,
    ) -> Self {
        match obj {
            Some(o) => {
                let v = attrs_to_json(o, Path::Root(key), nullable);
                self.insert(key, v)
            }
            None => self,
        }
    }

    /// The object as a core type.
    pub(crate) fn parse<T: DeserializeOwned>(self) -> Result<T, Error> {
        if let Some(e) = self.err {
            return Err(e);
        }
        from_json(&Value::Object(self.map), "")
    }
}

/// A registration row (a dict) as JSON: `None` values count as absent, a
/// single `str` for `emails`/`phones`/`tags` as a one-item list, and
/// `attributes` take natural Python values.
pub(crate) fn row_to_json(row: &Bound<'_, PyAny>, path: Path<'_>) -> Result<Value, Error> {
    let d = row.downcast::<PyDict>().map_err(|_| {
        bad(
            Path::Root("row"),
            row,
            format!("each row must be a dict, got {}", type_name(row)),
        )
    })?;
    let mut m = Map::new();
    for (k, v) in snapshot(d, path)?.iter() {
        if v.is_none() {
            continue;
        }
        let key = key_text(&k, path)?;
        let p = Path::Key(&path, &key);
        let value = match key.as_str() {
            "attributes" => attrs_to_json(&v, p, false)?,
            "emails" | "phones" | "tags" if v.is_instance_of::<PyString>() => {
                Value::Array(vec![to_json(&v, p)?])
            }
            _ => to_json(&v, p)?,
        };
        m.insert(key, value);
    }
    Ok(Value::Object(m))
}

// ----- results -----

/// A core value in its JSON form, as Python objects (dicts in field order,
/// lists, str, int, float, bool, None).
pub(crate) fn to_py<'py, T: Serialize>(py: Python<'py>, v: &T) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, v).map_err(PyErr::from)
}

fn to_py_dict<'py, T: Serialize>(py: Python<'py>, v: &T) -> PyResult<Bound<'py, PyDict>> {
    Ok(to_py(py, v)?.downcast_into::<PyDict>()?)
}

/// A typed attribute as a natural Python value.
pub(crate) fn attr_to_py<'py>(py: Python<'py>, v: &AttrValue) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        AttrValue::Text(s) => PyString::new(py, s).into_any(),
        AttrValue::Integer(i) => i.into_pyobject(py)?.into_any(),
        AttrValue::Number(n) => n.into_pyobject(py)?.into_any(),
        AttrValue::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        AttrValue::Date(d) => d.into_pyobject(py)?.into_any(),
        AttrValue::DateTime(t) => t.into_pyobject(py)?.into_any(),
        AttrValue::Money(m) => {
            let d = PyDict::new(py);
            d.set_item("amount_minor", m.amount_minor)?;
            d.set_item("currency", &m.currency)?;
            d.into_any()
        }
    })
}

/// A customer as a dict: its JSON shape with aware datetimes and natural
/// attribute values.
pub(crate) fn customer_to_py<'py>(py: Python<'py>, c: &Customer) -> PyResult<Bound<'py, PyDict>> {
    let d = to_py_dict(py, c)?;
    d.set_item("created_at", c.created_at)?;
    d.set_item("updated_at", c.updated_at)?;
    d.set_item("erased_at", c.erased_at)?;
    let consents = PyList::empty(py);
    for k in &c.consents {
        let item = to_py_dict(py, k)?;
        item.set_item("at", k.at)?;
        consents.append(item)?;
    }
    d.set_item("consents", consents)?;
    let attrs = PyDict::new(py);
    for (k, v) in &c.attributes {
        attrs.set_item(k, attr_to_py(py, v)?)?;
    }
    d.set_item("attributes", attrs)?;
    Ok(d)
}

/// A list of customers as dicts.
pub(crate) fn customers_to_py<'py, 'c>(
    py: Python<'py>,
    items: impl IntoIterator<Item = &'c Customer>,
) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for c in items {
        list.append(customer_to_py(py, c)?)?;
    }
    Ok(list)
}

/// An interaction as a dict, `occurred_at` as an aware datetime.
pub(crate) fn interaction_to_py<'py>(
    py: Python<'py>,
    i: &Interaction,
) -> PyResult<Bound<'py, PyDict>> {
    let d = to_py_dict(py, i)?;
    d.set_item("occurred_at", i.occurred_at)?;
    Ok(d)
}

/// A complaint as a dict: its JSON shape with its times (`received_at`,
/// `created_at`, `updated_at`, `first_response_at`, `closed_at`, and those of
/// its resolutions and messages) as aware datetimes.
pub(crate) fn complaint_to_py<'py>(py: Python<'py>, c: &Complaint) -> PyResult<Bound<'py, PyDict>> {
    let d = to_py_dict(py, c)?;
    d.set_item("received_at", c.received_at)?;
    d.set_item("created_at", c.created_at)?;
    d.set_item("updated_at", c.updated_at)?;
    d.set_item("first_response_at", c.first_response_at)?;
    d.set_item("closed_at", c.closed_at)?;
    let resolutions = PyList::empty(py);
    for r in &c.resolutions {
        let item = to_py_dict(py, r)?;
        item.set_item("at", r.at)?;
        resolutions.append(item)?;
    }
    d.set_item("resolutions", resolutions)?;
    let messages = PyList::empty(py);
    for m in &c.messages {
        let item = to_py_dict(py, m)?;
        item.set_item("occurred_at", m.occurred_at)?;
        messages.append(item)?;
    }
    d.set_item("messages", messages)?;
    Ok(d)
}

/// A list of complaints as dicts.
pub(crate) fn complaints_to_py<'py, 'c>(
    py: Python<'py>,
    items: impl IntoIterator<Item = &'c Complaint>,
) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for c in items {
        list.append(complaint_to_py(py, c)?)?;
    }
    Ok(list)
}

/// An SLA status as a dict, its instants as aware datetimes (`None` when
/// absent). `intervals` is present only in an explanation.
pub(crate) fn sla_status_to_py<'py>(
    py: Python<'py>,
    s: &SlaStatus,
) -> PyResult<Bound<'py, PyDict>> {
    let d = to_py_dict(py, s)?;
    d.set_item("at", s.at)?;
    let metrics = PyList::empty(py);
    for m in &s.metrics {
        let item = to_py_dict(py, m)?;
        item.set_item("started_at", m.started_at)?;
        item.set_item("deadline", m.deadline)?;
        item.set_item("warning_at", m.warning_at)?;
        item.set_item("breached_at", m.breached_at)?;
        item.set_item("completed_at", m.completed_at)?;
        if !m.intervals.is_empty() {
            let intervals = PyList::empty(py);
            for i in &m.intervals {
                let x = to_py_dict(py, i)?;
                x.set_item("from", i.from)?;
                x.set_item("to", i.to)?;
                intervals.append(x)?;
            }
            item.set_item("intervals", intervals)?;
        }
        metrics.append(item)?;
    }
    d.set_item("metrics", metrics)?;
    Ok(d)
}

/// SLA statuses as a list of dicts.
pub(crate) fn sla_statuses_to_py<'py>(
    py: Python<'py>,
    items: &[SlaStatus],
) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for s in items {
        list.append(sla_status_to_py(py, s)?)?;
    }
    Ok(list)
}

/// SLA alerts as a list of dicts, `deadline` as an aware datetime.
pub(crate) fn alerts_to_py<'py>(
    py: Python<'py>,
    items: &[SlaAlert],
) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for a in items {
        let d = to_py_dict(py, a)?;
        d.set_item("deadline", a.deadline)?;
        list.append(d)?;
    }
    Ok(list)
}

/// A list of records as dicts, each converted by `one`.
pub(crate) fn list_to_py<'py, 'r, T: 'r>(
    py: Python<'py>,
    items: impl IntoIterator<Item = &'r T>,
    one: impl Fn(Python<'py>, &T) -> PyResult<Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for x in items {
        list.append(one(py, x)?)?;
    }
    Ok(list)
}

/// An opportunity as a dict: its times as aware datetimes and
/// `expected_close` as a `date` (or `None`).
pub(crate) fn opportunity_to_py<'py>(
    py: Python<'py>,
    o: &Opportunity,
) -> PyResult<Bound<'py, PyDict>> {
    let d = to_py_dict(py, o)?;
    d.set_item("expected_close", o.expected_close)?;
    d.set_item("created_at", o.created_at)?;
    d.set_item("updated_at", o.updated_at)?;
    d.set_item("stage_entered_at", o.stage_entered_at)?;
    d.set_item("last_activity_at", o.last_activity_at)?;
    d.set_item("closed_at", o.closed_at)?;
    Ok(d)
}

/// A purchase as a dict, `occurred_at` as an aware datetime.
pub(crate) fn purchase_to_py<'py>(py: Python<'py>, p: &Purchase) -> PyResult<Bound<'py, PyDict>> {
    let d = to_py_dict(py, p)?;
    d.set_item("occurred_at", p.occurred_at)?;
    Ok(d)
}

/// A referral as a dict, `referred_at` as an aware datetime.
pub(crate) fn referral_to_py<'py>(py: Python<'py>, r: &Referral) -> PyResult<Bound<'py, PyDict>> {
    let d = to_py_dict(py, r)?;
    d.set_item("referred_at", r.referred_at)?;
    Ok(d)
}

/// A follow-up as a dict: `due_at`, `slot`, `due_end`, `created_at`,
/// `updated_at` and `closed_at` as aware datetimes; its `recurrence` in the
/// JSON form `schedule_follow_up` takes (local times as ISO strings).
pub(crate) fn follow_up_to_py<'py>(py: Python<'py>, f: &FollowUp) -> PyResult<Bound<'py, PyDict>> {
    let d = to_py_dict(py, f)?;
    d.set_item("due_at", f.due_at)?;
    d.set_item("slot", f.slot)?;
    d.set_item("due_end", f.due_end)?;
    d.set_item("created_at", f.created_at)?;
    d.set_item("updated_at", f.updated_at)?;
    d.set_item("closed_at", f.closed_at)?;
    Ok(d)
}

/// An agenda as `{"overdue": [...], "upcoming": [...], "truncated": bool}`.
pub(crate) fn agenda_to_py<'py>(py: Python<'py>, a: &Agenda<'_>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(
        "overdue",
        list_to_py(py, a.overdue.iter().copied(), follow_up_to_py)?,
    )?;
    d.set_item(
        "upcoming",
        list_to_py(py, a.upcoming.iter().copied(), follow_up_to_py)?,
    )?;
    d.set_item("truncated", a.truncated)?;
    Ok(d)
}

/// A playbook run as a dict, `started_at` as an aware datetime.
pub(crate) fn playbook_run_to_py<'py>(
    py: Python<'py>,
    r: &PlaybookRun,
) -> PyResult<Bound<'py, PyDict>> {
    let d = to_py_dict(py, r)?;
    d.set_item("started_at", r.started_at)?;
    if let Some(end) = &r.ended {
        let e = to_py_dict(py, end)?;
        e.set_item("at", end.at)?;
        d.set_item("ended", e)?;
    }
    Ok(d)
}

/// A run's progress as a dict, each step's `due_at` as an aware datetime.
pub(crate) fn run_progress_to_py<'py>(
    py: Python<'py>,
    p: &RunProgress,
) -> PyResult<Bound<'py, PyDict>> {
    let d = to_py_dict(py, p)?;
    let steps = PyList::empty(py);
    for s in &p.steps {
        let item = to_py_dict(py, s)?;
        item.set_item("due_at", s.due_at)?;
        steps.append(item)?;
    }
    d.set_item("steps", steps)?;
    Ok(d)
}

/// A survey as a dict: `sent_at`, `expires_at` and `answered_at` as aware
/// datetimes; answers as int, str or list of str.
pub(crate) fn survey_to_py<'py>(py: Python<'py>, s: &Survey) -> PyResult<Bound<'py, PyDict>> {
    let d = to_py_dict(py, s)?;
    d.set_item("sent_at", s.sent_at)?;
    d.set_item("expires_at", s.expires_at)?;
    d.set_item("answered_at", s.answered_at)?;
    Ok(d)
}
