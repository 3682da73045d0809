//! Reading a whole JSON object in which no object, at any depth, writes a key twice.
//!
//! JSON leaves duplicate keys to the reader, and readers differ: one keeps the first copy, another the last. A
//! signed log must mean one thing to every reader, so its entries are read with this instead of a lenient
//! parser: a key written twice is refused, naming its path (`data.hours`, `data.lines[2].amount`). Why a text is refused is a
//! [`JsonError`], whose words are what a refusal says.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// Why a text is not one JSON object that every reader reads the same way.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum JsonError {
    /// Not JSON at all, or more than one value: where reading stopped.
    #[error("not valid JSON (column {column}): each line must be one JSON object")]
    NotJson { column: usize },
    /// JSON nested deeper than the reader follows (128 levels): no event or entry comes near it.
    #[error(
        "nested more than 128 levels deep (column {column}): no event or entry comes near it, and a reader stops there"
    )]
    TooDeep { column: usize },
    /// JSON, but not an object.
    #[error("not a JSON object")]
    NotAnObject,
    /// A key written twice in one object, at `path` (`data.hours`).
    #[error("the field `{path}` is written twice")]
    Twice { path: String },
    /// A whole number beyond [`MAX_EXACT`], as written, and the path of the field that holds it (empty at the
    /// top).
    #[error(
        "the number `{number}`{} is beyond 2^53 - 1, where JSON readers stop being exact: write it as a string",
        in_place(path)
    )]
    Inexact { number: String, path: String },
}

fn in_place(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!(" in `{path}`")
    }
}

impl JsonError {
    /// The kind of refusal it makes.
    pub fn kind(&self) -> crate::RefusalKind {
        match self {
            JsonError::NotJson { .. } | JsonError::NotAnObject => crate::RefusalKind::NotJson,
            JsonError::TooDeep { .. } => crate::RefusalKind::Limit,
            JsonError::Twice { .. } => crate::RefusalKind::Shape,
            JsonError::Inexact { .. } => crate::RefusalKind::Limit,
        }
    }
}

/// Reads `text` as one JSON object, or says why it is not one: not JSON, not an object, a key written twice, or a
/// number no reader holds exactly.
pub fn object(text: &str) -> Result<Map<String, Value>, JsonError> {
    let found = RefCell::new(None);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = Strict {
        path: Path::Root(""),
        found: &found,
    }
    .deserialize(&mut deserializer)
    .and_then(|value| deserializer.end().map(|()| value));
    match (value, found.into_inner()) {
        (_, Some(flaw)) => Err(flaw),
        (Ok(Value::Object(map)), None) => Ok(map),
        (Ok(_), None) => Err(JsonError::NotAnObject),
        (Err(e), None) => Err(JsonError::not_json(&e)),
    }
}

impl JsonError {
    /// Why serde_json stopped reading a text that is not one JSON value: too deeply nested, or not JSON.
    pub fn not_json(error: &serde_json::Error) -> JsonError {
        let column = error.column();
        if error.to_string().starts_with("recursion limit exceeded") {
            JsonError::TooDeep { column }
        } else {
            JsonError::NotJson { column }
        }
    }
}

/// An object as read, and its first flaw, if any.
pub(crate) type Flawed = (Map<String, Value>, Option<JsonError>);

/// Reads the rest of an object (at `path`, `data` say) with the same rules as [`object`], from a reader already
/// inside it: its entries, and the first flaw found at any depth (a key written twice, a number no reader holds
/// exactly), which the caller refuses. Only JSON that is not JSON at all stops the reading.
pub(crate) fn rest_of_object<'de, A: MapAccess<'de>>(
    access: A,
    path: &str,
) -> Result<Flawed, A::Error> {
    let found = RefCell::new(None);
    let value = Strict {
        path: Path::Root(path),
        found: &found,
    }
    .visit_map(access)?;
    let map = match value {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    Ok((map, found.into_inner()))
}

/// A JSON value at `path` (empty at the top); the first flaw found is kept in `found`, and the reading goes on to
/// the end of the text (so that a reader of one field, `data`, can refuse it with the event's id), since serde's
/// errors carry only words.
struct Strict<'f, 'p> {
    path: Path<'p>,
    found: &'f RefCell<Option<JsonError>>,
}

/// Where a value is, kept as links to its parents and written out only when a flaw is found: reading an event
/// builds no string for a path that nothing refuses.
#[derive(Clone, Copy)]
enum Path<'p> {
    /// The top (`""`), or the field a reader starts in (`data`).
    Root(&'p str),
    Key(&'p Path<'p>, &'p str),
    Index(&'p Path<'p>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root(name) => f.write_str(name),
            Path::Key(parent, key) => {
                if matches!(parent, Path::Root("")) {
                    f.write_str(key)
                } else {
                    write!(f, "{parent}.{key}")
                }
            }
            Path::Index(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

/// The largest whole number every JSON reader holds exactly: 2^53 − 1 (RFC 8785 writes numbers as IEEE doubles).
pub const MAX_EXACT: u64 = (1 << 53) - 1;

impl<'f> Strict<'f, '_> {
    /// Notes `error` as the first flaw, unless one was found before.
    fn refuse(&self, error: JsonError) {
        self.found.borrow_mut().get_or_insert(error);
    }

    /// Refuses a whole number beyond [`MAX_EXACT`]: two such numbers could have the same canonical bytes.
    fn exact(&self, magnitude: u64, shown: &dyn fmt::Display) {
        if magnitude > MAX_EXACT {
            self.refuse(JsonError::Inexact {
                number: shown.to_string(),
                path: self.path.to_string(),
            });
        }
    }
}

impl<'de> DeserializeSeed<'de> for Strict<'_, '_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_, '_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Value, E> {
        self.exact(n.unsigned_abs(), &n);
        Ok(Value::Number(n.into()))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Value, E> {
        self.exact(n, &n);
        Ok(Value::Number(n.into()))
    }

    #[expect(
        clippy::disallowed_types,
        reason = "JSON numbers with a fraction arrive as one; kept only to be refused or signed over as written"
    )]
    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Value, E> {
        Ok(Number::from_f64(n).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_string()))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        let parent = self.path;
        while let Some(item) = seq.next_element_seed(Strict {
            path: Path::Index(&parent, items.len()),
            found: self.found,
        })? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        let parent = self.path;
        while let Some(key) = access.next_key::<String>()? {
            let inner = Strict {
                path: Path::Key(&parent, &key),
                found: self.found,
            };
            if map.contains_key(&key) {
                self.refuse(JsonError::Twice {
                    path: inner.path.to_string(),
                });
            }
            let value = access.next_value_seed(inner)?;
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RefusalKind;

    #[test]
    fn a_key_written_twice_is_refused_at_any_depth() {
        let refused = |text: &str| {
            let error = object(text).unwrap_err();
            (error.kind(), error.to_string())
        };
        assert_eq!(
            refused(r#"{"a":1,"b":{"c":[{"d":1,"d":2}]}}"#),
            (
                RefusalKind::Shape,
                "the field `b.c[0].d` is written twice".to_string()
            )
        );
        assert_eq!(
            object(r#"{"a":1,"a":1}"#).unwrap_err(),
            JsonError::Twice {
                path: "a".to_string()
            }
        );
        assert_eq!(
            refused("[1]"),
            (RefusalKind::NotJson, "not a JSON object".to_string())
        );
        assert_eq!(
            refused(r#"{"h":{"x":9007199254740993}}"#),
            (
                RefusalKind::Limit,
                "the number `9007199254740993` in `h.x` is beyond 2^53 - 1, where JSON readers stop being exact: write it as a string".to_string()
            )
        );
        assert_eq!(
            refused(r#"{"h":-9007199254740993}"#).1,
            "the number `-9007199254740993` in `h` is beyond 2^53 - 1, where JSON readers stop being exact: write it as a string"
        );
        assert!(object(r#"{"h":9007199254740991,"g":-9007199254740991}"#).is_ok());
        // Valid JSON nested past the reader's 128 levels is refused for its depth, not called invalid.
        let deep = format!(r#"{{"a":{}1{}}}"#, "[".repeat(200), "]".repeat(200));
        let (kind, reason) = refused(&deep);
        assert_eq!(kind, RefusalKind::Limit);
        assert!(
            reason.starts_with("nested more than 128 levels deep"),
            "{reason}"
        );
        let line =
            format!(r#"{{"id":"x","kind":"report","at":"2019-01-01","actor":"a","data":{deep}}}"#);
        let (_, reason) = crate::Event::parse(1, &line)
            .map(|_| ())
            .map_err(|r| (r.kind, r.reason))
            .unwrap_err();
        assert!(
            reason.starts_with("nested more than 128 levels deep"),
            "{reason}"
        );
        assert_eq!(
            refused(r#"{"a":1} x"#),
            (
                RefusalKind::NotJson,
                "not valid JSON (column 9): each line must be one JSON object".to_string()
            )
        );
        assert!(refused(r#"{"a":"#).1.starts_with("not valid JSON"));
        let map = object(r#"{"b":[1,"x",null,true,{"c":2}],"a":-3}"#).unwrap();
        assert_eq!(
            Value::Object(map).to_string(),
            r#"{"a":-3,"b":[1,"x",null,true,{"c":2}]}"#
        );
    }
}
