//! `cvl log verify`, `cvl log append` and `cvl eval --log` give one answer about every log: a log one of them
//! refuses, each refuses, at the same entry and with the same words; one they accept never makes any of them
//! panic. Shown on a set of bad logs (each refusal's text in a snapshot) and on generated logs, signed with the
//! reference case's keys, whose entries carry arbitrary amounts, hours and dates, extreme as well as tame.
//!
//! Tests run with `tests/` as the working directory. Logs made by a test are written to a directory of its own
//! under the system's temporary directory.

#![cfg(test)]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;
use serde_json::{Value, json};

const CONTRACT: &str = "../examples/placement/placement.cvl";
const KEYS: &str = "../examples/placement/keys";

/// Runs `cvl` with `args`; the exit code, stdout and stderr.
use cvl_tests::run_cvl as run;

/// The reference contract, checked once.
fn loaded() -> &'static cvl_cli::contract::Loaded {
    static LOADED: OnceLock<cvl_cli::contract::Loaded> = OnceLock::new();
    LOADED.get_or_init(|| {
        cvl_cli::contract::load(Path::new(CONTRACT), &[], false, "", &mut Vec::new())
            .unwrap_or_else(|_| panic!("{CONTRACT} does not check"))
    })
}

fn secret(party: &str) -> cvl_log::SecretKey {
    cvl_log::SecretKey::parse(&fs::read_to_string(format!("{KEYS}/{party}.key")).unwrap()).unwrap()
}

/// A fresh directory.
fn scratch(name: &str) -> PathBuf {
    cvl_tests::scratch_dir("agree", name)
}

/// One entry to sign: who, when, what.
#[derive(Clone, Debug)]
struct Step {
    actor: &'static str,
    at: String,
    kind: String,
    data: Value,
}

fn step(actor: &'static str, at: &str, kind: &str, data: Value) -> Step {
    Step {
        actor,
        at: at.to_string(),
        kind: kind.to_string(),
        data,
    }
}

/// The contract's signing by both signatories, on 2019-01-10.
fn signing() -> Vec<Step> {
    let hash = loaded().sha256_hex().to_string();
    vec![
        step(
            "municipality",
            "2019-01-10",
            "signed",
            json!({ "contract": hash }),
        ),
        step(
            "ostervold",
            "2019-01-10",
            "signed",
            json!({ "contract": hash }),
        ),
    ]
}

/// The steps signed into log lines, each chained to the one before; `None` if one cannot be signed at all (a
/// number the log cannot hold exactly, say).
fn sign(steps: &[Step]) -> Option<Vec<String>> {
    let mut prev = loaded().sha256;
    let mut lines = Vec::new();
    for (i, s) in steps.iter().enumerate() {
        let Value::Object(data) = s.data.clone() else {
            return None;
        };
        let seq = i as u64 + 1;
        let entry = cvl_log::NewEntry {
            id: format!("e{seq}"),
            at: s.at.clone(),
            kind: s.kind.clone(),
            actor: s.actor.to_string(),
            data,
        };
        let (line, digest) = entry.sign(seq, &prev, &secret(s.actor)).ok()?;
        prev = digest;
        lines.push(line);
    }
    Some(lines)
}

fn bytes(lines: &[String]) -> Vec<u8> {
    lines
        .iter()
        .flat_map(|l| format!("{l}\n").into_bytes())
        .collect()
}

/// What verification and evaluation each say of a log: `Ok` or the refusal's text.
fn verdicts(log: &[u8]) -> (Result<(), String>, Result<(), String>) {
    let loaded = loaded();
    let verified = loaded
        .verify_log(log)
        .map(|_| ())
        .map_err(|r| r.to_string());
    let evaluated = cvl_eval::evaluate_bound(
        &loaded.contract,
        loaded.binding(true),
        loaded.verifier(log),
        None,
    )
    .map(|_| ())
    .map_err(|r| r.to_string());
    (verified, evaluated)
}

/// Appends the last step to a log of the steps before it with `cvl log append`, and checks that it is refused
/// exactly when verification refuses the whole log, with the same refusal; and that when it is appended, the
/// log is the one signed here.
fn append_agrees(steps: &[Step], lines: &[String], verified: &Result<(), String>) {
    let Some((last, before)) = steps.split_last() else {
        return;
    };
    let Some(lines_before) = lines.get(..before.len()) else {
        return;
    };
    if verdicts(&bytes(lines_before)).0.is_err() {
        return;
    }
    let dir = scratch("append");
    let log = dir.join("log.jsonl");
    fs::write(&log, bytes(lines_before)).unwrap();
    let key = format!("{KEYS}/{}.key", last.actor);
    let data = last.data.to_string();
    let id = format!("e{}", steps.len());
    let (code, _, err) = run(&[
        "log",
        "append",
        log.to_str().unwrap(),
        "--contract",
        CONTRACT,
        "--key",
        &key,
        "--kind",
        &last.kind,
        "--at",
        &last.at,
        "--data",
        &data,
        "--id",
        &id,
    ]);
    match verified {
        Ok(()) => {
            assert_eq!((code, err.as_str()), (0, ""), "append refused {last:?}");
            assert_eq!(fs::read(&log).unwrap(), bytes(lines));
        }
        Err(refusal) => {
            assert_eq!(code, 1, "append accepted what verify refused: {refusal}");
            let first = err.lines().next().unwrap_or_default();
            assert_eq!(
                first.strip_prefix("error: the new entry is refused: "),
                Some(refusal.as_str()),
                "{err}"
            );
        }
    }
    let _ = fs::remove_dir_all(&dir);
}

/// Signs `steps` and checks that verify, eval and append agree; verify's answer.
fn agreed(steps: &[Step]) -> Result<(), String> {
    let lines = sign(steps).expect("the steps can be signed");
    let (verified, evaluated) = verdicts(&bytes(&lines));
    assert_eq!(verified, evaluated, "verify and eval disagree on {steps:?}");
    append_agrees(steps, &lines, &verified);
    verified
}

/// Refused logs, each with what makes it bad.
fn bad_logs() -> Vec<(&'static str, Vec<Step>)> {
    let hours = |at: &str, h: Value| {
        step(
            "firm",
            at,
            "hours",
            json!({"item": "consultant", "hours": h}),
        )
    };
    let start = |at: &str, from: &str, amount: &str| {
        step(
            "municipality",
            at,
            "supplement_started",
            json!({"supplement": "school_support", "amount": amount, "from": from}),
        )
    };
    let with = |more: Vec<Step>| {
        let mut steps = signing();
        steps.extend(more);
        steps
    };
    let terminate = |party: &'static str, at: &str, effective: &str| {
        step(party, at, "terminated", json!({ "effective": effective }))
    };
    // An invoice's line approved on 2019-05-10, for `month`.
    let approve = |party: &'static str, amount: Value, month: &str| {
        step(
            party,
            "2019-05-10",
            "invoice_approved",
            json!({"invoice": "OV-2019-03", "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "lines": [{"line": "1", "item": "stay", "month": month, "amount": amount}]}),
        )
    };
    // A payment made on 2019-11-12 (`paid`, spec 9.2), recorded by `party`.
    let pay = |party: &'static str, amount: Value, months: Value| {
        step(
            party,
            "2019-11-12",
            "paid",
            json!({"payee": "ostervold", "amount": amount, "date": "2019-11-12", "months": months,
                "reference": "BANK-2019-11-12-0042"}),
        )
    };
    // A hundred entries of 10,000 hours make the most a month may count; one hundredth more is refused.
    let mut month_of_hours: Vec<Step> = (0..100)
        .map(|i| hours(&format!("2019-03-{:02}", 1 + i / 10), json!(10_000)))
        .collect();
    month_of_hours.push(hours("2019-03-12", json!("0.01")));
    vec![
        ("a party signs twice", with(vec![signing().remove(0)])),
        (
            "terminations with different effective days",
            with(vec![
                terminate("municipality", "2019-05-01", "2019-06-30"),
                terminate("ostervold", "2019-05-02", "2019-07-31"),
            ]),
        ),
        (
            "an entry after the termination's effective day",
            with(vec![
                terminate("municipality", "2019-05-01", "2019-06-30"),
                terminate("ostervold", "2019-05-02", "2019-06-30"),
                hours("2019-07-01", json!(2)),
            ]),
        ),
        (
            "hours of `2e26`",
            with(vec![hours("2019-03-01", json!("2e26"))]),
        ),
        (
            "hours of `1_000`",
            with(vec![hours("2019-03-01", json!("1_000"))]),
        ),
        (
            "hours of `+5`",
            with(vec![hours("2019-03-01", json!("+5"))]),
        ),
        (
            "hours of `.5`",
            with(vec![hours("2019-03-01", json!(".5"))]),
        ),
        (
            "hours of `5.`",
            with(vec![hours("2019-03-01", json!("5."))]),
        ),
        (
            "hours of `4.125`",
            with(vec![hours("2019-03-01", json!("4.125"))]),
        ),
        (
            "hours of `-3`",
            with(vec![hours("2019-03-01", json!("-3"))]),
        ),
        (
            "hours of 20000 in one entry",
            with(vec![hours("2019-03-01", json!(20_000))]),
        ),
        ("a month's hours past 1,000,000", with(month_of_hours)),
        (
            "a supplement amount beyond the type",
            with(vec![start(
                "2019-02-01",
                "2019-02-01",
                "79228162514264337593543950335",
            )]),
        ),
        (
            "a supplement amount just above 10^12",
            with(vec![start("2019-02-01", "2019-02-01", "1000000000000.01")]),
        ),
        (
            "a supplement amount of `22.500`",
            with(vec![start("2019-02-01", "2019-02-01", "22.500")]),
        ),
        (
            "a supplement amount of `1e3`",
            with(vec![start("2019-02-01", "2019-02-01", "1e3")]),
        ),
        (
            "a restart from a day of the lapsed term",
            with(vec![
                start("2019-02-01", "2019-02-01", "5000.00"),
                start("2019-06-01", "2019-03-01", "5000.00"),
            ]),
        ),
        (
            "a renewal after the lapse",
            with(vec![
                start("2019-02-01", "2019-02-01", "5000.00"),
                step(
                    "municipality",
                    "2019-06-01",
                    "supplement_renewed",
                    json!({"supplement": "school_support"}),
                ),
            ]),
        ),
        (
            "an invoice approved by the provider",
            with(vec![approve("ostervold", json!("60000.00"), "2019-03")]),
        ),
        (
            "an approved line of `-100.005`",
            with(vec![approve("municipality", json!("-100.005"), "2019-03")]),
        ),
        (
            "an approved line of zero",
            with(vec![approve("municipality", json!(0), "2019-03")]),
        ),
        (
            "an approved line for a month after the termination",
            with(vec![
                terminate("municipality", "2019-05-01", "2019-06-30"),
                terminate("ostervold", "2019-05-02", "2019-06-30"),
                approve("municipality", json!("60000.00"), "2019-07"),
            ]),
        ),
        (
            "a payment recorded by the provider",
            with(vec![pay(
                "ostervold",
                json!("90000.00"),
                json!(["2019-10"]),
            )]),
        ),
        (
            "a payment of `90000.005`",
            with(vec![pay(
                "municipality",
                json!("90000.005"),
                json!(["2019-10"]),
            )]),
        ),
        (
            "a payment for a month named twice",
            with(vec![pay(
                "municipality",
                json!("90000.00"),
                json!(["2019-10", "2019-10"]),
            )]),
        ),
        (
            "a payment for a month after the termination",
            with(vec![
                terminate("municipality", "2019-05-01", "2019-06-30"),
                terminate("ostervold", "2019-05-02", "2019-06-30"),
                pay("municipality", json!("90000.00"), json!(["2019-07"])),
            ]),
        ),
        (
            "an entry dated before the one before it",
            with(vec![hours("2019-01-05", json!(2))]),
        ),
    ]
}

#[test]
fn verify_append_and_eval_refuse_the_same_logs_with_the_same_words() {
    let mut shown = String::new();
    for (what, steps) in bad_logs() {
        let refusal = agreed(&steps).expect_err(what);
        // The command line says the same as the library.
        let dir = scratch("cli");
        let log = dir.join("log.jsonl");
        fs::write(&log, bytes(&sign(&steps).unwrap())).unwrap();
        let log = log.to_str().unwrap();
        let (code, out, err) = run(&["log", "verify", log, "--contract", CONTRACT]);
        assert_eq!((code, out.as_str()), (1, ""), "{what}");
        let (code, out, eval_err) = run(&["eval", CONTRACT, "--log", log]);
        assert_eq!((code, out.as_str()), (1, ""), "{what}");
        assert_eq!(
            err.lines().next(),
            eval_err.lines().next(),
            "{what}: verify and eval say different things"
        );
        assert!(err.contains(&refusal), "{what}: {err}");
        shown.push_str(&format!("--- {what}\n{refusal}\n"));
        let _ = fs::remove_dir_all(&dir);
    }
    insta::assert_snapshot!("bad_logs", shown);
}

#[test]
fn a_log_within_the_limits_is_accepted_by_all_three() {
    let hours = |at: &str, h: Value| {
        step(
            "firm",
            at,
            "hours",
            json!({"item": "consultant", "hours": h}),
        )
    };
    let mut steps = signing();
    // Exactly the limits: 10,000 hours a hundred times in a month is 1,000,000; an amount of 10^12.
    steps.extend((0..100).map(|i| hours(&format!("2019-03-{:02}", 1 + i / 10), json!("10000.00"))));
    steps.push(step(
        "municipality",
        "2019-03-20",
        "hours_confirmed",
        json!({"item": "consultant", "hours": 10_000, "date": "2019-03-05"}),
    ));
    steps.push(step(
        "municipality",
        "2019-04-01",
        "supplement_started",
        json!({"supplement": "school_support", "amount": "1000000000000.00", "from": "2019-04-01"}),
    ));
    // A restart from the day after the lapsed term's last day.
    steps.push(step(
        "municipality",
        "2019-08-01",
        "supplement_started",
        json!({"supplement": "school_support", "amount": "0.01", "from": "2019-07-01"}),
    ));
    assert_eq!(agreed(&steps), Ok(()));
    let decision = cvl_eval::evaluate_bound(
        &loaded().contract,
        loaded().binding(true),
        loaded().verifier(bytes(&sign(&steps).unwrap()).as_slice()),
        None,
    )
    .unwrap();
    let paid = |month: &str, item: &str| {
        decision
            .payments
            .iter()
            .filter(|p| p.period.to_string() == month)
            .flat_map(|p| &p.lines)
            .filter(|l| l.item.0 == item)
            .map(|l| l.amount)
            .collect::<Vec<_>>()
    };
    let dkk = |cents: i64| vec![rust_decimal::Decimal::new(cents, 2)];
    // The cap of 10 hours a month applies; the supplement pays 10^12 a month, then 0.01 from July.
    assert_eq!(paid("2019-03", "consultant"), dkk(550_000));
    assert_eq!(paid("2019-05", "school_support"), dkk(100_000_000_000_000));
    assert_eq!(paid("2019-07", "school_support"), dkk(1));
}

/// An amount as an event may write it, or not: tame, at the limits, beyond them, or misspelled.
fn amount() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => (0u64..2_000_000).prop_map(|n| json!(format!("{}.{:02}", n / 100, n % 100))),
        1 => (0u64..20_000).prop_map(|n| json!(n)),
        1 => any::<u64>().prop_map(|n| json!(n % (1 << 53))),
        1 => (any::<i64>(), 0u32..5).prop_map(|(n, scale)| json!(rust_decimal::Decimal::new(n, scale).to_string())),
        1 => prop::sample::select(vec![
            "1000000000000", "1000000000000.00", "1000000000000.01", "999999999999.99",
            "79228162514264337593543950335", "2e26", "1e3", "22.500", "-5", "+5", ".5", "5.", "1_000", "0", "-0",
            "0000000000000000000000000000000000001", "", " 5",
        ]).prop_map(|s| json!(s)),
    ]
}

/// Hours as an event may write them.
fn hours() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => (0u64..3_000).prop_map(|n| json!(format!("{}.{:02}", n / 100, n % 100))),
        2 => (0u64..40).prop_map(|n| json!(n)),
        1 => (9_990u64..10_010).prop_map(|n| json!(n)),
        1 => any::<u64>().prop_map(|n| json!(n % (1 << 53))),
        1 => (any::<i64>(), 0u32..5).prop_map(|(n, scale)| json!(rust_decimal::Decimal::new(n, scale).to_string())),
        1 => prop::sample::select(vec![
            "2e26", "10000", "10000.00", "10000.01", "9999.99", "0.25", "4.125", "-1", "+1", ".5", "5.", "1_0",
            "79228162514264337593543950335",
        ]).prop_map(|s| json!(s)),
    ]
}

/// One generated entry: `(kind, actor, days after the one before, an amount, hours, days from it to a date in
/// its data)`. An actor below 3 is a party picked at random; above, the party with the authority for the kind.
fn entry() -> impl Strategy<Value = (usize, usize, i64, Value, Value, i64)> {
    (
        0usize..12,
        0usize..12,
        prop_oneof![6 => 0i64..30, 1 => -3i64..0, 1 => 30i64..400],
        amount(),
        hours(),
        prop_oneof![3 => 0i64..40, 1 => -400i64..400],
    )
}

fn steps_of(generated: &[(usize, usize, i64, Value, Value, i64)]) -> Vec<Step> {
    let parties = ["municipality", "ostervold", "firm"];
    let mut day = chrono::NaiveDate::from_ymd_opt(2019, 1, 10).unwrap();
    let mut steps = Vec::new();
    for (kind, who, gap, amount, hours, shift) in generated {
        day += chrono::Duration::days(*gap);
        let at = day.to_string();
        let other = (day + chrono::Duration::days(*shift)).to_string();
        let entitled = match kind {
            0 | 1 => ["municipality", "ostervold"][who % 2],
            2..=5 | 8 => "municipality",
            9 => "ostervold",
            _ => "firm",
        };
        let actor = parties.get(*who).copied().unwrap_or(entitled);
        let supplement = "school_support";
        let (kind, data) = match kind {
            0 => ("signed", json!({"contract": loaded().sha256_hex()})),
            1 => (
                "terminated",
                json!({"effective": (day + chrono::Duration::days(shift.abs())).to_string()}),
            ),
            2 => (
                "supplement_started",
                json!({"supplement": supplement, "amount": amount, "from": other}),
            ),
            3 => (
                "supplement_adjusted",
                json!({"supplement": supplement, "amount": amount, "from": other}),
            ),
            4 => ("supplement_renewed", json!({"supplement": supplement})),
            5 => ("supplement_reviewed", json!({"supplement": supplement})),
            6 | 7 => ("hours", json!({"item": "consultant", "hours": hours})),
            8 => (
                "hours_confirmed",
                json!({"item": "consultant", "hours": hours, "date": other}),
            ),
            9 => ("status_report", json!({})),
            10 => ("firm_report", json!({})),
            _ => ("visits", json!({})),
        };
        steps.push(Step {
            actor,
            at,
            kind: kind.to_string(),
            data,
        });
    }
    steps
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Signed logs of arbitrary entries: append, verify and eval never panic and give the same answer.
    #[test]
    fn generated_logs_get_one_answer_from_append_verify_and_eval(
        signatures in 0usize..3,
        generated in prop::collection::vec(entry(), 0..14),
    ) {
        let mut steps: Vec<Step> = signing().into_iter().take(signatures).collect();
        steps.extend(steps_of(&generated));
        if sign(&steps).is_some() {
            let _ = agreed(&steps);
        }
    }
}
