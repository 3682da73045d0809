//! The personal-identifier rule: no CPR number anywhere in a contract.
//!
//! A contract names a case by a pseudonymous reference, never by a person's CPR number. This scan runs over the
//! raw text — code, strings and comments alike — and reports every run that looks like one: six digits that form
//! a date DDMMYY (valid in 19YY or 20YY), an optional hyphen, and four digits, with no digit directly before or
//! after. The number itself is never repeated in the message, so that it does not spread into CI logs.

use chrono::NaiveDate;

use crate::diagnostic::{Code, Diagnostic};
use crate::span::{FileId, Span};
use cvl_messages::text;

/// Every place in `text` that looks like a CPR number, in order.
pub fn scan(file: FileId, text: &str) -> Vec<Diagnostic> {
    let found = find(text);
    if found.is_empty() {
        return Vec::new();
    }
    // The help's example is in the file's language (`case "…"` or `sag "…"`).
    let lang = crate::lexer::language_of(text);
    found
        .into_iter()
        .map(|range| diagnostic(Span::from_range(file, range), lang))
        .collect()
}

/// The byte ranges of `text` that look like a CPR number, in order: the one detector behind the contract rule
/// (E0010), the refusal of events that hold one, and [`mask`]. A run inside a word of exactly 64 lowercase hex
/// digits is not one: that word is a SHA-256, as events and logs write them.
pub fn find(text: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // Jump to the next digit: most of a contract has none.
        match bytes
            .get(i..)
            .and_then(|rest| rest.iter().position(u8::is_ascii_digit))
        {
            Some(skip) => i += skip,
            None => break,
        }
        let run = digit_run(bytes, i);
        let start = i;
        let end = match run {
            10 => Some(start + 10),
            6 if bytes.get(start + 6) == Some(&b'-') && digit_run(bytes, start + 7) == 4 => {
                Some(start + 11)
            }
            _ => None,
        };
        if let Some(end) = end
            && bytes.get(start..start + 6).is_some_and(is_ddmmyy)
            && !in_digest(bytes, start, end)
        {
            found.push(start..end);
            i = end;
        } else {
            i = start + run;
        }
    }
    found
}

/// `text` with the digits of everything [`find`] finds replaced by `*`: the same length in bytes, so that every
/// offset into the text still points at the same place.
pub fn mask(text: &str) -> std::borrow::Cow<'_, str> {
    let found = find(text);
    if found.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for range in found {
        for byte in bytes.get_mut(range).into_iter().flatten() {
            if byte.is_ascii_digit() {
                *byte = b'*';
            }
        }
    }
    // Only ASCII digits were replaced, by an ASCII character: the text is still UTF-8.
    std::borrow::Cow::Owned(String::from_utf8_lossy(&bytes).into_owned())
}

/// Whether `start..end` lies inside a word of exactly 64 lowercase hex digits.
fn in_digest(bytes: &[u8], start: usize, end: usize) -> bool {
    let hex = |b: &u8| matches!(b, b'0'..=b'9' | b'a'..=b'f');
    let before = bytes
        .get(..start)
        .map_or(0, |b| b.iter().rev().take_while(|c| hex(c)).count());
    let after = bytes
        .get(end..)
        .map_or(0, |b| b.iter().take_while(|c| hex(c)).count());
    let word = before + (end - start) + after;
    let bounded = |b: Option<&u8>| !b.is_some_and(u8::is_ascii_alphanumeric);
    word == 64
        && bounded(start.checked_sub(before + 1).and_then(|i| bytes.get(i)))
        && bounded(bytes.get(end + after))
}

/// The length of the run of ASCII digits starting at `at`.
fn digit_run(bytes: &[u8], at: usize) -> usize {
    bytes.get(at..).map_or(0, |rest| {
        rest.iter().take_while(|b| b.is_ascii_digit()).count()
    })
}

fn is_ddmmyy(digits: &[u8]) -> bool {
    let number = |i: usize| -> Option<u32> {
        let pair = digits.get(i..i + 2)?;
        let tens = u32::from(pair.first()?.checked_sub(b'0')?);
        let ones = u32::from(pair.get(1)?.checked_sub(b'0')?);
        Some(tens * 10 + ones)
    };
    let (Some(day), Some(month), Some(year)) = (number(0), number(2), number(4)) else {
        return false;
    };
    let year = i32::try_from(year).unwrap_or(0);
    [1900, 2000]
        .iter()
        .any(|century| NaiveDate::from_ymd_opt(century + year, month, day).is_some())
}

fn diagnostic(span: Span, lang: crate::danish::Language) -> Diagnostic {
    Diagnostic::new(Code::E0010, span, text!("syntax-cpr"))
        .with_label(text!("syntax-cpr-label"))
        .with_help(text!("syntax-cpr-help", lang = lang.code()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking_keeps_every_offset_and_spares_a_sha256() {
        assert_eq!(
            mask("id 010203-1234 and 0102031234x"),
            "id ******-**** and **********x"
        );
        assert_eq!(
            mask("no number here 2019-01-10"),
            "no number here 2019-01-10"
        );
        let digest = format!("{}0102031234{}", "a".repeat(20), "b".repeat(34));
        assert_eq!(digest.len(), 64);
        assert!(find(&digest).is_empty());
        // One hex digit more, or an uppercase one, and it is no SHA-256 as a log writes it.
        assert_eq!(find(&format!("{digest}c")).len(), 1);
        assert_eq!(find(&digest.replace('a', "A")).len(), 1);
    }

    fn spans(text: &str) -> Vec<(u32, u32)> {
        scan(FileId(0), text)
            .iter()
            .map(|d| (d.span.start, d.span.end))
            .collect()
    }

    #[test]
    fn finds_numbers_with_and_without_hyphen_anywhere() {
        assert_eq!(spans("// 010203-1234"), vec![(3, 14)]);
        assert_eq!(spans("\"x 0102031234\""), vec![(3, 13)]);
        assert_eq!(spans("pay 3112991234 DKK"), vec![(4, 14)]);
    }

    #[test]
    fn leaves_dates_amounts_and_longer_runs_alone() {
        assert!(spans("2019-01-15 60_000 DKK 5_000").is_empty());
        assert!(spans("01020312345").is_empty());
        assert!(spans("1010203-1234").is_empty());
        assert!(spans("010203-12345").is_empty());
    }

    #[test]
    fn the_first_six_digits_must_be_a_date() {
        // 32nd day, 13th month, and 29 February in a year that is a leap year in neither century.
        assert!(spans("3201031234 0113031234 2902011234").is_empty());
        // 29 February 2000 (or 1900's 00, which 2000 makes valid).
        assert_eq!(spans("290200-1234"), vec![(0, 11)]);
    }
}
