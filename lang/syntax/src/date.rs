//! The one reader of a written date: exactly `YYYY-MM-DD`, a day of the proleptic Gregorian calendar.
//!
//! Contracts (the lexer's date token), events and log entries (`at`, dates in `data`) and the command line
//! (`--until`) all read dates through [`parse_date`], so that a date one of them accepts is a date every one of
//! them accepts: `2019-1-5`, `2019-01-05T00:00` or `+2019-01-05` are no date anywhere, and neither is a day of the
//! year 0000: dates run from 0001-01-01 to 9999-12-31 (spec 7). The parser alone reads a year-0000 day with
//! [`parse_written_day`], so that the checker can refuse it where it stands with E0017, as it refuses a computed
//! date outside that range.

use chrono::{Datelike, NaiveDate};

/// The first day a date may name.
pub const FIRST_DAY: &str = "0001-01-01";

/// A date written exactly `YYYY-MM-DD` (four digits, two, two, with hyphens), if that day is in the calendar and
/// from 0001-01-01 to 9999-12-31.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    parse_written_day(text).filter(|date| date.year() >= 1)
}

/// A day written exactly `YYYY-MM-DD`, any year from 0000 to 9999: what [`parse_date`] reads, and the year 0000
/// as well. Written by hand rather than with chrono's general parser, which accepts other spellings (and is
/// slower: most lines of a log hold two dates).
pub fn parse_written_day(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        bytes.get(range)?.iter().try_fold(0u32, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_one_spelling_of_a_calendar_day_is_a_date() {
        assert_eq!(
            parse_date("2020-02-29"),
            NaiveDate::from_ymd_opt(2020, 2, 29)
        );
        assert_eq!(parse_date("0001-01-01"), NaiveDate::from_ymd_opt(1, 1, 1));
        assert_eq!(
            parse_date("9999-12-31"),
            NaiveDate::from_ymd_opt(9999, 12, 31)
        );
        assert_eq!(parse_date("0000-01-01"), None);
        assert_eq!(parse_date("0000-12-31"), None);
        assert_eq!(
            parse_written_day("0000-01-01"),
            NaiveDate::from_ymd_opt(0, 1, 1)
        );
        assert_eq!(parse_written_day("0000-02-30"), None);
        for text in [
            "2019-02-29",
            "2019-1-5",
            "2019-01-5",
            "+2019-01-05",
            "2019-01-05T00:00:00",
            " 2019-01-05",
            "2019/01/05",
            "2019-13-01",
            "2019-00-10",
            "2019-01-00",
            "2019-0a-01",
            "",
            "２０１９-01-05",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }
}
