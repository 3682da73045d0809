//! An event's `data`: its fields by name. The common line's `data` (a flat object of
//! strings without escapes and small whole numbers, read by fast.rs) is kept as spans of a copy of the line, so that
//! reading it makes no map, no key and no string per field, and an events file read into one [`crate::Event`]
//! again and again allocates nothing per line; anything else (a nested value, an escape, a line of a signed log) is
//! kept as the full reader's JSON map. Both answer every question the same way: a field's value is a [`Field`],
//! which the accessors of [`crate::Event`] read by one rule whichever it holds.

use std::borrow::Cow;
use std::fmt;

use serde_json::{Map, Number, Value};

/// The fields of an event's `data`.
#[derive(Clone)]
pub struct Data(Repr);

#[derive(Clone)]
enum Repr {
    /// A flat object: each field's name and value as places in `text` (a copy of the line), in the order written;
    /// `digits` when a name or value may hold a CPR-like number ([`Data::may_hold_cpr`]).
    Flat {
        text: String,
        fields: Vec<Span>,
        digits: bool,
    },
    /// Any object, as the full reader reads it.
    Tree(Map<String, Value>),
}

/// One field of a flat object: where its name is, and its value.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Span {
    pub name: (usize, usize),
    pub value: Slot,
}

/// A flat field's value: a string without escapes, by where it is, or a whole number.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Slot {
    Text(usize, usize),
    Whole(u64),
}

/// One value of `data`, or of an object nested in it, as the accessors read it.
#[derive(Clone, Copy, Debug)]
pub enum Field<'a> {
    /// A string.
    Text(&'a str),
    /// A whole number that is not negative.
    Whole(u64),
    /// Any other JSON value (a string or a number too, when it was read by the full reader).
    Json(&'a Value),
}

impl<'a> From<&'a Value> for Field<'a> {
    fn from(value: &'a Value) -> Field<'a> {
        Field::Json(value)
    }
}

impl<'a> Field<'a> {
    /// The string it is, if it is one.
    pub fn as_str(self) -> Option<&'a str> {
        match self {
            Field::Text(text) => Some(text),
            Field::Json(Value::String(text)) => Some(text),
            _ => None,
        }
    }

    /// The value as JSON: borrowed when it is held so, made when it is held as a span.
    pub fn value(self) -> Cow<'a, Value> {
        match self {
            Field::Text(text) => Cow::Owned(Value::String(text.to_string())),
            Field::Whole(n) => Cow::Owned(Value::Number(Number::from(n))),
            Field::Json(value) => Cow::Borrowed(value),
        }
    }
}

impl PartialEq for Field<'_> {
    fn eq(&self, other: &Field<'_>) -> bool {
        self.value() == other.value()
    }
}

/// As JSON writes it: a string in quotes, a number in digits.
impl fmt::Display for Field<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Whole(n) => write!(f, "{n}"),
            other => write!(f, "{}", other.value()),
        }
    }
}

impl Default for Data {
    fn default() -> Data {
        Data(Repr::Flat {
            text: String::new(),
            fields: Vec::new(),
            digits: false,
        })
    }
}

impl From<Map<String, Value>> for Data {
    fn from(map: Map<String, Value>) -> Data {
        Data(Repr::Tree(map))
    }
}

impl Data {
    /// No fields.
    pub fn new() -> Data {
        Data::default()
    }

    /// The value of the field `name` (a `&str`, or a `&&str` as a search of a list of names gives).
    pub fn get(&self, name: impl AsRef<str>) -> Option<Field<'_>> {
        let name = name.as_ref();
        match &self.0 {
            Repr::Flat { text, fields, .. } => fields
                .iter()
                .find(|span| part(text, span.name) == name)
                .map(|span| slot(text, span.value)),
            Repr::Tree(map) => map.get(name).map(Field::Json),
        }
    }

    /// The value of the field `name` as JSON (made for a flat field), for a caller that reads a nested value.
    pub fn value(&self, name: &str) -> Option<Cow<'_, Value>> {
        self.get(name).map(Field::value)
    }

    /// Whether the field `name` is written.
    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// How many fields.
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Flat { fields, .. } => fields.len(),
            Repr::Tree(map) => map.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The fields: in sorted order of name when read by the full reader, in the order written when read by the
    /// fast one. Where an order shows (which of several fields a refusal names), take the least name.
    pub fn iter(&self) -> Iter<'_> {
        Iter(match &self.0 {
            Repr::Flat { text, fields, .. } => Walk::Flat(text, fields.iter()),
            Repr::Tree(map) => Walk::Tree(map.iter()),
        })
    }

    /// The names of the fields, in the order of [`Data::iter`].
    pub fn keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.iter().map(|(name, _)| name)
    }

    /// The fields as a JSON map (a copy).
    pub fn to_map(&self) -> Map<String, Value> {
        match &self.0 {
            Repr::Flat { .. } => self
                .iter()
                .map(|(name, value)| (name.to_string(), value.value().into_owned()))
                .collect(),
            Repr::Tree(map) => map.clone(),
        }
    }

    /// The fields as a JSON object (a copy).
    pub fn to_value(&self) -> Value {
        Value::Object(self.to_map())
    }

    /// Makes this the flat object of `line` whose fields are `spans` (distinct names), reusing the room it has.
    /// Whether a name or value may hold a CPR-like number, as [`cvl_syntax::cpr::find`] finds them (a run of ten
    /// digits, or of six, a hyphen and four): `false` only for a flat object read by the fast reader in which no
    /// name or string value of ten bytes or more has six digits in a row and no whole number has ten digits, so
    /// that the check of every event for one (lang/eval's personal.rs) need not walk the fields; `true` for
    /// anything else.
    pub fn may_hold_cpr(&self) -> bool {
        match &self.0 {
            Repr::Flat { digits, .. } => *digits,
            Repr::Tree(_) => true,
        }
    }

    /// Makes this the flat object of `spans`, places in `line`; `digits` as [`Data::may_hold_cpr`] answers.
    pub(crate) fn set_flat(&mut self, line: &str, spans: &[Span], digits: bool) {
        if let Repr::Flat {
            text,
            fields,
            digits: held,
        } = &mut self.0
        {
            text.clear();
            text.push_str(line);
            fields.clear();
            fields.extend_from_slice(spans);
            *held = digits;
        } else {
            self.0 = Repr::Flat {
                text: line.to_string(),
                fields: spans.to_vec(),
                digits,
            };
        }
    }
}

/// The text of a place in `text`.
#[inline]
fn part(text: &str, (start, end): (usize, usize)) -> &str {
    text.get(start..end).unwrap_or_default()
}

#[inline]
fn slot(text: &str, slot: Slot) -> Field<'_> {
    match slot {
        Slot::Text(start, end) => Field::Text(part(text, (start, end))),
        Slot::Whole(n) => Field::Whole(n),
    }
}

/// The fields of a [`Data`], in the order of [`Data::iter`].
pub struct Iter<'a>(Walk<'a>);

enum Walk<'a> {
    Flat(&'a str, std::slice::Iter<'a, Span>),
    Tree(serde_json::map::Iter<'a>),
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a str, Field<'a>);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.0 {
            Walk::Flat(text, spans) => {
                let text: &'a str = text;
                spans
                    .next()
                    .map(|span| (part(text, span.name), slot(text, span.value)))
            }
            Walk::Tree(map) => map
                .next()
                .map(|(name, value)| (name.as_str(), Field::Json(value))),
        }
    }
}

impl<'a> IntoIterator for &'a Data {
    type Item = (&'a str, Field<'a>);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The same fields with the same values, however each is held (names are distinct).
impl PartialEq for Data {
    fn eq(&self, other: &Data) -> bool {
        self.len() == other.len()
            && self
                .iter()
                .all(|(name, value)| other.get(name) == Some(value))
    }
}

/// As the JSON map of its fields.
impl fmt::Debug for Data {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_map(), f)
    }
}
