//! Amendments evaluated (spec 9.13): each version pays its own days, a month split across two is prorated by each
//! one's days, obligations and supplements continue by their names, and each line cites its version.

use super::*;
use crate::{Binding, Version, Versions, check_kept, evaluate_versions};

const TEXT: &str = "1111111111111111111111111111111111111111111111111111111111111111";

pub(super) fn amended(date: &str, party: &str, effective: &str) -> String {
    format!(r#"{date} amended {party} {{"contract":"{TEXT}","effective":"{effective}"}}"#)
}

/// Decides `original` with `version` given as the text with SHA-256 [`TEXT`].
pub(super) fn decide_amended(
    original: &Contract,
    version: &Contract,
    lines: &[&str],
    until: &str,
) -> Decision {
    try_amended(original, version, lines, until).unwrap()
}

fn try_amended(
    original: &Contract,
    version: &Contract,
    lines: &[&str],
    until: &str,
) -> Result<Decision, Refusal> {
    let versions = Versions {
        file: "c.cvl",
        sha256: "0000",
        amended: vec![Version {
            contract: version,
            file: "amended.cvl",
            sha256: TEXT,
        }],
    };
    evaluate_versions(
        original,
        Binding::default(),
        versions,
        events(lines),
        Some(until.parse().unwrap()),
    )
}

#[test]
fn a_month_split_across_versions_pays_each_by_its_days() {
    let old = contract(
        "2019-01-01",
        "  item stay { pay 30_000 DKK per month to home }",
    );
    let new = contract(
        "2019-01-01",
        "  item stay { pay 32_000 DKK per month to home }",
    );
    let (a, b) = (
        amended("2019-02-20", "kommune", "2019-03-11"),
        amended("2019-02-21", "home", "2019-03-11"),
    );
    let lines = [SIGNED[0], SIGNED[1], &a, &b];
    let d = decide_amended(&old, &new, &lines, "2019-04-30");
    // February: all the old text's. March: 10 of 31 days old, 21 new, each line rounded by the one rule:
    // 30,000 × 10/31 = 9,677.419… → 9,677.42 and 32,000 × 21/31 = 21,677.419… → 21,677.42; together 31,354.84.
    // April: the new text's 32,000.
    assert_eq!(
        totals(&d, "home"),
        pairs(&[
            ("2019-01", "30000.00"),
            ("2019-02", "30000.00"),
            ("2019-03", "31354.84"),
            ("2019-04", "32000.00")
        ])
    );
    let march = &d.payments[2];
    let shown: Vec<(String, String, Option<usize>)> = march
        .lines
        .iter()
        .map(|l| (format!("{:.2}", l.amount), l.basis.to_string(), l.version))
        .collect();
    assert_eq!(
        shown,
        vec![
            (
                "9677.42".into(),
                "30,000.00 DKK/month × 10/31 days".into(),
                Some(0)
            ),
            (
                "21677.42".into(),
                "32,000.00 DKK/month × 21/31 days".into(),
                Some(1)
            ),
        ]
    );
    // The versions, each with its days and the events that made it.
    assert_eq!(d.versions.len(), 2);
    assert_eq!(
        (d.versions[0].file.as_str(), d.versions[0].sha256.as_str()),
        ("c.cvl", "0000")
    );
    assert_eq!(d.versions[0].to, "2019-03-10".parse().unwrap());
    assert_eq!(
        (d.versions[1].file.as_str(), d.versions[1].from),
        ("amended.cvl", "2019-03-11".parse().unwrap())
    );
    assert_eq!(
        d.versions[1].events,
        vec!["e3".to_string(), "e4".to_string()]
    );
    // Decided before the effective day, the old text is in force throughout, and no line cites a version.
    let before = decide_amended(&old, &new, &lines, "2019-02-28");
    assert!(before.versions.is_empty());
    assert!(
        before
            .payments
            .iter()
            .flat_map(|p| &p.lines)
            .all(|l| l.version.is_none())
    );
    assert!(before.warnings.is_empty(), "{:?}", before.warnings);
}

#[test]
fn obligations_keep_their_schedule_from_the_start() {
    let report = |grace: &str| {
        format!(
            "  item stay {{ pay 30_000 DKK per month to home }}
  obligation report {{ by home every 3 months {grace} when missed flag }}"
        )
    };
    let old = contract("2019-01-01", &report(""));
    let new = contract("2019-01-01", &report("grace 14 days"));
    let (a, b) = (
        amended("2019-05-01", "kommune", "2019-05-01"),
        amended("2019-05-01", "home", "2019-05-01"),
    );
    let lines = [
        SIGNED[0],
        SIGNED[1],
        "2019-04-01 report home",
        &a,
        &b,
        "2019-07-10 report home",
    ];
    let d = decide_amended(&old, &new, &lines, "2019-10-10");
    let rows: Vec<(String, &str)> = d
        .obligations
        .iter()
        .map(|r| (r.due.to_string(), r.status.as_str()))
        .collect();
    // Due every 3 months from the start, across the amendment; the one due 2019-07-01 is met within the new
    // text's 14 days of grace, so late rather than missed.
    assert_eq!(
        rows,
        vec![
            ("2019-04-01".to_string(), "met"),
            ("2019-07-01".to_string(), "late"),
            ("2019-10-01".to_string(), "pending")
        ]
    );
}

#[test]
fn a_supplements_term_keeps_running_across_versions() {
    let body = |rate: &str| {
        format!(
            "  supplement extra {{ pay {rate} DKK per month to home adjustable by kommune term 3 months }}"
        )
    };
    let old = contract("2019-01-01", &body("1_000"));
    let new = contract("2019-01-01", &body("2_000"));
    let (a, b) = (
        amended("2019-02-10", "kommune", "2019-02-15"),
        amended("2019-02-10", "home", "2019-02-15"),
    );
    let started = |amount: &str| {
        format!(
            r#"2019-02-01 supplement_started kommune {{"supplement":"extra",{amount}"from":"2019-02-01"}}"#
        )
    };
    // Started at its own rate: each text pays its own. The term started 2019-02-01 runs 3 months, through
    // 2019-04-30, across the amendment: February is 1,000 × 14/28 = 500.00 and 2,000 × 14/28 = 1,000.00.
    let own = started("");
    let lines = [SIGNED[0], SIGNED[1], &own, &a, &b];
    let d = decide_amended(&old, &new, &lines, "2019-06-30");
    assert_eq!(
        totals(&d, "home"),
        pairs(&[
            ("2019-02", "1500.00"),
            ("2019-03", "2000.00"),
            ("2019-04", "2000.00")
        ])
    );
    assert_eq!(d.payments[0].lines.len(), 2);
    // Started at an amount its event names: that amount, under either text.
    let named = started(r#""amount":"1000","#);
    let lines = [SIGNED[0], SIGNED[1], &named, &a, &b];
    let d = decide_amended(&old, &new, &lines, "2019-06-30");
    assert_eq!(
        totals(&d, "home"),
        pairs(&[
            ("2019-02", "1000.00"),
            ("2019-03", "1000.00"),
            ("2019-04", "1000.00")
        ])
    );
}

#[test]
fn an_amendment_outside_the_contracts_days_is_refused_with_the_dates() {
    let c = contract(
        "2019-01-01",
        "  item stay { pay 30_000 DKK per month to home }\n  ends on 2019-12-31",
    );
    let before = amended("2019-02-01", "kommune", "2018-12-01");
    assert_eq!(
        try_amended(&c, &c, &[SIGNED[0], SIGNED[1], &before], "2019-12-31")
            .unwrap_err()
            .to_string(),
        "line 3 (event `e3`): the amendment is effective 2018-12-01, before the contract was signed on 2018-12-20"
    );
    let after = amended("2019-02-01", "kommune", "2020-01-01");
    assert_eq!(
        try_amended(&c, &c, &[SIGNED[0], SIGNED[1], &after], "2019-12-31")
            .unwrap_err()
            .to_string(),
        "line 3 (event `e3`): the amendment is effective 2020-01-01, after the contract's last day, 2019-12-31"
    );
    let unsigned = amended("2018-12-01", "kommune", "2019-03-01");
    assert_eq!(
        try_amended(&c, &c, &[&unsigned], "2019-12-31")
            .unwrap_err()
            .to_string(),
        "line 1 (event `e1`): amends the contract before it is signed by all: an amendment changes a signed contract"
    );
    // Every signature names the same effective day.
    let (a, b) = (
        amended("2019-02-01", "kommune", "2019-03-01"),
        amended("2019-02-02", "home", "2019-04-01"),
    );
    assert_eq!(
        try_amended(&c, &c, &[SIGNED[0], SIGNED[1], &a, &b], "2019-12-31")
            .unwrap_err()
            .to_string(),
        "line 4 (event `e4`): names the effective day 2019-04-01, but this amendment was signed effective 2019-03-01 by event `e3`"
    );
}

#[test]
fn a_text_no_amendment_names_is_a_warning() {
    let c = contract(
        "2019-01-01",
        "  item stay { pay 30_000 DKK per month to home }",
    );
    let d = decide_amended(&c, &c, &SIGNED, "2019-02-28");
    assert_eq!(
        d.warnings,
        vec![format!(
            "the text `amended.cvl` (SHA-256 `{TEXT}`) is given as a version, but no amendment names it: it decides nothing"
        )]
    );
}

#[test]
fn a_version_keeps_the_parties_and_the_case() {
    let c = contract(
        "2019-01-01",
        "  item stay { pay 30_000 DKK per month to home }",
    );
    let other_case = checked(
        "contract c {
  case \"T-2\"
  party kommune { role payer key \"ed25519:AxiotVCLTRFo8Z11ewELoFkGa9ySVw2ilQO/w2dIIB4=\" }
  party home { role provider key \"ed25519:WM/CGf94Y3JJ9BHySBlUNpcKatyx4+4tLFdc58wBPjU=\" }
  signed by kommune and home
  starts on 2019-01-01
  paid monthly in arrears
}"
        .to_string(),
    );
    assert_eq!(
        check_kept(&c, &other_case).unwrap_err(),
        "it changes the case reference from `T-1` to `T-2`"
    );
    let other_party = checked(
        "contract c {
  case \"T-1\"
  party kommune { role payer key \"ed25519:AxiotVCLTRFo8Z11ewELoFkGa9ySVw2ilQO/w2dIIB4=\" }
  party family { role provider key \"ed25519:WM/CGf94Y3JJ9BHySBlUNpcKatyx4+4tLFdc58wBPjU=\" }
  signed by kommune and family
  starts on 2019-01-01
  paid monthly in arrears
}"
        .to_string(),
    );
    assert_eq!(
        check_kept(&c, &other_party).unwrap_err(),
        "it changes the parties from `kommune`, `home` to `kommune`, `family`"
    );
    assert_eq!(check_kept(&c, &c), Ok(()));
}

/// A fee and an allowance, and a monthly report whose miss withholds as `consequence` writes it.
fn scoped(consequence: &str) -> Contract {
    contract(
        "2019-01-01",
        &format!(
            "  item fee {{ pay 20_000 DKK per month to home }}
  item allowance {{ pay 5_000 DKK per month to home }}
  obligation report {{ by home every 1 month grace 7 days {consequence} }}"
        ),
    )
}

/// Amended from 2019-04-01; the report due 2019-03-01 is met on 2019-04-10 (March held), the one due 2019-04-01
/// on 2019-05-05 (April held), the one due 2019-05-01 within its grace.
fn scoped_lines() -> Vec<String> {
    let mut lines: Vec<String> = SIGNED.iter().map(|s| s.to_string()).collect();
    lines.push("2019-01-30 report home".into());
    lines.push(amended("2019-03-15", "kommune", "2019-04-01"));
    lines.push(amended("2019-03-15", "home", "2019-04-01"));
    for day in ["2019-04-10", "2019-05-05", "2019-05-06"] {
        lines.push(format!("{day} report home"));
    }
    lines
}

#[test]
fn what_a_missed_occurrence_holds_is_as_the_version_in_force_on_its_due_day_writes_it() {
    let old = scoped("when missed withhold fee");
    let lines = scoped_lines();
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    // Widened to the whole month from 2019-04-01. March (due 2019-03-01, the old text): the fee 20,000 held, the
    // allowance paid, 5,000.00. April (due 2019-04-01, the new text): all 25,000 held, March's 20,000 released,
    // 20,000.00. May: 25,000 and April's 25,000 released, 50,000.00.
    let widened = scoped("when missed withhold fee, allowance");
    let d = decide_amended(&old, &widened, &lines, "2019-05-31");
    assert_eq!(
        totals(&d, "home"),
        pairs(&[
            ("2019-01", "25000.00"),
            ("2019-02", "25000.00"),
            ("2019-03", "5000.00"),
            ("2019-04", "20000.00"),
            ("2019-05", "50000.00")
        ])
    );
    // Each hold names the items it holds and cites the version its occurrence fell due under.
    let held: Vec<(String, Vec<String>, Option<usize>)> = d
        .payments
        .iter()
        .flat_map(|p| &p.held)
        .map(|h| {
            (
                h.due.to_string(),
                h.items.iter().map(|i| i.0.clone()).collect(),
                h.version,
            )
        })
        .collect();
    assert_eq!(
        held,
        vec![
            ("2019-03-01".into(), vec!["fee".into()], Some(0)),
            (
                "2019-04-01".into(),
                vec!["fee".into(), "allowance".into()],
                Some(1)
            )
        ]
    );
    // Dropped from 2019-04-01: the occurrence due 2019-04-01 holds nothing (still missed); March as before.
    let dropped = scoped("");
    let d = decide_amended(&old, &dropped, &lines, "2019-05-31");
    assert_eq!(
        totals(&d, "home"),
        pairs(&[
            ("2019-01", "25000.00"),
            ("2019-02", "25000.00"),
            ("2019-03", "5000.00"),
            ("2019-04", "45000.00"),
            ("2019-05", "25000.00")
        ])
    );
    // Turned into a flag: April is paid and flagged.
    let flagged = scoped("when missed flag");
    let d = decide_amended(&old, &flagged, &lines, "2019-05-31");
    assert_eq!(format!("{:.2}", d.payments[3].total), "45000.00");
    assert_eq!(
        d.payments[3].flags,
        vec!["`report` due 2019-04-01 was missed".to_string()]
    );
}

/// A supplement with a term of `term` and `review` (a `review by` or nothing).
fn reviewed(term: &str, review: &str) -> Contract {
    contract(
        "2019-01-01",
        &format!(
            "  supplement extra {{ pay 3_000 DKK per month to home adjustable by kommune term {term} {review} }}"
        ),
    )
}

#[test]
fn reviews_and_terms_are_as_the_version_in_force_writes_the_supplement() {
    let old = reviewed("3 months", "review by kommune");
    let started =
        r#"2019-01-01 supplement_started kommune {"supplement":"extra","from":"2019-01-01"}"#;
    let renewed = |at: &str| format!(r#"{at} supplement_renewed kommune {{"supplement":"extra"}}"#);
    let (a, b) = (
        amended("2019-03-15", "kommune", "2019-04-01"),
        amended("2019-03-15", "home", "2019-04-01"),
    );
    let (first, second) = (renewed("2019-03-20"), renewed("2019-05-20"));
    let lines = [
        SIGNED[0],
        SIGNED[1],
        started,
        &a,
        &b,
        &first,
        r#"2019-03-25 supplement_reviewed kommune {"supplement":"extra"}"#,
        &second,
    ];
    let reviews = |d: &Decision| -> Vec<(String, String, &str)> {
        d.obligations
            .iter()
            .filter(|r| r.review)
            .map(|r| (r.due.to_string(), r.party.0.clone(), r.status.as_str()))
            .collect()
    };
    // From 2019-04-01 a term is 2 months and `home` reviews: the first term (old text) ends 2019-03-31, reviewed
    // by kommune; the renewal from 2019-04-01 runs 2 months, through 2019-05-31, where home's review is missed;
    // the next renewal runs through 2019-07-31. June is flagged.
    let changed = reviewed("2 months", "review by home");
    let d = decide_amended(&old, &changed, &lines, "2019-06-30");
    assert_eq!(
        reviews(&d),
        vec![
            ("2019-03-31".into(), "kommune".into(), "met"),
            ("2019-05-31".into(), "home".into(), "missed")
        ]
    );
    let june = d
        .payments
        .iter()
        .find(|p| p.period.to_string() == "2019-06")
        .unwrap();
    assert_eq!(
        june.flags,
        vec!["the review of `extra` due 2019-05-31 was missed".to_string()]
    );
    assert_eq!(format!("{:.2}", june.total), "3000.00");
    // Without `review by` from 2019-04-01, only the first term's review falls due; the renewal from 2019-04-01
    // runs 3 months, through 2019-06-30, and nothing is flagged.
    let dropped = reviewed("3 months", "");
    let d = decide_amended(&old, &dropped, &lines, "2019-06-30");
    assert_eq!(
        reviews(&d),
        vec![("2019-03-31".into(), "kommune".into(), "met")]
    );
    assert!(d.payments.iter().all(|p| p.flags.is_empty()));
    // Added by an amendment to a text without one: the term ending 2019-06-30, in force under the new text, is
    // reviewed by kommune, and missed (no review in these events).
    let unreviewed = [SIGNED[0], SIGNED[1], started, &a, &b, &first, &second];
    let d = decide_amended(&dropped, &old, &unreviewed, "2019-07-31");
    assert_eq!(
        reviews(&d),
        vec![("2019-06-30".into(), "kommune".into(), "missed")]
    );
}
