//! The fast path of reading an event line: the common line (a flat object of the five fields, string values
//! without escapes, a `data` object of at most [`MOST`] fields whose values are strings without escapes or small
//! whole numbers) is scanned as slices of the line itself, with no JSON tree and no string made per field, and
//! written into an [`Event`] whose strings and `data` map are reused from the line before.
//!
//! The scanner only ever answers "this line is this event" or "not sure": anything it does not read in full (an
//! escape, a nested value, a fraction, a field written twice, an unknown field, a missing one, a date `at` does
//! not read as) is left to the full reader ([`Event::parse`]), which then accepts it the same way or refuses it
//! with its own words. So what is accepted, and every refusal, is exactly the full reader's; the tests compare
//! the two on every line they read.

use crate::data::{Data, Slot, Span};
use crate::{At, Event};

/// The most fields of `data` the fast path reads; an event with more goes the full way.
const MOST: usize = 8;

/// The most digits of a whole number the fast path reads: well below 2^53 − 1, which the full reader refuses past.
const DIGITS: usize = 15;

/// A value of `data` as scanned: a string's text between its quotes, or a whole number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Raw<'t> {
    Text(&'t str),
    Whole(u64),
}

/// One line's fields, as slices of it.
#[derive(Default)]
struct Scanned<'t> {
    id: Option<&'t str>,
    at: Option<&'t str>,
    kind: Option<&'t str>,
    actor: Option<&'t str>,
    /// Whether `data` was written; its fields are in `data`, empty when it was not.
    has_data: bool,
    data: Fields<'t>,
}

/// Whether `byte` ends the fast reading of a string: its closing quote, an escape, or a control character JSON
/// does not allow unescaped (which the full reader refuses).
fn stops(byte: u8) -> bool {
    matches!(byte, 0..=0x1f | b'"' | b'\\')
}

/// Eight copies of a byte, one in each byte of a word.
const fn each(byte: u8) -> u64 {
    0x0101_0101_0101_0101 * byte as u64
}

/// The high bit of each byte of `word` that is zero, and perhaps of some bytes after the first such (a borrow runs
/// upward): the lowest bit set is always the first zero byte.
fn zeros(word: u64) -> u64 {
    word.wrapping_sub(each(1)) & !word & each(0x80)
}

/// How many bytes of `bytes` come before the first that [`stops`] a string (all of them when none does), tested
/// eight at a time: a word's quotes, backslashes and bytes below 0x20 are found by the carries of a few
/// subtractions, so the loop does no test per byte. Strings here are short (ids, dates, names: 4–20 bytes), so
/// a call into a general search (the memchr crate), which also cannot look for a range of bytes in the same pass,
/// costs more than it saves.
fn plain_length(bytes: &[u8]) -> usize {
    let mut chunks = bytes.chunks_exact(8);
    let mut done = 0;
    for chunk in &mut chunks {
        let Ok(eight) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let word = u64::from_le_bytes(eight);
        let found = zeros(word ^ each(b'"'))
            | zeros(word ^ each(b'\\'))
            | (word.wrapping_sub(each(0x20)) & !word & each(0x80));
        if found != 0 {
            return done + (found.trailing_zeros() / 8) as usize;
        }
        done += 8;
    }
    let rest = chunks.remainder();
    done + rest.iter().position(|b| stops(*b)).unwrap_or(rest.len())
}

/// The fields of a flat `data` object, in the order written, without allocating.
#[derive(Default)]
struct Fields<'t> {
    names: [&'t str; MOST],
    values: [Option<Raw<'t>>; MOST],
    len: usize,
}

impl<'t> Fields<'t> {
    fn iter(&self) -> impl Iterator<Item = (&'t str, Raw<'t>)> + '_ {
        self.names
            .iter()
            .zip(&self.values)
            .take(self.len)
            .filter_map(|(name, value)| value.map(|v| (*name, v)))
    }

    /// Adds a field, or gives up on one written twice or one too many.
    fn push(&mut self, name: &'t str, value: Raw<'t>) -> Option<()> {
        if self.names.iter().take(self.len).any(|n| *n == name) {
            return None;
        }
        *self.names.get_mut(self.len)? = name;
        *self.values.get_mut(self.len)? = Some(value);
        self.len += 1;
        Some(())
    }
}

/// A cursor over the line's bytes.
struct Cursor<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Cursor<'t> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Takes `byte` (after any white space), or gives up.
    fn take(&mut self, byte: u8) -> Option<()> {
        self.space();
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// A string without escapes or control characters, as the slice between its quotes.
    fn string(&mut self) -> Option<&'t str> {
        self.take(b'"')?;
        let start = self.at;
        let rest = self.text.as_bytes().get(start..)?;
        let length = plain_length(rest);
        if rest.get(length) != Some(&b'"') {
            return None;
        }
        self.at = start + length + 1;
        self.text.get(start..start + length)
    }

    /// A whole number in at most [`DIGITS`] digits, without a sign, a leading zero, a fraction or an exponent.
    fn whole(&mut self) -> Option<u64> {
        let rest = self.text.as_bytes().get(self.at..)?;
        let length = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        let digits = rest.get(..length)?;
        if length == 0 || length > DIGITS || (length > 1 && digits.first() == Some(&b'0')) {
            return None;
        }
        // A fraction or an exponent makes it another number; anything else after it is the object's to judge.
        if matches!(rest.get(length), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        self.at += length;
        Some(
            digits
                .iter()
                .fold(0u64, |n, b| n * 10 + u64::from(b - b'0')),
        )
    }

    /// A value of `data`: a string or a whole number.
    fn raw(&mut self) -> Option<Raw<'t>> {
        self.space();
        if self.peek()? == b'"' {
            self.string().map(Raw::Text)
        } else {
            self.whole().map(Raw::Whole)
        }
    }

    /// An object's members, each read by `member` after its name and colon; a name that `known` finds at the
    /// cursor (with its quotes) is taken as it is instead of being scanned.
    fn object(
        &mut self,
        known: fn(&[u8]) -> Option<&'static str>,
        mut member: impl FnMut(&mut Self, &'t str) -> Option<()>,
    ) -> Option<()> {
        self.take(b'{')?;
        self.space();
        if self.peek()? == b'}' {
            self.at += 1;
            return Some(());
        }
        loop {
            self.space();
            let name = match self.text.as_bytes().get(self.at..).and_then(known) {
                Some(name) => {
                    self.at += name.len() + 2;
                    name
                }
                None => self.string()?,
            };
            self.take(b':')?;
            member(self, name)?;
            self.space();
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }
}

/// The name of an event's field written (in quotes, without an escape) at the start of `bytes`, if it is one:
/// each compared as a few bytes at once, instead of scanned as a string.
fn field_name(bytes: &[u8]) -> Option<&'static str> {
    match bytes.get(1)? {
        b'i' if bytes.starts_with(b"\"id\"") => Some("id"),
        b'a' if bytes.starts_with(b"\"at\"") => Some("at"),
        b'a' if bytes.starts_with(b"\"actor\"") => Some("actor"),
        b'k' if bytes.starts_with(b"\"kind\"") => Some("kind"),
        b'd' if bytes.starts_with(b"\"data\"") => Some("data"),
        _ => None,
    }
}

/// Scans `text` as the common event line into `scanned`, or gives up.
fn scan<'t>(text: &'t str, scanned: &mut Scanned<'t>) -> Option<()> {
    let mut cursor = Cursor { text, at: 0 };
    cursor.object(field_name, |cursor, name| {
        let slot = match name {
            "id" => &mut scanned.id,
            "at" => &mut scanned.at,
            "kind" => &mut scanned.kind,
            "actor" => &mut scanned.actor,
            "data" => {
                if scanned.has_data {
                    return None;
                }
                scanned.has_data = true;
                let fields = &mut scanned.data;
                return cursor.object(
                    |_| None,
                    |cursor, name| {
                        let value = cursor.raw()?;
                        fields.push(name, value)
                    },
                );
            }
            _ => return None,
        };
        if slot.is_some() {
            return None;
        }
        *slot = Some(cursor.string()?);
        Some(())
    })?;
    cursor.space();
    (cursor.at == text.len()).then_some(())
}

/// Writes `text` into `event` if it is the common line and one the full reader accepts as it stands; `false`,
/// leaving `event` as it may be, when the full reader must read it.
pub(crate) fn fill(event: &mut Event, line: usize, text: &str) -> bool {
    let mut scanned = Scanned::default();
    if scan(text, &mut scanned).is_none() {
        return false;
    }
    let (Some(id), Some(at), Some(kind), Some(actor)) =
        (scanned.id, scanned.at, scanned.kind, scanned.actor)
    else {
        return false;
    };
    let Some(at) = At::parse(at).filter(|_| !id.is_empty()) else {
        return false;
    };
    event.line = line;
    event.seq = None;
    event.at = at;
    for (to, from) in [
        (&mut event.id, id),
        (&mut event.kind, kind),
        (&mut event.actor, actor),
    ] {
        to.clear();
        to.push_str(from);
    }
    fill_data(&mut event.data, text, &scanned.data);
    true
}

/// Makes `data` the flat object of `fields`, slices of `line`: each field as places in a copy of the line, in the
/// order written (names are distinct; [`Data`] answers in sorted order where an order shows).
fn fill_data(data: &mut Data, line: &str, fields: &Fields<'_>) {
    let base = line.as_ptr() as usize;
    let place = |part: &str| {
        let start = (part.as_ptr() as usize).wrapping_sub(base);
        (start, start + part.len())
    };
    let mut spans = [Span {
        name: (0, 0),
        value: Slot::Whole(0),
    }; MOST];
    let mut len = 0;
    let mut digits = false;
    for ((name, value), to) in fields.iter().zip(spans.iter_mut()) {
        digits |= six_digits(name)
            || match value {
                Raw::Text(text) => six_digits(text),
                Raw::Whole(n) => n >= TEN_DIGITS,
            };
        *to = Span {
            name: place(name),
            value: match value {
                Raw::Text(text) => {
                    let (start, end) = place(text);
                    Slot::Text(start, end)
                }
                Raw::Whole(n) => Slot::Whole(n),
            },
        };
        len += 1;
    }
    data.set_flat(line, spans.get(..len).unwrap_or_default(), digits);
}

/// The least whole number of ten digits: a smaller one cannot be a CPR number.
const TEN_DIGITS: u64 = 1_000_000_000;

/// Whether `text` may hold a CPR-like number: it has ten bytes or more and six digits in a row, which every such
/// number (ten digits, or six, a hyphen and four) has.
fn six_digits(text: &str) -> bool {
    if text.len() < 10 {
        return false;
    }
    let mut run = 0u32;
    for byte in text.bytes() {
        run = if byte.is_ascii_digit() { run + 1 } else { 0 };
        if run == 6 {
            return true;
        }
    }
    false
}

/// An event with nothing in it yet, to be filled.
pub(crate) fn empty() -> Event {
    Event {
        line: 0,
        seq: None,
        id: String::new(),
        at: At {
            date: chrono::NaiveDate::MIN,
            time: None,
        },
        kind: String::new(),
        actor: String::new(),
        data: Data::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path and the full reader agree: whatever the fast path reads, the full reader reads the same
    /// event; whatever it leaves, the full reader is left to answer.
    fn agree(text: &str) -> bool {
        let mut event = empty();
        // Filled over an event of other fields, as a reader reuses one.
        let seeded = fill(
            &mut event,
            1,
            r#"{"id":"seed","at":"2020-01-01","kind":"k","actor":"a","data":{"zz":"1","hours":7}}"#,
        );
        assert!(seeded);
        let fast = fill(&mut event, 9, text);
        if fast {
            assert_eq!(Event::parse_full(9, text), Ok(event), "{text}");
        }
        fast
    }

    #[test]
    fn the_common_line_is_read_fast_and_as_the_full_reader_reads_it() {
        for text in [
            r#"{"id":"e1","at":"2019-01-10","kind":"hours","actor":"firm","data":{"item":"consultant","date":"2019-01-09","hours":"2.5"}}"#,
            r#"{"id":"e1","at":"2019-01-10T09:30:00Z","kind":"signed","actor":"firm"}"#,
            r#" { "id" : "e1" , "at":"2019-01-10","kind":"k","actor":"a","data":{ } } "#,
            r#"{"data":{"hours":7,"n":0,"zz":"x"},"actor":"ø","kind":"k","at":"2019-01-10","id":"é"}"#,
            r#"{"id":"e1","at":"2019-01-10","kind":"k","actor":"a","data":{"hours":123456789012345}}"#,
        ] {
            assert!(agree(text), "{text}");
        }
    }

    #[test]
    fn anything_else_is_left_to_the_full_reader() {
        for text in [
            r#"{"id":"","at":"2019-01-10","kind":"k","actor":"a"}"#,
            r#"{"id":"e","at":"2019-02-30","kind":"k","actor":"a"}"#,
            r#"{"id":"e","at":"2019-01-10","kind":"k"}"#,
            r#"{"id":"e","at":"2019-01-10","kind":"k","actor":"a","actor":"a"}"#,
            r#"{"id":"e","at":"2019-01-10","kind":"k","actor":"a","colour":"red"}"#,
            r#"{"id":"e","at":"2019-01-10","kind":"k","actor":"a","data":{"h":1,"h":2}}"#,
            r#"{"id":"e","at":"2019-01-10","kind":"k","actor":"a","data":{"h":1},"data":{}}"#,
            r#"{"id":"e\"","at":"2019-01-10","kind":"k","actor":"a"}"#,
            r#"{"id":"e\u0041","at":"2019-01-10","kind":"k","actor":"a"}"#,
            "{\"id\":\"e\t\",\"at\":\"2019-01-10\",\"kind\":\"k\",\"actor\":\"a\"}",
            r#"{"id":7,"at":"2019-01-10","kind":"k","actor":"a"}"#,
            r#"{"id":"e","at":"2019-01-10","kind":"k","actor":"a","data":[]}"#,
            r#"{"id":"e","at":"2019-01-10","kind":"k","actor":"a","data":{"h":1.5}}"#,
            r#"{"id":"e","at":"2019-01-10","kind":"k","actor":"a","data":{"h":1e3}}"#,
            r#"{"id":"e","at":"2019-01-10","kind":"k","actor":"a","data":{"h":-1}}"#,
            r#"{"id":"e","at":"2019-01-10","kind":"k","actor":"a","data":{"h":-0}}"#,
            r#"{"id":"e","at":"2019-01-10","kind":"k","actor":"a","data":{"h":007}}"#,
            r#"{"id":"e","at":"2019-01-10","kind":"k","actor":"a","data":{"h":9007199254740993}}"#,
            r#"{"id":"e","at":"2019-01-10","kind":"k","actor":"a","data":{"h":null}}"#,
            r#"{"id":"e","at":"2019-01-10","kind":"k","actor":"a","data":{"h":{"x":1}}}"#,
            r#"{"id":"e","at":"2019-01-10","kind":"k","actor":"a","data":{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9}}"#,
            r#"{"id":"e","at":"2019-01-10","kind":"k","actor":"a",}"#,
            r#"{"id":"e","at":"2019-01-10","kind":"k","actor":"a"} x"#,
            r#"{"id":"e","at":"2019-01-10","kind":"k","actor":"a""#,
            r#"{"id":"e","at":"2019-01-10","kind":"k","actor":"a","data":{"h":1,}}"#,
            r#"{"id":"e","at":"2019-01-10","kind":"k","actor":"a","data":{"h" 1}}"#,
            "[1]",
            "{}",
            "",
        ] {
            assert!(!agree(text), "{text}");
        }
    }

    #[test]
    fn a_string_is_scanned_eight_bytes_at_a_time_to_the_byte_a_byte_at_a_time_stops_at() {
        let one_by_one = |bytes: &[u8]| bytes.iter().position(|b| stops(*b)).unwrap_or(bytes.len());
        for stop in 0..=255u8 {
            for at in 0..20 {
                for len in at..24 {
                    let mut bytes = vec![b'a'; len];
                    if let Some(slot) = bytes.get_mut(at) {
                        *slot = stop;
                    }
                    // A byte that stops after it, and bytes that borrow in the word's arithmetic next to it.
                    for other in [b'"', 0x20, 0x21, 0x00, 0x80, 0xff] {
                        let mut with = bytes.clone();
                        if let Some(slot) = with.get_mut(at + 1) {
                            *slot = other;
                        }
                        assert_eq!(plain_length(&with), one_by_one(&with), "{with:?}");
                    }
                    assert_eq!(plain_length(&bytes), one_by_one(&bytes), "{bytes:?}");
                }
            }
        }
    }

    #[test]
    fn a_reused_event_keeps_no_field_of_the_one_before() {
        let mut event = empty();
        for text in [
            r#"{"id":"a","at":"2019-01-10","kind":"k","actor":"p","data":{"x":"1","y":2}}"#,
            r#"{"id":"b","at":"2019-01-11","kind":"k","actor":"p","data":{"y":"2","x":3}}"#,
            r#"{"id":"c","at":"2019-01-12","kind":"k","actor":"p","data":{"x":"1"}}"#,
            r#"{"id":"d","at":"2019-01-12","kind":"k","actor":"p"}"#,
            r#"{"id":"e","at":"2019-01-12","kind":"k","actor":"p","data":{"z":"9","w":"8"}}"#,
        ] {
            assert!(fill(&mut event, 3, text), "{text}");
            assert_eq!(Event::parse_full(3, text), Ok(event.clone()), "{text}");
        }
    }

    #[test]
    fn a_string_without_six_digits_in_a_row_holds_no_number_the_detector_finds() {
        // Every string of digits, hyphens and letters up to 12 bytes over a small alphabet, and the numbers the
        // detector finds placed in longer ones: `six_digits` is false only where `cpr::find` finds nothing.
        let alphabet = [b'0', b'1', b'3', b'9', b'-', b'a'];
        let mut checked = 0;
        for len in 0..=11u32 {
            let count = 6usize.pow(len.min(6));
            for mut code in 0..count {
                let mut text = String::new();
                for _ in 0..len {
                    text.push(char::from(*alphabet.get(code % 6).unwrap_or(&b'a')));
                    code /= 6;
                }
                // Past six symbols, the rest is a fixed run, so that longer strings are covered too.
                text.push_str(&"0101".repeat(((len.saturating_sub(6)) / 2) as usize));
                if !six_digits(&text) {
                    assert!(cvl_syntax::cpr::find(&text).is_empty(), "{text}");
                }
                checked += 1;
            }
        }
        assert!(checked > 200_000);
        for text in [
            "0102031234",
            "born 010203-1234",
            "x1102031234y",
            "a0102031234",
        ] {
            assert!(six_digits(text), "{text}");
            assert!(!cvl_syntax::cpr::find(text).is_empty(), "{text}");
        }
        for text in ["2019-01-10", "12345", "e123456", "abcdefghij", "20190110-x"] {
            assert!(!six_digits(text) || text.len() >= 10, "{text}");
        }
    }

    #[test]
    fn data_read_fast_says_whether_it_may_hold_a_cpr_number_and_data_read_in_full_always_may() {
        let line = |data: &str| {
            format!(
                r#"{{"id":"e1","at":"2019-01-10","kind":"hours","actor":"p","data":{{{data}}}}}"#
            )
        };
        for (data, fast, may) in [
            (r#""date":"2019-01-10","hours":"7.5""#, true, false),
            (r#""amount":"125000.00","n":999999999"#, true, false),
            (r#""amount":"1250000.00""#, true, true),
            (r#""n":1000000000"#, true, true),
            (r#""note":"born 010203-1234""#, true, true),
            (r#""010203123456":"x""#, true, true),
            (r#""note":"010203""#, true, false),
            (r#""note":"\u0030102031234""#, false, true),
            (r#""n":1.102031234e9"#, false, true),
            (r#""a":{"b":"x"}"#, false, true),
        ] {
            let text = line(data);
            let mut event = empty();
            assert_eq!(fill(&mut event, 1, &text), fast, "{text}");
            let event = Event::parse(1, &text).unwrap();
            assert_eq!(event.data.may_hold_cpr(), may, "{text}");
        }
    }
}
