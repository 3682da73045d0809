//! One currency per contract, end to end (spec 2.6, red team 5's finding 6): a text with two is E0056; an amended
//! text, or `cvl diff`'s new text with events, in another currency than the contract's is refused naming both; and
//! `cvl diff`'s money table (finding 12) lists payees in OLD's order, then NEW's new ones, with aligned columns.
//! Also the article before an event kind in a refusal (finding 11): "an `amended` event".
//!
//! Tests run with `tests/` as the working directory.

use cvl_tests::shown;

const DIR: &str = "eval/currency";

#[test]
fn a_contract_in_two_currencies_is_refused() {
    insta::assert_snapshot!(
        "currency_two_in_one_contract",
        shown(&format!("eval {DIR}/mix.cvl --events {DIR}/signed.jsonl"))
    );
}

#[test]
fn an_amended_text_in_another_currency_is_refused_naming_both() {
    insta::assert_snapshot!(
        "currency_amended_text",
        shown(&format!(
            "eval {DIR}/base.cvl --events {DIR}/amended-eur.jsonl --version {DIR}/eur.cvl"
        ))
    );
}

#[test]
fn diff_shows_a_change_of_currency_but_never_sets_two_against_each_other() {
    insta::assert_snapshot!(
        "currency_diff_terms",
        shown(&format!("diff {DIR}/base.cvl {DIR}/eur.cvl"))
    );
    insta::assert_snapshot!(
        "currency_diff_money",
        shown(&format!(
            "diff {DIR}/base.cvl {DIR}/eur.cvl --events {DIR}/signed.jsonl"
        ))
    );
    insta::assert_snapshot!(
        "currency_diff_money_amended",
        shown(&format!(
            "diff {DIR}/base.cvl {DIR}/eur.cvl --events {DIR}/amended-eur.jsonl"
        ))
    );
}

#[test]
fn diff_lists_old_payees_first_and_aligns_its_columns() {
    let out = shown(&format!(
        "diff {DIR}/base.cvl {DIR}/payee.cvl --events {DIR}/signed.jsonl"
    ));
    // `home`, the payee OLD pays, before `kommune`, whom only NEW pays, though `kommune` is declared first.
    let home = out.find("  home    2019-01").unwrap_or(usize::MAX);
    let kommune = out.find("  kommune 2019-01").unwrap_or(0);
    assert!(home < kommune, "{out}");
    // Every row's arrow and difference in one column.
    let rows: Vec<&str> = out
        .lines()
        .filter(|l| l.contains(" 2019-") && l.contains(" → "))
        .collect();
    assert_eq!(rows.len(), 6, "{out}");
    let arrows: Vec<Option<usize>> = rows.iter().map(|l| l.find('→')).collect();
    assert!(arrows.windows(2).all(|w| w.first() == w.last()), "{out}");
    let ends: Vec<usize> = rows.iter().map(|l| l.chars().count()).collect();
    assert!(ends.windows(2).all(|w| w.first() == w.last()), "{out}");
    insta::assert_snapshot!("currency_diff_payees", out);
}

#[test]
fn an_unknown_field_of_an_event_names_its_kind_with_its_article() {
    insta::assert_snapshot!(
        "currency_unknown_field_article",
        shown(&format!(
            "eval {DIR}/base.cvl --events {DIR}/unknown-field.jsonl"
        ))
    );
}
