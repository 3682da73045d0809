//! Amendments, end to end (spec 9.13): the reference case amended (the school part 32,000 instead of 30,000 DKK a
//! month from 2019-09-01, `examples/amendment/events.jsonl`) decides figures checked by hand here; the table and
//! JSON cite each line's version; every refusal of an amended text shows its message.
//!
//! Tests run with `tests/` as the working directory; the examples are reached as `../examples/…`.

use std::collections::BTreeMap;

use cvl_tests::{run_words as run, shown};

const AMENDED: &str = "eval ../examples/placement/placement.cvl --events ../examples/amendment/events.jsonl --version ../examples/placement/amended-2019-09.cvl";

#[expect(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "a test's helper"
)]
fn totals(json: &str, payee: &str) -> BTreeMap<String, String> {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    value["payments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["payee"] == payee)
        .map(|p| {
            (
                p["period"].as_str().unwrap().to_string(),
                p["total"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_amended_reference_case_pays_the_new_school_part_from_september() {
    let (code, out, err) = run(&format!("{AMENDED} --format json"));
    assert_eq!((code, err.as_str()), (0, ""));
    let expected: BTreeMap<String, String> = [
        // Until August the original text, as spec 9.8.
        ("2019-01", "52096.78"),
        ("2019-02", "100000.00"),
        ("2019-03", "100000.00"),
        ("2019-04", "97333.33"),
        ("2019-05", "95000.00"),
        ("2019-06", "95000.00"),
        ("2019-07", "95000.00"),
        ("2019-08", "90000.00"),
        // From 2019-09-01 the amended text: stay 60,000 + school 32,000 (not 30,000) = 92,000.
        ("2019-09", "92000.00"),
        // October is withheld whole (the status report due 2019-10-15 came on 2019-11-20): 92,000 - 92,000 = 0.
        ("2019-10", "0.00"),
        // November: its own 92,000 + October's 92,000 released = 184,000.
        ("2019-11", "184000.00"),
        ("2019-12", "92000.00"),
        // January 2020, 14 of 31 days to the termination's 2020-01-14, each line rounded by the one rule:
        // stay 60,000 × 14/31 = 27,096.774… → 27,096.77; school 32,000 × 14/31 = 14,451.612… → 14,451.61;
        // together 41,548.38 (not the original's 40,645.16).
        ("2020-01", "41548.38"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(totals(&out, "ostervold"), expected);
    // Each line of a month under the amendment cites the amended text's file and SHA-256.
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let versions = value["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[1]["from"], "2019-09-01");
    assert_eq!(versions[1]["events"], serde_json::json!(["amd-1", "amd-2"]));
    let september = value["payments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["payee"] == "ostervold" && p["period"] == "2019-09")
        .unwrap();
    for line in september["lines"].as_array().unwrap() {
        assert_eq!(
            line["version"]["file"],
            "../examples/placement/amended-2019-09.cvl"
        );
        assert_eq!(line["version"]["sha256"], versions[1]["sha256"]);
        assert!(
            line["clause"]
                .as_str()
                .unwrap()
                .starts_with("../examples/placement/amended-2019-09.cvl:")
        );
    }
    // The unamended reference case is as before: no versions, no line cites one.
    let (_, plain, _) = run(
        "eval ../examples/placement/placement.cvl --events ../examples/placement/events.jsonl --format json",
    );
    let plain: serde_json::Value = serde_json::from_str(&plain).unwrap();
    assert!(plain.get("versions").is_none());
    assert!(!plain.to_string().contains("\"version\":{"));
}

#[test]
fn the_amended_table_names_each_version_and_cites_it() {
    insta::assert_snapshot!(
        "amended_table",
        shown(&format!("{AMENDED} --until 2019-10-31"))
    );
}

#[test]
fn a_directory_gives_its_texts() {
    let (code, out, err) = run(
        "eval ../examples/placement/placement.cvl --events ../examples/amendment/events.jsonl --version ../examples/placement --format json",
    );
    // The directory holds the contract itself too: its own text is always known (spec 9.13), so it is no amended
    // text and no warning.
    assert_eq!(code, 0, "{err}");
    assert_eq!(totals(&out, "ostervold")["2019-09"], "92000.00");
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        value["warnings"].as_array().unwrap().len(),
        0,
        "{}",
        value["warnings"]
    );
}

#[test]
fn each_problem_of_a_version_shows_its_message() {
    let events = "--events eval/refusals/signed-twice.jsonl";
    for name in ["other-case", "other-party", "other-role"] {
        insta::assert_snapshot!(
            format!("version_{name}"),
            shown(&format!(
                "eval eval/contract.cvl {events} --version eval/amend/{name}.cvl"
            ))
        );
    }
    // A text that no amendment names decides nothing, with a warning.
    insta::assert_snapshot!(
        "version_not_named",
        shown(
            "eval ../examples/placement/placement.cvl --events ../examples/placement/events.jsonl --version ../examples/placement/amended-2019-09.cvl --until 2019-01-31"
        )
    );
    // An amendment not signed by all has no effect yet, with a warning naming who has not signed.
    insta::assert_snapshot!(
        "amendment_pending",
        shown(
            "eval eval/contract.cvl --events eval/amend/pending.jsonl --version eval/amend/with-visit.cvl --until 2019-02-28"
        )
    );
    insta::assert_snapshot!(
        "version_missing_file",
        shown(
            "eval eval/contract.cvl --events eval/refusals/signed-twice.jsonl --version eval/amend/none.cvl"
        )
    );
}

#[test]
fn the_report_quotes_each_line_from_its_version() {
    let out = std::env::temp_dir().join(format!("cvl-amend-report-{}.html", std::process::id()));
    let (code, _, err) = run(&format!(
        "report ../examples/placement/placement.cvl --events ../examples/amendment/events.jsonl --version ../examples/placement/amended-2019-09.cvl --date 2020-03-01 -o {}",
        out.display()
    ));
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    // September's school line quotes the amended text's clause, and names the version with its SHA-256.
    assert!(html.contains("amended-2019-09.cvl:43"));
    assert!(html.contains("pay 32_000 DKK per month to ostervold"));
    assert!(html.contains(
        "amended-2019-09.cvl sha256:72afce81909df29bb2d95df9d355aa6df208a266c1f253db02a2e908a0f57c80"
    ));
}

const DIFF: &str =
    "diff ../examples/placement/placement.cvl ../examples/placement/amended-2019-09.cvl";

#[test]
fn diff_names_the_terms_that_changed_in_words() {
    insta::assert_snapshot!("diff_terms", shown(DIFF));
    // With the events that amend the contract, the change is dated and its money shown. By hand: September and
    // December 92,000 instead of 90,000 (+2,000 each); October withheld whole under both (0.00); November 92,000 +
    // October's 92,000 released = 184,000 instead of 180,000 (+4,000); January 2020 41,548.38 instead of 40,645.16
    // (+903.22: 32,000 × 14/31 = 14,451.61 against 30,000 × 14/31 = 13,548.39). In all +8,903.22.
    insta::assert_snapshot!(
        "diff_amended",
        shown(&format!(
            "{DIFF} --events ../examples/amendment/events.jsonl"
        ))
    );
    let (code, out, err) = run(&format!(
        "{DIFF} --events ../examples/amendment/events.jsonl --json"
    ));
    assert_eq!((code, err.as_str()), (0, ""));
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["money"]["total"], "8903.22");
    assert_eq!(value["money"]["effective"], "2019-09-01");
    assert_eq!(
        value["changes"][0]["words"],
        "school: 30,000.00 → 32,000.00 DKK per month from 2019-09-01"
    );
    // Deterministic: the same bytes on every run.
    assert_eq!(
        run(&format!(
            "{DIFF} --events ../examples/amendment/events.jsonl --json"
        ))
        .1,
        out
    );
    // The signed log of the reference case (of the old text, verified) has no amendment: the new text decides
    // every month instead.
    let (code, out, err) = run(&format!(
        "{DIFF} --log ../examples/placement/log.jsonl --json"
    ));
    assert_eq!((code, err.as_str()), (0, ""));
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["money"]["effective"], serde_json::Value::Null);
    // January 2019: 32,000 × 17/31 = 17,548.39 against 16,451.61, +1,096.78.
    assert_eq!(value["money"]["months"][0]["difference"], "1096.78");
}

#[test]
fn diff_refuses_what_it_cannot_compare() {
    insta::assert_snapshot!(
        "diff_missing_file",
        shown("diff ../examples/placement/placement.cvl eval/amend/none.cvl")
    );
    insta::assert_snapshot!(
        "diff_contract_with_errors",
        shown("diff eval/contract.cvl eval/bad-contract.cvl")
    );
    insta::assert_snapshot!(
        "diff_events_refused",
        shown(
            "diff eval/contract.cvl eval/amend/other-case.cvl --events eval/refusals/unknown-kind.jsonl"
        )
    );
    insta::assert_snapshot!(
        "diff_both_sources",
        shown("diff eval/contract.cvl eval/amend/other-case.cvl --events a --log b")
    );
    // The same text twice: nothing changed.
    insta::assert_snapshot!(
        "diff_same",
        shown("diff eval/contract.cvl eval/contract.cvl")
    );
}

#[test]
fn a_term_only_the_amended_text_has_is_evaluated_and_cited_in_its_text() {
    // `visit` is an obligation only `with-visit.cvl` has: once the amendment is done, its events are admitted, its
    // occurrences fall due from the start by the amended text, and each hold cites that file.
    insta::assert_snapshot!(
        "amended_new_obligation",
        shown(
            "eval eval/contract.cvl --events eval/amend/with-visit.jsonl --version eval/amend/with-visit.cvl --until 2019-04-30"
        )
    );
    // Without its text, the amendment is refused when it is done, and nothing is decided.
    let (code, _, err) = run("eval eval/contract.cvl --events eval/amend/with-visit.jsonl");
    assert_eq!(code, 1);
    assert!(err.contains("no text given has its SHA-256"), "{err}");
}

/// The `sha256:…` a `cvl log init` of `contract` names, in a scratch log of `dir`.
#[expect(clippy::unwrap_used, reason = "a test's helper")]
fn init_hash(dir: &std::path::Path, contract: &str, log: &str) -> String {
    let log = dir.join(log);
    let (code, out, err) = cvl_tests::run_cvl(&["log", "init", contract, log.to_str().unwrap()]);
    assert_eq!((code, err.as_str()), (0, ""));
    let at = out.find("(sha256:").unwrap() + "(sha256:".len();
    out[at..at + 64].to_string()
}

#[test]
fn log_append_and_verify_admit_a_term_only_the_amended_text_has_with_its_version() {
    // `eval/contract.cvl` and `eval/amend/with-visit.cvl` with keys made here, so that the test can sign; `visit` is
    // an obligation only the amended text has.
    let dir = cvl_tests::scratch_dir("amend", "log-version");
    let p = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let mut keys = Vec::new();
    for party in ["kommune", "home"] {
        let (code, out, _) = cvl_tests::run_cvl(&["key", "gen", party, "--dir", &p("")]);
        assert_eq!(code, 0);
        let at = out.find("key \"").unwrap() + 5;
        keys.push(out[at..].split('"').next().unwrap().to_string());
    }
    let rekeyed = |text: String| {
        text.replace(
            "ed25519:AxiotVCLTRFo8Z11ewELoFkGa9ySVw2ilQO/w2dIIB4=",
            &keys[0],
        )
        .replace(
            "ed25519:WM/CGf94Y3JJ9BHySBlUNpcKatyx4+4tLFdc58wBPjU=",
            &keys[1],
        )
    };
    std::fs::write(
        p("contract.cvl"),
        rekeyed(std::fs::read_to_string("eval/contract.cvl").unwrap()),
    )
    .unwrap();
    std::fs::write(
        p("with-visit.cvl"),
        rekeyed(std::fs::read_to_string("eval/amend/with-visit.cvl").unwrap()),
    )
    .unwrap();
    let amended = init_hash(&dir, &p("with-visit.cvl"), "scratch.jsonl");
    init_hash(&dir, &p("contract.cvl"), "log.jsonl");
    let append = |actor: &str, kind: &str, at: &str, data: &str, version: bool| {
        let key = p(&format!("{actor}.key"));
        let (log, contract, v) = (p("log.jsonl"), p("contract.cvl"), p("with-visit.cvl"));
        let mut args = vec![
            "log",
            "append",
            &log,
            "--contract",
            &contract,
            "--key",
            &key,
            "--kind",
            kind,
        ];
        args.extend(["--at", at, "--data", data]);
        if version {
            args.extend(["--version", &v]);
        }
        cvl_tests::run_cvl(&args)
    };
    let amend = format!("{{\"contract\":\"{amended}\",\"effective\":\"2019-02-15\"}}");
    for (actor, kind, at, data) in [
        ("kommune", "signed", "2019-01-10", "{}"),
        ("home", "signed", "2019-01-10", "{}"),
        ("kommune", "amended", "2019-02-01", amend.as_str()),
        ("home", "amended", "2019-02-02", amend.as_str()),
    ] {
        let (code, _, err) = append(actor, kind, at, data, false);
        assert_eq!((code, err.as_str()), (0, ""), "{kind} by {actor}");
    }
    // Without the amended text, `visit` is no kind the contract knows; with it, it is admitted.
    let (code, _, err) = append("home", "visit", "2019-02-15", "{}", false);
    assert_eq!(code, 1);
    assert!(err.contains("unknown kind `visit`"), "{err}");
    let (code, _, err) = append("home", "visit", "2019-02-15", "{}", true);
    assert_eq!((code, err.as_str()), (0, ""));
    // And so for `cvl log verify`.
    let (log, contract, v) = (p("log.jsonl"), p("contract.cvl"), p("with-visit.cvl"));
    let (code, _, err) = cvl_tests::run_cvl(&["log", "verify", &log, "--contract", &contract]);
    assert_eq!(code, 1);
    assert!(err.contains("unknown kind `visit`"), "{err}");
    let (code, out, err) = cvl_tests::run_cvl(&[
        "log",
        "verify",
        &log,
        "--contract",
        &contract,
        "--version",
        &v,
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.contains("verifies: 5 entries"), "{out}");
    // `cvl diff` of a proposal against the contract, with this log (verified against the contract), which holds the
    // amendment to with-visit.cvl: the proposal's stay of 30,500 replaces 30,000 for the days the contract's own
    // text is in force, 2019-01-15 to 2019-02-14. By hand: January 30,500 × 17/31 = 16,725.81 against 16,451.61,
    // +274.20; February 30,500 × 14/28 = 15,250.00 against 15,000.00, +250.00; from 2019-02-15 with-visit.cvl's
    // 31,000 under both. In all +524.20.
    let proposal = p("proposal.cvl");
    std::fs::write(
        &proposal,
        std::fs::read_to_string(p("contract.cvl"))
            .unwrap()
            .replace("pay 30_000 DKK", "pay 30_500 DKK"),
    )
    .unwrap();
    let diff = |version: bool| {
        let mut args = vec![
            "diff",
            &contract,
            &proposal,
            "--log",
            &log,
            "--until",
            "2019-03-31",
        ];
        if version {
            args.extend(["--version", &v, "--json"]);
        }
        cvl_tests::run_cvl(&args)
    };
    let (code, out, err) = diff(true);
    assert_eq!((code, err.as_str()), (0, ""));
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let months: Vec<(&str, &str)> = value["money"]["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["month"].as_str().unwrap(),
                m["difference"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(months, vec![("2019-01", "274.20"), ("2019-02", "250.00")]);
    assert_eq!(value["money"]["total"], "524.20");
    // Without with-visit.cvl, the log cannot be decided: refused, naming the amendment's SHA-256.
    let (code, _, err) = diff(false);
    assert_eq!(code, 1);
    assert!(
        err.contains(&format!("no text given has its SHA-256 `{amended}`")),
        "{err}"
    );
    assert!(
        err.contains("help: give the text of each other amendment"),
        "{err}"
    );
}

#[test]
fn what_a_missed_report_holds_and_the_reviews_follow_the_version_in_force() {
    // `eval/amend/widened.cvl`, in force from 2019-04-01, widens `when missed withhold fee` to `fee, allowance`,
    // shortens the supplement's term from 3 months to 2 and moves its review from kommune to home. By hand, each
    // month 20,000 fee + 5,000 allowance + 3,000 extra = 28,000:
    // - March: the report due 2019-03-01 (old text) came 2019-04-10: the fee held, 28,000 - 20,000 = 8,000.00.
    // - April: the one due 2019-04-01 (new text) came 2019-05-05: fee and allowance held, the supplement paid,
    //   28,000 - 25,000 + March's 20,000 released = 23,000.00.
    // - May: 28,000 + April's 25,000 released = 53,000.00. June 28,000.00.
    // - The first term (old text) ends 2019-03-31, reviewed by kommune; renewed from 2019-04-01 for the new
    //   text's 2 months, through 2019-05-31, where home's review is missed: June is flagged.
    let args = "eval eval/amend/scoped.cvl --events eval/amend/scoped.jsonl --version eval/amend/widened.cvl --until 2019-06-30";
    let (code, out, err) = run(&format!("{args} --format json"));
    assert_eq!((code, err.as_str()), (0, ""));
    let expected: BTreeMap<String, String> = [
        ("2019-01", "28000.00"),
        ("2019-02", "28000.00"),
        ("2019-03", "8000.00"),
        ("2019-04", "23000.00"),
        ("2019-05", "53000.00"),
        ("2019-06", "28000.00"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(totals(&out, "home"), expected);
    insta::assert_snapshot!("amended_holds_and_reviews", shown(args));
}

#[test]
fn diff_decides_the_other_amendments_by_the_texts_given() {
    // The events amend placement.cvl to amended-2019-09.cvl from 2019-09-01; placement-stay.cvl proposes the stay at
    // 61,000 instead of 60,000 in placement.cvl's stead. It replaces it for the days placement.cvl is in force,
    // 2019-01-15 to 2019-08-31; from September the amended text decides under both. By hand: January 61,000 ×
    // 17/31 = 33,451.61 against 32,903.23, +548.38; February to August +1,000.00 each; in all +7,548.38.
    let diff = "diff ../examples/placement/placement.cvl eval/amend/placement-stay.cvl --events ../examples/amendment/events.jsonl";
    insta::assert_snapshot!(
        "diff_other_amendment",
        shown(&format!(
            "{diff} --version ../examples/placement/amended-2019-09.cvl"
        ))
    );
    // A directory gives the texts; OLD and NEW in it are not other amendments (its sub-directories are skipped,
    // with a warning each).
    let (code, out, err) = run(&format!("{diff} --version ../examples/placement --json"));
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("error"), "{err}");
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["money"]["total"], "7548.38");
    assert_eq!(value["money"]["months"].as_array().unwrap().len(), 8);
    // Without the other amendment's text, nothing is compared: the refusal names its SHA-256.
    insta::assert_snapshot!("diff_other_amendment_missing", shown(diff));
    // A text that changes the case is refused as a version of OLD.
    insta::assert_snapshot!(
        "diff_version_other_case",
        shown(
            "diff eval/contract.cvl eval/amend/with-visit.cvl --events eval/amend/with-visit.jsonl --version eval/amend/other-case.cvl"
        )
    );
}

#[test]
fn log_verify_and_append_say_what_a_refused_version_leaves_undone() {
    // The version is read before the log: each command names what it did not do.
    insta::assert_snapshot!(
        "log_verify_version_refused",
        shown(
            "log verify eval/amend/no-log.jsonl --contract eval/contract.cvl --version eval/amend/other-case.cvl"
        )
    );
    insta::assert_snapshot!(
        "log_verify_version_with_errors",
        shown(
            "log verify eval/amend/no-log.jsonl --contract eval/contract.cvl --version eval/bad-contract.cvl"
        )
    );
    insta::assert_snapshot!(
        "log_append_version_refused",
        shown(
            "log append eval/amend/no-log.jsonl --contract eval/contract.cvl --key eval/amend/no.key --kind visit --at 2019-02-15 --version eval/amend/other-case.cvl"
        )
    );
    insta::assert_snapshot!(
        "log_append_version_with_errors",
        shown(
            "log append eval/amend/no-log.jsonl --contract eval/contract.cvl --key eval/amend/no.key --kind visit --at 2019-02-15 --version eval/bad-contract.cvl"
        )
    );
}

#[test]
fn hours_are_paid_by_the_version_in_force_on_the_day_worked() {
    // `eval/amend/hours.cvl` pays `consultant` 500 DKK an hour, confirmed by kommune, capped at 10 hours a month;
    // `hours-600.cvl`, in force from 2019-01-16, pays 600. Six hours on each of January 5, 10, 20 and 25, all 24
    // confirmed in one event dated 2019-01-31. By hand: the month's confirmations confirm its hours in the order
    // worked, each paid by the version in force on the day worked: the old text's 12 hours, capped at 10, 10 ×
    // 500 = 5,000.00; the new text's 12, capped at 10, 10 × 600 = 6,000.00; 11,000.00 in all, 4 hours over the cap.
    let args = "eval eval/amend/hours.cvl --events eval/amend/hours.jsonl --version eval/amend/hours-600.cvl --until 2019-01-31";
    let (code, out, err) = run(&format!("{args} --format json"));
    assert_eq!((code, err.as_str()), (0, ""));
    let expected: BTreeMap<String, String> =
        [("2019-01".to_string(), "11000.00".to_string())].into();
    assert_eq!(totals(&out, "home"), expected);
    insta::assert_snapshot!("amended_hours", shown(args));
}

#[test]
fn a_one_off_is_paid_once_across_versions_or_flagged() {
    // `once-start.cvl` pays `start_up` 10,000 once on start, and a fee of 31,000 a month; signed 2019-01-10.
    // Amended from 2019-02-10 to `once-march.cvl` (`once on 2019-03-01`): paid once, in January (on 2019-01-10),
    // not again in March. By hand: January 31,000 × 22/31 = 22,000.00 + 10,000 = 32,000.00; February 9/28 and
    // 19/28 of 31,000: 9,964.29 + 21,035.71 = 31,000.00; March and April 31,000.00.
    let moved = "eval eval/amend/once-start.cvl --events eval/amend/once-moved.jsonl --version eval/amend/once-march.cvl --until 2019-04-30";
    let (code, out, err) = run(&format!("{moved} --format json"));
    assert_eq!((code, err.as_str()), (0, ""));
    let expected: BTreeMap<String, String> = [
        ("2019-01", "32000.00"),
        ("2019-02", "31000.00"),
        ("2019-03", "31000.00"),
        ("2019-04", "31000.00"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(totals(&out, "home"), expected);
    insta::assert_snapshot!("amended_once_moved", shown(moved));
    // `once-none.cvl` has no `start_up`; amended to `once-start.cvl` from 2019-02-10, its `once on start` is the
    // item's first day in force, 2019-02-10: February 31,000 + 10,000 = 41,000.00.
    let added = "eval eval/amend/once-none.cvl --events eval/amend/once-added.jsonl --version eval/amend/once-start.cvl --until 2019-03-31";
    let (code, out, err) = run(&format!("{added} --format json"));
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        totals(&out, "home").get("2019-02").map(String::as_str),
        Some("41000.00")
    );
    insta::assert_snapshot!("amended_once_added", shown(added));
    // `once-march.cvl` amended from 2019-02-10 to `once-none.cvl`, which drops the item before its day: paid by
    // no one, and March says so with a 0.00 line and a flag.
    let dropped = "eval eval/amend/once-march.cvl --events eval/amend/once-dropped.jsonl --version eval/amend/once-none.cvl --until 2019-04-30";
    insta::assert_snapshot!("amended_once_dropped", shown(dropped));
}
