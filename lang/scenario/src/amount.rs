//! Amounts in the notation of the file's language, read exactly (no floating point) and written back.
//!
//! English writes `180,000.00` (a comma between groups of three digits, a point before the decimals), Danish
//! `180.000,00`; both may group with `_` (`180_000.00`, `180_000,00`) or not at all (`180000`). A number that
//! reads only in the other language's notation is refused with the amount as this language writes it.

use rust_decimal::Decimal;

use crate::words::{Lang, other};
use cvl_messages::{Text, text};

/// The decimal mark and the grouping mark of `lang`.
fn marks(lang: Lang) -> (char, char) {
    match lang {
        Lang::English => ('.', ','),
        Lang::Danish => (',', '.'),
    }
}

/// Reads `text` (digits, `_`, `,` and `.`, each mark between two digits) as `lang` writes a number.
pub fn read(lang: Lang, text: &str) -> Option<Decimal> {
    let (decimal, group) = marks(lang);
    let (whole, fraction) = match text.split_once(decimal) {
        Some((w, f)) => (w, Some(f)),
        None => (text, None),
    };
    if let Some(f) = fraction
        && (f.is_empty() || !f.chars().all(|c| c.is_ascii_digit() || c == '_'))
    {
        return None;
    }
    if whole.contains(group) {
        let mut groups = whole.split(group);
        let first = groups.next()?.replace('_', "");
        if first.is_empty() || first.len() > 3 {
            return None;
        }
        if !groups.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit())) {
            return None;
        }
    }
    if whole.contains(decimal) {
        return None;
    }
    let digits: String = whole.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 20 {
        return None;
    }
    let fraction: String = fraction
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    if fraction.len() > 8 {
        return None;
    }
    let joined = if fraction.is_empty() {
        digits
    } else {
        format!("{digits}.{fraction}")
    };
    joined.parse::<Decimal>().ok()
}

/// The words of the refusal of `text`, which `lang` does not read: the message, and the help line.
pub fn refusal(lang: Lang, text: &str) -> (Text, Text) {
    let language = match lang {
        Lang::English => text!("scenario-english"),
        Lang::Danish => text!("scenario-danish"),
    };
    let message = text!(
        "scenario-not-an-amount",
        text = text,
        lang = language.clone()
    );
    let (decimal, group) = marks(lang);
    let help = match read(other(lang), text) {
        Some(value) => text!(
            "scenario-amount-other-notation",
            lang = language,
            written = written(lang, value),
            group = group,
            decimal = decimal
        ),
        None => text!(
            "scenario-amount-help",
            group = group,
            decimal = decimal,
            example = written(lang, Decimal::new(18_000_000, 2))
        ),
    };
    (message, help)
}

/// `value` as `lang` writes an amount: grouped in threes, with two decimals (more when it has more).
pub fn written(lang: Lang, value: Decimal) -> String {
    let (decimal, group) = marks(lang);
    let mut value = value;
    if value.scale() < 2 {
        value.rescale(2);
    }
    let text = value.abs().to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    let sign = if value.is_sign_negative() && !value.is_zero() {
        "-"
    } else {
        ""
    };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{decimal}{fraction}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_reads_its_own_notation() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(read(Lang::English, "180,000.00"), Some(d("180000.00")));
        assert_eq!(read(Lang::Danish, "180.000,00"), Some(d("180000.00")));
        assert_eq!(read(Lang::English, "180_000.5"), Some(d("180000.5")));
        assert_eq!(read(Lang::Danish, "180_000,50"), Some(d("180000.50")));
        assert_eq!(read(Lang::English, "22,500"), Some(d("22500")));
        assert_eq!(read(Lang::Danish, "22,500"), Some(d("22.500")));
        assert_eq!(read(Lang::English, "180.000,00"), None);
        assert_eq!(read(Lang::Danish, "1.5"), None);
        assert_eq!(read(Lang::English, "1,5"), None);
        assert_eq!(read(Lang::English, "1,000,00"), None);
        assert_eq!(read(Lang::English, "1.0.0"), None);
        assert_eq!(written(Lang::English, d("180000")), "180,000.00");
        assert_eq!(written(Lang::Danish, d("52096.78")), "52.096,78");
        assert_eq!(written(Lang::Danish, d("0")), "0,00");
        assert_eq!(written(Lang::English, d("-90000")), "-90,000.00");
    }
}
