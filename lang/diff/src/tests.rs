//! The comparison on small contracts: each kind of declaration, added, removed and changed, in words.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use cvl_check::model::Contract;
use cvl_check::{LoadError, Loader, Request};
use cvl_event::Event;
use cvl_syntax::{FileId, Source, Sources, parse_source};

use crate::{Change, Kind, compare, money};

struct NoImports;

impl Loader for NoImports {
    fn load(&mut self, _: &mut Sources, _: FileId, _: Request<'_>) -> Result<FileId, LoadError> {
        Err(LoadError::NotFound { searched: vec![] })
    }
}

/// A whole contract text, checked; it must have no errors.
pub(crate) fn parsed(text: &str) -> Contract {
    let mut sources = Sources::new();
    let id = sources.add(Source::new("c.cvl", text.to_string()));
    let parsed = parse_source(id, sources.get(id).unwrap());
    assert!(!parsed.problems.has_errors(), "{text}");
    let checked = cvl_check::check(&mut sources, id, &parsed.file, &mut NoImports);
    let problems: Vec<_> = checked.problems.iter().filter(|d| d.is_error()).collect();
    assert!(problems.is_empty(), "{problems:?}");
    checked.contracts.into_iter().next().unwrap()
}

fn contract(body: &str) -> Contract {
    let text = format!(
        "contract c {{
  case \"T-1\"
  party kommune {{ role payer key \"ed25519:AxiotVCLTRFo8Z11ewELoFkGa9ySVw2ilQO/w2dIIB4=\" }}
  party home {{ role provider key \"ed25519:WM/CGf94Y3JJ9BHySBlUNpcKatyx4+4tLFdc58wBPjU=\" }}
  signed by kommune and home
  starts on 2019-01-01
  paid monthly in arrears
{body}
}}"
    );
    parsed(&text)
}

fn words(old: &str, new: &str, effective: Option<&str>) -> Vec<String> {
    let effective = effective.map(|d| d.parse::<NaiveDate>().unwrap());
    compare(&contract(old), &contract(new), effective)
        .into_iter()
        .map(|t| t.words)
        .collect()
}

#[test]
fn a_regulation_changed_between_percentage_and_index_or_between_indexes_reads_in_words() {
    let item = |by: &str| {
        format!(
            "  item fee {{ pay 20_000 DKK per month to home regulated by {by} each year from 2020-01-01 }}"
        )
    };
    assert_eq!(
        words(&item("2.5 %"), &item("index pl"), None),
        vec![
            "fee: regulated by 2.5 % each year from 2020-01-01 → by index `pl` each year from 2020-01-01"
        ]
    );
    assert_eq!(
        words(&item("index pl"), &item("index nl"), None),
        vec![
            "fee: regulated by index `pl` each year from 2020-01-01 → by index `nl` each year from 2020-01-01"
        ]
    );
    assert_eq!(
        words(
            "  item fee { pay 20_000 DKK per month to home }",
            &item("index pl"),
            None
        ),
        vec!["fee: regulated by index `pl` each year from 2020-01-01 added"]
    );
}

#[test]
fn a_rate_that_changes_reads_as_an_arrow_from_the_effective_day() {
    let old = "  item stay { pay 60_000 DKK per month to home }";
    let new = "  item stay { pay 62_000 DKK per month to home }";
    assert_eq!(
        words(old, new, Some("2019-09-01")),
        vec!["stay: 60,000.00 → 62,000.00 DKK per month from 2019-09-01"]
    );
    assert_eq!(
        words(old, new, None),
        vec!["stay: 60,000.00 → 62,000.00 DKK per month"]
    );
    assert!(words(old, old, None).is_empty());
}

#[test]
fn items_added_and_removed_and_their_fields() {
    let old = "  item stay { pay 60_000 DKK per month to home }
  item taxi { pay 5_000 DKK per month to home for the first 3 months }";
    let new = "  item stay { pay 60_000 DKK per month to home starts on 2019-02-01 }
  item school { pay 30_000 DKK per month to home }";
    let terms = compare(&contract(old), &contract(new), None);
    let seen: Vec<(Kind, &str, Change, Option<&str>)> = terms
        .iter()
        .map(|t| (t.kind, t.name.as_str(), t.change, t.field))
        .collect();
    assert_eq!(
        seen,
        vec![
            (Kind::Item, "stay", Change::Added, Some("starts on")),
            (Kind::Item, "school", Change::Added, None),
            (Kind::Item, "taxi", Change::Removed, None),
        ]
    );
    assert_eq!(
        terms.iter().map(|t| t.words.as_str()).collect::<Vec<_>>(),
        vec![
            "stay: starts on 2019-02-01 added",
            "item `school` added: pay 30,000.00 DKK per month, to home",
            "item `taxi` removed",
        ]
    );
}

#[test]
fn obligations_supplements_and_the_contracts_dates() {
    let old = "  ends on 2020-12-31
  supplement extra { pay 1_000 DKK per month to home adjustable by kommune term 3 months }
  obligation report { by home every 3 months grace 14 days when missed withhold }";
    let new = "  ends on 2021-06-30
  supplement extra { pay 1_000 DKK per month to home adjustable by kommune term 6 months }
  obligation report { by home every 3 months grace 7 days when missed flag }";
    assert_eq!(
        words(old, new, Some("2019-09-01")),
        vec![
            "the contract: ends on 2020-12-31 → on 2021-06-30",
            "extra: term 3 → 6 months from 2019-09-01",
            "obligation `report`: grace 14 → 7 days",
            "obligation `report`: when missed withhold → flag",
        ]
    );
}

fn events(lines: &[&str]) -> Vec<Event> {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| Event::parse(i + 1, l).unwrap())
        .collect()
}

#[test]
fn the_money_a_new_text_changes_by_payee_and_month() {
    let old = contract("  item stay { pay 30_000 DKK per month to home }\n  ends on 2019-04-30");
    let new = contract("  item stay { pay 32_000 DKK per month to home }\n  ends on 2019-04-30");
    let signed = [
        r#"{"id":"s1","at":"2018-12-20","kind":"signed","actor":"kommune"}"#,
        r#"{"id":"s2","at":"2018-12-20","kind":"signed","actor":"home"}"#,
    ];
    // Without an amendment in the events, the new text decides every month: 2,000.00 more in each of 4.
    let m = money(&old, &new, ("new.cvl", "ab"), &[], &events(&signed), None).unwrap();
    assert_eq!(m.months.len(), 4);
    assert_eq!(m.total, Decimal::from(8_000));
    assert_eq!(m.effective, None);
    // With one effective 2019-03-11, only its days: March 32,000 × 21/31 + 30,000 × 10/31 = 21,677.42 + 9,677.42
    // = 31,354.84 (1,354.84 more), April 2,000.00 more; 3,354.84 in all.
    let sha = "1".repeat(64);
    let a1 = format!(
        r#"{{"id":"a1","at":"2019-02-01","kind":"amended","actor":"kommune","data":{{"contract":"{sha}","effective":"2019-03-11"}}}}"#
    );
    let a2 = a1.replace("\"a1\"", "\"a2\"").replace("kommune", "home");
    let all = [signed[0], signed[1], &a1, &a2];
    let m = money(&old, &new, ("new.cvl", &sha), &[], &events(&all), None).unwrap();
    let months: Vec<(String, String)> = m
        .months
        .iter()
        .map(|d| (d.month.to_string(), format!("{:.2}", d.difference)))
        .collect();
    assert_eq!(
        months,
        vec![
            ("2019-03".to_string(), "1354.84".to_string()),
            ("2019-04".to_string(), "2000.00".to_string())
        ]
    );
    assert_eq!(format!("{:.2}", m.total), "3354.84");
    assert_eq!(m.effective, Some("2019-03-11".parse().unwrap()));
    assert_eq!(m.amended_by, vec!["a1".to_string(), "a2".to_string()]);
}

/// Both signatures of an amendment to the text `sha` effective `effective`, signed on `at`; ids `{id}1`, `{id}2`.
fn amendment(id: &str, sha: &str, at: &str, effective: &str) -> [String; 2] {
    let one = |n: u8, actor: &str| {
        format!(
            r#"{{"id":"{id}{n}","at":"{at}","kind":"amended","actor":"{actor}","data":{{"contract":"{sha}","effective":"{effective}"}}}}"#
        )
    };
    [one(1, "kommune"), one(2, "home")]
}

#[test]
fn other_amendments_are_decided_by_their_texts_under_both() {
    let stay = |rate: &str| {
        contract(&format!(
            "  item stay {{ pay {rate} DKK per month to home }}\n  ends on 2019-04-30"
        ))
    };
    let (old, other, new) = (stay("30_000"), stay("31_000"), stay("32_000"));
    let other_sha = "2".repeat(64);
    let others = [cvl_eval::Version {
        contract: &other,
        file: "other.cvl",
        sha256: &other_sha,
    }];
    let signed = [
        r#"{"id":"s1","at":"2018-12-20","kind":"signed","actor":"kommune"}"#.to_string(),
        r#"{"id":"s2","at":"2018-12-20","kind":"signed","actor":"home"}"#.to_string(),
    ];
    let differences = |m: &crate::Money| -> Vec<(String, String)> {
        m.months
            .iter()
            .map(|d| (d.month.to_string(), format!("{:.2}", d.difference)))
            .collect()
    };
    // The events amend OLD to `other` from 2019-03-01. NEW replaces OLD for the days OLD is in force, January and
    // February: 32,000 instead of 30,000, +2,000.00 each; March and April are `other`'s 31,000 under both.
    let mut lines: Vec<String> = signed.to_vec();
    lines.extend(amendment("o", &other_sha, "2019-02-10", "2019-03-01"));
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let m = money(
        &old,
        &new,
        ("new.cvl", &"3".repeat(64)),
        &others,
        &events(&lines),
        None,
    )
    .unwrap();
    assert_eq!(
        differences(&m),
        vec![
            ("2019-01".to_string(), "2000.00".to_string()),
            ("2019-02".to_string(), "2000.00".to_string())
        ]
    );
    assert_eq!(format!("{:.2}", m.total), "4000.00");
    assert_eq!(m.effective, None);
    // Without the other text, the events cannot be decided: refused, naming its SHA-256.
    let refused = money(
        &old,
        &new,
        ("new.cvl", &"3".repeat(64)),
        &[],
        &events(&lines),
        None,
    )
    .unwrap_err();
    assert!(
        refused
            .to_string()
            .contains(&format!("no text given has its SHA-256 `{other_sha}`")),
        "{refused}"
    );
    // The events amend to `other` from 2019-02-01 and then to NEW from 2019-04-01: only April differs, NEW's
    // 32,000 against `other`'s 31,000.
    let new_sha = "3".repeat(64);
    let mut lines: Vec<String> = signed.to_vec();
    lines.extend(amendment("o", &other_sha, "2019-01-20", "2019-02-01"));
    lines.extend(amendment("n", &new_sha, "2019-03-10", "2019-04-01"));
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let m = money(
        &old,
        &new,
        ("new.cvl", &new_sha),
        &others,
        &events(&lines),
        None,
    )
    .unwrap();
    assert_eq!(
        differences(&m),
        vec![("2019-04".to_string(), "1000.00".to_string())]
    );
    assert_eq!(m.effective, Some("2019-04-01".parse().unwrap()));
}
