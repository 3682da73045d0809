//! Hover and completion for the terms of issue 13: one-off payments, scoped consequences, yearly regulation,
//! notice and reviews.

use super::{PLACEMENT, engine, fixture, hover_text, labels, open_at, uri};

/// The reference case with a one-off start-up payment and a bicycle bought on a date.
fn with_one_offs() -> String {
    PLACEMENT.replace(
        "  item school \"The school part\" {",
        "  item start_up \"Start-up payment\" {\n    pay 15_000 DKK to ostervold\n    once on start\n  }\n\n  item bicycle {\n    pay 2_500 DKK to ostervold\n    once on 2019-03-01\n  }\n\n  item school \"The school part\" {",
    )
}

fn completion_labels(text: &str) -> Vec<String> {
    let (text, position) = fixture(text);
    let mut engine = engine();
    engine.open(uri("a.cvl"), 1, text);
    let items = engine.completion(&uri("a.cvl"), position).unwrap();
    labels(&items).into_iter().map(str::to_string).collect()
}

#[test]
fn hover_shows_a_one_off_payments_amount_and_day() {
    let text = with_one_offs();
    let mut texts = Vec::new();
    for marker in ["start_up \"", "bicycle {"] {
        let (engine, position) = open_at(&text, marker);
        texts.push(format!("{marker}\n{}", hover_text(&engine, position)));
    }
    insta::assert_snapshot!(texts.join("\n\n---\n\n"), @r#"
    start_up "
    **item** `start_up`: Start-up payment

    15,000.00 DKK to ostervold, once, on its first day in force

    ---

    bicycle {
    **item** `bicycle`

    2,500.00 DKK to ostervold, once, on 2019-03-01
    "#);
}

#[test]
fn completion_offers_on_after_once_and_start_after_once_on() {
    let text = with_one_offs();
    assert_eq!(
        completion_labels(&text.replace("once on start", "once $0")),
        ["on"]
    );
    assert_eq!(
        completion_labels(&text.replace("once on start", "once on $0")),
        ["start"]
    );
    let anywhere = text.replace("    once on 2019-03-01\n", "    $0\n");
    assert!(completion_labels(&anywhere).iter().any(|l| l == "once"));
}

#[test]
fn hover_and_completion_know_the_items_a_missed_obligation_withholds() {
    let text = PLACEMENT.replace(
        "    grace 14 days\n    when missed flag\n  }",
        "    grace 14 days\n    when missed withhold consultant\n  }",
    );
    let (engine, position) = open_at(&text, "firm_report \"");
    insta::assert_snapshot!(hover_text(&engine, position), @r"
    **obligation** `firm_report`: Report from the visit consultant

    by firm, every 3 months, 14 days grace, when missed, the payments of `consultant` are withheld until it is met, the others paid
    ");
    let completing = text.replace("when missed withhold consultant", "when missed withhold $0");
    let offered = completion_labels(&completing);
    assert!(offered.iter().any(|l| l == "stay"), "{offered:?}");
    assert!(offered.iter().any(|l| l == "school_support"), "{offered:?}");
    assert!(
        !offered.iter().any(|l| l == "firm" || l == "withhold"),
        "{offered:?}"
    );
}

#[test]
fn hover_shows_a_regulation_and_the_rate_from_its_first_rise() {
    let text = PLACEMENT.replace(
        "    pay 30_000 DKK per month to ostervold\n",
        "    pay 30_000 DKK per month to ostervold\n    regulated by 2.5 % each year from 2020-01-01\n",
    );
    let (engine, position) = open_at(&text, "school \"");
    insta::assert_snapshot!(hover_text(&engine, position), @r"
    **item** `school`: The school part

    30,000.00 DKK per month to ostervold, regulated by 2.5 % each year from 2020-01-01 (30,750.00 DKK per month from then), paid monthly in arrears
    ");
}

#[test]
fn hover_shows_a_regulation_by_an_index_and_its_rule() {
    let text = PLACEMENT.replace(
        "    pay 30_000 DKK per month to ostervold\n",
        "    pay 30_000 DKK per month to ostervold\n    regulated by index pl each year from 2020-01-01\n",
    );
    let (engine, position) = open_at(&text, "school \"");
    insta::assert_snapshot!(hover_text(&engine, position), @r"
    **item** `school`: The school part

    30,000.00 DKK per month to ostervold, regulated by index `pl` each year from 2020-01-01 (the rate before × the value for the year / the value for the year before, as the payer's `index_value` events give them), paid monthly in arrears
    ");
}

#[test]
fn completion_offers_index_after_regulated_by() {
    let text = PLACEMENT.replace(
        "    pay 30_000 DKK per month to ostervold\n",
        "    pay 30_000 DKK per month to ostervold\n    regulated by $0\n",
    );
    assert_eq!(completion_labels(&text), ["index"]);
}

#[test]
fn hover_on_the_contract_shows_who_terminates_it_and_the_notice() {
    let text = PLACEMENT.replace(
        "  termination {\n    signed by municipality and ostervold\n",
        "  termination {\n    signed by municipality and ostervold\n    notice 1 month to the end of a month\n",
    );
    let (engine, position) = open_at(&text, "placement \"");
    insta::assert_snapshot!(hover_text(&engine, position), @r"
    **contract** `placement`: Placement of case ANB-2019-0042 at Opholdsstedet Østervold

    case ANB-2019-0042, starts on 2019-01-15, terminated when signed by municipality and ostervold with 1 month's notice to the end of a month, 3 parties, 6 payment terms, 3 obligations
    ");
}

#[test]
fn hover_on_the_contract_shows_a_termination_by_either_party_alone() {
    let text = PLACEMENT.replace(
        "  termination {\n    signed by municipality and ostervold\n",
        "  termination {\n    by municipality or ostervold\n    notice 1 month\n",
    );
    let (engine, position) = open_at(&text, "placement \"");
    insta::assert_snapshot!(hover_text(&engine, position), @r"
    **contract** `placement`: Placement of case ANB-2019-0042 at Opholdsstedet Østervold

    case ANB-2019-0042, starts on 2019-01-15, terminated by municipality or ostervold alone with 1 month's notice, 3 parties, 6 payment terms, 3 obligations
    ");
}
