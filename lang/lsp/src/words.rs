//! Values and types in the document's language, for hover and completion: in English as the checker writes them
//! (`60,000.00 DKK per month`, `2 weeks`), in Danish with the catalogue's words (lsp.ftl) and Danish notation
//! (`60.000,00 kr. pr. måned`, `2 uger`). Dates are ISO in both.

use cvl_check::types::{Calendar, Type};
use cvl_check::value::Value;
use cvl_syntax::{Lang, Text, text};
use rust_decimal::Decimal;

use crate::engine::Analysis;

/// The language of the document: its first word's (spec 2.5).
pub(crate) fn lang_of(analysis: &Analysis) -> Lang {
    analysis
        .source()
        .map_or(Lang::En, |s| cvl_fmt::language_of(&s.text).lang())
}

/// A number in the language's notation, as many decimals as it has (`1.234,5` in Danish).
fn number(lang: Lang, amount: Decimal) -> String {
    cvl_messages::group(lang, &amount.normalize().to_string())
}

/// Which plural a quantity takes: one for exactly 1, other for any other amount.
fn plural(amount: Decimal) -> u8 {
    if amount == Decimal::ONE { 1 } else { 2 }
}

/// The unit a rate is per, given by its English word (`month`), as a word of the language (`måned`).
pub(crate) fn per(lang: Lang, word: &str) -> String {
    match lang {
        Lang::En => word.to_string(),
        Lang::Da => text!("lsp-per", unit = word).show(lang),
    }
}

/// `value` in `lang`.
pub(crate) fn value(lang: Lang, value: &Value) -> String {
    if lang == Lang::En {
        return value.to_string();
    }
    let quantity = |amount: Decimal, unit: &str| {
        text!(
            "lsp-quantity",
            amount = number(lang, amount),
            count = plural(amount),
            unit = unit
        )
        .show(lang)
    };
    match value {
        Value::Money { amount, currency } => {
            // Rounded to the øre as the checker rounds it.
            let rounded = cvl_check::value::group_thousands(*amount, Some(2)).replace(',', "");
            cvl_messages::money(lang, rounded.parse().unwrap_or(*amount), currency)
        }
        Value::Duration {
            amount,
            calendar: Calendar::Days,
        } => quantity(*amount, "day"),
        Value::Duration {
            amount,
            calendar: Calendar::Months,
        } => quantity(*amount, "month"),
        Value::Hours(amount) => quantity(*amount, "hour"),
        Value::Count(amount) => number(lang, *amount),
        Value::Rate { of, per: p } => text!(
            "lsp-rate",
            amount = self::value(lang, of),
            per = per(lang, p.word())
        )
        .show(lang),
        Value::Bool(b) => text!("lsp-bool", value = b.to_string()).show(lang),
        Value::Date(_) | Value::Text(_) | Value::Party(_) | Value::Weekday(_) => value.to_string(),
    }
}

/// `ty` in `lang`.
pub(crate) fn ty(lang: Lang, ty: &Type) -> String {
    if lang == Lang::En {
        return ty.to_string();
    }
    type_text(ty).show(lang)
}

fn type_text(ty: &Type) -> Text {
    let simple = |name: &str| text!("lsp-type", name = name);
    match ty {
        Type::Money(currency) => text!("lsp-type-money", currency = currency.as_str()),
        Type::Duration(Calendar::Days) => simple("days"),
        Type::Duration(Calendar::Months) => simple("months"),
        Type::Date => simple("date"),
        Type::Hours => simple("hours"),
        Type::Count => simple("count"),
        Type::Rate(of, p) => {
            let of = match of.as_ref() {
                Type::Money(currency) => text!("lsp-type-currency", currency = currency.as_str()),
                other => type_text(other),
            };
            text!("lsp-type-rate", of = of, per = p.word())
        }
        Type::Bool => simple("bool"),
        Type::Text => simple("text"),
        Type::Party => simple("party"),
        Type::Weekday => simple("weekday"),
        Type::Error => simple("error"),
    }
}
