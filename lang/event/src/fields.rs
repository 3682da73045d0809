//! Reading one line's JSON object straight into its fields, without building a generic JSON tree of the whole
//! line first: the event's own field names are matched as they are read, and whatever does not fit (an unknown
//! field, a field written twice, a `data` that is not an object) is noted for [`crate::Event::parse`] to refuse
//! with its own words, instead of stopping with the JSON library's. `data` is read by the rules a signed log's
//! entries are read by (strict.rs): a key written twice, or a whole number beyond 2^53 − 1, at any depth in it, is
//! noted and refused, so that an events file and a log mean one thing to every reader alike.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::{Map, Value};

use crate::strict::JsonError;

/// The fields of one event object, as read.
#[derive(Default)]
pub(crate) struct Fields {
    pub id: Option<Value>,
    pub at: Option<Value>,
    pub kind: Option<Value>,
    pub actor: Option<Value>,
    pub data: Option<Data>,
    /// The first field that is not an event's.
    pub unknown: Option<String>,
    /// The first of the event's fields that was written twice.
    pub twice: Option<&'static str>,
}

impl Fields {
    /// The fields of an object already read whole (whose keys are therefore each written once).
    pub fn from_object(object: Map<String, Value>) -> Fields {
        let mut fields = Fields::default();
        for (name, value) in object {
            match name.as_str() {
                "id" => fields.id = Some(value),
                "at" => fields.at = Some(value),
                "kind" => fields.kind = Some(value),
                "actor" => fields.actor = Some(value),
                "data" => {
                    fields.data = Some(match value {
                        Value::Object(map) => Data::Object { map, flaw: None },
                        _ => Data::Other,
                    })
                }
                _ => {
                    fields.unknown.get_or_insert(name);
                }
            }
        }
        fields
    }
}

/// The `data` field as read.
pub(crate) enum Data {
    Object {
        map: Map<String, Value>,
        /// The first flaw at any depth (strict.rs): a key written twice, a number no reader holds exactly.
        flaw: Option<JsonError>,
    },
    /// Anything but an object.
    Other,
}

/// A field name of an event object.
enum Name {
    Id,
    At,
    Kind,
    Actor,
    Data,
    Other(String),
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameVisitor;
        impl Visitor<'_> for NameVisitor {
            type Value = Name;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Name, E> {
                Ok(match name {
                    "id" => Name::Id,
                    "at" => Name::At,
                    "kind" => Name::Kind,
                    "actor" => Name::Actor,
                    "data" => Name::Data,
                    other => Name::Other(other.to_string()),
                })
            }
        }
        deserializer.deserialize_identifier(NameVisitor)
    }
}

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldsVisitor;
        impl<'de> Visitor<'de> for FieldsVisitor {
            type Value = Fields;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an event object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
                let mut fields = Fields::default();
                while let Some(name) = map.next_key::<Name>()? {
                    let (slot, label) = match name {
                        Name::Id => (&mut fields.id, "id"),
                        Name::At => (&mut fields.at, "at"),
                        Name::Kind => (&mut fields.kind, "kind"),
                        Name::Actor => (&mut fields.actor, "actor"),
                        Name::Data => {
                            let data = map.next_value::<Data>()?;
                            if fields.data.replace(data).is_some() {
                                fields.twice.get_or_insert("data");
                            }
                            continue;
                        }
                        Name::Other(other) => {
                            map.next_value::<IgnoredAny>()?;
                            fields.unknown.get_or_insert(other);
                            continue;
                        }
                    };
                    if slot.replace(map.next_value::<Value>()?).is_some() {
                        fields.twice.get_or_insert(label);
                    }
                }
                Ok(fields)
            }
        }
        deserializer.deserialize_map(FieldsVisitor)
    }
}

impl<'de> Deserialize<'de> for Data {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DataVisitor;
        impl<'de> Visitor<'de> for DataVisitor {
            type Value = Data;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, access: A) -> Result<Data, A::Error> {
                let (map, flaw) = crate::strict::rest_of_object(access, "data")?;
                Ok(Data::Object { map, flaw })
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Data, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Data::Other)
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Data, E> {
                Ok(Data::Other)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Data, E> {
                Ok(Data::Other)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Data, E> {
                Ok(Data::Other)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Data, E> {
                Ok(Data::Other)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Data, E> {
                Ok(Data::Other)
            }
            #[expect(
                clippy::disallowed_types,
                reason = "a JSON number with a fraction arrives as one; it is only refused, never used"
            )]
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Data, E> {
                Ok(Data::Other)
            }
        }
        deserializer.deserialize_any(DataVisitor)
    }
}
