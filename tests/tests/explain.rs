//! Every withheld and released amount explains itself, and every output names its maker (spec 9.7, 9.9, 12.8):
//! a month held back names the `when missed withhold` that imposes it and each `use` it came through (the
//! contract's, then the library's), or the contract itself; a release names its event, date and actor; `cvl
//! eval`, `cvl invoice check` and `cvl log verify` name the version of `cvl` and every source file's SHA-256.
//!
//! Tests run with `tests/` as the working directory. explain/contract.cvl holds April 2019 back twice: by
//! `status_report`, which comes from the stdlib's `care.status_report` used inside explain/lib/reports.cvl's
//! `reports.quarterly`, used by the contract; and by the contract's own `visit_log`.

use serde_json::Value;

const EVAL: &[&str] = &[
    "eval",
    "explain/contract.cvl",
    "--events",
    "explain/events.jsonl",
    "--lib",
    "explain/lib",
    "--until",
    "2019-06-30",
];

fn run(args: &[&str]) -> (i32, String, String) {
    cvl_tests::run_cvl(args)
}

#[expect(clippy::unwrap_used, reason = "output that is not JSON fails the test")]
fn json() -> Value {
    let mut args = EVAL.to_vec();
    args.extend(["--format", "json"]);
    let (code, out, err) = run(&args);
    assert_eq!((code, err.as_str()), (0, ""));
    serde_json::from_str(&out).unwrap()
}

#[expect(
    clippy::unwrap_used,
    reason = "a decision without the month fails the test"
)]
fn payment<'a>(decision: &'a Value, period: &str) -> &'a Value {
    decision["payments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["period"] == period)
        .unwrap()
}

#[test]
fn a_held_month_names_the_clauses_that_impose_it_and_the_events_that_release_it() {
    let (code, out, err) = run(EVAL);
    assert_eq!((code, err.as_str()), (0, ""));
    insta::assert_snapshot!("table", out);
    // From a `use`d clause: the library's `when missed withhold`, each clause it is in and each `use`, innermost
    // first, down to the one in the contract.
    assert!(out.contains(
        "imposed by `when missed withhold` at <stdlib>/care.cvl:14, in the clause `care.status_report` \
         (<stdlib>/care.cvl:9) used at explain/lib/reports.cvl:5, in the clause `reports.quarterly` \
         (explain/lib/reports.cvl:4) used at explain/contract.cvl:26"
    ));
    // The contract's own obligation.
    assert!(
        out.contains(
            "imposed by `when missed withhold` at explain/contract.cvl:32, in the contract"
        )
    );
    // Each release: its event, date and actor, on the held month and on the month it is paid in.
    assert!(out.contains("released in 2019-06 by rep-1 dated 2019-06-03 from home (unsigned)"));
    assert!(out.contains(
        "held back in 2019-04, released now the obligation is met: rep-1 dated 2019-06-03 from home (unsigned)"
    ));
    assert!(out.contains("not released: the occurrence is not met as of the date decided"));
}

#[test]
fn the_json_names_the_same() {
    let decision = json();
    let april = payment(&decision, "2019-04");
    insta::assert_json_snapshot!("april_held", april["held"]);
    let held = april["held"].as_array().unwrap();
    assert_eq!(held.len(), 2);
    // From a `use`d clause: every `use`, the contract's first, each with the clause it names and where that is.
    let report = &held[0];
    assert_eq!(report["obligation"], "status_report");
    assert_eq!(report["clause"], "<stdlib>/care.cvl:10");
    assert_eq!(report["consequence"], "<stdlib>/care.cvl:14");
    assert_eq!(
        report["imposed_by"],
        serde_json::json!([
            {"use": "explain/contract.cvl:26", "clause": "reports.quarterly", "clause_at": "explain/lib/reports.cvl:4"},
            {"use": "explain/lib/reports.cvl:5", "clause": "care.status_report", "clause_at": "<stdlib>/care.cvl:9"}
        ])
    );
    assert_eq!(report["released_in"], "2019-06");
    assert_eq!(report["released_by"], "rep-1");
    assert_eq!(
        report["release"],
        serde_json::json!({"event": "rep-1", "date": "2019-06-03", "actor": "home"})
    );
    // The contract's own: no `use`.
    let visits = &held[1];
    assert_eq!(visits["obligation"], "visit_log");
    assert_eq!(visits["consequence"], "explain/contract.cvl:32");
    assert_eq!(visits["imposed_by"], serde_json::json!([]));
    // Not released within the decision: no event, no release.
    let may = payment(&decision, "2019-05");
    let open = may["held"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["obligation"] == "visit_log")
        .unwrap();
    assert_eq!(
        (&open["released_in"], &open["released_by"], &open["release"]),
        (&Value::Null, &Value::Null, &Value::Null)
    );
    // The month that pays it out lists each release with its event, date and actor, as `released_by` lists
    // their ids.
    let june = payment(&decision, "2019-06");
    assert_eq!(june["released_by"], serde_json::json!(["rep-1"]));
    assert_eq!(
        june["releases"],
        serde_json::json!([{"event": "rep-1", "date": "2019-06-03", "actor": "home"}])
    );
}

#[test]
fn every_output_names_the_version_of_cvl_and_every_source_file() {
    let version = env!("CARGO_PKG_VERSION");
    let decision = json();
    assert_eq!(decision["cvl"]["version"], version);
    let files: Vec<&str> = decision["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            assert_eq!(s["sha256"].as_str().unwrap().len(), 64);
            s["file"].as_str().unwrap()
        })
        .collect();
    assert_eq!(
        files,
        [
            "explain/contract.cvl",
            "explain/lib/reports.cvl",
            "<stdlib>/care.cvl"
        ]
    );
    let (_, table, _) = run(EVAL);
    assert!(table.starts_with(&format!("decided   by cvl {version}\n")));
    for file in &files {
        assert!(table.contains(&format!("  source  {file}")), "{table}");
    }

    let invoice = |format: &str| {
        run(&[
            "invoice",
            "check",
            "../examples/placement/placement.cvl",
            "--events",
            "../examples/placement/events.jsonl",
            "--format",
            format,
            "../examples/placement/invoices/2019-03.xml",
        ])
        .1
    };
    let table = invoice("table");
    assert!(
        table.starts_with(&format!("checked by cvl {version}\n")),
        "{table}"
    );
    assert!(table.contains("  source  <stdlib>/care.cvl (module `care`)  sha256 "));
    let audit: Value = serde_json::from_str(&invoice("json")).unwrap();
    assert_eq!(audit["cvl"]["version"], version);
    assert_eq!(audit["sources"].as_array().unwrap().len(), 2);
    // CSV stays one header row and one row per line: it names neither.
    let csv = invoice("csv");
    assert!(!csv.contains("cvl "), "{csv}");

    let (code, verified, err) = run(&[
        "log",
        "verify",
        "../examples/placement/log.jsonl",
        "--contract",
        "../examples/placement/placement.cvl",
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(
        verified.ends_with(&format!("verified by cvl {version}\n")),
        "{verified}"
    );
    assert!(verified.contains("<stdlib>/care.cvl (module `care`)  sha256:"));
}
