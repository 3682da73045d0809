//! Amendments and the contract-level terms (spec 9.13): the end, the start and the termination are those of the
//! version in force; the contract's own text is always a known version; an amendment is one proposal per text and
//! effective day.

use super::*;
use crate::{Binding, Version, Versions, check_kept, evaluate_versions};

const OWN: &str = "0000000000000000000000000000000000000000000000000000000000000000";
const V2: &str = "2222222222222222222222222222222222222222222222222222222222222222";
const V3: &str = "3333333333333333333333333333333333333333333333333333333333333333";
const FEE: &str = "  item fee { pay 31_000 DKK per month to home }";

/// Both signatories' `amended` events, dated `date`, to the text `sha` from `effective`.
fn amend(date: &str, sha: &str, effective: &str) -> [String; 2] {
    ["kommune", "home"].map(|party| {
        format!(r#"{date} amended {party} {{"contract":"{sha}","effective":"{effective}"}}"#)
    })
}

/// Decides `original` (file `c.cvl`, SHA-256 [`OWN`]) with the amended `texts` given, each a SHA-256 and a text.
fn decide_texts(
    original: &Contract,
    texts: &[(&'static str, &Contract)],
    lines: &[String],
    until: &str,
) -> Result<Decision, Refusal> {
    let versions = Versions {
        file: "c.cvl",
        sha256: OWN,
        amended: texts
            .iter()
            .map(|(sha256, contract)| Version {
                contract,
                file: "v.cvl",
                sha256,
            })
            .collect(),
    };
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    evaluate_versions(
        original,
        Binding::default(),
        versions,
        events(&lines),
        Some(until.parse().unwrap()),
    )
}

fn signed_and(more: &[[String; 2]]) -> Vec<String> {
    let mut lines = vec![
        "2018-12-01 signed kommune".to_string(),
        "2018-12-01 signed home".to_string(),
    ];
    lines.extend(more.iter().flatten().cloned());
    lines
}

fn with(end: &str) -> Contract {
    contract("2019-01-01", &format!("{FEE}\n  {end}"))
}

#[test]
fn an_amendment_that_moves_the_end_later_extends_the_contract() {
    let (old, new) = (with("ends on 2019-03-31"), with("ends on 2019-06-30"));
    let lines = signed_and(&[amend("2019-02-05", V2, "2019-02-10")]);
    let d = decide_texts(&old, &[(V2, &new)], &lines, "2019-07-31").unwrap();
    // January 31,000; February 9 days old and 19 new (31,000 × 9/28 = 9,964.29, × 19/28 = 21,035.71); then the
    // new text's months through its end, June; nothing in July.
    assert_eq!(
        totals(&d, "home"),
        pairs(&[
            ("2019-01", "31000.00"),
            ("2019-02", "31000.00"),
            ("2019-03", "31000.00"),
            ("2019-04", "31000.00"),
            ("2019-05", "31000.00"),
            ("2019-06", "31000.00"),
        ])
    );
    // `ends after` in the amended text counts from the start: 9 months end on 2019-09-30.
    let after = with("ends after 9 months");
    let d = decide_texts(&old, &[(V2, &after)], &lines, "2019-12-31").unwrap();
    assert_eq!(
        d.payments.last().map(|p| p.period.to_string()),
        Some("2019-09".to_string())
    );
    // Without the amendment, the old end stands.
    let d = decide_texts(&old, &[], &signed_and(&[]), "2019-07-31").unwrap();
    assert_eq!(d.payments.len(), 3);
}

#[test]
fn an_amendment_that_moves_the_end_earlier_shortens_the_contract() {
    let (old, new) = (with("ends on 2019-06-30"), with("ends on 2019-03-15"));
    let lines = signed_and(&[amend("2019-02-05", V2, "2019-02-10")]);
    let d = decide_texts(&old, &[(V2, &new)], &lines, "2019-07-31").unwrap();
    // March: 15 of 31 days, 31,000 × 15/31 = 15,000.00; nothing after.
    assert_eq!(
        totals(&d, "home"),
        pairs(&[
            ("2019-01", "31000.00"),
            ("2019-02", "31000.00"),
            ("2019-03", "15000.00"),
        ])
    );
    // A contract with no end of its own is ended by an amendment that states one.
    let open = contract("2019-01-01", FEE);
    let d = decide_texts(&open, &[(V2, &new)], &lines, "2019-07-31").unwrap();
    assert_eq!(d.payments.len(), 3);
}

#[test]
fn an_amendment_whose_end_falls_before_its_effective_day_is_refused() {
    let (old, new) = (with("ends on 2019-03-31"), with("ends on 2019-01-05"));
    let lines = signed_and(&[amend("2019-01-08", V2, "2019-01-10")]);
    let refusal = decide_texts(&old, &[(V2, &new)], &lines, "2019-07-31").unwrap_err();
    assert_eq!(
        (refusal.kind, refusal.to_string()),
        (
            cvl_event::RefusalKind::Amendment,
            "line 4 (event `e4`): the amended text ends the contract on 2019-01-05, before the amendment is effective on 2019-01-10: no day of it would be in force"
                .to_string()
        )
    );
    // The first signature alone does not complete it, and is admitted.
    let first = lines[..3].to_vec();
    assert!(decide_texts(&old, &[(V2, &new)], &first, "2019-07-31").is_ok());
}

#[test]
fn an_amendment_effective_after_the_old_end_is_admitted_once_an_earlier_one_extends_it() {
    let (old, new, more) = (
        with("ends on 2019-03-31"),
        with("ends on 2019-06-30"),
        contract(
            "2019-01-01",
            "  item fee { pay 40_000 DKK per month to home }\n  ends on 2019-06-30",
        ),
    );
    let lines = signed_and(&[
        amend("2019-02-05", V2, "2019-02-10"),
        amend("2019-03-05", V3, "2019-05-01"),
    ]);
    let d = decide_texts(&old, &[(V2, &new), (V3, &more)], &lines, "2019-07-31").unwrap();
    assert_eq!(
        totals(&d, "home")[3..],
        pairs(&[
            ("2019-04", "31000.00"),
            ("2019-05", "40000.00"),
            ("2019-06", "40000.00")
        ])
    );
}

#[test]
fn a_termination_is_as_the_version_in_force_on_its_date_writes_it() {
    let both = contract(
        "2019-01-01",
        &format!("{FEE}\n  termination {{ signed by kommune and home }}"),
    );
    let either = contract(
        "2019-01-01",
        &format!("{FEE}\n  termination {{ by kommune or home notice 1 month }}"),
    );
    let amended = amend("2019-02-05", V2, "2019-03-01");
    let alone = r#"2019-04-01 terminated home {"effective":"2019-05-10"}"#.to_string();
    // The amended text lets `home` terminate alone, with a month's notice: the contract ends on 2019-05-10.
    let lines = [
        signed_and(std::slice::from_ref(&amended)),
        vec![alone.clone()],
    ]
    .concat();
    let d = decide_texts(&both, &[(V2, &either)], &lines, "2019-07-31").unwrap();
    // May: 10 of 31 days, 31,000 × 10/31 = 10,000.00; nothing after.
    assert_eq!(
        d.payments
            .last()
            .map(|p| (p.period.to_string(), format!("{:.2}", p.total))),
        Some(("2019-05".to_string(), "10000.00".to_string()))
    );
    // Its notice is the amended text's: an end before it allows is refused.
    let early = r#"2019-04-01 terminated home {"effective":"2019-04-20"}"#.to_string();
    let lines = [signed_and(std::slice::from_ref(&amended)), vec![early]].concat();
    let refusal = decide_texts(&both, &[(V2, &either)], &lines, "2019-07-31").unwrap_err();
    assert!(
        refusal.reason.contains("2019-05-01 at the earliest"),
        "{refusal}"
    );
    // The reverse: the amended text needs both, so `home` alone is a signature still pending.
    let lines = [signed_and(&[amended]), vec![alone]].concat();
    let d = decide_texts(&either, &[(V2, &both)], &lines, "2019-07-31").unwrap();
    assert_eq!(d.payments.len(), 7);
    assert!(
        d.warnings
            .iter()
            .any(|w| w.contains("not yet signed by `kommune`")),
        "{:?}",
        d.warnings
    );
}

#[test]
fn an_amendment_back_to_the_contracts_own_text_needs_no_version() {
    let (own, v2) = (
        contract("2019-01-01", FEE),
        contract(
            "2019-01-01",
            "  item fee { pay 40_000 DKK per month to home }",
        ),
    );
    let lines = signed_and(&[
        amend("2019-01-05", V2, "2019-02-01"),
        amend("2019-01-06", OWN, "2019-03-01"),
    ]);
    let d = decide_texts(&own, &[(V2, &v2)], &lines, "2019-03-31").unwrap();
    assert_eq!(
        totals(&d, "home"),
        pairs(&[
            ("2019-01", "31000.00"),
            ("2019-02", "40000.00"),
            ("2019-03", "31000.00")
        ])
    );
    // The own text's window cites its own file.
    let files: Vec<&str> = d.versions.iter().map(|v| v.file.as_str()).collect();
    assert_eq!(files, ["c.cvl", "v.cvl", "c.cvl"]);
}

#[test]
fn a_text_may_be_amended_to_again_from_another_day_but_not_signed_twice_for_one() {
    let own = contract("2019-01-01", FEE);
    let v2 = contract(
        "2019-01-01",
        "  item fee { pay 40_000 DKK per month to home }",
    );
    let v3 = contract(
        "2019-01-01",
        "  item fee { pay 50_000 DKK per month to home }",
    );
    let lines = signed_and(&[
        amend("2019-01-05", V2, "2019-02-01"),
        amend("2019-01-06", V3, "2019-03-01"),
        amend("2019-01-07", V2, "2019-04-01"),
    ]);
    let d = decide_texts(&own, &[(V2, &v2), (V3, &v3)], &lines, "2019-04-30").unwrap();
    assert_eq!(
        totals(&d, "home"),
        pairs(&[
            ("2019-01", "31000.00"),
            ("2019-02", "40000.00"),
            ("2019-03", "50000.00"),
            ("2019-04", "40000.00")
        ])
    );
    // One party signing the same text and effective day twice is refused.
    let mut lines = signed_and(&[amend("2019-01-05", V2, "2019-02-01")]);
    lines.push(r#"2019-01-09 amended home {"contract":"2222222222222222222222222222222222222222222222222222222222222222","effective":"2019-02-01"}"#.to_string());
    let refusal = decide_texts(&own, &[(V2, &v2)], &lines, "2019-04-30").unwrap_err();
    assert_eq!(
        refusal.to_string(),
        "line 5 (event `e5`): `home` already signed this amendment, by event `e4`"
    );
    // While a proposal of a text is being signed, a signature of it from another day is refused.
    let mut lines = signed_and(&[]);
    lines.push(r#"2019-01-05 amended kommune {"contract":"2222222222222222222222222222222222222222222222222222222222222222","effective":"2019-02-01"}"#.to_string());
    lines.push(r#"2019-01-06 amended home {"contract":"2222222222222222222222222222222222222222222222222222222222222222","effective":"2019-02-02"}"#.to_string());
    let refusal = decide_texts(&own, &[(V2, &v2)], &lines, "2019-04-30").unwrap_err();
    assert_eq!(
        refusal.to_string(),
        "line 4 (event `e4`): names the effective day 2019-02-02, but this amendment was signed effective 2019-02-01 by event `e3`"
    );
}

#[test]
fn a_version_that_changes_the_start_is_refused() {
    let own = contract("2019-01-01", FEE);
    let later = contract("2019-02-01", FEE);
    assert_eq!(
        check_kept(&own, &later).unwrap_err(),
        "it changes the start from 2019-01-01 to 2019-02-01"
    );
}

#[test]
fn the_months_an_approval_may_name_end_where_the_versions_in_force_end_the_contract() {
    let approve = |month: &str| {
        format!(
            r#"2019-08-01 invoice_approved kommune {{"invoice":"OV-1","sha256":"{OWN}","lines":[{{"line":"1","item":"fee","month":"{month}","amount":"1000.00"}}]}}"#
        )
    };
    // Extended to 2019-06-30: May may be approved, though the own text ends on 2019-03-31.
    let (old, new) = (with("ends on 2019-03-31"), with("ends on 2019-06-30"));
    let mut lines = signed_and(&[amend("2019-02-05", V2, "2019-02-10")]);
    lines.push(approve("2019-05"));
    let d = decide_texts(&old, &[(V2, &new)], &lines, "2019-08-31").unwrap();
    assert_eq!(d.approvals.len(), 1);
    // Shortened to 2019-02-20: March may not, though the own text runs to 2019-06-30.
    let (old, new) = (with("ends on 2019-06-30"), with("ends on 2019-02-20"));
    let mut lines = signed_and(&[amend("2019-02-05", V2, "2019-02-10")]);
    lines.push(approve("2019-03"));
    let refusal = decide_texts(&old, &[(V2, &new)], &lines, "2019-08-31").unwrap_err();
    assert_eq!(
        refusal.to_string(),
        "line 5 (event `e5`): `data.lines[0].month` is `2019-03`, after the contract's end on 2019-02-20"
    );
}

#[test]
fn an_ends_when_the_amended_text_adds_ends_the_contract_on_its_event() {
    // `closed` is an obligation only the amended text has, whose event ends it.
    let old = contract("2019-01-01", FEE);
    let new = with("ends when closed\n  obligation closed { by home every 12 months }");
    let mut lines = signed_and(&[amend("2019-02-05", V2, "2019-02-10")]);
    lines.push("2019-04-10 closed home".to_string());
    let d = decide_texts(&old, &[(V2, &new)], &lines, "2019-07-31").unwrap();
    // April: 10 of 30 days, 31,000 × 10/30 = 10,333.33; nothing after.
    assert_eq!(
        d.payments
            .last()
            .map(|p| (p.period.to_string(), format!("{:.2}", p.total))),
        Some(("2019-04".to_string(), "10333.33".to_string()))
    );
}
