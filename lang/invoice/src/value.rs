//! The values an element holds, read exactly as spec 12.3 says: a decimal in XML Schema's spelling into an exact
//! [`Decimal`] (never through a float, never rounded), a date as `YYYY-MM-DD` into a calendar date, a currency as
//! three capital letters. Each reader returns the refusal's words and help; the caller adds the element.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A refusal's words and help, before the element is known.
pub(crate) type Problem = (String, &'static str);

/// Reads `-12.50`, `+3`, `.5`, `7.`: an optional sign, digits, an optional `.` and digits, at least one digit in
/// all; no exponent, no grouping, no comma. The value is kept with its decimals as written (`60000.00`).
pub(crate) fn decimal(text: &str) -> Result<Decimal, Problem> {
    let not_decimal = || {
        (
            format!("`{text}` is not a decimal number"),
            "write digits with `.` before any decimals, such as `22500.00`, with no spaces, grouping or exponent",
        )
    };
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(fraction) || whole.len() + fraction.len() == 0 {
        return Err(not_decimal());
    }
    let unsigned_text = match (whole.is_empty(), fraction.is_empty()) {
        (true, _) => format!("0.{fraction}"),
        (false, true) => whole.to_string(),
        (false, false) => format!("{whole}.{fraction}"),
    };
    let value = Decimal::from_str_exact(&unsigned_text).map_err(|_| {
        (
            format!("`{text}` has more digits than are held exactly (28)"),
            "write the amount with fewer digits",
        )
    })?;
    Ok(if text.starts_with('-') { -value } else { value })
}

/// Reads `2019-01-31`: four digits, two, two, separated by `-`, a day of the calendar; no time zone.
pub(crate) fn date(text: &str) -> Result<NaiveDate, Problem> {
    let not_date = || {
        (
            format!("`{text}` is not a date"),
            "write a date as YYYY-MM-DD, such as `2019-01-31`, without a time zone",
        )
    };
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Err(not_date());
    }
    let number =
        |range: std::ops::Range<usize>| text.get(range).and_then(|s| s.parse::<u32>().ok());
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return Err(not_date());
    };
    let year = i32::try_from(year).map_err(|_| not_date())?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        (
            format!("`{text}` is not a day of the calendar"),
            "write a date that exists, such as `2019-02-28`",
        )
    })
}

/// Reads a currency code: three capital letters (ISO 4217), such as `DKK`.
pub(crate) fn currency(text: &str) -> Result<String, Problem> {
    if text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(text.to_string())
    } else {
        Err((
            format!("`{text}` is not a currency code"),
            "write the ISO 4217 code in three capital letters, such as `DKK`",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_read_exactly() {
        let ok = |s: &str| decimal(s).map(|d| d.to_string()).ok();
        assert_eq!(ok("60000.00").as_deref(), Some("60000.00"));
        assert_eq!(ok("-12.5").as_deref(), Some("-12.5"));
        assert_eq!(ok("+3").as_deref(), Some("3"));
        assert_eq!(ok(".5").as_deref(), Some("0.5"));
        assert_eq!(ok("7.").as_deref(), Some("7"));
        assert_eq!(ok("0.1").as_deref(), Some("0.1"));
        for bad in [
            "", "-", ".", "1,5", "1e3", "1_000", "1 000", "NaN", "inf", "0x10", "--1", "1.2.3",
            "١٢",
        ] {
            assert_eq!(decimal(bad).ok(), None, "{bad}");
        }
        assert!(decimal("12345678901234567890123456789012345").is_err());
    }

    #[test]
    fn dates_are_read_exactly() {
        assert_eq!(
            date("2020-02-29").ok(),
            NaiveDate::from_ymd_opt(2020, 2, 29)
        );
        for bad in [
            "2019-02-29",
            "2019-1-31",
            "2019-01-31Z",
            "2019-01-31+01:00",
            "31-01-2019",
            "2019/01/31",
            "+019-01-31",
        ] {
            assert_eq!(date(bad).ok(), None, "{bad}");
        }
    }
}
