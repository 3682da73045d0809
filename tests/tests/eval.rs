//! `cvl eval`, end to end: the reference case decides exactly the figures of the brief, the examples' tables and
//! JSON are snapshots, every refusal of a bad events file shows its message, and the output is byte-identical on
//! every run in one process (lang/cli/tests/determinism.rs compares separate `cvl` processes).
//!
//! Tests run with `tests/` as the working directory; the examples are reached as `../examples/…`.

use std::collections::BTreeMap;

use cvl_tests::{run_words as run, shown};

const PLACEMENT: &str =
    "eval ../examples/placement/placement.cvl --events ../examples/placement/events.jsonl";
const MENTOR: &str = "eval ../examples/mentor/mentor.cvl --events ../examples/mentor/events.jsonl";

#[test]
fn the_reference_case_pays_ostervold_the_brief_s_figures() {
    let (code, out, err) = run(&format!("{PLACEMENT} --format json"));
    assert_eq!((code, err.as_str()), (0, ""));
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let totals: BTreeMap<String, String> = value["payments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["payee"] == "ostervold")
        .map(|p| {
            (
                p["period"].as_str().unwrap().to_string(),
                p["total"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected: BTreeMap<String, String> = [
        ("2019-01", "52096.78"),
        ("2019-02", "100000.00"),
        ("2019-03", "100000.00"),
        ("2019-04", "97333.33"),
        ("2019-05", "95000.00"),
        ("2019-06", "95000.00"),
        ("2019-07", "95000.00"),
        ("2019-08", "90000.00"),
        ("2019-09", "90000.00"),
        ("2019-10", "0.00"),
        ("2019-11", "180000.00"),
        ("2019-12", "90000.00"),
        ("2020-01", "40645.16"),
    ]
    .iter()
    .map(|(m, t)| (m.to_string(), t.to_string()))
    .collect();
    assert_eq!(totals, expected);
    let october = value["payments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["payee"] == "ostervold" && p["period"] == "2019-10")
        .unwrap();
    assert_eq!(october["withheld"], "90000.00");
    let november = value["payments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["payee"] == "ostervold" && p["period"] == "2019-11")
        .unwrap();
    assert_eq!(november["released"], "90000.00");
}

#[test]
fn the_mentor_is_paid_for_the_five_confirmed_hours_of_fifty_claimed() {
    let (code, out, _) = run(&format!("{MENTOR} --format json"));
    assert_eq!(code, 0);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let paid: rust_decimal::Decimal = value["payments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p["total"]
                .as_str()
                .unwrap()
                .parse::<rust_decimal::Decimal>()
                .unwrap()
        })
        .sum();
    assert_eq!(paid, rust_decimal::Decimal::from(5 * 450));
}

#[test]
fn the_examples_decide_as_their_snapshots_show() {
    insta::assert_snapshot!("placement_table", shown(PLACEMENT));
    insta::assert_snapshot!(
        "placement_json",
        shown(&format!("{PLACEMENT} --format json"))
    );
    insta::assert_snapshot!("mentor_table", shown(MENTOR));
    insta::assert_snapshot!("mentor_json", shown(&format!("{MENTOR} --format json")));
}

#[test]
fn as_of_a_date_later_events_are_not_read() {
    insta::assert_snapshot!(
        "placement_until",
        shown(&format!("{PLACEMENT} --until 2019-10-31"))
    );
}

/// What the payer approved, per month against what is decided (a credit note's line reduces it; approvals beyond
/// the month or without a month decided are warned of), and a month held by a missed report, naming it and the
/// event that released it (spec 9.7, 9.9).
#[test]
fn approvals_and_holds_show_per_month() {
    let args = "eval eval/contract.cvl --events eval/ledger/approvals.jsonl --until 2019-06-30";
    insta::assert_snapshot!("ledger_table", shown(args));
    insta::assert_snapshot!("ledger_json", shown(&format!("{args} --format json")));
}

#[test]
fn output_is_byte_identical_on_every_run() {
    let first = run(&format!("{PLACEMENT} --format json"));
    for _ in 0..3 {
        assert_eq!(run(&format!("{PLACEMENT} --format json")), first);
    }
}

#[test]
fn every_refusal_names_the_line_and_decides_nothing() {
    let dir = std::path::Path::new("eval/refusals");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".jsonl"))
        .collect();
    names.sort();
    assert!(names.len() >= 10);
    for name in names {
        let args = format!("eval eval/contract.cvl --events eval/refusals/{name}");
        let (code, out, err) = run(&args);
        assert_eq!(code, 1, "{name}");
        assert!(out.is_empty(), "{name} decided something: {out}");
        assert!(err.contains("nothing was decided"), "{name}: {err}");
        insta::assert_snapshot!(
            format!("refusal_{}", name.trim_end_matches(".jsonl")),
            shown(&args)
        );
    }
}

/// Each refusal of the corpus is of its kind, named by its file: a program (a log service, say) can tell the
/// cases apart without reading the words. Every file has its kind here, and every kind that an events file can
/// meet is met by some file.
#[test]
fn every_refusal_has_its_kind() {
    use cvl_event::RefusalKind as K;
    let kinds = BTreeMap::from([
        ("after-termination", K::AfterTermination),
        ("amended-after-the-end", K::Amendment),
        ("amended-before-the-contract-is-signed", K::Amendment),
        ("amended-before-the-signing", K::Amendment),
        ("amended-effective-differs", K::Repeated),
        ("amended-no-effective", K::DataShape),
        ("amended-text-not-given", K::Amendment),
        ("approval-invoice-empty", K::DataShape),
        ("approval-invoice-too-long", K::Limit),
        ("approval-line-amount-beyond-the-limits", K::Limit),
        ("approval-line-amount-three-decimals", K::DataShape),
        ("approval-line-amount-zero", K::DataShape),
        ("approval-line-before-the-start", K::DataShape),
        ("approval-line-not-a-month", K::DataShape),
        ("approval-line-unknown-field", K::DataShape),
        ("approval-line-unknown-item", K::DataShape),
        ("approval-line-written-twice", K::Shape),
        ("approval-no-lines", K::DataShape),
        ("approval-not-by-the-payer", K::NoAuthority),
        ("approval-sha256-not-hex", K::DataShape),
        ("amount-as-float", K::DataShape),
        ("amount-beyond-the-limits", K::Limit),
        ("amount-not-a-decimal", K::DataShape),
        ("amount-three-decimals", K::DataShape),
        ("data-wrong-shape", K::DataShape),
        ("date-goes-backwards", K::OutOfOrder),
        ("field-twice", K::Shape),
        ("no-id", K::Shape),
        ("not-allowed-to-adjust", K::NoAuthority),
        ("not-json", K::NotJson),
        ("paid-amount-beyond-the-limits", K::Limit),
        ("paid-amount-negative", K::DataShape),
        ("paid-amount-three-decimals", K::DataShape),
        ("paid-amount-zero", K::DataShape),
        ("paid-date-after-the-event", K::DataShape),
        ("paid-date-not-a-date", K::DataShape),
        ("paid-month-after-the-termination", K::DataShape),
        ("paid-month-before-the-start", K::DataShape),
        ("paid-month-not-a-month", K::DataShape),
        ("paid-month-not-a-string", K::DataShape),
        ("paid-month-twice", K::DataShape),
        ("paid-months-empty", K::DataShape),
        ("paid-months-missing", K::DataShape),
        ("paid-months-not-an-array", K::DataShape),
        ("paid-months-out-of-order", K::DataShape),
        ("paid-months-too-many", K::Limit),
        ("paid-not-by-the-payer", K::NoAuthority),
        ("paid-payee-not-a-party", K::DataShape),
        ("paid-payee-not-a-provider", K::DataShape),
        ("paid-reference-empty", K::DataShape),
        ("paid-reference-too-long", K::Limit),
        ("paid-unknown-field", K::DataShape),
        ("personal-number", K::PersonalIdentifier),
        ("restart-in-lapsed-term", K::Supplement),
        ("signed-twice", K::Repeated),
        ("signs-another-contract", K::Binding),
        ("unknown-kind", K::UnknownKind),
        ("unknown-party", K::NotAParty),
        ("year-zero", K::Shape),
    ]);
    let loaded = cvl_cli::contract::load(
        std::path::Path::new("eval/contract.cvl"),
        &[],
        false,
        "",
        &mut Vec::new(),
    )
    .unwrap_or_else(|_| panic!("eval/contract.cvl does not check"));
    let mut met = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir("eval/refusals").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let Some(kind) = kinds.get(name.as_str()) else {
            panic!("eval/refusals/{name}.jsonl has no kind here: add it");
        };
        let events =
            cvl_event::Reader::new(std::io::BufReader::new(std::fs::File::open(&path).unwrap()));
        let refusal =
            cvl_eval::evaluate_bound(&loaded.contract, loaded.binding(false), events, None)
                .unwrap_err();
        assert_eq!(refusal.kind, *kind, "{name}: {refusal}");
        met.insert(*kind);
    }
    // What only a signed log meets (its chain, canonical bytes, signatures, the signer's clock), what reading a
    // file meets (an I/O error), and a sum beyond the decimal type, which no events file within the limits of spec
    // section 7 reaches (cvl-log's and cvl-eval's unit tests show those).
    let elsewhere = [
        K::Unreadable,
        K::Canonical,
        K::Chain,
        K::Signature,
        K::Clock,
        K::Overflow,
    ];
    let unmet: Vec<K> = K::ALL
        .into_iter()
        .filter(|k| !met.contains(k) && !elsewhere.contains(k))
        .collect();
    assert!(unmet.is_empty(), "no refusal file is of {unmet:?}");
}

#[test]
fn usage_and_io_problems_exit_2() {
    insta::assert_snapshot!(
        "eval_missing_events",
        shown("eval eval/contract.cvl --events eval/none.jsonl")
    );
    insta::assert_snapshot!(
        "eval_bad_until",
        shown("eval eval/contract.cvl --events eval/none.jsonl --until soon")
    );
    // `--until` reads a date as an events file does (spec 9.1): only `YYYY-MM-DD`.
    insta::assert_snapshot!(
        "eval_until_not_written_as_a_date",
        shown("eval eval/contract.cvl --events eval/none.jsonl --until 2019-1-5")
    );
    // Dates run from 0001-01-01 to 9999-12-31 everywhere (spec 7): the year 0000 is no date for `--until` either.
    insta::assert_snapshot!(
        "eval_until_year_zero",
        shown("eval eval/contract.cvl --events eval/none.jsonl --until 0000-12-31")
    );
    assert_eq!(run("eval eval/contract.cvl").0, 2);
}

#[test]
fn a_contract_with_errors_is_not_evaluated() {
    insta::assert_snapshot!(
        "eval_contract_with_errors",
        shown("eval eval/bad-contract.cvl --events eval/refusals/not-json.jsonl")
    );
}
