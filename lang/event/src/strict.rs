//! Reading a whole JSON object in which no object, at any depth, writes a key twice.
//!
//! JSON leaves duplicate keys to the reader, and readers differ: one keeps the first copy, another the last. A
//! signed log must mean one thing to every reader, so its entries are read with this instead of a lenient
//! parser: a key written twice is refused, naming its path (`data.hours`).

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// Reads `text` as one JSON object, or says why it is not one: not JSON, not an object, or a key written twice.
pub fn object(text: &str) -> Result<Map<String, Value>, String> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = Strict {
        path: String::new(),
    }
    .deserialize(&mut deserializer)
    .and_then(|value| deserializer.end().map(|()| value));
    match value {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err("not a JSON object".to_string()),
        Err(e) if e.classify() == serde_json::error::Category::Data => {
            let message = e.to_string();
            let suffix = format!(" at line {} column {}", e.line(), e.column());
            Err(message
                .strip_suffix(&suffix)
                .unwrap_or(&message)
                .to_string())
        }
        Err(e) => Err(format!(
            "not valid JSON (column {}): each line must be one JSON object",
            e.column()
        )),
    }
}

/// A JSON value at `path` (empty at the top).
struct Strict {
    path: String,
}

/// The largest whole number every JSON reader holds exactly: 2^53 − 1 (RFC 8785 writes numbers as IEEE doubles).
pub const MAX_EXACT: u64 = (1 << 53) - 1;

impl Strict {
    /// Refuses a whole number beyond [`MAX_EXACT`]: two such numbers could have the same canonical bytes.
    fn exact<E: de::Error>(&self, magnitude: u64, shown: &dyn fmt::Display) -> Result<(), E> {
        if magnitude <= MAX_EXACT {
            return Ok(());
        }
        let place = if self.path.is_empty() {
            String::new()
        } else {
            format!(" in `{}`", self.path)
        };
        Err(de::Error::custom(format!(
            "the number `{shown}`{place} is beyond 2^53 - 1, where JSON readers stop being exact: write it as a string"
        )))
    }

    fn at(&self, key: &str) -> Strict {
        Strict {
            path: if self.path.is_empty() {
                key.to_string()
            } else {
                format!("{}.{key}", self.path)
            },
        }
    }
}

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Value, E> {
        self.exact(n.unsigned_abs(), &n)?;
        Ok(Value::Number(n.into()))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Value, E> {
        self.exact(n, &n)?;
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
        while let Some(item) = seq.next_element_seed(Strict {
            path: format!("{}[]", self.path),
        })? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            let inner = self.at(&key);
            if map.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "the field `{}` is written twice",
                    inner.path
                )));
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

    #[test]
    fn a_key_written_twice_is_refused_at_any_depth() {
        assert_eq!(
            object(r#"{"a":1,"b":{"c":[{"d":1,"d":2}]}}"#).unwrap_err(),
            "the field `b.c[].d` is written twice"
        );
        assert_eq!(
            object(r#"{"a":1,"a":1}"#).unwrap_err(),
            "the field `a` is written twice"
        );
        assert_eq!(object("[1]").unwrap_err(), "not a JSON object");
        assert_eq!(
            object(r#"{"h":{"x":9007199254740993}}"#).unwrap_err(),
            "the number `9007199254740993` in `h.x` is beyond 2^53 - 1, where JSON readers stop being exact: write it as a string"
        );
        assert!(object(r#"{"h":9007199254740991,"g":-9007199254740991}"#).is_ok());
        assert!(
            object(r#"{"a":1} x"#)
                .unwrap_err()
                .starts_with("not valid JSON")
        );
        assert!(
            object(r#"{"a":"#)
                .unwrap_err()
                .starts_with("not valid JSON")
        );
        let map = object(r#"{"b":[1,"x",null,true,{"c":2}],"a":-3}"#).unwrap();
        assert_eq!(
            Value::Object(map).to_string(),
            r#"{"a":-3,"b":[1,"x",null,true,{"c":2}]}"#
        );
    }
}
