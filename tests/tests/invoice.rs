//! `cvl invoice check` and `cvl invoice approve`, end to end against the reference case (examples/placement): every
//! verdict and every refusal has a snapshot with its reasons, the figures are checked to the øre, no item's month is
//! ever approved for more than the contract decides however the invoices are split, and the output is
//! byte-identical on every run.
//!
//! Invoices are built by `cvl_tests::ubl` into a scratch directory, whose path the snapshots show as `<scratch>`.

use std::path::{Path, PathBuf};

use cvl_tests::ubl::{Doc, Line};
use cvl_tests::{run_cvl, scratch_dir};

const CONTRACT: &str = "../examples/placement/placement.cvl";
const EVENTS: &str = "../examples/placement/events.jsonl";

const MARCH: (&str, &str) = ("2019-03-01", "2019-03-31");

/// Writes `docs` into a fresh scratch directory as `NAME.xml`; the directory and the files.
#[expect(
    clippy::unwrap_used,
    reason = "a test helper that cannot write or read its files fails the test"
)]
fn write(name: &str, docs: &[(&str, &Doc)]) -> (PathBuf, Vec<PathBuf>) {
    let dir = scratch_dir("invoice", name);
    let files = docs
        .iter()
        .map(|(file, doc)| {
            let path = dir.join(format!("{file}.xml"));
            std::fs::write(&path, doc.xml()).unwrap();
            path
        })
        .collect();
    (dir, files)
}

/// Runs `cvl invoice check` on the files with `extra` arguments; the transcript, the scratch path shown as
/// `<scratch>`.
fn check(dir: &Path, files: &[PathBuf], extra: &[&str]) -> (i32, String) {
    let mut args = vec!["invoice", "check", CONTRACT, "--events", EVENTS];
    args.extend_from_slice(extra);
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    args.extend(names.iter().map(String::as_str));
    let (code, out, err) = run_cvl(&args);
    let shown = format!("exit: {code}\n--- stdout\n{out}--- stderr\n{err}");
    (code, shown.replace(&dir.display().to_string(), "<scratch>"))
}

#[expect(clippy::unwrap_used, reason = "output that is not JSON fails the test")]
fn json(dir: &Path, files: &[PathBuf], extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(extra);
    let (_, shown) = check(dir, files, &args);
    let start = shown.find('{').unwrap();
    let end = shown.rfind('}').unwrap();
    serde_json::from_str(&shown[start..=end]).unwrap()
}

fn march(number: &'static str, stay_kroner: i64) -> Doc {
    Doc::ostervold(
        number,
        "2019-04-02",
        vec![
            Line::monthly("1", "stay", stay_kroner, MARCH),
            Line::monthly("2", "school", 30_000, MARCH),
            Line::monthly("3", "taxi", 5_000, MARCH),
            Line::monthly("4", "school_support", 5_000, MARCH),
        ],
    )
}

#[test]
fn an_invoice_of_what_the_contract_decides_is_approved_in_full() {
    let doc = march("OV-2019-03", 60_000);
    let (dir, files) = write("full", &[("march", &doc)]);
    let (code, shown) = check(&dir, &files, &[]);
    assert_eq!(code, 0, "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn a_second_invoice_for_an_approved_month_is_rejected_and_a_file_given_twice_is_approved_once() {
    let first = march("OV-2019-03", 60_000);
    let again = Doc::ostervold(
        "OV-2019-03B",
        "2019-04-20",
        vec![Line::monthly("1", "stay", 60_000, MARCH)],
    );
    let (dir, files) = write("again", &[("march", &first), ("again", &again)]);
    let twice = vec![files[0].clone(), files[1].clone(), files[0].clone()];
    let (code, shown) = check(&dir, &twice, &[]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(shown);
}

#[test]
fn a_price_above_the_rate_is_reduced_to_the_rate() {
    let doc = march("OV-2019-03", 62_000);
    let (dir, files) = write("price", &[("march", &doc)]);
    let value = json(&dir, &files, &[]);
    let line = &value["invoices"][0]["lines"][0];
    assert_eq!(line["verdict"], "reduced");
    assert_eq!(line["claimed"], "62000.00");
    assert_eq!(line["approved"], "60000.00");
    let (_, shown) = check(&dir, &files, &[]);
    insta::assert_snapshot!(shown);
}

#[test]
fn a_taxi_after_its_three_months_is_rejected_naming_the_day_it_ended() {
    let may = ("2019-05-01", "2019-05-31");
    let doc = Doc::ostervold(
        "OV-2019-05",
        "2019-06-02",
        vec![
            Line::monthly("1", "stay", 60_000, may),
            Line::monthly("2", "taxi", 5_000, may),
        ],
    );
    let (dir, files) = write("taxi", &[("may", &doc)]);
    let (code, shown) = check(&dir, &files, &[]);
    assert_eq!(code, 1);
    assert!(shown.contains("`taxi` ended on 2019-04-14"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn a_month_that_is_prorated_and_a_month_past_the_termination_are_reduced() {
    let doc = Doc::ostervold(
        "OV-MIXED",
        "2020-02-02",
        vec![
            Line::monthly("1", "stay", 60_000, ("2019-01-01", "2019-01-31")),
            Line::monthly("2", "stay", 60_000, ("2020-01-01", "2020-01-31")),
            Line::monthly("3", "stay", 60_000, ("2020-02-01", "2020-02-29")),
        ],
    );
    let (dir, files) = write("prorated", &[("mixed", &doc)]);
    let value = json(&dir, &files, &[]);
    let lines = value["invoices"][0]["lines"].as_array().unwrap();
    let verdicts: Vec<(&str, &str)> = lines
        .iter()
        .map(|l| {
            (
                l["verdict"].as_str().unwrap(),
                l["approved"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        verdicts,
        [
            ("reduced", "32903.23"),
            ("reduced", "27096.77"),
            ("rejected", "0.00")
        ]
    );
    let (_, shown) = check(&dir, &files, &[]);
    insta::assert_snapshot!(shown);
}

#[test]
fn october_is_held_for_the_missed_report_and_approved_once_it_is_released() {
    let october = ("2019-10-01", "2019-10-31");
    let doc = Doc::ostervold(
        "OV-2019-10",
        "2019-11-02",
        vec![
            Line::monthly("1", "stay", 60_000, october),
            Line::monthly("2", "school", 30_000, october),
        ],
    );
    let (dir, files) = write("held", &[("october", &doc)]);
    let (code, held) = check(&dir, &files, &["--until", "2019-10-31"]);
    assert_eq!(code, 1);
    assert!(held.contains("held"), "{held}");
    let (code, released) = check(&dir, &files, &[]);
    assert_eq!(code, 0, "{released}");
    insta::assert_snapshot!(format!("{held}\n=== as of the end, released\n{released}"));
}

#[test]
fn lines_the_contract_does_not_pay_are_rejected_with_the_reason() {
    let mut eur = march("OV-EUR", 60_000);
    eur.currency = "EUR";
    let mut daily = Line::monthly("2", "stay", 60_000, MARCH);
    daily.unit = "DAY";
    daily.quantity = "31";
    let unknown = Doc::ostervold(
        "OV-ODD",
        "2019-04-02",
        vec![
            Line::monthly("1", "horse_riding", 2_000, MARCH),
            daily,
            Line {
                unit: "HUR",
                quantity: "4",
                ..Line::monthly("3", "consultant", 2_200, MARCH)
            },
        ],
    );
    let (dir, files) = write("unpaid", &[("eur", &eur), ("odd", &unknown)]);
    let (code, shown) = check(&dir, &files, &[]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(shown);
}

#[test]
fn an_invoice_for_another_case_or_from_an_unknown_supplier_is_rejected_whole() {
    let mut other_case = march("OV-OTHER", 60_000);
    other_case.buyer_reference = "ANB-2020-0001";
    let mut stranger = march("XX-1", 60_000);
    stranger.cvr = Some("27680003");
    let mut anonymous = march("XX-2", 60_000);
    anonymous.cvr = None;
    let (dir, files) = write(
        "whole",
        &[
            ("other-case", &other_case),
            ("stranger", &stranger),
            ("anonymous", &anonymous),
        ],
    );
    let (code, shown) = check(&dir, &files, &[]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(shown);
}

#[test]
fn an_invoice_that_lacks_what_matching_needs_is_refused_naming_the_element() {
    let mut no_item = march("OV-NOITEM", 60_000);
    no_item.lines[1].item = None;
    let mut no_period = march("OV-NOPERIOD", 60_000);
    no_period.lines[2].period = None;
    let (dir, files) = write(
        "refused",
        &[("no-item", &no_item), ("no-period", &no_period)],
    );
    std::fs::write(dir.join("not-xml.xml"), "this is not XML").unwrap();
    let mut all = files.clone();
    all.push(dir.join("not-xml.xml"));
    let (code, shown) = check(&dir, &all, &[]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(shown);
}

#[test]
fn vat_and_totals_that_do_not_add_up_are_problems_of_the_document() {
    let mut vat = march("OV-VAT", 60_000);
    vat.vat_ore = 15_000 * 100;
    vat.lines[0].vat_percent = Some("25");
    let mut totals = march("OV-TOTALS", 60_000);
    totals.line_total_ore = Some(110_000 * 100);
    let (dir, files) = write("document", &[("vat", &vat), ("totals", &totals)]);
    let (code, shown) = check(&dir, &files, &[]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(shown);
}

#[test]
fn a_credit_note_reduces_what_was_approved() {
    let december = ("2019-12-01", "2019-12-31");
    let invoice = Doc::ostervold(
        "OV-2019-12",
        "2020-01-02",
        vec![Line::monthly("1", "school", 30_000, december)],
    );
    let credit = Doc {
        credit_note: true,
        corrects: Some("OV-2019-12"),
        ..Doc::ostervold(
            "OV-2019-12-C",
            "2020-01-10",
            vec![Line::monthly("1", "school", 5_000, december)],
        )
    };
    let (dir, files) = write("credit", &[("december", &invoice), ("credit", &credit)]);
    let value = json(&dir, &files, &[]);
    assert_eq!(value["invoices"][1]["kind"], "credit_note");
    assert_eq!(value["invoices"][1]["approved"], "-5000.00");
    assert_eq!(value["invoices"][1]["lines"][0]["verdict"], "approved");
    let (_, shown) = check(&dir, &files, &[]);
    insta::assert_snapshot!(shown);
}

#[test]
fn json_and_csv_are_byte_identical_on_every_run() {
    let first = march("OV-2019-03", 62_000);
    let again = Doc::ostervold(
        "OV-2019-03B",
        "2019-04-20",
        vec![Line::monthly("1", "stay", 60_000, MARCH)],
    );
    let (dir, files) = write("formats", &[("march", &first), ("again", &again)]);
    let (_, json_once) = check(&dir, &files, &["--format", "json"]);
    let (_, json_twice) = check(&dir, &files, &["--format", "json"]);
    assert_eq!(json_once, json_twice);
    let (_, csv_once) = check(&dir, &files, &["--format", "csv"]);
    let (_, csv_twice) = check(&dir, &files, &["--format", "csv"]);
    assert_eq!(csv_once, csv_twice);
    insta::assert_snapshot!("json", json_once);
    insta::assert_snapshot!("csv", csv_once);
}

#[test]
fn a_file_that_cannot_be_read_is_a_usage_problem() {
    let dir = scratch_dir("invoice", "missing");
    let (code, shown) = check(&dir, &[dir.join("nowhere.xml")], &[]);
    assert_eq!(code, 2);
    insta::assert_snapshot!(shown);
}

/// However one month of one item is claimed (split over invoices and lines, overlapping periods, some lines
/// repeated), what is approved for it never exceeds what the contract decides, and a claim of exactly the rest
/// is approved.
#[test]
fn no_month_is_ever_approved_for_more_than_is_decided() {
    let splits: [&[i64]; 4] = [
        &[60_000, 1],
        &[30_000, 30_000, 30_000],
        &[59_999, 2, 5],
        &[70_000],
    ];
    for (n, split) in splits.iter().enumerate() {
        let lines: Vec<Line> = split
            .iter()
            .enumerate()
            .map(|(i, kroner)| Line::monthly(["1", "2", "3"][i], "stay", *kroner, MARCH))
            .collect();
        let doc = Doc::ostervold("OV-SPLIT", "2019-04-02", lines);
        let (dir, files) = write(&format!("split-{n}"), &[("a", &doc), ("b", &doc)]);
        let value = json(&dir, &files, &[]);
        let approved: i64 = value["invoices"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|i| i["lines"].as_array().unwrap().iter())
            .map(|l| {
                let text = l["approved"].as_str().unwrap().replace('.', "");
                text.parse::<i64>().unwrap()
            })
            .sum();
        assert_eq!(approved, 60_000 * 100, "split {split:?}");
    }
}

/// A copy of the example's signed log in a scratch directory, for approvals to be appended to.
#[expect(
    clippy::unwrap_used,
    reason = "a test helper that cannot write or read its files fails the test"
)]
fn signed_log(dir: &Path) -> PathBuf {
    let log = dir.join("log.jsonl");
    std::fs::copy("../examples/placement/log.jsonl", &log).unwrap();
    log
}

fn approve(dir: &Path, log: &Path, invoice: &Path, at: &str) -> (i32, String) {
    let (log, invoice) = (log.display().to_string(), invoice.display().to_string());
    let (code, out, err) = run_cvl(&[
        "invoice",
        "approve",
        CONTRACT,
        &invoice,
        "--log",
        &log,
        "--key",
        "../examples/placement/keys/municipality.key",
        "--at",
        at,
    ]);
    let shown = format!("exit: {code}\n--- stdout\n{out}--- stderr\n{err}");
    (code, shown.replace(&dir.display().to_string(), "<scratch>"))
}

fn check_log(dir: &Path, log: &Path, files: &[PathBuf]) -> (i32, String) {
    let log = log.display().to_string();
    let mut args = vec!["invoice", "check", CONTRACT, "--log", &log];
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    args.extend(names.iter().map(String::as_str));
    let (code, out, err) = run_cvl(&args);
    let shown = format!("exit: {code}\n--- stdout\n{out}--- stderr\n{err}");
    (code, shown.replace(&dir.display().to_string(), "<scratch>"))
}

#[test]
fn an_approval_is_signed_into_the_log_and_no_later_invoice_is_paid_for_the_same_month() {
    let first = march("OV-2019-03", 62_000);
    let again = Doc::ostervold(
        "OV-2019-03B",
        "2019-04-20",
        vec![Line::monthly("1", "stay", 60_000, MARCH)],
    );
    let (dir, files) = write("approve", &[("march", &first), ("again", &again)]);
    let log = signed_log(&dir);
    let (code, approved) = approve(&dir, &log, &files[0], "2020-03-01");
    assert_eq!(code, 0, "{approved}");
    let tail = std::fs::read_to_string(&log).unwrap();
    let entry: serde_json::Value = serde_json::from_str(tail.lines().last().unwrap()).unwrap();
    assert_eq!(entry["kind"], "invoice_approved");
    assert_eq!(entry["actor"], "municipality");
    assert_eq!(entry["data"]["lines"][0]["amount"], "60000.00");
    // Checked again, the approved invoice gives the same verdicts and names its entry; the second is rejected.
    let (code, checked) = check_log(&dir, &log, &files);
    assert_eq!(code, 1);
    assert!(checked.contains("recorded in the log by"), "{checked}");
    // Approving it again, or approving an invoice of which nothing is left, appends nothing.
    let before = std::fs::read_to_string(&log).unwrap();
    let (code_again, again_shown) = approve(&dir, &log, &files[0], "2020-03-02");
    let (code_nothing, nothing_shown) = approve(&dir, &log, &files[1], "2020-03-02");
    assert_eq!((code_again, code_nothing), (1, 1));
    assert_eq!(std::fs::read_to_string(&log).unwrap(), before);
    // cvl eval sets what is approved against each month.
    let log_arg = log.display().to_string();
    let (code, eval, _) = run_cvl(&["eval", CONTRACT, "--log", &log_arg, "--format", "json"]);
    assert_eq!(code, 0);
    let eval: serde_json::Value = serde_json::from_str(&eval).unwrap();
    let march_payment = eval["payments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["payee"] == "ostervold" && p["period"] == "2019-03")
        .unwrap();
    assert_eq!(march_payment["approved"], "100000.00");
    insta::assert_snapshot!(format!(
        "{approved}\n=== checked again\n{checked}\n=== approved again\n{again_shown}\n=== nothing left\n{nothing_shown}"
    ));
}

#[test]
fn the_example_year_of_invoices_gets_the_verdicts_its_readme_gives() {
    let (code, out, err) = run_cvl(&[
        "invoice",
        "check",
        CONTRACT,
        "--events",
        EVENTS,
        "../examples/placement/invoices",
        "--format",
        "json",
    ]);
    assert_eq!((code, err.as_str()), (1, ""));
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let verdicts: Vec<String> = value["invoices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let lines: Vec<String> = i["lines"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| {
                    format!(
                        "{} {} {}",
                        l["item"].as_str().unwrap(),
                        l["verdict"].as_str().unwrap(),
                        l["approved"].as_str().unwrap()
                    )
                })
                .collect();
            format!(
                "{}: {} of {}: {}",
                i["file"].as_str().unwrap().rsplit('/').next().unwrap(),
                i["approved"].as_str().unwrap(),
                i["claimed"].as_str().unwrap(),
                lines.join(", ")
            )
        })
        .collect();
    insta::assert_snapshot!(verdicts.join("\n"));
    let (_, table, _) = run_cvl(&[
        "invoice",
        "check",
        CONTRACT,
        "--events",
        EVENTS,
        "../examples/placement/invoices",
    ]);
    insta::assert_snapshot!("example_year_table", table);
}

#[test]
fn october_is_held_as_the_log_stood_when_its_invoice_arrived() {
    let (code, out, _) = run_cvl(&[
        "invoice",
        "check",
        CONTRACT,
        "--events",
        EVENTS,
        "--until",
        "2019-11-15",
        "../examples/placement/invoices/2019-10.xml",
    ]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn the_mentor_invoice_is_approved_for_the_five_confirmed_hours_only() {
    let (code, out, err) = run_cvl(&[
        "invoice",
        "check",
        "../examples/mentor/mentor.cvl",
        "--events",
        "../examples/mentor/events.jsonl",
        "../examples/mentor/invoice.xml",
        "--format",
        "json",
    ]);
    assert_eq!((code, err.as_str()), (1, ""));
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let line = &value["invoices"][0]["lines"][0];
    assert_eq!(
        (&line["claimed"], &line["approved"], &line["verdict"]),
        (
            &serde_json::json!("22500.00"),
            &serde_json::json!("2250.00"),
            &serde_json::json!("reduced")
        )
    );
    let (_, table, _) = run_cvl(&[
        "invoice",
        "check",
        "../examples/mentor/mentor.cvl",
        "--events",
        "../examples/mentor/events.jsonl",
        "../examples/mentor/invoice.xml",
    ]);
    assert!(
        table.contains("20,250.00 not approved: 50 hours invoiced"),
        "{table}"
    );
    insta::assert_snapshot!(table);
}

#[test]
fn a_response_is_written_for_each_invoice_read() {
    let dir = scratch_dir("invoice", "response");
    let out_dir = dir.join("responses");
    let out_arg = out_dir.display().to_string();
    let (code, _, err) = run_cvl(&[
        "invoice",
        "check",
        CONTRACT,
        "--events",
        EVENTS,
        "../examples/placement/invoices/2019-05.xml",
        "../examples/placement/invoices/2019-11-clothing.xml",
        "--response",
        &out_arg,
        "--response-date",
        "2019-12-05",
    ]);
    assert_eq!((code, err.as_str()), (1, ""));
    let mut names: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["2019-05.response.xml", "2019-11-clothing.response.xml"]
    );
    let may = std::fs::read_to_string(out_dir.join("2019-05.response.xml")).unwrap();
    assert!(
        may.contains("<cbc:ResponseCode>CA</cbc:ResponseCode>"),
        "{may}"
    );
    let clothing = std::fs::read_to_string(out_dir.join("2019-11-clothing.response.xml")).unwrap();
    assert!(
        clothing.contains("<cbc:ResponseCode>RE</cbc:ResponseCode>"),
        "{clothing}"
    );
    insta::assert_snapshot!(may);
}

#[test]
fn a_response_needs_the_payer_s_cvr_number() {
    let dir = scratch_dir("invoice", "no-payer-cvr");
    let contract = dir.join("contract.cvl");
    let text = std::fs::read_to_string(CONTRACT)
        .unwrap()
        .replace("    cvr \"29189587\"\n", "");
    std::fs::write(&contract, text).unwrap();
    std::fs::copy(
        "../examples/placement/events.jsonl",
        dir.join("events.jsonl"),
    )
    .unwrap();
    let (contract, events, out) = (
        contract.display().to_string(),
        dir.join("events.jsonl").display().to_string(),
        dir.join("out").display().to_string(),
    );
    let (code, _, err) = run_cvl(&[
        "invoice",
        "check",
        &contract,
        "--events",
        &events,
        "../examples/placement/invoices/2019-05.xml",
        "--response",
        &out,
    ]);
    assert_eq!(code, 2);
    insta::assert_snapshot!(err);
}

/// An invoice built to make the audit slow or its output huge: thousands of tiny lines for one month, and lines
/// whose periods run over the whole calendar. Each line is judged against running sums and only the months the
/// contract pays, and names at most a few earlier invoices, so the audit stays linear and every line's reasons
/// stay few; what is approved still adds up to exactly what is decided.
#[test]
fn thousands_of_lines_and_periods_over_the_whole_calendar_stay_bounded() {
    let mut lines: Vec<Line> = (0..3_000)
        .map(|_| Line::monthly("x", "stay", 100, MARCH))
        .collect();
    lines.extend(
        (0..50).map(|_| Line::monthly("y", "school", 1_000_000, ("0001-01-01", "9999-12-31"))),
    );
    let ids: Vec<&'static str> = (0..lines.len())
        .map(|i| &*Box::leak(format!("{i}").into_boxed_str()))
        .collect();
    for (line, id) in lines.iter_mut().zip(ids) {
        line.id = id;
    }
    let doc = Doc::ostervold("OV-HOSTILE", "2020-02-01", lines);
    let (dir, files) = write("hostile", &[("hostile", &doc)]);
    let value = json(&dir, &files, &[]);
    let lines = value["invoices"][0]["lines"].as_array().unwrap();
    let most_reasons = lines
        .iter()
        .map(|l| l["reasons"].as_array().unwrap().len())
        .max()
        .unwrap();
    assert!(most_reasons <= 30, "a line has {most_reasons} reasons");
    let cents = |l: &serde_json::Value| {
        l["approved"]
            .as_str()
            .unwrap()
            .replace('.', "")
            .parse::<i64>()
            .unwrap()
    };
    let stay: i64 = lines
        .iter()
        .filter(|l| l["item"] == "stay")
        .map(cents)
        .sum();
    assert_eq!(stay, 60_000 * 100);
    // School over the whole contract: 17/31 of January 2019, eleven whole months, 14/31 of January 2020.
    let school: i64 = lines
        .iter()
        .filter(|l| l["item"] == "school")
        .map(cents)
        .sum();
    assert_eq!(school, 1_645_161 + 11 * 3_000_000 + 1_354_839);
}

/// Hostile files among the invoices: each is refused with its message, and the others are still audited.
#[test]
fn hostile_files_are_refused_with_a_message_and_the_rest_is_audited() {
    let good = march("OV-2019-03", 60_000);
    let (dir, mut files) = write("hostile-files", &[("good", &good)]);
    let bomb = dir.join("bomb.xml");
    std::fs::write(
        &bomb,
        "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>\n<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">&lol2;</Invoice>\n",
    )
    .unwrap();
    let namespace = dir.join("namespace.xml");
    std::fs::write(
        &namespace,
        good.xml().replace("xsd:Invoice-2", "xsd:Order-2"),
    )
    .unwrap();
    let large = dir.join("large.xml");
    std::fs::File::create(&large)
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    files.extend([bomb, namespace, large]);
    let (code, shown) = check(&dir, &files, &[]);
    assert_eq!(code, 1);
    assert!(shown.contains("approved 100,000.00"), "{shown}");
    insta::assert_snapshot!(shown);
}

/// Amounts at the edge of what a decimal holds, in an invoice and a credit note for one item: both are refused at
/// reading, beyond the bound of spec 7, so nothing overflows and the invoice after them is judged alone.
#[test]
fn amounts_at_the_edge_of_a_decimal_neither_overflow_nor_invent_money() {
    let huge = Line {
        ore: i64::MAX / 2,
        price_ore: None,
        ..Line::monthly("1", "stay", 0, MARCH)
    };
    let invoice = Doc::ostervold("OV-HUGE", "2019-04-02", vec![huge.clone()]);
    let credit = Doc {
        credit_note: true,
        ..Doc::ostervold(
            "OV-HUGE-C",
            "2019-04-03",
            vec![huge.clone(), Line { id: "2", ..huge }],
        )
    };
    let after = Doc::ostervold(
        "OV-AFTER",
        "2019-04-04",
        vec![Line::monthly("1", "stay", 60_000, MARCH)],
    );
    let (dir, files) = write(
        "edge",
        &[("huge", &invoice), ("credit", &credit), ("after", &after)],
    );
    // An amount beyond 10^12 is refused at reading (spec 7, 12.3): nothing of it is approved or credited, and the
    // invoice after it is approved as if it had not been given.
    let value = json(&dir, &files, &[]);
    assert_eq!(value["invoices"][0]["status"], "refused");
    assert_eq!(value["invoices"][1]["status"], "refused");
    assert_eq!(value["invoices"][2]["lines"][0]["verdict"], "approved");
    let (_, shown) = check(&dir, &files[..1], &[]);
    insta::assert_snapshot!(shown);
}

#[test]
fn two_invoices_of_one_name_get_two_responses() {
    let dir = scratch_dir("invoice", "same-name");
    let out = dir.join("responses");
    let out_arg = out.display().to_string();
    let may = "../examples/placement/invoices/2019-05.xml";
    let (code, _, err) = run_cvl(&[
        "invoice",
        "check",
        CONTRACT,
        "--events",
        EVENTS,
        may,
        may,
        "--response",
        &out_arg,
        "--response-date",
        "2019-06-05",
    ]);
    assert_eq!((code, err.as_str()), (1, ""));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["2019-05-2.response.xml", "2019-05.response.xml"]);
    let second = std::fs::read_to_string(out.join("2019-05-2.response.xml")).unwrap();
    assert!(
        second.contains("<cbc:ResponseCode>RE</cbc:ResponseCode>"),
        "{second}"
    );
}

/// The amount asked must be the lines plus VAT: allowances, charges and prepaid amounts are not read, so an invoice
/// that asks for anything else is never approved in full.
#[test]
fn an_amount_asked_that_is_not_the_lines_is_a_problem() {
    let doc = march("OV-ASKED", 60_000);
    let (dir, files) = write("asked", &[("asked", &doc)]);
    let text = std::fs::read_to_string(&files[0]).unwrap().replace(
        ">100000.00</cbc:PayableAmount>",
        ">1.00</cbc:PayableAmount>",
    );
    std::fs::write(&files[0], text).unwrap();
    let (code, shown) = check(&dir, &files, &[]);
    assert_eq!(code, 1);
    assert!(shown.contains("problem: the amount asked"), "{shown}");
}

/// A copy of an invoice the log approved (the same bytes under another name) is approved for nothing more.
#[test]
fn a_copy_of_an_approved_invoice_is_not_approved_again() {
    let doc = march("OV-2019-03", 60_000);
    let (dir, files) = write("copy", &[("march", &doc), ("copy", &doc)]);
    let log = signed_log(&dir);
    let (code, approved) = approve(&dir, &log, &files[0], "2020-03-01");
    assert_eq!(code, 0, "{approved}");
    let (code, checked) = check_log(&dir, &log, &files);
    assert_eq!(code, 1);
    let value = checked.matches("approved 0.00  rejected").count();
    assert_eq!(value, 4, "{checked}");
}

/// A CPR-like number in an invoice (its number, a line id) is masked in the JSON as in the table and CSV (spec 6).
#[test]
fn cpr_like_numbers_from_an_invoice_are_masked_in_every_format() {
    let mut doc = march("INV 010203-1234", 60_000);
    doc.lines[0].id = "0102031234";
    let (dir, files) = write("cpr", &[("cpr", &doc)]);
    for format in ["table", "json", "csv"] {
        let (_, shown) = check(&dir, &files, &["--format", format]);
        assert!(!shown.contains("010203-1234"), "{format}: {shown}");
        assert!(!shown.contains("0102031234"), "{format}: {shown}");
    }
}

#[test]
fn a_supplier_giving_two_parties_cvr_numbers_is_matched_to_neither() {
    let doc = march("OV-TWO", 60_000);
    let xml = doc.xml().replacen(
        "<cac:PartyLegalEntity>",
        r#"<cac:PartyIdentification><cbc:ID schemeID="0184">36849614</cbc:ID></cac:PartyIdentification><cac:PartyLegalEntity>"#,
        1,
    );
    let dir = scratch_dir("invoice", "two-cvr");
    let file = dir.join("two.xml");
    std::fs::write(&file, xml).unwrap();
    let (code, shown) = check(&dir, &[file], &[]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(shown);
}

#[test]
fn covers_match_on_words_whatever_the_punctuation() {
    let doc = Doc::ostervold(
        "OV-CLOTHES",
        "2019-04-02",
        vec![
            Line::monthly("1", "(clothing),", 1_500, MARCH),
            Line::monthly("2", "pocket-money.", 500, MARCH),
        ],
    );
    let (dir, files) = write("covers", &[("clothes", &doc)]);
    let (code, shown) = check(&dir, &files, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        shown.matches("is covered by the price of `stay`").count(),
        2,
        "{shown}"
    );
    insta::assert_snapshot!(shown);
}

#[test]
fn vat_on_a_line_of_a_document_without_vat_is_a_problem() {
    let taxed = Line {
        vat_percent: Some("25"),
        ..Line::monthly("1", "stay", 60_000, MARCH)
    };
    let doc = Doc::ostervold("OV-VAT-LINE", "2019-04-02", vec![taxed]);
    let (dir, files) = write("line-vat", &[("vat", &doc)]);
    let (code, shown) = check(&dir, &files, &[]);
    assert_eq!(code, 1, "{shown}");
    assert!(shown.contains("problem: line `1` charges VAT"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn an_hourly_line_is_its_hours_at_the_rate_and_its_quantity_at_its_price() {
    // One hour invoiced, five hours' pay asked: the amount is not the hours at the contract's rate.
    let mut one_hour = Doc::ostervold(
        "SK-1",
        "2019-04-02",
        vec![Line {
            unit: "HUR",
            quantity: "1",
            price_ore: None,
            ..Line::monthly("1", "consultant", 2_750, MARCH)
        }],
    );
    one_hour.cvr = Some("36849614");
    // Two hours at 550.00 written as 1,000.00: the amount is not the quantity at the price.
    let mut priced = Doc::ostervold(
        "SK-2",
        "2019-04-02",
        vec![Line {
            unit: "HUR",
            quantity: "2",
            price_ore: Some(55_000),
            ..Line::monthly("1", "consultant", 1_000, MARCH)
        }],
    );
    priced.cvr = Some("36849614");
    let (dir, files) = write("hourly", &[("one", &one_hour), ("priced", &priced)]);
    let (code, shown) = check(&dir, &files, &[]);
    assert_eq!(code, 1);
    assert!(shown.contains("for 1 hour:"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn a_response_to_an_unmatched_invoice_says_only_what_it_sent() {
    let mut stranger = march("XX-1", 60_000);
    stranger.cvr = Some("27680003");
    let mut other_case = march("OV-OTHER", 60_000);
    other_case.buyer_reference = "ANB-2020-0001";
    let (dir, files) = write(
        "unmatched-response",
        &[("stranger", &stranger), ("other", &other_case)],
    );
    let out = dir.join("responses");
    let out_arg = out.display().to_string();
    let (code, _) = check(
        &dir,
        &files,
        &["--response", &out_arg, "--response-date", "2019-04-05"],
    );
    assert_eq!(code, 1);
    let mut shown = String::new();
    for name in ["stranger.response.xml", "other.response.xml"] {
        let text = std::fs::read_to_string(out.join(name)).unwrap();
        // The buyer sends the response under its own name and number; nothing else of the contract is told.
        for secret in [
            "ostervold",
            "firm",
            "36849614",
            "ANB-2019-0042",
            "placement.cvl",
            "examples",
        ] {
            assert!(!text.contains(secret), "{name} tells `{secret}`:\n{text}");
        }
        shown.push_str(&format!("--- {name}\n{text}"));
    }
    insta::assert_snapshot!(shown);
}

#[test]
fn a_response_never_replaces_an_invoice_given() {
    let doc = march("OV-2019-03", 60_000);
    let again = march("OV-2019-03B", 60_000);
    let (dir, files) = write("response-input", &[("a", &doc), ("a.response", &again)]);
    let before = std::fs::read(&files[1]).unwrap();
    let dir_arg = dir.display().to_string();
    let (_, shown) = check(
        &dir,
        &files,
        &["--response", &dir_arg, "--response-date", "2019-04-05"],
    );
    assert_eq!(std::fs::read(&files[1]).unwrap(), before, "{shown}");
    assert!(dir.join("a-2.response.xml").is_file(), "{shown}");
}

/// Nor does a response replace a file the decision is made from (the events file here, named as a response would
/// be), nor anything at its name that is not a file (a pipe): the next name is taken.
#[test]
fn a_response_never_replaces_the_events_or_what_is_not_a_file() {
    let (dir, files) = write(
        "response-made-from",
        &[
            ("a", &march("OV-2019-03", 60_000)),
            ("b", &march("OV-2019-03C", 60_000)),
        ],
    );
    let events = dir.join("a.response.xml");
    std::fs::copy(EVENTS, &events).unwrap();
    let before = std::fs::read(&events).unwrap();
    let fifo = dir.join("b.response.xml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let (events_arg, dir_arg) = (events.display().to_string(), dir.display().to_string());
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let mut args = vec!["invoice", "check", CONTRACT, "--events", &events_arg];
    args.extend(names.iter().map(String::as_str));
    args.extend(["--response", &dir_arg, "--response-date", "2019-04-05"]);
    let (code, _, err) = run_cvl(&args);
    assert_eq!((code, err.as_str()), (1, ""));
    assert_eq!(std::fs::read(&events).unwrap(), before);
    assert!(dir.join("a-2.response.xml").is_file());
    assert!(dir.join("b-2.response.xml").is_file());
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
}

#[test]
fn a_directory_is_read_whatever_the_case_of_xml_and_what_is_skipped_is_said() {
    let doc = march("OV-2019-03", 60_000);
    let dir = scratch_dir("invoice", "directory");
    let invoices = dir.join("invoices");
    std::fs::create_dir_all(invoices.join("older.xml")).unwrap();
    std::fs::write(invoices.join("MARCH.XML"), doc.xml()).unwrap();
    std::fs::write(invoices.join("notes.txt"), "not an invoice").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(invoices.join("gone.xml"), invoices.join("link.xml")).unwrap();
    let (code, shown) = check(&dir, &[invoices], &[]);
    assert_eq!(code, 0, "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn a_credit_for_a_month_outside_the_contract_takes_nothing_back_and_check_says_so() {
    // The contract starts on 2019-01-15: nothing is decided or approved for 2018-12, so a credit for it takes back
    // nothing (spec 12.6) and the log is asked to record nothing for it.
    let credit = Doc {
        credit_note: true,
        ..Doc::ostervold(
            "OV-C-2018",
            "2019-01-20",
            vec![Line::monthly(
                "1",
                "stay",
                1_000,
                ("2018-12-01", "2018-12-31"),
            )],
        )
    };
    let (dir, files) = write("credit-outside", &[("credit", &credit)]);
    let (code, shown) = check(&dir, &files, &[]);
    assert_eq!(code, 1, "{shown}");
    insta::assert_snapshot!(shown);
}

/// A line's quantity must be able to be what its amount is for: none for an amount, a sign other than the
/// amount's, more months or days than the period holds, or negative hours are each a problem of the document, and
/// the invoice is not approved (spec 12.5).
#[test]
fn a_quantity_that_cannot_be_what_the_amount_is_for_is_a_problem() {
    let line = |id: &'static str, quantity: &'static str, unit: &'static str| Line {
        quantity,
        unit,
        price_ore: None,
        ..Line::monthly(id, "stay", 60_000, MARCH)
    };
    let cases = [
        ("none", line("1", "0", "MON")),
        ("sign", line("1", "-1", "MON")),
        ("months", line("1", "12", "MON")),
        ("days", line("1", "45", "DAY")),
    ];
    let docs: Vec<Doc> = cases
        .iter()
        .map(|(_, l)| Doc::ostervold("OV-Q", "2019-04-02", vec![l.clone()]))
        .collect();
    let hours = Doc {
        cvr: Some("36849614"),
        ..Doc::ostervold(
            "FIRM-Q",
            "2019-03-02",
            vec![Line {
                item: Some("consultant"),
                quantity: "-8",
                unit: "HUR",
                ore: 440_000,
                price_ore: None,
                ..Line::monthly("1", "consultant", 0, ("2019-02-01", "2019-02-28"))
            }],
        )
    };
    let mut named: Vec<(&str, &Doc)> = cases.iter().map(|(n, _)| *n).zip(&docs).collect();
    named.push(("hours", &hours));
    let (dir, files) = write("quantity", &named);
    let (code, shown) = check(&dir, &files, &[]);
    assert_eq!(code, 1, "{shown}");
    let value = json(&dir, &files, &[]);
    for invoice in value["invoices"].as_array().into_iter().flatten() {
        assert_eq!(invoice["status"], "not_approved", "{invoice}");
    }
    insta::assert_snapshot!(shown);
}
