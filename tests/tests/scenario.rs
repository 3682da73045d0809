//! `cvl test`, end to end (spec 15): every example's scenarios hold; the failing scenarios of
//! `tests/scenario/failing` print expected against actual with the basis, in every format; every malformed line of
//! `tests/scenario/malformed` is reported with its code and place; the output is the same bytes on every run.
//!
//! Tests run with `tests/` as the working directory; the examples are reached as `../examples/…`.

use cvl_tests::{run_words as run, shown};

#[test]
fn every_example_s_scenarios_hold() {
    let (code, out, err) = run("test ../examples/");
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    for example in [
        "dispute/dispute",
        "foster-family/foster-family",
        "foster-index/contract",
        "mentor/mentor",
        "placement/placement",
        "da/placement/placement",
    ] {
        assert!(
            out.contains(&format!("../examples/{example}.scenario")),
            "{example} has no scenarios:\n{out}"
        );
    }
    assert!(!out.contains("FAILS") && !out.contains("FEJLER"), "{out}");
    insta::assert_snapshot!("examples", out);
}

#[test]
fn the_reference_case_is_a_scenario_that_holds() {
    let (code, out, _) = run("test ../examples/placement/placement.scenario --format json");
    assert_eq!(code, 0);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let scenario = &value["files"][0]["scenarios"][0];
    assert_eq!(
        scenario["name"],
        "the October report is late: October pays nothing, November pays both"
    );
    assert_eq!(scenario["holds"], true);
    let lines: Vec<&str> = scenario["expectations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert!(lines.contains(&"ostervold 2019-10 pays 0.00"));
    assert!(lines.contains(&"ostervold 2019-11 pays 180,000.00"));
    assert!(lines.contains(&"status_report due 2019-10-15 is missed"));
}

#[test]
fn failing_scenarios_show_expected_against_actual_in_every_format() {
    for format in ["human", "github", "json"] {
        let args = format!("test scenario/failing --format {format}");
        let (code, _, _) = run(&args);
        assert_eq!(code, 1, "{format}");
        insta::assert_snapshot!(format!("failing_{format}"), shown(&args));
    }
}

#[test]
fn every_malformed_line_is_reported_with_its_code_and_place() {
    let mut files: Vec<_> = std::fs::read_dir("scenario/malformed")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 10);
    for file in files {
        let args = format!("test {}", file.display());
        let (code, out, _) = run(&args);
        assert_eq!(code, 2, "{args}: {out}");
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        insta::assert_snapshot!(format!("malformed_{name}"), shown(&args));
    }
}

#[test]
fn malformed_files_are_annotations_and_json_too() {
    for format in ["github", "json"] {
        let args = format!("test scenario/malformed --format {format}");
        let (code, _, _) = run(&args);
        assert_eq!(code, 2);
        insta::assert_snapshot!(format!("malformed_{format}"), shown(&args));
    }
}

#[test]
fn the_output_is_the_same_bytes_on_every_run() {
    for format in ["human", "github", "json"] {
        let args = format!("test ../examples scenario --format {format}");
        let first = run(&args);
        for _ in 0..3 {
            assert_eq!(run(&args), first, "{format}");
        }
    }
}

#[test]
fn a_path_without_scenarios_or_that_cannot_be_read_is_a_usage_problem() {
    insta::assert_snapshot!("no_scenarios", shown("test ../examples/rates"));
    insta::assert_snapshot!("no_such_path", shown("test scenario/no-such-dir"));
}

#[test]
fn a_broken_file_makes_the_run_exit_2_even_when_others_fail() {
    let (code, out, _) = run("test scenario");
    assert_eq!(code, 2);
    assert!(out.contains("FAILS"), "{out}");
}

/// Section 15 of spec.md, to its end.
fn spec_section_15() -> String {
    let spec = std::fs::read_to_string("../spec.md").unwrap_or_default();
    spec.find("## 15. Scenario tests")
        .and_then(|at| spec.get(at..))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn spec_tables_every_scenario_code_with_its_title() {
    let spec = spec_section_15();
    for code in cvl_scenario::Code::ALL {
        let row = format!("| {} | {} |", code.as_str(), code.title());
        assert!(spec.contains(&row), "spec.md 15.4 has no row `{row}`");
    }
}

#[test]
fn spec_tables_every_word_in_both_languages() {
    let spec = spec_section_15();
    for (word, en, da) in cvl_scenario::words::WORDS {
        let status = matches!(
            word,
            cvl_scenario::words::Word::Met
                | cvl_scenario::words::Word::Late
                | cvl_scenario::words::Word::Missed
                | cvl_scenario::words::Word::Pending
        );
        if status {
            assert!(
                spec.contains(&format!("`{en}`")) && spec.contains(&format!("`{da}`")),
                "{en}"
            );
        } else {
            assert!(
                spec.contains(&format!("| `{en}` | `{da}` |")),
                "spec.md 15.2 has no row for `{en}`"
            );
        }
    }
}

#[test]
fn a_danish_scenario_fails_in_danish_with_danish_amounts() {
    for format in ["human", "github"] {
        let args = format!("test scenario/danish --format {format}");
        let (code, out, _) = run(&args);
        assert_eq!(code, 1, "{format}");
        assert!(
            !out.contains("FAILS") && !out.contains(" DKK") && !out.contains("expected"),
            "{format}: English in a Danish file's results:\n{out}"
        );
        insta::assert_snapshot!(format!("danish_failing_{format}"), shown(&args));
    }
}

/// Every problem of the malformed files, with its message and help in Danish: each S-diagnostic's Danish words
/// (the files are mostly English, so their words of the syntax stay English).
#[test]
fn every_malformed_line_has_its_words_in_danish() {
    let mut files: Vec<_> = std::fs::read_dir("scenario/malformed")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut all = String::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let name = file.display().to_string();
        for diag in cvl_scenario::check_text(&file, &text, &[]) {
            all.push_str(&cvl_scenario::diag::render(
                &diag,
                &name,
                &text,
                cvl_syntax::Lang::Da,
            ));
        }
    }
    insta::assert_snapshot!("malformed_in_danish", all);
}
