//! Hover and definition tests on names: obligations named as event kinds, parameters, and declarations inside a
//! clause definition.

use lsp_types::Position;

use super::{PLACEMENT, engine, fixture, hover_text, uri};

/// Opens `text` (with its `$0` marker) and returns hover's text and definition's range start there.
fn hover_and_definition(text: &str) -> (String, Option<(String, Position)>) {
    let (text, position) = fixture(text);
    let mut engine = engine();
    engine.open(uri("a.cvl"), 1, text);
    let definition = engine
        .definition(&uri("a.cvl"), position)
        .unwrap()
        .map(|l| {
            let file = l.uri.path().rsplit('/').next().unwrap().to_string();
            (file, l.range.start)
        });
    (hover_text(&engine, position), definition)
}

#[test]
fn an_obligation_named_by_ends_when_is_the_obligation() {
    let (hover, definition) = hover_and_definition(&PLACEMENT.replace(
        "  paid monthly in arrears",
        "  paid monthly in arrears\n  ends when firm_$0report",
    ));
    assert!(hover.starts_with("**obligation** `firm_report`"), "{hover}");
    let text = PLACEMENT.replace(
        "  paid monthly in arrears",
        "  paid monthly in arrears\n  ends when firm_report",
    );
    let declared = text.find("obligation firm_report").unwrap() + "obligation ".len();
    let source = cvl_syntax::Source::new("a.cvl", text.clone());
    assert_eq!(
        definition,
        Some((
            "a.cvl".to_string(),
            crate::convert::position(&source, declared as u32)
        ))
    );

    // One that a `use` of a stdlib clause brings in: its declaration in the stdlib.
    let (hover, definition) = hover_and_definition(&PLACEMENT.replace(
        "  paid monthly in arrears",
        "  paid monthly in arrears\n  ends when status$0_report",
    ));
    insta::assert_snapshot!(hover, @r"
    **obligation** `status_report`: Status report

    by ostervold, every 3 months, 14 days grace, when missed, payments are withheld until it is met
    ");
    let (file, at) = definition.unwrap();
    assert_eq!(file, "care.cvl");
    let care = include_str!("../../../../stdlib/care.cvl");
    let line = care.lines().nth(at.line as usize).unwrap();
    assert!(line.contains("obligation status_report"), "{line}");
}

const CLAUSES: &str = "// A *fee* with <b>markup</b> and `ticks`
clause fee(amount: money, r: rate, who: party) \"The \\\"big\\\" fee\" {
  item f \"F\" {
    pay amount per month to who
  }
}

clause rep(who: party, gap: duration) \"Rep\" {
  obligation r \"R\" {
    by who
    every gap
  }
}

contract t {
  case \"X-1\"
  party a { role payer }
  party b { role provider }
  signed by a and b
  starts on 2019-01-15
  paid monthly in arrears
  use fee(amount: 5 DKK, r: 3 DKK per week, who: b)
  use rep(who: b, gap: 2 weeks)
}
";

pub(super) fn hover_at(marked: &str) -> String {
    let (text, position) = fixture(marked);
    let mut engine = engine();
    engine.open(uri("a.cvl"), 1, text);
    hover_text(&engine, position)
}

#[test]
fn a_parameter_shows_its_declared_type_and_what_it_means() {
    let hovers = [
        hover_at(&CLAUSES.replace("gap: duration", "g$0ap: duration")),
        hover_at(&CLAUSES.replace("every gap", "every g$0ap")),
        hover_at(&CLAUSES.replace("r: rate", "$0r: rate")),
        hover_at(&CLAUSES.replace("amount: money", "amount$0: money")),
    ];
    insta::assert_debug_snapshot!(hovers, @r#"
    [
        "**parameter** `gap`: `duration` (a duration in days or months)",
        "**parameter** `gap`: `duration` (a duration in days or months)",
        "**parameter** `r`: `rate` (money in DKK per any unit of time)",
        "**parameter** `amount`: `money` (money in DKK)",
    ]
    "#);
}

#[test]
fn a_declaration_in_a_clause_definition_is_shown_as_written() {
    let hover = hover_at(&CLAUSES.replace("obligation r", "obligation $0r"));
    insta::assert_snapshot!(hover, @r#"
    ```cvl
    obligation r "R" {
      by who
      every gap
    }
    ```

    in the clause `rep`: each `use` gives its parameters their values
    "#);
    // In the contract, the obligation as the `use` made it.
    let hover = hover_at(&format!("{CLAUSES}\n").replace("use rep(", "use rep$0("));
    assert!(hover.contains("clause rep"), "{hover}");
}

#[test]
fn a_clauses_title_keeps_its_escapes_and_its_comment_is_escaped() {
    let hover = hover_at(&CLAUSES.replace("use fee(", "use f$0ee("));
    insta::assert_snapshot!(hover, @r#"
    ```cvl
    clause fee(amount: money, r: rate, who: party) "The \"big\" fee"
    ```

    A \*fee\* with \<b\>markup\</b\> and \`ticks\`
    - `amount`: money
    - `r`: rate
    - `who`: party
    "#);
}

#[test]
fn a_comment_that_would_start_a_list_or_a_heading_is_escaped() {
    let hover = hover_at(
        &CLAUSES
            .replace("// A *fee*", "// 1. a fee, # not a heading; A *fee*")
            .replace("use fee(", "use f$0ee("),
    );
    let comment = hover.lines().find(|l| l.starts_with('1')).unwrap();
    insta::assert_snapshot!(comment, @r"1\. a fee, # not a heading; A \*fee\* with \<b\>markup\</b\> and \`ticks\`");
}

#[test]
fn durations_keep_the_units_they_are_written_in() {
    let text = PLACEMENT.replace(
        "  paid monthly in arrears",
        "  ends after 2 years\n  paid monthly in arrears",
    );
    let hovers = [
        hover_at(&text.replace("obligation visits", "obligation $0visits")),
        hover_at(&text.replace("every 2 weeks", "every 2 $0weeks")),
        hover_at(&text.replace("contract placement", "contract $0placement")),
        hover_at(&text.replace("allowed_delay: 14 days", "allowed_delay: 14 $0days")),
    ];
    insta::assert_debug_snapshot!(hovers, @r#"
    [
        "**obligation** `visits`: Supervised contact with the family, every second Sunday\n\nby firm, every 2 weeks (14 days) on sunday, lasting 4 hours, when missed, it is flagged",
        "**2 weeks (14 days)**, a duration in days\n\nevery 2 weeks on sunday: due 2019-02-03, 2019-02-17, 2019-03-03, …",
        "**contract** `placement`: Placement of case ANB-2019-0042 at Opholdsstedet Østervold\n\ncase ANB-2019-0042, starts on 2019-01-15, ends after 2 years (24 months), 3 parties, 6 payment terms, 3 obligations",
        "**14 days**, a duration in days\n\ngrace 14 days: the first, due 2019-04-15, is missed when not met by 2019-04-29",
    ]
    "#);
}

#[test]
fn the_contract_shows_its_due_day_and_its_rate_of_interest() {
    let text = PLACEMENT.replace(
        "  paid monthly in arrears",
        "  paid monthly in arrears, due on day 10\n  interest 10.5 % per year",
    );
    let hover = hover_at(&text.replace("contract placement", "contract $0placement"));
    assert!(
        hover.contains(
            "each month falls due on day 10 of the following month, interest on late payment 10.5 % a year"
        ),
        "{hover}"
    );
}
