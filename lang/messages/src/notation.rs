//! Figures in each language's notation: `60.000,00 kr.` in Danish, `60,000.00 DKK` in English. Dates are ISO in
//! both (`2019-10-15`), as the contracts write them.

use rust_decimal::Decimal;

use crate::Lang;

/// An amount in `currency`, to the øre (the caller rounds; more decimals are cut to two by the formatter's own
/// rounding): `60.000,00 kr.` in Danish and `60,000.00 DKK` in English; another currency keeps its code in both
/// (`1.000,00 EUR`).
pub fn money(lang: Lang, value: Decimal, currency: &str) -> String {
    let number = group(lang, &format!("{value:.2}"));
    match (lang, currency) {
        (Lang::Da, "DKK") => format!("{number} kr."),
        _ => format!("{number} {currency}"),
    }
}

/// A number written with a point and without grouping (`-60000.5`) in the language's notation: thousands grouped
/// by `,` and the decimal point `.` in English (`-60,000.5`), by `.` and `,` in Danish (`-60.000,5`). Text that is
/// not such a number is returned as it is.
pub fn group(lang: Lang, plain: &str) -> String {
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let is_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !is_digits(whole) || fraction.is_some_and(|f| !is_digits(f)) {
        return plain.to_string();
    }
    let (thousands, point) = match lang {
        Lang::En => (',', '.'),
        Lang::Da => ('.', ','),
    };
    let mut out = String::with_capacity(plain.len() + whole.len() / 3 + 1);
    out.push_str(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(thousands);
        }
        out.push(c);
    }
    if let Some(fraction) = fraction {
        out.push(point);
        out.push_str(fraction);
    }
    out
}
