//! The personal-identifier rule for events: no CPR number in anything a party writes into an event or a log.
//!
//! Spec section 6 keeps CPR numbers out of contracts; an event is signed into a log that can never be changed, so
//! the same rule refuses an event that holds one anywhere (its id, kind, actor, or any name or value at any depth
//! of its data) before it is admitted, and so before it is signed, written or decided from. The detector is
//! cvl-syntax's cpr.rs, the one that finds them in contracts; the refusal says where the number is and never
//! repeats it.

use serde_json::Value;

use cvl_event::{Event, Field, Refusal, RefusalKind};
use cvl_syntax::cpr;

/// Refuses `event` if any string in it looks like a CPR number.
pub(crate) fn refuse_personal_numbers(event: &Event) -> Result<(), Refusal> {
    let fields = [
        ("id", &event.id),
        ("kind", &event.kind),
        ("actor", &event.actor),
    ];
    if let Some((name, _)) = fields.iter().find(|(_, text)| holds_number(text)) {
        return Err(refusal(event, &format!("`{name}`")));
    }
    // The fast reader has already seen every name and value of a flat `data` and knows whether any may hold one.
    if !event.data.may_hold_cpr() {
        return Ok(());
    }
    // The cheap walk first: the place is put in words only for the event that is refused, and of the fields that
    // hold one, the refusal names the first in sorted order of name, whatever order `data` walks in.
    let mut first: Option<(&str, String)> = None;
    for (name, value) in &event.data {
        let held = match value {
            Field::Text(text) => holds_number(name) || holds_number(text),
            Field::Whole(n) => holds_number(name) || whole_holds(n),
            Field::Json(value) => holds_anywhere(value, name),
        };
        if held
            && first.as_ref().is_none_or(|(least, _)| name < *least)
            && let Some(place) = find_in(&value.value(), format!("data.{name}"), name)
        {
            first = Some((name, place));
        }
    }
    match first {
        Some((_, place)) => Err(refusal(event, &place)),
        None => Ok(()),
    }
}

/// Whether `value` (under the field name `name`) holds a CPR-like number anywhere, without saying where.
fn holds_anywhere(value: &Value, name: &str) -> bool {
    holds_number(name)
        || match value {
            Value::String(text) => holds_number(text),
            Value::Number(number) => number_holds(number),
            Value::Array(items) => items.iter().any(|item| holds_anywhere(item, "")),
            Value::Object(map) => map.iter().any(|(key, item)| holds_anywhere(item, key)),
            Value::Bool(_) | Value::Null => false,
        }
}

/// A whole number's digits can hold a CPR number only if it has at least ten of them.
fn whole_holds(n: u64) -> bool {
    n >= 1_000_000_000 && holds_number(&n.to_string())
}

/// A number's digits can hold a CPR number only if it has at least ten of them.
fn number_holds(number: &serde_json::Number) -> bool {
    const SMALL: u64 = 1_000_000_000;
    let small = number.as_u64().is_some_and(|n| n < SMALL)
        || number.as_i64().is_some_and(|n| n.unsigned_abs() < SMALL);
    !small && holds_number(&number.to_string())
}

fn holds_number(text: &str) -> bool {
    // A CPR number is at least ten digits: most strings of an event (ids, kinds, dates) have fewer, which a count
    // of its digits, far cheaper than the detector, shows.
    text.len() >= 10
        && text.bytes().filter(u8::is_ascii_digit).count() >= 10
        && !cpr::find(text).is_empty()
}

/// Where in `value` (reached as `place`, under the field name `name`) a CPR-like number is, if anywhere.
fn find_in(value: &Value, place: String, name: &str) -> Option<String> {
    if holds_number(name) {
        return Some(format!("the name of the field `{place}`"));
    }
    match value {
        Value::String(text) => holds_number(text).then(|| format!("`{place}`")),
        Value::Number(number) => number_holds(number).then(|| format!("`{place}`")),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| find_in(item, format!("{place}[{i}]"), "")),
        Value::Object(map) => map
            .iter()
            .find_map(|(key, item)| find_in(item, format!("{place}.{key}"), key)),
        Value::Bool(_) | Value::Null => None,
    }
}

fn refusal(event: &Event, place: &str) -> Refusal {
    event.refusal(RefusalKind::PersonalIdentifier, format!(
        "{place} holds what looks like a CPR number: a personal identification number must not be written into \
         an event or a log (name the person by the case's pseudonymous reference)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(line: &str) -> Option<String> {
        let event = Event::parse(1, line).unwrap();
        refuse_personal_numbers(&event).err().map(|r| r.to_string())
    }

    #[test]
    fn a_number_anywhere_is_refused_without_being_repeated() {
        let cases = [
            (
                r#"{"id":"0102031234","at":"2019-01-10","kind":"k","actor":"a"}"#,
                "`id`",
            ),
            (
                r#"{"id":"e","at":"2019-01-10","kind":"k","actor":"a","data":{"note":"born 010203-1234"}}"#,
                "`data.note`",
            ),
            (
                r#"{"id":"e","at":"2019-01-10","kind":"k","actor":"a","data":{"a":{"b":["x","0102031234"]}}}"#,
                "`data.a.b[1]`",
            ),
            (
                r#"{"id":"e","at":"2019-01-10","kind":"k","actor":"a","data":{"hours":1102031234}}"#,
                "`data.hours`",
            ),
            (
                r#"{"id":"e","at":"2019-01-10","kind":"k","actor":"a","data":{"0102031234":"x"}}"#,
                "the name of the field `data.0102031234`",
            ),
            (
                r#"{"id":"e","at":"2019-01-10","kind":"k","actor":"a","data":{"date":"2019-01-10","n":"x0102031234"}}"#,
                "`data.n`",
            ),
            (
                r#"{"id":"e","at":"2019-01-10","kind":"k","actor":"a","data":{"a":{"0102031234":1}}}"#,
                "the name of the field `data.a.0102031234`",
            ),
        ];
        for (line, place) in cases {
            let reason = reason(line).unwrap();
            assert!(
                reason.contains(&format!("{}", cvl_syntax::text::shown(place))),
                "{reason}"
            );
            assert!(
                !reason.contains("0102031234") && !reason.contains("1102031234"),
                "{reason}"
            );
            assert!(!reason.contains("010203-1234"), "{reason}");
        }
    }

    #[test]
    fn of_several_fields_holding_one_the_first_in_sorted_order_is_named_however_data_was_read() {
        // Read fast (flat, kept in the order written) and in full (a nested value; sorted): the same field named.
        for rest in ["", r#","m":[1]"#] {
            let line = format!(
                r#"{{"id":"e","at":"2019-01-10","kind":"k","actor":"a","data":{{"z":"0102031234","b":1102031234,"c":"x"{rest}}}}}"#
            );
            let reason = reason(&line).unwrap();
            assert!(reason.contains("`data.b` holds"), "{reason}");
        }
    }

    #[test]
    fn dates_amounts_and_digests_are_not_numbers_of_persons() {
        let digest = format!("{}0102031234{}", "a".repeat(20), "b".repeat(34));
        let line = format!(
            r#"{{"id":"sig-1","at":"2019-01-10","kind":"signed","actor":"a","data":{{"contract":"{digest}","from":"2019-02-01","amount":"5000.00"}}}}"#
        );
        assert_eq!(reason(&line), None);
    }
}
