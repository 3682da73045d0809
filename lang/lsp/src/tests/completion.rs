//! Completion tests: the edit each item makes, the words after `when` and `missed`, and names inside a clause.

use lsp_types::{CompletionItem, CompletionTextEdit};

use super::{PLACEMENT, engine, fixture, labels, uri};

/// Completion at the `$0` marker of `text`.
fn complete(text: &str) -> (String, Vec<CompletionItem>) {
    let (text, position) = fixture(text);
    let mut engine = engine();
    engine.open(uri("a.cvl"), 1, text.clone());
    let items = engine.completion(&uri("a.cvl"), position).unwrap();
    (text, items)
}

/// `text` with `item`'s edit applied.
fn apply(text: &str, item: &CompletionItem) -> String {
    let Some(CompletionTextEdit::Edit(edit)) = &item.text_edit else {
        panic!("no edit: {item:?}")
    };
    let source = cvl_syntax::Source::new("a.cvl", text.to_string());
    let start = crate::convert::offset(&source, edit.range.start) as usize;
    let end = crate::convert::offset(&source, edit.range.end) as usize;
    format!("{}{}{}", &text[..start], edit.new_text, &text[end..])
}

#[test]
fn an_item_replaces_the_whole_dotted_word_being_typed() {
    for typed in ["care.$0", "care.st$0", "$0"] {
        let (text, items) =
            complete(&PLACEMENT.replace("use care.status_report(", &format!("use {typed}(")));
        let item = items
            .iter()
            .find(|i| i.label == "care.status_report")
            .unwrap();
        let done = apply(&text, item);
        assert!(
            done.contains("  use care.status_report(provider:"),
            "{typed}"
        );
        assert!(!done.contains("care.care"), "{typed}");
    }
    // A party after `to` replaces the part of it typed so far.
    let (text, items) = complete(&PLACEMENT.replace("to firm\n", "to fi$0\n"));
    let item = items.iter().find(|i| i.label == "firm").unwrap();
    assert!(apply(&text, item).contains("to firm\n"));
}

#[test]
fn after_when_in_an_obligation_comes_missed_and_after_missed_the_consequences() {
    let (_, items) = complete(&PLACEMENT.replace("when missed flag", "when m$0"));
    assert_eq!(labels(&items), ["missed"]);
    let (_, items) = complete(&PLACEMENT.replace("when missed flag", "when missed $0"));
    assert_eq!(labels(&items), ["flag", "withhold"]);
    // After `starts when`, the event kinds.
    let (_, items) = complete(&PLACEMENT.replace("starts on 2019-01-15", "starts  when $0"));
    assert!(labels(&items).contains(&"started"));
    assert!(!labels(&items).contains(&"missed"));
}

const CLAUSE: &str = "clause fee(amount: money, r: rate, who: party, other: party) \"Fee\" {
  item f \"F\" {
    pay amount per month to $0
  }
}

contract t {
  case \"X-1\"
  party a { role payer }
  party b { role provider }
  signed by a and b
  starts on 2019-01-15
  use fee(amount: 5 DKK, r: 3 DKK per week, who: b, other: a)
}
";

#[test]
fn inside_a_clause_its_parameters_are_offered_not_a_contracts_parties() {
    let (_, items) = complete(CLAUSE);
    assert_eq!(labels(&items), ["other", "who"]);
    insta::assert_snapshot!(
        items[1].detail.as_deref().unwrap(),
        @"parameter: party"
    );
    let (_, items) = complete(&CLAUSE.replace("per month to $0", "per month$0 to who"));
    let names = labels(&items);
    for name in ["amount", "r", "who", "other", "f"] {
        assert!(names.contains(&name), "{name}: {names:?}");
    }
    for name in ["a", "b"] {
        assert!(!names.contains(&name), "{name}: {names:?}");
    }
}

#[test]
fn after_on_come_the_weekdays_and_after_role_the_roles() {
    let (_, items) = complete(&format!(
        "{PLACEMENT}\nclause c(day: weekday, who: party) {{\n  obligation o {{ by who every 2 weeks on $0 }}\n}}\n"
    ));
    assert_eq!(
        labels(&items),
        [
            "day",
            "friday",
            "monday",
            "saturday",
            "sunday",
            "thursday",
            "tuesday",
            "wednesday"
        ]
    );
    let (_, items) = complete(&PLACEMENT.replacen("role provider", "role $0", 1));
    assert_eq!(
        labels(&items),
        ["citizen", "consultant", "payer", "provider"]
    );
    // `starts on` takes a date: nothing to offer.
    let (_, items) = complete(&PLACEMENT.replacen("starts on 2019-01-15", "starts on $0", 1));
    assert!(items.is_empty(), "{:?}", labels(&items));
}

/// A title holding a terminal escape, a bidi override and a CPR-like number is shown by completion, hover and the
/// outline as every user string the server shows: escaped and masked (spec 6, 11.4, 11.5).
#[test]
fn titles_are_shown_escaped_and_masked() {
    let hostile = "Øster\u{1b}[2J 010203-1234 \u{202e}dlov";
    let text = PLACEMENT.replace("\"Opholdsstedet Østervold\"", &format!("\"{hostile}\""));
    assert_ne!(text, PLACEMENT);
    let harmless = |shown: &str| {
        assert!(!shown.contains(['\u{1b}', '\u{202e}']), "{shown}");
        assert!(!shown.contains("010203-1234"), "{shown}");
    };
    let (_, items) = complete(&text.replace("to firm\n", "to $0\n"));
    let detail = items
        .iter()
        .find(|i| i.label == "ostervold")
        .and_then(|i| i.detail.clone())
        .unwrap();
    harmless(&detail);
    insta::assert_snapshot!(detail, @r"party: Øster\u{1b}[2J ******-**** \u{202e}dlov");
    let (engine, position) = super::open_at(&text, "ostervold \"");
    let hover = super::hover_text(&engine, position);
    harmless(&hover);
    assert!(hover.contains("\\u{1b}[2J"), "{hover}");
    let symbols = format!("{:?}", engine.symbols(&uri("a.cvl")).unwrap());
    harmless(&symbols);
}
