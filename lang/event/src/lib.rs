//! Events: what happened during a contract, as the parties assert it.
//!
//! An event is one JSON object on one line: `{"id", "at", "kind", "actor", "data"}`. This crate reads them and
//! checks their shape — nothing about any contract: whether an event fits the contract it is applied to is the
//! evaluator's question, and whether it was signed and chained is the log's. [`Reader`] streams a file line by
//! line, so that memory does not grow with the number of events.
//!
//! Amounts and hours in `data` are exact: a decimal in a string spelled as spec 9.1 says (`"5000.50"`: digits,
//! at most one point between digits, no exponent, `_` or `+`; [`decimal_text`]) or a whole JSON number; a JSON
//! number with a fraction is refused rather than read through floating point, and a value with more decimals or
//! more size than its field allows is refused rather than rounded. A field written twice in one
//! object, at any depth, is refused too, rather than one of the two being silently kept, and so is a whole number
//! beyond 2^53 − 1 anywhere in `data`: `data` is read by the rules of a signed log's entries (strict.rs). A value
//! nested in `data` (`data.lines[2].amount`) is read by the same functions as a field of `data` itself
//! ([`Event::text_at`], [`Event::decimal_at`], [`Event::only_at`]), with the same words.

use std::fmt;

use chrono::{NaiveDate, NaiveTime};
use rust_decimal::Decimal;
use serde_json::{Map, Value};

mod data;
mod fast;
mod fields;
mod reader;
mod refusal;
pub mod strict;

pub use data::{Data, Field};
use fields::Fields;
pub use reader::Reader;
pub use refusal::{Place, Refusal, RefusalKind, in_order};

/// When an event happened: a date, or a date and a time of day in UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct At {
    pub date: NaiveDate,
    /// The time of day in UTC; a date alone counts as the start of that day.
    pub time: Option<NaiveTime>,
}

impl At {
    /// Reads `2019-01-10` or `2019-01-10T09:30:00Z`, exactly so: one spelling of each moment, since a signed log
    /// must mean one thing to every reader (no lower-case `t` or `z`, no offset, no fraction, no leap second).
    pub fn parse(text: &str) -> Option<At> {
        if let Some(date) = parse_date(text) {
            return Some(At { date, time: None });
        }
        let (date, time) = text.split_at_checked(10)?;
        let date = parse_date(date)?;
        let time = time.strip_prefix('T')?.strip_suffix('Z')?;
        let bytes = time.as_bytes();
        if bytes.len() != 8 || bytes.get(2) != Some(&b':') || bytes.get(5) != Some(&b':') {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u32> {
            let digits = bytes.get(range)?;
            digits.iter().try_fold(0u32, |n, b| {
                b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
            })
        };
        let time = NaiveTime::from_hms_opt(number(0..2)?, number(3..5)?, number(6..8)?)?;
        Some(At {
            date,
            time: Some(time),
        })
    }

    /// The instant, for ordering: a date alone is midnight.
    pub fn key(&self) -> (NaiveDate, NaiveTime) {
        (self.date, self.time.unwrap_or(NaiveTime::MIN))
    }
}

pub use cvl_syntax::date::parse_date;

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.time {
            None => write!(f, "{}", self.date.format("%Y-%m-%d")),
            Some(time) => write!(
                f,
                "{}T{}Z",
                self.date.format("%Y-%m-%d"),
                time.format("%H:%M:%S")
            ),
        }
    }
}

/// One event.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// The line of the file it was read from, counted from 1.
    pub line: usize,
    /// Its sequence number, when it was read from a signed log.
    pub seq: Option<u64>,
    pub id: String,
    pub at: At,
    pub kind: String,
    /// The party that asserts the event, by its name in the contract.
    pub actor: String,
    /// The event's data, by field name in sorted order.
    pub data: Data,
}

/// A party's string as every output prints it: CPR-like numbers masked, control and bidirectional characters
/// escaped (cvl-syntax's text.rs, the one place that decides this).
pub use cvl_syntax::text::shown;

/// The longest line a reader accepts: no event or entry comes near it, and a longer one would make memory grow
/// with the file.
pub const MAX_LINE: usize = 1 << 20;

impl Event {
    /// Reads one line of an events file.
    pub fn parse(line: usize, text: &str) -> Result<Event, Refusal> {
        let mut event = fast::empty();
        if fast::fill(&mut event, line, text) {
            return Ok(event);
        }
        Event::parse_full(line, text)
    }

    /// [`Event::parse`] into `event`, reusing its strings and its `data` map where the line allows (an events
    /// file's lines mostly have the same fields): what is read, or refused, is the same. On a refusal `event` is
    /// left as it may be.
    pub fn parse_into(event: &mut Event, line: usize, text: &str) -> Result<(), Refusal> {
        if !fast::fill(event, line, text) {
            *event = Event::parse_full(line, text)?;
        }
        Ok(())
    }

    /// An event with no fields, to be filled by [`Event::parse_into`] or [`Reader::read_into`].
    pub fn empty() -> Event {
        fast::empty()
    }

    /// [`Event::parse`] by the full JSON reader, for any line; the fast path (fast.rs) reads the common ones.
    pub(crate) fn parse_full(line: usize, text: &str) -> Result<Event, Refusal> {
        let fields: Fields = serde_json::from_str(text).map_err(|e| {
            let error = if e.classify() == serde_json::error::Category::Data {
                strict::JsonError::NotAnObject
            } else {
                strict::JsonError::not_json(&e)
            };
            Refusal::of_line(error.kind(), line, error.to_string())
        })?;
        Event::from_fields(line, None, fields)
    }

    /// Makes an event of the fields of a JSON object already read (an entry of a signed log, without the log's
    /// own fields), with the same checks and refusals as [`Event::parse`].
    pub fn from_object(
        line: usize,
        seq: Option<u64>,
        object: Map<String, Value>,
    ) -> Result<Event, Refusal> {
        Event::from_fields(line, seq, Fields::from_object(object))
    }

    fn from_fields(line: usize, seq: Option<u64>, fields: Fields) -> Result<Event, Refusal> {
        let refuse = |reason: &str| Refusal {
            kind: RefusalKind::Shape,
            line,
            seq,
            id: None,
            reason: reason.to_string(),
        };
        let id = match fields.id {
            Some(Value::String(id)) if !id.is_empty() => id,
            Some(_) => return Err(refuse("`id` must be a non-empty string")),
            None => return Err(refuse("the event has no `id`")),
        };
        let with_id = |reason: String| Refusal {
            kind: RefusalKind::Shape,
            line,
            seq,
            id: Some(id.clone()),
            reason,
        };
        if let Some(name) = fields.twice {
            return Err(with_id(format!("the field `{name}` is written twice")));
        }
        if let Some(extra) = fields.unknown {
            return Err(with_id(format!(
                "unknown field `{extra}`: an event has `id`, `at`, `kind`, `actor` and `data`"
            )));
        }
        let text_field = |value: Option<Value>, name: &str| match value {
            Some(Value::String(s)) => Ok(s),
            Some(_) => Err(with_id(format!("`{name}` must be a string"))),
            None => Err(with_id(format!("the event has no `{name}`"))),
        };
        let at_text = text_field(fields.at, "at")?;
        let at = At::parse(&at_text).ok_or_else(|| {
            with_id(format!(
                "`at` is `{at_text}`, which is neither a date (`2019-01-10`) nor a UTC time (`2019-01-10T09:30:00Z`)"
            ))
        })?;
        let kind = text_field(fields.kind, "kind")?;
        let actor = text_field(fields.actor, "actor")?;
        let data = match fields.data {
            Some(fields::Data::Object { map, flaw: None }) => map.into(),
            Some(fields::Data::Object {
                flaw: Some(flaw), ..
            }) => {
                return Err(Refusal {
                    kind: flaw.kind(),
                    ..with_id(flaw.to_string())
                });
            }
            Some(fields::Data::Other) => {
                return Err(with_id("`data` must be an object".to_string()));
            }
            None => Data::new(),
        };
        Ok(Event {
            line,
            seq,
            id,
            at,
            kind,
            actor,
            data,
        })
    }

    /// The refusal of this event's data for `reason`.
    fn refuse(&self, reason: String) -> Refusal {
        self.refusal(RefusalKind::DataShape, reason)
    }

    /// The refusal of this event, of `kind`, for `reason`.
    pub fn refusal(&self, kind: RefusalKind, reason: impl Into<String>) -> Refusal {
        Refusal {
            kind,
            line: self.line,
            seq: self.seq,
            id: Some(self.id.clone()),
            reason: reason.into(),
        }
    }

    /// A text field of `data`.
    pub fn text(&self, name: &str) -> Result<&str, Refusal> {
        self.text_at(self.data.get(name), &format_args!("data.{name}"))
    }

    /// A text value of `data` or of an object nested in it, found at `path` (`data.lines[2].item`, as messages
    /// name it), read by the same rule as a field of `data`.
    /// The path is written out only for a refusal: reading a field that fits builds no string.
    pub fn text_at<'v>(
        &self,
        value: Option<impl Into<Field<'v>>>,
        path: &dyn fmt::Display,
    ) -> Result<&'v str, Refusal> {
        match value.map(Into::into) {
            Some(value) => value
                .as_str()
                .ok_or_else(|| self.refuse(format!("`{path}` must be a string"))),
            None => Err(self.refuse(format!("`{path}` is missing"))),
        }
    }

    /// A date field of `data`.
    pub fn date(&self, name: &str) -> Result<NaiveDate, Refusal> {
        self.date_at(self.data.get(name), &format_args!("data.{name}"))
    }

    /// A date value of `data` or of an object nested in it, at `path`, read by the same rule as [`Event::date`].
    pub fn date_at<'v>(
        &self,
        value: Option<impl Into<Field<'v>>>,
        path: &dyn fmt::Display,
    ) -> Result<NaiveDate, Refusal> {
        let text = self.text_at(value, path)?;
        parse_date(text).ok_or_else(|| {
            self.refuse(format!(
                "`{path}` is `{text}`, which is not a date (`2019-02-01`)"
            ))
        })
    }

    /// The fields `names` of `data`, each where it stands in `names` (`None` when it is not written), refusing any
    /// other field as [`Event::only`] does, with its words: one walk of `data` instead of a search of it for each
    /// name, for the kinds every events file is mostly made of.
    pub fn fields<const N: usize>(
        &self,
        names: [&str; N],
    ) -> Result<[Option<Field<'_>>; N], Refusal> {
        let mut found = [None; N];
        for (key, value) in &self.data {
            match names.iter().position(|name| *name == key) {
                Some(i) => {
                    if let Some(slot) = found.get_mut(i) {
                        *slot = Some(value);
                    }
                }
                // A field not allowed: refused by `only`, which finds this same first one.
                None => self.only(&names)?,
            }
        }
        Ok(found)
    }

    /// An exact decimal field of `data`, not negative, at most `decimals` digits after the point and at most
    /// `most`: a string such as `"5000.50"` (spelled as [`decimal_text`] reads it), or a whole JSON number.
    /// Nothing is rounded: a value that does not fit is refused.
    pub fn decimal(&self, name: &str, decimals: u32, most: Decimal) -> Result<Decimal, Refusal> {
        self.decimal_at(
            self.data.get(name),
            &format_args!("data.{name}"),
            decimals,
            most,
            Sign::NotNegative,
        )
    }

    /// An exact decimal value of `data` or of an object nested in it, at `path`, read by the same rules as
    /// [`Event::decimal`]; with [`Sign::Either`] it may be negative, down to `-most`.
    pub fn decimal_at<'v>(
        &self,
        value: Option<impl Into<Field<'v>>>,
        path: &dyn fmt::Display,
        decimals: u32,
        most: Decimal,
        sign: Sign,
    ) -> Result<Decimal, Refusal> {
        let value: Option<Field<'v>> = value.map(Into::into);
        // The value as written, for a refusal's words: made only when one is refused.
        let written = || match value {
            Some(field) => match field.as_str() {
                Some(s) => s.to_string(),
                None => field.to_string(),
            },
            None => String::new(),
        };
        let value = match value.map(|field| (field.as_str(), field)) {
            Some((_, Field::Whole(n))) => Some(Decimal::from(n)),
            Some((Some(s), _)) => match decimal_text(s, decimals) {
                Ok(value) => Some(value),
                Err(Spelling::NotDecimal) => {
                    return Err(self.refuse(format!(
                        "`{path}` is `{s}`, which is not a decimal number: write digits with at most one point between digits, such as \"2.5\" or \"5000.00\""
                    )));
                }
                Err(Spelling::TooManyDecimals) => {
                    return Err(self.refuse(format!(
                        "`{path}` is `{s}`, which has more than {decimals} decimals: it is refused, not rounded"
                    )));
                }
                Err(Spelling::TooLarge) => None,
            },
            Some((_, Field::Json(Value::Number(n)))) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => Some(Decimal::from(i)),
                (_, Some(u)) => Some(Decimal::from(u)),
                _ => {
                    // Not a whole number in digits (`4.0`, `1e3`, `-0`, or one beyond 64 bits): read exactly,
                    // such a number cannot be, so it is refused with the one form that is.
                    return Err(self.refuse(format!(
                        "`{path}` is `{n}`: a JSON number here must be a whole number written in digits only, such as `4` (at most {}); write a decimal as a string, such as \"2.5\"",
                        grouped(most)
                    )));
                }
            },
            Some(_) => return Err(self.refuse(format!("`{path}` must be a number"))),
            None => return Err(self.refuse(format!("`{path}` is missing"))),
        };
        let negative = value.map_or_else(
            || written().starts_with('-'),
            |v| v.is_sign_negative() && !v.is_zero(),
        );
        if negative && sign == Sign::NotNegative {
            let shown = written();
            return Err(self.refuse(format!("`{path}` is `{shown}`: it cannot be negative")));
        }
        match value {
            Some(value) if value.abs() <= most => Ok(value),
            _ if negative => Err(self.refusal(RefusalKind::Limit, format!(
                "`{path}` is `{}`, less than -{}, the least an event may state here (spec section 7)",
                written(),
                grouped(most)
            ))),
            _ => Err(self.refusal(RefusalKind::Limit, format!(
                "`{path}` is `{}`, more than {}, the most an event may state here (spec section 7)",
                written(),
                grouped(most)
            ))),
        }
    }

    /// Refuses any field of `data` not in `allowed`.
    pub fn only(&self, allowed: &[&str]) -> Result<(), Refusal> {
        // The words are made only for a refusal: an admitted event allocates nothing here.
        struct Kind<'a>(&'a str);
        impl fmt::Display for Kind<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{} event", cvl_syntax::words::a_quoted(self.0))
            }
        }
        self.only_of(self.data.keys(), &"data", &Kind(&self.kind), allowed)
    }

    /// Refuses any field not in `allowed` of `object`, found at `path` (`data.lines[2]`), which is `what` (`a line
    /// of an \`invoice_approved\` event`).
    pub fn only_at(
        &self,
        object: &Map<String, Value>,
        path: &dyn fmt::Display,
        what: &dyn fmt::Display,
        allowed: &[&str],
    ) -> Result<(), Refusal> {
        self.only_of(object.keys().map(String::as_str), path, what, allowed)
    }

    /// [`Event::only_at`] over the names `keys`, in any order.
    fn only_of<'k>(
        &self,
        keys: impl Iterator<Item = &'k str>,
        path: &dyn fmt::Display,
        what: &dyn fmt::Display,
        allowed: &[&str],
    ) -> Result<(), Refusal> {
        // The least name not allowed: the first in sorted order, whatever order `keys` come in.
        match keys.filter(|k| !allowed.contains(k)).min() {
            Some(extra) if allowed.is_empty() => Err(self.refuse(format!(
                "unknown field `{path}.{extra}`: {what} has no data"
            ))),
            Some(extra) => Err(self.refuse(format!(
                "unknown field `{path}.{extra}`: {what} has {}",
                allowed
                    .iter()
                    .map(|a| format!("`{a}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
            None => Ok(()),
        }
    }
}

/// Whether a decimal may be negative.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sign {
    /// Zero or more: hours, a supplement's amount.
    NotNegative,
    /// Any sign: an approved amount, which a credit note makes negative.
    Either,
}

/// Why a decimal string is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Spelling {
    /// It is not spelled as a decimal: an exponent, `_`, `+`, a point without digits on both sides, a space.
    #[error("is not a decimal number")]
    NotDecimal,
    /// It has more digits after the point than allowed.
    #[error("has more decimals than allowed")]
    TooManyDecimals,
    /// Its whole part has more than 20 digits (leading zeros aside), more than any limit allows.
    #[error("is larger than any limit allows")]
    TooLarge,
}

/// Reads a decimal as events spell it (spec 9.1): an optional `-`, one or more ASCII digits, and optionally a `.`
/// followed by one to `decimals` digits. Nothing else: no exponent, no `_`, no `+`, no point at either end, no
/// spaces. The value is exact; nothing is rounded. `decimals` is at most 8.
pub fn decimal_text(text: &str, decimals: u32) -> Result<Decimal, Spelling> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, fraction),
        None => (unsigned, ""),
    };
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || unsigned.ends_with('.') {
        return Err(Spelling::NotDecimal);
    }
    if fraction.len() > usize::try_from(decimals.min(8)).unwrap_or(8) {
        return Err(Spelling::TooManyDecimals);
    }
    let significant = whole.trim_start_matches('0');
    if significant.len() > 20 {
        return Err(Spelling::TooLarge);
    }
    // At most 28 digits: held exactly.
    let mantissa: i128 = format!("0{significant}{fraction}")
        .parse()
        .map_err(|_| Spelling::TooLarge)?;
    let scale = u32::try_from(fraction.len()).map_err(|_| Spelling::TooLarge)?;
    let value =
        Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| Spelling::TooLarge)?;
    Ok(if text.starts_with('-') && !value.is_zero() {
        -value
    } else {
        value
    })
}

/// A whole number with thousands separators: `1,000,000,000,000`.
fn grouped(amount: Decimal) -> String {
    let text = amount.normalize().to_string();
    let (whole, fraction) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(w, f)| (w, Some(f)));
    let mut out = String::with_capacity(whole.len() + whole.len() / 3 + 4);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 && c.is_ascii_digit() {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_event_with_a_date_or_a_utc_time() {
        let e = Event::parse(
            3,
            r#"{"id":"e1","at":"2019-01-10","kind":"signed","actor":"municipality","data":{}}"#,
        )
        .unwrap();
        assert_eq!(
            (e.line, e.id.as_str(), e.at.to_string()),
            (3, "e1", "2019-01-10".to_string())
        );
        let t = At::parse("2019-01-10T09:30:00Z").unwrap();
        assert_eq!(t.to_string(), "2019-01-10T09:30:00Z");
        assert!(At::parse("2019-01-10T09:30:00+01:00").is_none());
        for other in [
            "2019-01-10T09:30:00+00:00",
            "2019-01-10t09:30:00z",
            "2019-01-10 09:30:00Z",
            "2019-01-10T09:30:00.5Z",
            "2019-01-10T23:59:60Z",
            "2019-01-10T24:00:00Z",
            "2019-01-10T9:30:00Z",
        ] {
            assert!(At::parse(other).is_none(), "{other}");
        }
        assert_eq!(
            At::parse("2019-12-31T23:59:59Z").unwrap().to_string(),
            "2019-12-31T23:59:59Z"
        );
        assert!(At::parse("2019-02-30").is_none());
    }

    #[test]
    fn refusals_name_the_line_the_event_and_the_reason() {
        let r = Event::parse(7, r#"{"id":"x","at":"soon","kind":"k","actor":"a"}"#).unwrap_err();
        assert_eq!(r.kind, RefusalKind::Shape);
        assert_eq!(
            r.to_string(),
            "line 7 (event `x`): `at` is `soon`, which is neither a date (`2019-01-10`) nor a UTC time (`2019-01-10T09:30:00Z`)"
        );
        let r = Event::parse(1, "[1]").unwrap_err();
        assert_eq!(r.to_string(), "line 1: not a JSON object");
        assert_eq!(r.kind, RefusalKind::NotJson);
        let r = Event::parse(
            2,
            r#"{"id":"x","at":"2019-01-01","kind":"k","actor":"a","colour":1}"#,
        )
        .unwrap_err();
        assert!(r.reason.starts_with("unknown field `colour`"));
        let r = Event::parse(
            3,
            r#"{"id":"x","at":"2019-01-01","kind":"k","actor":"a","actor":"b"}"#,
        )
        .unwrap_err();
        assert_eq!(
            r.to_string(),
            "line 3 (event `x`): the field `actor` is written twice"
        );
        let r = Event::parse(
            4,
            r#"{"id":"x","at":"2019-01-01","kind":"k","actor":"a","data":{"h":1,"g":2,"h":3}}"#,
        )
        .unwrap_err();
        assert_eq!(r.reason, "the field `data.h` is written twice");
        for data in ["1.5", "[1]", "null", "\"x\"", "true", "-3"] {
            let line =
                format!(r#"{{"id":"x","at":"2019-01-01","kind":"k","actor":"a","data":{data}}}"#);
            let r = Event::parse(5, &line).unwrap_err();
            assert_eq!(r.reason, "`data` must be an object", "{data}");
        }
        for line in ["[1]", "7", "\"e\"", "null"] {
            assert_eq!(
                Event::parse(1, line).unwrap_err().reason,
                "not a JSON object"
            );
        }
        let r = Event::parse(1, r#"{"id":"x","at":"2019-01-01""#).unwrap_err();
        assert!(r.reason.starts_with("not valid JSON"), "{}", r.reason);
    }

    #[test]
    fn amounts_are_exact_and_never_floating_point() {
        let e = Event::parse(
            1,
            r#"{"id":"x","at":"2019-01-01","kind":"k","actor":"a","data":{"a":"5000.10","b":7,"c":0.1}}"#,
        )
        .unwrap();
        let most = Decimal::from(1_000_000);
        assert_eq!(e.decimal("a", 2, most).unwrap(), Decimal::new(500_010, 2));
        assert_eq!(e.decimal("b", 2, most).unwrap(), Decimal::from(7));
        assert!(
            e.decimal("c", 2, most)
                .unwrap_err()
                .reason
                .contains("as a string")
        );
    }

    #[test]
    fn decimals_are_spelled_exactly_as_the_spec_says() {
        for (text, value) in [
            ("5", Decimal::from(5)),
            ("5000.50", Decimal::new(500_050, 2)),
            ("0.5", Decimal::new(5, 1)),
            ("007", Decimal::from(7)),
            ("-2.25", Decimal::new(-225, 2)),
            ("-0", Decimal::ZERO),
            (
                "99999999999999999999.99",
                Decimal::from_i128_with_scale(9_999_999_999_999_999_999_999, 2),
            ),
        ] {
            assert_eq!(decimal_text(text, 2), Ok(value), "{text}");
        }
        for text in [
            "", "-", "1e3", "2e26", "1E3", "1_000", "+5", ".5", "5.", "-.5", "1.2.3", " 5", "5 ",
            "0x10", "١٢", "--5", "5-", "1,5", "NaN", "inf",
        ] {
            assert_eq!(decimal_text(text, 2), Err(Spelling::NotDecimal), "{text:?}");
        }
        assert_eq!(decimal_text("22.500", 2), Err(Spelling::TooManyDecimals));
        assert_eq!(decimal_text("0.001", 2), Err(Spelling::TooManyDecimals));
        assert_eq!(
            decimal_text("79228162514264337593543950335", 2),
            Err(Spelling::TooLarge)
        );
        assert_eq!(
            decimal_text("000000000000000000000000000001", 2),
            Ok(Decimal::ONE)
        );
    }

    #[test]
    fn a_decimal_that_does_not_fit_is_refused_never_rounded() {
        let e = Event::parse(
            4,
            r#"{"id":"h","at":"2019-01-01","kind":"k","actor":"a","data":{"e":"2e26","r":"5.005","big":"79228162514264337593543950335","n":20000,"ok":"10000.00","neg":"-3","huge":"-79228162514264337593543950335","m":-5,"z":"-0.00"}}"#,
        )
        .unwrap();
        let most = Decimal::from(10_000);
        let reason = |name: &str| e.decimal(name, 2, most).unwrap_err().to_string();
        let kind = |name: &str| e.decimal(name, 2, most).unwrap_err().kind;
        for (name, expected) in [
            ("e", RefusalKind::DataShape),
            ("r", RefusalKind::DataShape),
            ("neg", RefusalKind::DataShape),
            ("big", RefusalKind::Limit),
            ("n", RefusalKind::Limit),
        ] {
            assert_eq!(kind(name), expected, "{name}");
        }
        assert_eq!(
            reason("e"),
            "line 4 (event `h`): `data.e` is `2e26`, which is not a decimal number: write digits with at most one point between digits, such as \"2.5\" or \"5000.00\""
        );
        assert_eq!(
            reason("r"),
            "line 4 (event `h`): `data.r` is `5.005`, which has more than 2 decimals: it is refused, not rounded"
        );
        assert_eq!(
            reason("big"),
            "line 4 (event `h`): `data.big` is `79228162514264337593543950335`, more than 10,000, the most an event may state here (spec section 7)"
        );
        assert_eq!(
            reason("n"),
            "line 4 (event `h`): `data.n` is `20000`, more than 10,000, the most an event may state here (spec section 7)"
        );
        assert_eq!(e.decimal("ok", 2, most), Ok(most));
        assert_eq!(
            reason("neg"),
            "line 4 (event `h`): `data.neg` is `-3`: it cannot be negative"
        );
        assert_eq!(
            reason("huge"),
            "line 4 (event `h`): `data.huge` is `-79228162514264337593543950335`: it cannot be negative"
        );
        assert_eq!(
            reason("m"),
            "line 4 (event `h`): `data.m` is `-5`: it cannot be negative"
        );
        assert_eq!(e.decimal("z", 2, most), Ok(Decimal::ZERO));
    }

    #[test]
    fn a_json_number_is_read_only_as_a_whole_number_in_digits() {
        let e = Event::parse(
            2,
            r#"{"id":"h","at":"2019-01-01","kind":"k","actor":"a","data":{"four":4,"zero":0,"point":4.0,"exp":1e3,"frac":2.5,"long":100000000000000000000000,"minus_zero":-0}}"#,
        )
        .unwrap();
        let most = Decimal::from(10_000);
        assert_eq!(e.decimal("four", 2, most), Ok(Decimal::from(4)));
        assert_eq!(e.decimal("zero", 2, most), Ok(Decimal::ZERO));
        for (name, shown) in [
            ("point", "4.0"),
            ("exp", "1000.0"),
            ("frac", "2.5"),
            ("long", "1e+23"),
            ("minus_zero", "-0.0"),
        ] {
            let refusal = e.decimal(name, 2, most).unwrap_err();
            assert_eq!(refusal.kind, RefusalKind::DataShape, "{name}");
            assert_eq!(
                refusal.to_string(),
                format!(
                    "line 2 (event `h`): `data.{name}` is `{shown}`: a JSON number here must be a whole number written in digits only, such as `4` (at most 10,000); write a decimal as a string, such as \"2.5\""
                ),
                "{name}"
            );
        }
    }

    #[test]
    fn nested_data_is_read_as_strictly_as_a_log_and_its_values_as_flat_ones() {
        let refused = |data: &str| {
            let line =
                format!(r#"{{"id":"x","at":"2019-01-01","kind":"k","actor":"a","data":{data}}}"#);
            let r = Event::parse(1, &line).unwrap_err();
            (r.kind, r.to_string())
        };
        assert_eq!(
            refused(r#"{"lines":[{"line":"1"},{"line":"2","amount":"1","amount":"2"}]}"#),
            (
                RefusalKind::Shape,
                "line 1 (event `x`): the field `data.lines[1].amount` is written twice".to_string()
            )
        );
        assert_eq!(
            refused(r#"{"lines":[{"amount":9007199254740993}]}"#),
            (
                RefusalKind::Limit,
                "line 1 (event `x`): the number `9007199254740993` in `data.lines[0].amount` is beyond 2^53 - 1, where JSON readers stop being exact: write it as a string".to_string()
            )
        );
        let e = Event::parse(
            2,
            r#"{"id":"x","at":"2019-01-01","kind":"k","actor":"a","data":{"l":[{"a":"-5.25","b":-7,"c":2.5,"d":"-1000000000000.01","e":"1.005","f":"x"}]}}"#,
        )
        .unwrap();
        let Some(Field::Json(Value::Array(lines))) = e.data.get("l") else {
            panic!("no lines");
        };
        let Some(Value::Object(line)) = lines.first() else {
            panic!("no line");
        };
        let most = Decimal::from(1_000_000_000_000_i64);
        let read = |name: &str, sign: Sign| {
            e.decimal_at(
                line.get(name),
                &format_args!("data.l[0].{name}"),
                2,
                most,
                sign,
            )
            .map_err(|r| r.to_string())
        };
        assert_eq!(read("a", Sign::Either), Ok(Decimal::new(-525, 2)));
        assert_eq!(read("b", Sign::Either), Ok(Decimal::from(-7)));
        assert_eq!(
            read("a", Sign::NotNegative),
            Err("line 2 (event `x`): `data.l[0].a` is `-5.25`: it cannot be negative".to_string())
        );
        assert!(
            read("c", Sign::Either)
                .unwrap_err()
                .contains("`data.l[0].c` is `2.5`: a JSON number here must be a whole number")
        );
        assert_eq!(
            read("d", Sign::Either),
            Err("line 2 (event `x`): `data.l[0].d` is `-1000000000000.01`, less than -1,000,000,000,000, the least an event may state here (spec section 7)".to_string())
        );
        assert!(
            read("e", Sign::Either)
                .unwrap_err()
                .contains("has more than 2 decimals")
        );
        assert!(
            read("f", Sign::Either)
                .unwrap_err()
                .contains("is not a decimal number")
        );
        assert_eq!(
            e.text_at(line.get("g"), &"data.l[0].g").unwrap_err().reason,
            "`data.l[0].g` is missing"
        );
        assert_eq!(
            e.only_at(line, &"data.l[0]", &"a line", &["a", "b"])
                .unwrap_err()
                .reason,
            "unknown field `data.l[0].c`: a line has `a`, `b`"
        );
    }

    #[test]
    fn data_read_fast_or_in_full_answers_alike_and_names_the_first_field_in_sorted_order() {
        // Fields written out of order: the fast path keeps them as written, the full reader sorted.
        let fast = r#"{"id":"x","at":"2019-01-01","kind":"k","actor":"a","data":{"zz":"1","mm":7,"aa":"2"}}"#;
        let full = r#"{"id":"x","at":"2019-01-01","kind":"k","actor":"a","data":{"zz":"1","mm":7,"aa":"2","n":[1]}}"#;
        let (fast, full) = (
            Event::parse(1, fast).unwrap(),
            Event::parse(1, full).unwrap(),
        );
        assert_eq!(fast, Event::parse_full(1, &fast_line()).unwrap());
        for event in [&fast, &full] {
            assert_eq!(
                event.only(&["mm"]).unwrap_err().reason,
                "unknown field `data.aa`: a `k` event has `mm`"
            );
            assert_eq!(
                event.fields(["zz", "mm"]).unwrap_err().reason,
                "unknown field `data.aa`: a `k` event has `zz`, `mm`"
            );
            assert_eq!(event.text("aa"), Ok("2"));
            assert_eq!(
                event.data.get("mm").map(|f| f.to_string()),
                Some("7".to_string())
            );
            assert_eq!(
                event.decimal("mm", 2, Decimal::from(5)).unwrap_err().reason,
                "`data.mm` is `7`, more than 5, the most an event may state here (spec section 7)"
            );
            assert_eq!(
                event.text("mm").unwrap_err().reason,
                "`data.mm` must be a string"
            );
            assert!(event.data.contains_key("zz") && !event.data.contains_key("z"));
        }
        assert_eq!(
            fast.data.to_value().to_string(),
            r#"{"aa":"2","mm":7,"zz":"1"}"#
        );
        assert_eq!(
            format!("{:?}", fast.data),
            format!("{:?}", fast.data.to_map())
        );
    }

    fn fast_line() -> String {
        r#"{"id":"x","at":"2019-01-01","kind":"k","actor":"a","data":{"aa":"2","mm":7,"zz":"1"}}"#
            .to_string()
    }

    #[test]
    fn a_line_longer_than_any_event_is_refused() {
        let text = format!("{}\n", "x".repeat(MAX_LINE + 1));
        let results: Vec<_> = Reader::new(text.as_bytes()).collect();
        assert_eq!(
            results[0].as_ref().unwrap_err().to_string(),
            "line 1: is longer than 1 MiB, which no event is"
        );
        assert_eq!(results[0].as_ref().unwrap_err().kind, RefusalKind::Limit);
    }

    #[test]
    fn the_reader_counts_lines_and_skips_blank_ones() {
        let text =
            "\n{\"id\":\"a\",\"at\":\"2019-01-01\",\"kind\":\"k\",\"actor\":\"p\"}\n\nnot json\n";
        let results: Vec<_> = Reader::new(text.as_bytes()).collect();
        assert_eq!(results.len(), 2);
        assert_eq!(results[0].as_ref().unwrap().line, 2);
        assert_eq!(results[1].as_ref().unwrap_err().line, 4);
    }
}
