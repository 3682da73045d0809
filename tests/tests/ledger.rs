//! The ledger of approvals (spec 12.7), end to end against the reference case (examples/placement): approvals at
//! once never spend a month twice, an `invoice_approved` entry that would approve past the decision (or credit past
//! what was approved) is refused at append whoever writes it, a credit takes back only what was approved, a line
//! held when its invoice was recorded is approvable when released, and a recorded invoice keeps what was recorded
//! for it whatever the log approved after it.

use std::path::{Path, PathBuf};

use cvl_tests::ubl::{Doc, Line};
use cvl_tests::{run_cvl, scratch_dir};

const CONTRACT: &str = "../examples/placement/placement.cvl";
const EVENTS: &str = "../examples/placement/events.jsonl";
const KEYS: &str = "../examples/placement/keys";

const MARCH: (&str, &str) = ("2019-03-01", "2019-03-31");
const DECEMBER: (&str, &str) = ("2019-12-01", "2019-12-31");

/// Writes `docs` into a fresh scratch directory as `NAME.xml`, with a copy of the example's signed log cut after
/// `entries` entries (all of them for `usize::MAX`); the directory, the files and the log.
#[expect(
    clippy::unwrap_used,
    reason = "a test helper that cannot write or read its files fails the test"
)]
fn setup(name: &str, docs: &[(&str, &Doc)], entries: usize) -> (PathBuf, Vec<PathBuf>, PathBuf) {
    let dir = scratch_dir("ledger", name);
    let files = docs
        .iter()
        .map(|(file, doc)| {
            let path = dir.join(format!("{file}.xml"));
            std::fs::write(&path, doc.xml()).unwrap();
            path
        })
        .collect();
    let log = dir.join("log.jsonl");
    let text = std::fs::read_to_string("../examples/placement/log.jsonl").unwrap();
    let kept: String = text
        .lines()
        .take(entries)
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&log, kept).unwrap();
    (dir, files, log)
}

fn shown(dir: &Path, code: i32, out: &str, err: &str) -> String {
    format!("exit: {code}\n--- stdout\n{out}--- stderr\n{err}")
        .replace(&dir.display().to_string(), "<scratch>")
}

fn approve(dir: &Path, log: &Path, invoice: &Path, at: &str) -> (i32, String) {
    let (log, invoice) = (log.display().to_string(), invoice.display().to_string());
    let key = format!("{KEYS}/municipality.key");
    let (code, out, err) = run_cvl(&[
        "invoice", "approve", CONTRACT, &invoice, "--log", &log, "--key", &key, "--at", at,
    ]);
    (code, shown(dir, code, &out, &err))
}

fn append(dir: &Path, log: &Path, party: &str, kind: &str, at: &str, data: &str) -> (i32, String) {
    let log = log.display().to_string();
    let key = format!("{KEYS}/{party}.key");
    let (code, out, err) = run_cvl(&[
        "log",
        "append",
        &log,
        "--contract",
        CONTRACT,
        "--key",
        &key,
        "--kind",
        kind,
        "--at",
        at,
        "--data",
        data,
    ]);
    (code, shown(dir, code, &out, &err))
}

/// `cvl invoice check` of the files against the log (or the example's events when `log` is `None`), as JSON.
#[expect(clippy::unwrap_used, reason = "output that is not JSON fails the test")]
fn checked(log: Option<&Path>, files: &[PathBuf]) -> serde_json::Value {
    let log = log.map(|l| l.display().to_string());
    let mut args = vec!["invoice", "check", CONTRACT, "--format", "json"];
    match &log {
        Some(log) => args.extend(["--log", log.as_str()]),
        None => args.extend(["--events", EVENTS]),
    }
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    args.extend(names.iter().map(String::as_str));
    let (_, out, err) = run_cvl(&args);
    assert!(err.is_empty() || out.starts_with('{'), "{err}");
    serde_json::from_str(&out).unwrap()
}

fn table(dir: &Path, log: &Path, files: &[PathBuf]) -> String {
    let log = log.display().to_string();
    let mut args = vec!["invoice", "check", CONTRACT, "--log", &log];
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    args.extend(names.iter().map(String::as_str));
    let (code, out, err) = run_cvl(&args);
    shown(dir, code, &out, &err)
}

/// What the log approves of `item` for `month`, over all its `invoice_approved` entries, in øre.
#[expect(
    clippy::unwrap_used,
    reason = "a log that cannot be read fails the test"
)]
fn approved_in_log(log: &Path, item: &str, month: &str) -> i64 {
    let mut sum = 0;
    for text in std::fs::read_to_string(log).unwrap().lines() {
        let entry: serde_json::Value = serde_json::from_str(text).unwrap();
        if entry.get("kind").and_then(|k| k.as_str()) != Some("invoice_approved") {
            continue;
        }
        let lines = entry
            .get("data")
            .and_then(|d| d.get("lines"))
            .and_then(|l| l.as_array())
            .cloned()
            .unwrap_or_default();
        for line in lines {
            let field = |name: &str| {
                line.get(name)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            if field("item") == item && field("month") == month {
                sum += field("amount").replace('.', "").parse::<i64>().unwrap();
            }
        }
    }
    sum
}

fn entries(log: &Path) -> usize {
    std::fs::read_to_string(log).map_or(0, |t| t.lines().count())
}

/// Six approvals at once, each of a different invoice for March's stay, and six of one invoice: the audit is made
/// under the log's lock, so one of each is appended and March is approved once.
#[test]
fn approvals_at_once_never_approve_a_month_twice() {
    let docs: Vec<Doc> = ["A", "B", "C", "D", "E", "F"]
        .iter()
        .map(|n| {
            let number: &'static str = Box::leak(format!("OV-2019-03-{n}").into_boxed_str());
            Doc::ostervold(
                number,
                "2019-04-02",
                vec![Line::monthly("1", "stay", 60_000, MARCH)],
            )
        })
        .collect();
    let named: Vec<(String, &Doc)> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (format!("march-{i}"), d))
        .collect();
    let named: Vec<(&str, &Doc)> = named.iter().map(|(n, d)| (n.as_str(), *d)).collect();
    let (dir, files, log) = setup("at-once", &named, usize::MAX);
    let before = entries(&log);
    let run = |paths: Vec<PathBuf>| -> Vec<i32> {
        let handles: Vec<_> = paths
            .into_iter()
            .map(|file| {
                let (dir, log) = (dir.clone(), log.clone());
                std::thread::spawn(move || approve(&dir, &log, &file, "2020-03-01").0)
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or(-1))
            .collect()
    };
    let codes = run(files.clone());
    assert_eq!(codes.iter().filter(|c| **c == 0).count(), 1, "{codes:?}");
    assert_eq!(codes.iter().filter(|c| **c == 1).count(), 5, "{codes:?}");
    assert_eq!(entries(&log), before + 1);
    assert_eq!(approved_in_log(&log, "stay", "2019-03"), 60_000 * 100);
    // The same invoice six times at once: it was approved above, so nothing more is; and a fresh one once.
    let fresh = Doc::ostervold(
        "OV-2019-04",
        "2019-05-02",
        vec![Line::monthly(
            "1",
            "stay",
            60_000,
            ("2019-04-01", "2019-04-30"),
        )],
    );
    let path = dir.join("april.xml");
    std::fs::write(&path, fresh.xml()).unwrap_or_default();
    let codes = run(vec![path; 6]);
    assert_eq!(codes.iter().filter(|c| **c == 0).count(), 1, "{codes:?}");
    assert_eq!(approved_in_log(&log, "stay", "2019-04"), 60_000 * 100);
    assert_eq!(entries(&log), before + 2);
    // And evaluation agrees: no warning of an approval past the decision.
    let log_arg = log.display().to_string();
    let (code, out, _) = run_cvl(&["eval", CONTRACT, "--log", &log_arg]);
    assert_eq!(code, 0);
    assert!(!out.contains("without a decision behind it"), "{out}");
}

/// Whoever writes an `invoice_approved` entry (`cvl log append` with hand-made data, say), it is refused when it
/// would approve an item's month past the decision, take back more than was approved, or reimburse past the
/// expenses approved; the log is left as it was.
#[test]
fn an_approval_past_the_decision_is_refused_at_append_naming_the_entry_item_month_and_amounts() {
    let (dir, _, log) = setup("past", &[], usize::MAX);
    let before = std::fs::read_to_string(&log).unwrap_or_default();
    let line = |item: &str, month: &str, amount: &str| {
        format!(
            r#"{{"invoice":"OV-X","sha256":"{}","lines":[{{"line":"1","item":"{item}","month":"{month}","amount":"{amount}"}}]}}"#,
            "ab".repeat(32)
        )
    };
    let (_, over) = append(
        &dir,
        &log,
        "municipality",
        "invoice_approved",
        "2020-03-01",
        &line("stay", "2019-03", "60000.01"),
    );
    let (_, credit) = append(
        &dir,
        &log,
        "municipality",
        "invoice_approved",
        "2020-03-01",
        &line("taxi", "2019-03", "-1.00"),
    );
    let (_, medicine) = append(
        &dir,
        &log,
        "municipality",
        "invoice_approved",
        "2020-03-01",
        &line("medicine", "2019-05", "1200.01"),
    );
    assert_eq!(std::fs::read_to_string(&log).unwrap_or_default(), before);
    // Exactly the decision is admitted, and then nothing more.
    let (code, _) = append(
        &dir,
        &log,
        "municipality",
        "invoice_approved",
        "2020-03-01",
        &line("stay", "2019-03", "60000.00"),
    );
    assert_eq!(code, 0);
    let (_, more) = append(
        &dir,
        &log,
        "municipality",
        "invoice_approved",
        "2020-03-02",
        &line("stay", "2019-03", "0.01"),
    );
    insta::assert_snapshot!(format!(
        "{over}\n=== a credit of nothing approved\n{credit}\n=== past the expenses\n{medicine}\n=== after the decision is approved\n{more}"
    ));
}

/// A credit note or a negative line takes back only what was approved for the item's month (for a reimbursed item,
/// what was reimbursed); the rest is not approved, and a later invoice is never approved past the decision.
#[test]
fn a_credit_takes_back_only_what_was_approved() {
    let invoice = Doc::ostervold(
        "OV-2019-12",
        "2020-01-02",
        vec![Line::monthly("1", "school", 30_000, DECEMBER)],
    );
    let credit = Doc {
        credit_note: true,
        corrects: Some("OV-2019-12"),
        ..Doc::ostervold(
            "OV-2019-12-C",
            "2020-01-10",
            vec![
                Line::monthly("1", "school", 50_000, DECEMBER),
                Line::monthly("2", "taxi", 1_000, DECEMBER),
            ],
        )
    };
    let negative = Doc::ostervold(
        "OV-2019-12-N",
        "2020-01-11",
        vec![Line {
            ore: -500_000,
            price_ore: None,
            quantity: "-1",
            ..Line::monthly("1", "stay", 0, DECEMBER)
        }],
    );
    let again = Doc::ostervold(
        "OV-2019-12-B",
        "2020-01-12",
        vec![
            Line::monthly("1", "school", 30_000, DECEMBER),
            Line::monthly("2", "stay", 60_000, DECEMBER),
        ],
    );
    let (dir, files, log) = setup(
        "credit",
        &[
            ("december", &invoice),
            ("credit", &credit),
            ("negative", &negative),
            ("again", &again),
        ],
        usize::MAX,
    );
    let value = checked(None, &files);
    let invoices = &value["invoices"];
    assert_eq!(invoices[1]["approved"], "-30000.00");
    assert_eq!(invoices[1]["lines"][0]["verdict"], "reduced");
    assert_eq!(invoices[1]["lines"][1]["verdict"], "rejected");
    assert_eq!(invoices[2]["lines"][0]["verdict"], "rejected");
    // Taken back, December's school is approvable once more: never more than the 30,000.00 decided in all.
    assert_eq!(invoices[3]["lines"][0]["approved"], "30000.00");
    // Through the log: the credit note is approved for what it takes back, and nothing past it is recorded.
    let (code, _) = approve(&dir, &log, &files[0], "2020-03-01");
    assert_eq!(code, 0);
    let (code, approved_credit) = approve(&dir, &log, &files[1], "2020-03-01");
    assert_eq!(code, 0, "{approved_credit}");
    assert_eq!(approved_in_log(&log, "school", "2019-12"), 0);
    assert_eq!(approved_in_log(&log, "taxi", "2019-12"), 0);
    let (_, negative_shown) = approve(&dir, &log, &files[2], "2020-03-01");
    let checked_table = table(&dir, &log, &files[1..2]);
    insta::assert_snapshot!(format!(
        "{checked_table}\n=== a negative line of nothing approved\n{negative_shown}"
    ));
}

/// A reimbursed item's credit takes back only what was reimbursed.
#[test]
fn a_reimbursed_credit_takes_back_only_what_was_reimbursed() {
    let may = ("2019-05-01", "2019-05-31");
    let piece = |kroner: i64| Line {
        unit: "C62",
        ..Line::monthly("1", "medicine", kroner, may)
    };
    let invoice = Doc::ostervold("OV-MED", "2019-06-02", vec![piece(1_000)]);
    let credit = Doc {
        credit_note: true,
        ..Doc::ostervold("OV-MED-C", "2019-06-03", vec![piece(1_500)])
    };
    let (dir, files, _) = setup(
        "reimbursed-credit",
        &[("medicine", &invoice), ("credit", &credit)],
        usize::MAX,
    );
    let value = checked(None, &files);
    assert_eq!(value["invoices"][0]["approved"], "1000.00");
    assert_eq!(value["invoices"][1]["approved"], "-1000.00");
    let _ = dir;
    let reasons: Vec<String> = value["invoices"][1]["lines"][0]["reasons"]
        .as_array()
        .map(|r| {
            r.iter()
                .map(|r| r["text"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default();
    insta::assert_snapshot!(reasons.join("\n"));
}

/// A line held when its invoice was recorded is approvable when the hold is released: `check` shows per line what
/// was recorded, by which entry, and what is approvable now; `approve` appends only that, and refuses when nothing
/// is left, naming the entries.
#[test]
fn a_held_month_is_recorded_when_it_is_released() {
    let autumn = Doc::ostervold(
        "OV-2019-AUTUMN",
        "2019-11-11",
        vec![Line {
            quantity: "2",
            price_ore: Some(6_000_000),
            ..Line::monthly("1", "stay", 120_000, ("2019-09-01", "2019-10-31"))
        }],
    );
    // The log as it stood before Østervold's report of 20 November released October.
    let (dir, files, log) = setup("held", &[("autumn", &autumn)], 79);
    let (code, first) = approve(&dir, &log, &files[0], "2019-11-15");
    assert_eq!(code, 0, "{first}");
    assert_eq!(approved_in_log(&log, "stay", "2019-09"), 60_000 * 100);
    assert_eq!(approved_in_log(&log, "stay", "2019-10"), 0);
    let (code, released) = append(&dir, &log, "ostervold", "status_report", "2019-11-20", "{}");
    assert_eq!(code, 0, "{released}");
    let now = table(&dir, &log, &files);
    let value = checked(Some(&log), &files);
    let line = &value["invoices"][0]["lines"][0];
    assert_eq!(line["recorded"][0]["month"], "2019-09");
    assert_eq!(line["approvals"][0]["month"], "2019-10");
    assert_eq!(line["approvals"][0]["amount"], "60000.00");
    let (code, second) = approve(&dir, &log, &files[0], "2019-11-21");
    assert_eq!(code, 0, "{second}");
    assert_eq!(approved_in_log(&log, "stay", "2019-10"), 60_000 * 100);
    let (code, third) = approve(&dir, &log, &files[0], "2019-11-22");
    assert_eq!(code, 1);
    let after = table(&dir, &log, &files);
    insta::assert_snapshot!(format!(
        "{now}\n=== approved now\n{second}\n=== nothing left\n{third}\n=== checked after\n{after}"
    ));
}

/// A recorded reimbursed invoice keeps what was recorded for it: re-checked after a later invoice of the item was
/// approved, it is still approved in full, and the later one is not counted as before it.
#[test]
fn a_recorded_invoice_keeps_what_was_recorded_whatever_came_after() {
    let piece = |id: &'static str, kroner: i64, period| Line {
        unit: "C62",
        ..Line::monthly(id, "medicine", kroner, period)
    };
    let may = Doc::ostervold(
        "OV-MED-05",
        "2019-06-02",
        vec![piece("1", 1_200, ("2019-05-01", "2019-05-31"))],
    );
    let september = Doc::ostervold(
        "OV-MED-09",
        "2019-10-02",
        vec![piece("1", 2_500, ("2019-09-01", "2019-09-30"))],
    );
    let (dir, files, log) = setup(
        "reimbursed-order",
        &[("may", &may), ("september", &september)],
        usize::MAX,
    );
    for file in &files {
        let (code, shown) = approve(&dir, &log, file, "2020-03-01");
        assert_eq!(code, 0, "{shown}");
    }
    let value = checked(Some(&log), &files);
    for invoice in value["invoices"].as_array().into_iter().flatten() {
        assert_eq!(invoice["status"], "approved", "{invoice}");
    }
    assert_eq!(value["invoices"][0]["approved"], "1200.00");
    // Given alone too.
    let value = checked(Some(&log), &files[..1]);
    assert_eq!(value["invoices"][0]["status"], "approved");
}

/// A document with a problem is not approved at all, whatever its lines would be approved for: lines that do not
/// add up to the document's total, or another currency. Nothing is appended, the message lists the problems, and
/// `check` says the same invoice is not approved.
#[test]
fn a_document_with_a_problem_is_not_approved_and_nothing_is_appended() {
    let totals = Doc {
        line_total_ore: Some(5_000_000),
        ..Doc::ostervold(
            "OV-TOTALS",
            "2019-04-02",
            vec![Line::monthly("1", "stay", 60_000, MARCH)],
        )
    };
    let euros = Doc {
        currency: "EUR",
        ..Doc::ostervold(
            "OV-EUR",
            "2019-04-02",
            vec![Line::monthly("1", "stay", 60_000, MARCH)],
        )
    };
    let (dir, files, log) = setup(
        "problem",
        &[("totals", &totals), ("euros", &euros)],
        usize::MAX,
    );
    let before = entries(&log);
    let mut shown_all = String::new();
    for file in &files {
        let (code, shown) = approve(&dir, &log, file, "2019-04-05");
        assert_eq!(code, 1, "{shown}");
        shown_all.push_str(&shown);
    }
    assert_eq!(entries(&log), before);
    let value = checked(Some(&log), &files);
    for invoice in value["invoices"].as_array().into_iter().flatten() {
        assert_eq!(invoice["status"], "not_approved", "{invoice}");
    }
    insta::assert_snapshot!(shown_all);
}

/// An approval is decided as of its own date (spec 12.7): a month not yet ended is approvable for its days so far
/// only, a month to come not at all, whether through `cvl invoice approve` or a hand-made entry; the rest of the
/// same invoice is approvable once its days have passed.
#[test]
fn an_approval_is_decided_as_of_its_own_date() {
    let april = Doc::ostervold(
        "OV-2019-04-EARLY",
        "2019-04-10",
        vec![Line::monthly(
            "1",
            "stay",
            60_000,
            ("2019-04-01", "2019-04-30"),
        )],
    );
    // The example's log up to 2019-04-10 (its first 19 entries).
    let (dir, files, log) = setup("as-of", &[("april", &april)], 19);
    let (code, first) = approve(&dir, &log, &files[0], "2019-04-10");
    assert_eq!(code, 0, "{first}");
    // 10 of April's 30 days: 60,000.00 × 10/30.
    assert_eq!(approved_in_log(&log, "stay", "2019-04"), 20_000 * 100);
    let data = r#"{"invoice":"HAND-1","sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","lines":[{"line":"1","item":"stay","month":"2019-05","amount":"100.00"}]}"#;
    let (code, future) = append(
        &dir,
        &log,
        "municipality",
        "invoice_approved",
        "2019-04-11",
        data,
    );
    assert_eq!(code, 1, "{future}");
    let (code, rest) = approve(&dir, &log, &files[0], "2019-05-02");
    assert_eq!(code, 0, "{rest}");
    assert_eq!(approved_in_log(&log, "stay", "2019-04"), 60_000 * 100);
    insta::assert_snapshot!(format!(
        "{first}\n{future}\n{rest}\n{}",
        table(&dir, &log, &files)
    ));
}
