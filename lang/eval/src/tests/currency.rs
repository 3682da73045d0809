//! One currency per contract (spec 2.6): an amended text in another currency than the contract's is refused when
//! the amendment is done, naming both, and never decides a day; so every total adds amounts in one currency.

use super::*;
use crate::{Binding, Version, Versions, currency_kept, evaluate_versions};

const TEXT: &str = "2222222222222222222222222222222222222222222222222222222222222222";

#[test]
fn an_amended_text_in_another_currency_is_refused_naming_both() {
    let dkk = contract(
        "2019-01-01",
        "  item fee { pay 31_000 DKK per month to home }",
    );
    let eur = contract(
        "2019-01-01",
        "  item fee { pay 31_000 EUR per month to home }",
    );
    let amended = |party: &str| {
        format!(r#"2019-02-05 amended {party} {{"contract":"{TEXT}","effective":"2019-02-10"}}"#)
    };
    let (a, b) = (amended("kommune"), amended("home"));
    let lines = [SIGNED[0], SIGNED[1], &a, &b];
    let versions = Versions {
        file: "c.cvl",
        sha256: "0000",
        amended: vec![Version {
            contract: &eur,
            file: "eur.cvl",
            sha256: TEXT,
        }],
    };
    let refused = evaluate_versions(
        &dkk,
        Binding::default(),
        versions,
        events(&lines),
        Some("2019-03-31".parse().unwrap()),
    )
    .unwrap_err();
    assert_eq!(
        refused.to_string(),
        "line 4 (event `e4`): the amendment effective 2019-02-10 is to the text `eur.cvl`, but it pays in `EUR` and \
         the contract in `DKK`: money in two currencies is never combined"
    );
    assert_eq!(
        currency_kept(&dkk, &eur).unwrap_err(),
        "it pays in `EUR` and the contract in `DKK`: money in two currencies is never combined"
    );
    assert_eq!(currency_kept(&dkk, &dkk), Ok(()));
    // A text that pays nothing keeps any currency.
    let none = contract("2019-01-01", "");
    assert_eq!(currency_kept(&dkk, &none), Ok(()));
}
