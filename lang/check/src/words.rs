//! The words for the checker's types and values inside a message, in the message's language: `a date` / `en
//! dato`, `money (DKK)` / `et beløb (DKK)`, `22,500.00 DKK` / `22.500,00 kr.`, `3 months` / `3 måneder`. A
//! message takes them as variables ([`type_text`], [`value_text`]), so one diagnostic is shown in either language.
//! The English words are the types' and values' own `Display`, unchanged.

use rust_decimal::Decimal;

use cvl_syntax::danish::{Language, keyword_of_other_language, unit_of_other_language};
use cvl_syntax::{Text, text};

use crate::types::{Calendar, Per, Type};
use crate::value::{Value, group_thousands};

/// Words already written in each language: the English `en`, the Danish `da` (figures in each one's notation).
pub fn in_each(en: impl Into<String>, da: impl Into<String>) -> Text {
    text!("check-words-in-each", en = en.into(), da = da.into())
}

/// The singular word of a unit a rate is per (`month` / `måned`).
pub fn per_text(per: Per) -> Text {
    text!("check-words-per-unit", unit = per.word())
}

/// The type's words (`a date`, `money (DKK)`, `DKK per month`), as its `Display` writes them in English.
pub fn type_text(ty: &Type) -> Text {
    match ty {
        Type::Money(currency) => text!("check-words-type-money", currency = currency.as_str()),
        Type::Duration(Calendar::Days) => text!("check-words-type-days"),
        Type::Duration(Calendar::Months) => text!("check-words-type-months"),
        Type::Date => text!("check-words-type-date"),
        Type::Hours => text!("check-words-type-hours"),
        Type::Count => text!("check-words-type-count"),
        Type::Rate(of, per) => {
            let of = match of.as_ref() {
                Type::Money(currency) => in_each(currency.as_str(), currency.as_str()),
                other => type_text(other),
            };
            text!("check-words-rate", of = of, per = per_text(*per))
        }
        Type::Bool => text!("check-words-type-bool"),
        Type::Text => text!("check-words-type-text"),
        Type::Party => text!("check-words-type-party"),
        Type::Weekday => text!("check-words-type-weekday"),
        Type::Error => text!("check-words-type-unknown"),
    }
}

/// A number written the English way (`22,500.5`) in Danish notation (`22.500,5`).
pub fn danish_figure(english: &str) -> String {
    english
        .chars()
        .map(|c| match c {
            ',' => '.',
            '.' => ',',
            other => other,
        })
        .collect()
}

/// An amount in `currency` to the øre: `22,500.00 DKK` in English, `22.500,00 kr.` in Danish.
pub fn money_text(amount: Decimal, currency: &str) -> Text {
    let figure = group_thousands(amount, Some(2));
    let danish = match currency {
        "DKK" => format!("{} kr.", danish_figure(&figure)),
        other => format!("{} {other}", danish_figure(&figure)),
    };
    in_each(format!("{figure} {currency}"), danish)
}

/// `amount` of a unit with its singular and plural in each language (`1 month`, `3 måneder`).
fn counted(amount: Decimal, en: (&str, &str), da: (&str, &str)) -> Text {
    let figure = group_thousands(amount, None);
    let one = amount.abs() == Decimal::ONE;
    let pick = |(singular, plural): (&str, &str)| if one { singular } else { plural }.to_string();
    in_each(
        format!("{figure} {}", pick(en)),
        format!("{} {}", danish_figure(&figure), pick(da)),
    )
}

/// An amount as written, with all its decimals and no grouping (`1000000000000.001 DKK`; Danish
/// `1000000000000,001 kr.`): where rounding it to the øre would hide what is wrong with it.
pub fn exact_money_text(amount: Decimal, currency: &str) -> Text {
    let figure = amount.normalize().to_string();
    let danish = figure.replace('.', ",");
    let danish = match currency {
        "DKK" => format!("{danish} kr."),
        other => format!("{danish} {other}"),
    };
    in_each(format!("{figure} {currency}"), danish)
}

/// A keyword or a phrase of keywords (`pay`, `up to`) as a file of each language writes it: `betal`, `op til`.
pub fn keyword_text(phrase: &str) -> Text {
    let danish: Vec<&str> = phrase
        .split(' ')
        .map(|word| keyword_of_other_language(word, Language::Danish).unwrap_or(word))
        .collect();
    in_each(phrase, danish.join(" "))
}

/// A piece of CVL written the English way (`30 days`, `22_500 DKK per week`) as a file of each language writes
/// it: `30 dage`, `22_500 kr. pr. uge` (its keywords and unit words put in Danish, the rest as it is).
pub fn code_text(english: &str) -> Text {
    let danish: Vec<String> = english
        .split(' ')
        .map(|word| {
            keyword_of_other_language(word, Language::Danish)
                .map(str::to_string)
                .or_else(|| unit_of_other_language(word, Language::Danish))
                .unwrap_or_else(|| word.to_string())
        })
        .collect();
    in_each(english, danish.join(" "))
}

/// `a or b or c` in the message's language; `None` for no words at all.
pub fn or_list(words: Vec<Text>) -> Option<Text> {
    let mut from_last = words.into_iter().rev();
    let last = from_last.next()?;
    Some(from_last.fold(last, |rest, first| {
        text!("check-advice-or", first = first, rest = rest)
    }))
}

/// The value's words, as its `Display` writes them in English.
pub fn value_text(value: &Value) -> Text {
    match value {
        Value::Money { amount, currency } => money_text(*amount, currency),
        Value::Duration {
            amount,
            calendar: Calendar::Days,
        } => counted(*amount, ("day", "days"), ("dag", "dage")),
        Value::Duration {
            amount,
            calendar: Calendar::Months,
        } => counted(*amount, ("month", "months"), ("måned", "måneder")),
        Value::Hours(amount) => counted(*amount, ("hour", "hours"), ("time", "timer")),
        Value::Count(amount) => {
            let figure = group_thousands(*amount, None);
            in_each(figure.clone(), danish_figure(&figure))
        }
        Value::Rate { of, per } => {
            text!(
                "check-words-rate",
                of = value_text(of),
                per = per_text(*per)
            )
        }
        Value::Bool(true) => text!("check-words-true"),
        Value::Bool(false) => text!("check-words-false"),
        other => {
            let shown = other.to_string();
            in_each(shown.clone(), shown)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cvl_syntax::Lang;

    #[test]
    fn types_and_values_read_as_their_display_in_english_and_in_danish_notation_in_danish() {
        let rate = Type::Rate(Box::new(Type::Money("DKK".into())), Per::Month);
        let hours = Type::Rate(Box::new(Type::Hours), Per::Week);
        for ty in [
            Type::Money("EUR".into()),
            Type::Duration(Calendar::Days),
            Type::Duration(Calendar::Months),
            Type::Date,
            Type::Hours,
            Type::Count,
            rate.clone(),
            hours.clone(),
            Type::Rate(Box::new(Type::Count), Per::Year),
            Type::Bool,
            Type::Text,
            Type::Party,
            Type::Weekday,
            Type::Error,
        ] {
            assert_eq!(type_text(&ty).show(Lang::En), ty.to_string());
        }
        assert_eq!(type_text(&rate).show(Lang::Da), "DKK pr. måned");
        assert_eq!(type_text(&hours).show(Lang::Da), "timer pr. uge");
        let money = Value::Money {
            amount: Decimal::new(225_005, 1),
            currency: "DKK".into(),
        };
        let monthly = Value::Rate {
            of: Box::new(money.clone()),
            per: Per::Month,
        };
        let months = Value::Duration {
            amount: Decimal::ONE,
            calendar: Calendar::Months,
        };
        let days = Value::Duration {
            amount: Decimal::new(1_500, 0),
            calendar: Calendar::Days,
        };
        for value in [&money, &monthly, &months, &days, &Value::Bool(true)] {
            assert_eq!(value_text(value).show(Lang::En), value.to_string());
        }
        assert_eq!(
            value_text(&monthly).show(Lang::Da),
            "22.500,50 kr. pr. måned"
        );
        assert_eq!(value_text(&months).show(Lang::Da), "1 måned");
        assert_eq!(value_text(&days).show(Lang::Da), "1.500 dage");
        assert_eq!(value_text(&Value::Bool(false)).show(Lang::Da), "falsk");
        assert_eq!(value_text(&Value::Bool(true)).show(Lang::Da), "sand");
        assert_eq!(type_text(&Type::Bool).show(Lang::Da), "sand eller falsk");
        assert_eq!(
            type_text(&Type::Duration(Calendar::Months)).show(Lang::Da),
            "en varighed i måneder"
        );
        assert_eq!(keyword_text("up to").show(Lang::En), "up to");
        let weekly = code_text("22_500 DKK per week");
        assert_eq!(weekly.show(Lang::En), "22_500 DKK per week");
        assert_eq!(weekly.show(Lang::Da), "22_500 kr. pr. uge");
        assert_eq!(keyword_text("up to").show(Lang::Da), "op til");
        assert_eq!(keyword_text("for the first").show(Lang::Da), "i de første");
        assert_eq!(
            exact_money_text(Decimal::new(1_005, 3), "DKK").show(Lang::Da),
            "1,005 kr."
        );
    }
}
