//! Hover and completion for what invoices are matched by: a party's CVR number, what an item's price covers, and
//! reimbursed items.

use super::{PLACEMENT, engine, fixture, hover_text, labels, open_at, uri};

#[test]
fn hover_shows_a_partys_cvr_number_and_what_an_items_price_covers() {
    let mut texts = Vec::new();
    for marker in ["ostervold \"", "stay \"", "medicine \""] {
        let (engine, position) = open_at(PLACEMENT, marker);
        texts.push(format!("{marker}\n{}", hover_text(&engine, position)));
    }
    insta::assert_snapshot!(texts.join("\n\n---\n\n"), @r#"
    ostervold "
    **party** `ostervold`: Opholdsstedet Østervold

    the provider, CVR 31259614, signs the contract, is paid for `stay`, `school`, `taxi`, `medicine`, `school_support`

    ---

    stay "
    **item** `stay`: Stay with support

    60,000.00 DKK per month to ostervold, covers "board and lodging", "pocket money", "clothing", paid monthly in arrears

    ---

    medicine "
    **item** `medicine`: Prescribed medicine and glasses, not covered by the stay

    approved expenses reimbursed up to 10,000.00 DKK per calendar year to ostervold, approved by municipality
    "#);
}

#[test]
fn a_covered_thing_is_shown_as_written_not_as_markdown() {
    let text = PLACEMENT.replace("\"clothing\"", "\"*clothing* <b>\"");
    let (engine, position) = open_at(&text, "stay \"");
    assert!(
        hover_text(&engine, position).contains(r#""\*clothing\* \<b\>""#),
        "{}",
        hover_text(&engine, position)
    );
}

fn completion_labels(text: &str) -> Vec<String> {
    let (text, position) = fixture(text);
    let mut engine = engine();
    engine.open(uri("a.cvl"), 1, text);
    let items = engine.completion(&uri("a.cvl"), position).unwrap();
    labels(&items).into_iter().map(str::to_string).collect()
}

#[test]
fn completion_offers_the_word_that_follows_reimburse_up_and_approved() {
    let reimburse = PLACEMENT.replace("reimburse to ostervold", "reimburse $0");
    assert_eq!(completion_labels(&reimburse), ["to"]);
    let up = PLACEMENT.replace("up to 10_000", "up $0");
    assert_eq!(completion_labels(&up), ["to"]);
    let approved = PLACEMENT.replace("approved by municipality", "approved $0");
    assert_eq!(completion_labels(&approved), ["by"]);
    // The party after `reimburse to` and `approved by`; nothing for the amount after `up to`.
    let payee = PLACEMENT.replace("reimburse to ostervold", "reimburse to $0");
    assert_eq!(
        completion_labels(&payee),
        ["firm", "municipality", "ostervold"]
    );
    let limit = PLACEMENT.replace("up to 10_000 DKK per year", "up to $0");
    assert!(completion_labels(&limit).is_empty());
    // Elsewhere in a block, the new keywords are offered with the others.
    let anywhere = PLACEMENT.replace("    approved by municipality\n", "    $0\n");
    let offered = completion_labels(&anywhere);
    for keyword in ["approved", "covers", "cvr", "reimburse", "up"] {
        assert!(
            offered.iter().any(|l| l == keyword),
            "{keyword}: {offered:?}"
        );
    }
}
