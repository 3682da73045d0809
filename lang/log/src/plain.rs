//! Telling, without re-serialising, that a log line is already in its canonical form, and reading it.
//!
//! A line of a log must be the canonical bytes (RFC 8785) of its entry, and the signature is over the canonical
//! bytes of the entry without `sig`. Computing those with the canonicalizer and comparing them with the line costs
//! more than anything else in reading an entry. Nearly every line is of a plain shape whose canonical form is
//! itself, and that shape can be recognised in one pass over the bytes: an object whose keys are ASCII without
//! escapes and in strictly increasing byte order (for ASCII, byte order is RFC 8785's order of UTF-16 code units),
//! whose values are strings with no escape and no control character, whole numbers of at most 15 digits written
//! without a leading zero or `-0` (below 2^53, so the canonical number form is the same digits), `true`, `false`,
//! `null`, or one level of objects of those. Such a line's canonical form is the line, so the bytes the signature
//! is over are the line with its last member, `"sig"`, cut out; and the same pass reads its values, which the
//! strict reader (`cvl_event::strict`) would read the same (no key twice, no number beyond 2^53).
//!
//! Anything else (an escape, a fraction, an exponent, an array, a deeper object, a key out of order or written
//! twice, whitespace) answers `None`, and the entry is read the long way, by the strict reader and the
//! canonicalizer, which accept or refuse it with their own words. So this is exact: it never accepts a line the
//! long way would refuse, and what it reads and the message it gives are byte for byte the long way's (tests
//! compare the two on every line they make).

use serde_json::{Map, Value};

/// A plainly canonical line, read.
pub(crate) struct Plain {
    /// The entry's members, as the strict reader reads them.
    pub(crate) members: Map<String, Value>,
    /// The canonical bytes of the entry without its `sig` member: what the signature is over.
    pub(crate) message: Vec<u8>,
}

/// The entry on `line`, when the line is plainly canonical and `sig` is its last member and not its first;
/// `None` when the long way must decide.
pub(crate) fn read(line: &str) -> Option<Plain> {
    let bytes = line.as_bytes();
    let mut scan = Scan { bytes, at: 0 };
    let (members, last) = scan.object(0)?;
    if scan.at != bytes.len() {
        return None;
    }
    let (comma, key) = last?;
    if key != "sig" {
        return None;
    }
    let body = bytes.get(..comma)?;
    let mut message = Vec::with_capacity(body.len() + 1);
    message.extend_from_slice(body);
    message.push(b'}');
    Some(Plain { members, message })
}

/// Deepest object nesting a plain line may have: the entry and its `data`.
const MAX_DEPTH: usize = 1;

/// At most this many digits in a plain whole number: every such number is below 2^53.
const MAX_DIGITS: usize = 15;

struct Scan<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Scan<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// An object at `depth`, and, for an object with two members or more, the offset of the comma before its
    /// last member and that member's key.
    #[allow(clippy::type_complexity)]
    fn object(&mut self, depth: usize) -> Option<(Map<String, Value>, Option<(usize, &'a str)>)> {
        self.eat(b'{')?;
        let mut members = Map::new();
        if self.peek()? == b'}' {
            self.at += 1;
            return Some((members, None));
        }
        let mut before: Option<&str> = None;
        let mut comma = None;
        loop {
            let key = self.key()?;
            if before.is_some_and(|before| before >= key) {
                return None;
            }
            before = Some(key);
            self.eat(b':')?;
            let value = self.value(depth)?;
            members.insert(key.to_string(), value);
            match self.peek()? {
                b',' => {
                    comma = Some(self.at);
                    self.at += 1;
                }
                b'}' => {
                    self.at += 1;
                    return Some((members, comma.map(|comma| (comma, key))));
                }
                _ => return None,
            }
        }
    }

    /// A key: ASCII, printable, no escape.
    fn key(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.at;
        loop {
            match self.peek()? {
                b'"' => break,
                b'\\' => return None,
                byte if !(0x20..0x7f).contains(&byte) => return None,
                _ => self.at += 1,
            }
        }
        let key = std::str::from_utf8(self.bytes.get(start..self.at)?).ok()?;
        self.at += 1;
        Some(key)
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        match self.peek()? {
            b'"' => self.string().map(|text| Value::String(text.to_string())),
            b'{' if depth < MAX_DEPTH => self
                .object(depth + 1)
                .map(|(members, _)| Value::Object(members)),
            b't' => self.word(b"true").map(|()| Value::Bool(true)),
            b'f' => self.word(b"false").map(|()| Value::Bool(false)),
            b'n' => self.word(b"null").map(|()| Value::Null),
            b'-' | b'0'..=b'9' => self.whole(),
            _ => None,
        }
    }

    /// A string with no escape and no control character (the line is UTF-8 already, and a string ends only at
    /// an ASCII quote, so the text between the quotes is UTF-8 too).
    fn string(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.at;
        loop {
            match self.peek()? {
                b'"' => {
                    let text = std::str::from_utf8(self.bytes.get(start..self.at)?).ok()?;
                    self.at += 1;
                    return Some(text);
                }
                b'\\' => return None,
                byte if byte < 0x20 => return None,
                _ => self.at += 1,
            }
        }
    }

    fn word(&mut self, word: &[u8]) -> Option<()> {
        let end = self.at.checked_add(word.len())?;
        (self.bytes.get(self.at..end)? == word).then(|| self.at = end)
    }

    /// A whole number in its one spelling: `0`, or an optional `-` and a non-zero digit and at most
    /// `MAX_DIGITS` digits in all, not followed by a fraction or an exponent; as the strict reader reads it (a
    /// negative number as a signed one, any other as an unsigned one).
    fn whole(&mut self) -> Option<Value> {
        let negative = self.peek()? == b'-';
        if negative {
            self.at += 1;
        }
        let start = self.at;
        while self.peek().is_some_and(|byte| byte.is_ascii_digit()) {
            self.at += 1;
        }
        let digits = self.bytes.get(start..self.at)?;
        let plain = match digits {
            [] => false,
            [b'0'] => !negative,
            [b'0', ..] => false,
            _ => digits.len() <= MAX_DIGITS,
        };
        let ends = matches!(self.peek(), Some(b',' | b'}'));
        if !(plain && ends) {
            return None;
        }
        let magnitude: u64 = std::str::from_utf8(digits).ok()?.parse().ok()?;
        if negative {
            Some(Value::from(0i64.checked_sub_unsigned(magnitude)?))
        } else {
            Some(Value::from(magnitude))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{Map, Value};

    /// The long way: the canonicalizer's bytes of the entry without `sig`, when the line is canonical.
    fn long_way(line: &str) -> Option<Vec<u8>> {
        let mut map: Map<String, Value> = serde_json::from_str(line).ok()?;
        let Some(Value::String(sig)) = map.remove("sig") else {
            return None;
        };
        let message = serde_json_canonicalizer::to_vec(&map).ok()?;
        (crate::entry::with_sig(&message, &sig) == line.as_bytes()).then_some(message)
    }

    fn message(line: &str) -> Option<Vec<u8>> {
        read(line).map(|plain| plain.message)
    }

    fn agrees(line: &str) {
        if let Some(plain) = read(line) {
            assert_eq!(
                Some(&plain.message),
                long_way(line).as_ref(),
                "the plain reading of {line} is not the canonicalizer's"
            );
            assert_eq!(
                Ok(&plain.members),
                cvl_event::strict::object(line).as_ref(),
                "the plain reading of {line} is not the strict reader's"
            );
        }
    }

    #[test]
    fn a_plain_line_gives_the_canonicalizers_message() {
        let line = r#"{"actor":"vejle","at":"2022-06-05","data":{"date":"2022-06-05","hours":2,"item":"consultant","ok":true,"x":null},"id":"e3","kind":"hours","prev":"9148","seq":3,"sig":"uZz8+/=="}"#;
        let fast = message(line).unwrap();
        assert_eq!(Some(fast), long_way(line));
        agrees(line);
        agrees(r#"{"a":-123456789012345,"b":0,"c":{},"d":false,"sig":""}"#);
        assert!(read(r#"{"a":-123456789012345,"b":0,"c":{},"d":false,"sig":""}"#).is_some());
    }

    #[test]
    fn anything_unusual_goes_the_long_way() {
        for line in [
            r#"{"a":1,"sig":"x" }"#,
            r#"{"a":1.0,"sig":"x"}"#,
            r#"{"a":1e3,"sig":"x"}"#,
            r#"{"a":-0,"sig":"x"}"#,
            r#"{"a":007,"sig":"x"}"#,
            r#"{"a":1234567890123456,"sig":"x"}"#,
            r#"{"a":"\u00e9","sig":"x"}"#,
            r#"{"a":"\/","sig":"x"}"#,
            r#"{"b":1,"a":2,"sig":"x"}"#,
            r#"{"a":1,"a":2,"sig":"x"}"#,
            r#"{"a":[1],"sig":"x"}"#,
            r#"{"a":{"b":{"c":1}},"sig":"x"}"#,
            r#"{"a":1,"sig":"x","zz":1}"#,
            r#"{"sig":"x"}"#,
            r#"{"a":1,"sig":"x"}extra"#,
            r#"{"a":1,"sig":"x"#,
            r#"{"é":1,"sig":"x"}"#,
            r#"{"a":tru,"sig":"x"}"#,
        ] {
            assert_eq!(message(line), None, "{line}");
        }
    }

    #[test]
    fn non_ascii_text_in_a_value_is_plain() {
        let line = r#"{"a":"Århus – ø","sig":"x"}"#;
        assert_eq!(message(line), long_way(line));
        assert!(message(line).is_some());
    }

    proptest! {
        /// Whatever the line, a plain reading is the canonicalizer's.
        #[test]
        fn never_other_than_the_canonicalizer(line in r#"\{("[a-z]{1,3}":(-?[0-9]{1,17}|"[a-zé\\/ ]{0,4}"|true|1\.5|\{("[a-c]":[0-9]{1,2},?){0,2}\}),?){0,4}"sig":"[a-z]{0,3}"\}"#) {
            agrees(&line);
        }

        /// A line written by the canonicalizer is read as plain whenever its values are.
        #[test]
        fn canonical_lines_of_plain_values_are_plain(
            keys in proptest::collection::btree_map("[a-r]{1,4}", (any::<i32>(), "[a-zA-Z0-9 æøå+/=]{0,12}"), 1..6),
        ) {
            let mut map = Map::new();
            for (key, (number, text)) in &keys {
                let value = if number % 2 == 0 { Value::from(*number) } else { Value::from(text.clone()) };
                map.insert(key.clone(), value);
            }
            let message_bytes = serde_json_canonicalizer::to_vec(&map).unwrap();
            let line = String::from_utf8(crate::entry::with_sig(&message_bytes, "c2ln")).unwrap();
            prop_assert_eq!(message(&line), Some(message_bytes));
            agrees(&line);
        }
    }
}
