//! `cvl diff` reports every term of the checked contract (finding 2 of red team 5): one full contract, and for each
//! field of the model a second text that differs from it in that one term, each compared and its one change read in
//! words. terms.rs destructures every model struct whole, so a field added to the model does not compile there until
//! it is compared; this table then needs one more row for it.

use crate::compare;
use crate::tests::parsed;

const BASE: &str = r#"contract c "Care" {
  case "T-1"
  party kommune "Kommune" {
    role payer
    cvr "29189587"
    key "ed25519:AxiotVCLTRFo8Z11ewELoFkGa9ySVw2ilQO/w2dIIB4="
  }
  party home {
    role provider
    key "ed25519:WM/CGf94Y3JJ9BHySBlUNpcKatyx4+4tLFdc58wBPjU="
  }
  party firm {
    role consultant
    key "ed25519:jicycT2F6O/7CFRjLT+trtbi4dFrvHRDJYVaJZ6oA/s="
  }
  signed by kommune and home
  starts on 2019-01-01
  ends on 2020-12-31
  paid monthly in arrears, due on day 10
  interest 8 % per year
  item fee "Fee" {
    pay 31_000 DKK per month to home
    covers "board"
    regulated by 2.5 % each year from 2019-06-01
  }
  item taxi {
    pay 500 DKK per month to home
    starts on 2019-02-01
    ends on 2019-12-31
    for the first 3 months
  }
  item consultant {
    pay 500 DKK per hour to firm
    confirmed by kommune
    cap 10 hours per month
  }
  item start_up {
    pay 10_000 DKK to home
    once on start
  }
  item travel {
    reimburse to home
    up to 5_000 DKK per year
    approved by kommune
  }
  supplement extra {
    pay 1_000 DKK per month to home
    adjustable by kommune
    term 3 months
    review by kommune
  }
  obligation report "Report" {
    by home
    every 3 months
    grace 14 days
    when missed withhold fee
  }
  obligation visits {
    by firm
    every 2 weeks on sunday
    lasting 4 hours
    when missed flag
  }
  termination {
    signed by kommune and home
    notice 1 month
  }
}"#;

/// `(what the base text says, what the other says instead, the one change in words)`.
const ONE_TERM_EACH: &[(&str, &str, &str)] = &[
    // The contract's own terms.
    (
        "contract c \"Care\"",
        "contract d \"Care\"",
        "the contract: name c → d",
    ),
    (
        "contract c \"Care\"",
        "contract c \"Care home\"",
        "the contract: title \"Care\" → \"Care home\"",
    ),
    (
        "case \"T-1\"",
        "case \"T-2\"",
        "the contract: case \"T-1\" → \"T-2\"",
    ),
    (
        "signed by kommune and home\n  starts",
        "signed by kommune\n  starts",
        "the contract: signed by kommune and home → kommune",
    ),
    (
        "starts on 2019-01-01",
        "starts on 2019-01-15",
        "the contract: starts on 2019-01-01 → on 2019-01-15",
    ),
    (
        "ends on 2020-12-31",
        "ends after 24 months",
        "the contract: ends on 2020-12-31 → after 24 months",
    ),
    (
        "paid monthly in arrears,",
        "paid monthly,",
        "the contract: paid monthly in arrears → monthly",
    ),
    (
        "due on day 10",
        "due on day 12",
        "the contract: due on day 10 → 12",
    ),
    (
        "interest 8 % per year",
        "interest 9 % per year",
        "the contract: interest 8 → 9 % per year",
    ),
    (
        "    signed by kommune and home\n    notice",
        "    by kommune or home\n    notice",
        "the contract: termination signed by kommune and home → by kommune or home",
    ),
    (
        "notice 1 month\n",
        "notice 2 months\n",
        "the contract: notice 1 month → 2 months",
    ),
    (
        "notice 1 month\n",
        "notice 1 month to the end of a month\n",
        "the contract: notice 1 month → 1 month to the end of a month",
    ),
    // Parties.
    (
        "party kommune \"Kommune\"",
        "party kommune \"Odder Kommune\"",
        "party `kommune`: title \"Kommune\" → \"Odder Kommune\"",
    ),
    (
        "role consultant",
        "role citizen",
        "party `firm`: role consultant → citizen",
    ),
    (
        "cvr \"29189587\"",
        "cvr \"31259614\"",
        "party `kommune`: cvr 29189587 → 31259614",
    ),
    (
        "AxiotVCLTRFo8Z11ewELoFkGa9ySVw2ilQO/w2dIIB4=",
        "1FRU7BuMD1jopQm4Q6873sslRqtuci8Hq8ss86Sm6Qk=",
        "party `kommune`: key ed25519:AxiotVCLTRFo8Z11ewELoFkGa9ySVw2ilQO/w2dIIB4= → ed25519:1FRU7BuMD1jopQm4Q6873sslRqtuci8Hq8ss86Sm6Qk=",
    ),
    // Items: the rate, its unit and currency, the payee.
    (
        "item fee \"Fee\"",
        "item fee \"Fees\"",
        "fee: title \"Fee\" → \"Fees\"",
    ),
    (
        "31_000 DKK per month",
        "32_000 DKK per month",
        "fee: 31,000.00 → 32,000.00 DKK per month",
    ),
    (
        "31_000 DKK per month",
        "1_000 DKK per day",
        "fee: 31,000.00 DKK per month → 1,000.00 DKK per day",
    ),
    (
        "500 DKK per month to home",
        "500 DKK per month to kommune",
        "taxi: to home → kommune",
    ),
    (
        "covers \"board\"",
        "covers \"board\", \"lodging\"",
        "fee: covers \"board\" → \"board\", \"lodging\"",
    ),
    (
        "2.5 % each year from 2019-06-01",
        "3 % each year from 2019-06-01",
        "fee: regulated by 2.5 % each year from 2019-06-01 → by 3 % each year from 2019-06-01",
    ),
    (
        "2.5 % each year from 2019-06-01",
        "2.5 % each year from 2020-01-01",
        "fee: regulated by 2.5 % each year from 2019-06-01 → by 2.5 % each year from 2020-01-01",
    ),
    (
        "2.5 % each year from 2019-06-01",
        "index pl each year from 2019-06-01",
        "fee: regulated by 2.5 % each year from 2019-06-01 → by index `pl` each year from 2019-06-01",
    ),
    (
        "    starts on 2019-02-01\n",
        "    starts on 2019-03-01\n",
        "taxi: starts on 2019-02-01 → 2019-03-01",
    ),
    (
        "    ends on 2019-12-31\n",
        "    ends on 2019-11-30\n",
        "taxi: ends on 2019-12-31 → 2019-11-30",
    ),
    (
        "for the first 3 months",
        "for the first 4 months",
        "taxi: for the first 3 → 4 months",
    ),
    (
        "confirmed by kommune",
        "confirmed by home",
        "consultant: confirmed by kommune → home",
    ),
    (
        "cap 10 hours per month",
        "cap 12 hours per month",
        "consultant: cap 10 → 12 hours per month",
    ),
    // A one-off payment: its amount and its day.
    (
        "pay 10_000 DKK to home",
        "pay 12_000 DKK to home",
        "start_up: 10,000.00 → 12,000.00 DKK",
    ),
    (
        "once on start",
        "once on 2019-03-01",
        "start_up: once on start → 2019-03-01",
    ),
    // A reimbursed item: its limit, period and approver.
    (
        "up to 5_000 DKK per year",
        "up to 6_000 DKK per year",
        "travel: up to 5,000.00 → 6,000.00 DKK per year",
    ),
    (
        "up to 5_000 DKK per year",
        "up to 5_000 DKK per month",
        "travel: up to 5,000.00 DKK per year → 5,000.00 DKK per month",
    ),
    (
        "approved by kommune",
        "approved by home",
        "travel: approved by kommune → home",
    ),
    // Supplements.
    (
        "adjustable by kommune",
        "adjustable by home",
        "extra: adjustable by kommune → home",
    ),
    ("term 3 months", "term 6 months", "extra: term 3 → 6 months"),
    (
        "review by kommune",
        "review by home",
        "extra: review by kommune → home",
    ),
    // Obligations, and the scope of what a miss withholds.
    (
        "obligation report \"Report\"",
        "obligation report \"Reports\"",
        "obligation `report`: title \"Report\" → \"Reports\"",
    ),
    (
        "    by firm\n    every 2 weeks",
        "    by home\n    every 2 weeks",
        "obligation `visits`: by firm → home",
    ),
    (
        "every 3 months",
        "every 2 months",
        "obligation `report`: every 3 → 2 months",
    ),
    (
        "every 2 weeks on sunday",
        "every 2 weeks on monday",
        "obligation `visits`: on sunday → monday",
    ),
    (
        "lasting 4 hours",
        "lasting 3 hours",
        "obligation `visits`: lasting 4 → 3 hours",
    ),
    (
        "grace 14 days",
        "grace 7 days",
        "obligation `report`: grace 14 → 7 days",
    ),
    (
        "when missed withhold fee",
        "when missed withhold fee, taxi",
        "obligation `report`: when missed withhold fee → withhold fee, taxi",
    ),
    (
        "when missed withhold fee",
        "when missed withhold",
        "obligation `report`: when missed withhold fee → withhold",
    ),
    (
        "when missed withhold fee",
        "when missed flag",
        "obligation `report`: when missed withhold fee → flag",
    ),
];

#[test]
fn a_change_of_any_one_term_of_the_model_is_reported_in_words() {
    let base = parsed(BASE);
    let mut missed = Vec::new();
    for (was, is, expected) in ONE_TERM_EACH {
        assert!(BASE.contains(was), "the base text has no `{was}`");
        let other = BASE.replacen(was, is, 1);
        let words: Vec<String> = compare(&base, &parsed(&other), None)
            .into_iter()
            .map(|t| t.words)
            .collect();
        if words != [expected.to_string()] {
            missed.push(format!("{was} → {is}: {words:?}, expected {expected:?}"));
        }
        // And the other way round: the same field, changed back.
        let back = compare(&parsed(&other), &base, None);
        if back.len() != 1 {
            missed.push(format!("{is} → {was}: {back:?}"));
        }
    }
    assert!(missed.is_empty(), "{}", missed.join("\n"));
}

#[test]
fn a_term_added_or_removed_is_reported_in_words() {
    let base = parsed(BASE);
    for (was, is, expected) in [
        (", due on day 10", "", "the contract: due on day 10 removed"),
        (
            "  interest 8 % per year\n",
            "",
            "the contract: interest 8 % per year removed",
        ),
        (
            "    notice 1 month\n",
            "",
            "the contract: notice 1 month removed",
        ),
        (
            "    cvr \"29189587\"\n",
            "",
            "party `kommune`: cvr 29189587 removed",
        ),
        (
            "    regulated by 2.5 % each year from 2019-06-01\n",
            "",
            "fee: regulated by 2.5 % each year from 2019-06-01 removed",
        ),
        (
            "    lasting 4 hours\n",
            "",
            "obligation `visits`: lasting 4 hours removed",
        ),
    ] {
        let other = parsed(&BASE.replacen(was, is, 1));
        let words: Vec<String> = compare(&base, &other, None)
            .into_iter()
            .map(|t| t.words)
            .collect();
        assert_eq!(words, vec![expected.to_string()], "{was}");
    }
}

#[test]
fn a_change_of_the_contracts_one_currency_is_each_amounts_change() {
    let base = parsed(BASE);
    let words: Vec<String> = compare(&base, &parsed(&BASE.replace("DKK", "EUR")), None)
        .into_iter()
        .map(|t| t.words)
        .collect();
    assert_eq!(
        words,
        vec![
            "fee: 31,000.00 DKK per month → 31,000.00 EUR per month",
            "taxi: 500.00 DKK per month → 500.00 EUR per month",
            "consultant: 500.00 DKK per hour → 500.00 EUR per hour",
            "start_up: 10,000.00 DKK → 10,000.00 EUR",
            "travel: up to 5,000.00 DKK per year → 5,000.00 EUR per year",
            "extra: 1,000.00 DKK per month → 1,000.00 EUR per month",
        ]
    );
}
