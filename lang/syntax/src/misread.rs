//! Numbers, dates and unit words written the way a Danish (or English) text writes them, and what each is in CVL.
//!
//! Nothing here makes anything valid. These functions only name the CVL spelling of text that the parser or the
//! checker refuses anyway (`22,500`, `1.234.567`, `01.03.2024`, `1. marts 2024`, `per måned`, `kr.`, `01-03-2024`),
//! so that the help line of that refusal tells a negotiator what to write instead of leaving them to guess.

use chrono::NaiveDate;
use cvl_messages::{Text, text};

/// What a number-like text that is not a CVL number most likely is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reading {
    /// A date written with `.` between its parts: the date, when the text names one day of the calendar with a
    /// four-digit year.
    Date(Option<NaiveDate>),
    /// A number written with `,`, with `.` between groups of thousands, or ending in `.`: the help line's advice.
    Number(Text),
}

/// The CVL unit word (or currency code) meant by `word`, which is not a unit: a Danish unit word (`måned`, `uge`,
/// `dag`, `år`, `time`, `kr`), an abbreviation (`hrs`, `mdr`), a unit in capitals (`Month`) or a currency code in
/// lower case (`eur`).
pub fn unit_meant(word: &str) -> Option<String> {
    let lower = word.trim_end_matches('.').to_lowercase();
    let meant = match lower.as_str() {
        "måned" | "maaned" | "md" | "mdr" | "mnd" | "mth" | "mo" => "month",
        "måneder" | "maaneder" | "mths" | "mos" | "months" => "months",
        "month" => "month",
        "uge" | "wk" | "week" => "week",
        "uger" | "wks" | "weeks" => "weeks",
        "dag" | "day" => "day",
        "dage" | "days" => "days",
        "år" | "aar" | "yr" | "year" => "year",
        "yrs" | "years" => "years",
        "time" | "hr" | "h" | "hour" => "hour",
        "timer" | "hrs" | "hours" => "hours",
        "kr" | "kroner" | "krone" | "dkr" | "dkk" => "DKK",
        "euro" | "euros" | "eur" => "EUR",
        other if other.len() == 3 && other.bytes().all(|b| b.is_ascii_lowercase()) => {
            // `usd`, `sek`: a currency code in the wrong case. Any other three letters are no guess.
            return ["usd", "sek", "nok", "gbp", "chf", "isk", "jpy", "pln"]
                .contains(&other)
                .then(|| other.to_uppercase());
        }
        _ => return None,
    };
    Some(meant.to_string())
}

/// Whether `word` is the Danish abbreviation `pr.` of `per`.
pub fn is_per_abbreviation(word: &str) -> bool {
    word.eq_ignore_ascii_case("pr")
}

/// The number (1 to 12) of the month that `word` names, in Danish or English, in full or abbreviated, in any case.
pub fn month_number(word: &str) -> Option<u32> {
    let lower = word.trim_end_matches('.').to_lowercase();
    Some(match lower.as_str() {
        "januar" | "january" | "jan" => 1,
        "februar" | "february" | "feb" => 2,
        "marts" | "march" | "mar" => 3,
        "april" | "apr" => 4,
        "maj" | "may" => 5,
        "juni" | "june" | "jun" => 6,
        "juli" | "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "oktober" | "october" | "okt" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// The day `year-month-day`, when the three numbers name one in the calendar and the year has four digits.
pub fn calendar_day(year: u64, month: u64, day: u64) -> Option<NaiveDate> {
    if !(1000..=9999).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(
        i32::try_from(year).ok()?,
        u32::try_from(month).ok()?,
        u32::try_from(day).ok()?,
    )
}

/// The help line for a date written another way: its `YYYY-MM-DD` form when it is a day of the calendar.
pub fn date_help_text(date: Option<NaiveDate>) -> Text {
    match date {
        Some(date) => text!(
            "syntax-date-written-help",
            date = date.format("%Y-%m-%d").to_string()
        ),
        None => text!("syntax-date-how-help"),
    }
}

/// Whether `text` is a CVL number: digits (grouped with `_` after the first) and an optional decimal point with
/// digits on both sides.
pub fn is_number(text: &str) -> bool {
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text, None),
    };
    let whole_ok = whole.starts_with(|c: char| c.is_ascii_digit())
        && whole.chars().all(|c| c.is_ascii_digit() || c == '_');
    let fraction_ok =
        fraction.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()));
    whole_ok && fraction_ok
}

/// Digits grouped in threes with `_`, as CVL writes a large number: `1234567` → `1_234_567`, `5000` → `5_000`.
pub fn grouped(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('_');
        }
        out.push(c);
    }
    out
}

/// What a text of digits, `_`, `.` and `,` that is not a CVL number (see [`is_number`]) most likely means.
pub fn read(text: &str) -> Reading {
    let body = text.strip_suffix('.').unwrap_or(text);
    let separators: Vec<char> = body.chars().filter(|c| matches!(c, '.' | ',')).collect();
    let groups: Vec<&str> = body.split(['.', ',']).collect();
    let digits = |g: &str| g.chars().filter(char::is_ascii_digit).collect::<String>();
    let number = |g: &str| digits(g).parse::<u64>().ok();
    let plain = |g: &str| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit());

    // `01.03.2024`, `1.3.2024`, `2024.03.01`: three groups of digits between dots.
    if let [a, b, c] = groups.as_slice()
        && separators.iter().all(|&s| s == '.')
        && [a, b, c].iter().all(|g| plain(g))
    {
        let short = |g: &str| (1..=2).contains(&g.len());
        if short(a) && short(b) && (c.len() == 4 || c.len() == 2) {
            let date = match (number(c), number(b), number(a)) {
                (Some(y), Some(m), Some(d)) => calendar_day(y, m, d),
                _ => None,
            };
            return Reading::Date(date);
        }
        if a.len() == 4 && short(b) && short(c) {
            let date = match (number(a), number(b), number(c)) {
                (Some(y), Some(m), Some(d)) => calendar_day(y, m, d),
                _ => None,
            };
            return Reading::Date(date);
        }
    }

    let general = || text!("syntax-number-how-help");
    let Some((first, rest)) = groups.split_first() else {
        return Reading::Number(general());
    };
    let thousands = |groups: &[&str]| groups.iter().all(|g| g.len() == 3 && plain(g));
    let whole_of = |groups: &[&str]| grouped(&groups.iter().map(|g| digits(g)).collect::<String>());
    let has = |c: char| separators.contains(&c);

    if separators.is_empty() {
        // `5.`: a number that ends with its decimal point.
        return Reading::Number(text!(
            "syntax-number-trailing-point-help",
            number = whole_of(&[first])
        ));
    }
    let last_separator = separators.last().copied().unwrap_or('.');
    if has('.') && has(',') {
        // `1.234,50` (Danish) or `1,234.50` (English): the last separator is the decimal mark.
        let Some((decimals, middle)) = rest.split_last() else {
            return Reading::Number(general());
        };
        let one_kind_between = separators
            .iter()
            .rev()
            .skip(1)
            .all(|&s| s != last_separator);
        if one_kind_between && thousands(middle) && plain(decimals) {
            let whole: Vec<&str> = std::iter::once(*first)
                .chain(middle.iter().copied())
                .collect();
            return Reading::Number(text!(
                "syntax-number-marks-help",
                number = format!("{}.{decimals}", whole_of(&whole))
            ));
        }
        return Reading::Number(general());
    }
    if last_separator == ',' && rest.len() == 1 {
        let decimals = rest.first().copied().unwrap_or_default();
        if !plain(decimals) {
            return Reading::Number(general());
        }
        let whole = whole_of(&[first]);
        if decimals.len() == 3 {
            // `22,500`: thousands in English, a decimal comma in Danish.
            let trimmed = decimals.trim_end_matches('0');
            let decimal = if trimmed.is_empty() {
                whole.clone()
            } else {
                let kept = if trimmed.len() < 2 {
                    decimals.get(..2).unwrap_or(decimals)
                } else {
                    trimmed
                };
                format!("{whole}.{kept}")
            };
            return Reading::Number(text!(
                "syntax-number-comma-help",
                thousands = whole_of(&[first, decimals]),
                decimal = decimal
            ));
        }
        return Reading::Number(text!(
            "syntax-number-decimal-comma-help",
            number = format!("{whole}.{decimals}")
        ));
    }
    if thousands(rest) {
        // `1.234.567` (Danish) or `1,234,567` (English).
        let all: Vec<&str> = groups.clone();
        return Reading::Number(text!(
            "syntax-number-thousands-help",
            number = whole_of(&all)
        ));
    }
    Reading::Number(general())
}

#[cfg(test)]
mod tests {
    use super::*;
    use cvl_messages::Lang;

    fn help(text: &str) -> String {
        match read(text) {
            Reading::Number(help) => help.show(Lang::En),
            Reading::Date(date) => date_help_text(date).show(Lang::En),
        }
    }

    #[test]
    fn danish_and_english_numbers_read_as_cvl_writes_them() {
        assert!(help("22,500").contains("`22_500` if `,` groups thousands, or `22.50`"));
        assert!(help("22,50").contains("`22.50`"));
        assert!(help("22,5").contains("`22.5`"));
        assert!(help("1.234.567").contains("`1_234_567`"));
        assert!(help("1,234,567").contains("`1_234_567`"));
        assert!(help("1.234,50").contains("`1_234.50`"));
        assert!(help("1,234.50").contains("`1_234.50`"));
        assert!(help("22_500,00").contains("`22_500.00`"));
        assert!(help("5.").contains("`5`"));
        assert!(help("1.23.4").contains("`22_500.50`"));
    }

    #[test]
    fn dates_with_dots_read_as_their_iso_form() {
        assert!(help("01.03.2024").contains("`2024-03-01`"));
        assert!(help("1.3.2024").contains("`2024-03-01`"));
        assert!(help("2024.03.01").contains("`2024-03-01`"));
        assert!(help("31.02.2024").contains("`YYYY-MM-DD`, such as"));
        assert!(help("01.03.24").contains("`YYYY-MM-DD`, such as"));
    }

    #[test]
    fn what_is_a_cvl_number() {
        for good in ["0", "60_000", "0.5", "1_234.75", "007"] {
            assert!(is_number(good), "{good}");
        }
        for bad in ["5.", "22,500", "1.234.567", "1.5_0", "01.03.2024"] {
            assert!(!is_number(bad), "{bad}");
        }
    }

    #[test]
    fn unit_words_in_danish_and_abbreviated() {
        assert_eq!(unit_meant("måned").as_deref(), Some("month"));
        assert_eq!(unit_meant("maaneder").as_deref(), Some("months"));
        assert_eq!(unit_meant("Month").as_deref(), Some("month"));
        assert_eq!(unit_meant("kr.").as_deref(), Some("DKK"));
        assert_eq!(unit_meant("uger").as_deref(), Some("weeks"));
        assert_eq!(unit_meant("år").as_deref(), Some("year"));
        assert_eq!(unit_meant("timer").as_deref(), Some("hours"));
        assert_eq!(unit_meant("eur").as_deref(), Some("EUR"));
        assert_eq!(unit_meant("fortnight"), None);
        assert_eq!(month_number("Marts"), Some(3));
        assert_eq!(month_number("okt."), Some(10));
        assert_eq!(month_number("dag"), None);
    }

    #[test]
    fn grouping_in_threes() {
        assert_eq!(grouped("22500"), "22_500");
        assert_eq!(grouped("1234567"), "1_234_567");
        assert_eq!(grouped("1234"), "1_234");
        assert_eq!(grouped("123"), "123");
    }
}
