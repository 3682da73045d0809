//! `cvl portfolio DIR` (spec 14): the example portfolio in every format, the same bytes for any number of jobs,
//! each kind of case folder that does not fit listed with its reason and left out of the totals, and every refusal
//! of the command line.

#![cfg(test)]

use std::fs;
use std::path::Path;

use cvl_tests::{run_bounded, run_words, scratch_dir, shown};

const EXAMPLE: &str = "portfolio ../examples/portfolio --as-of 2026-01-31 --months 6";

#[test]
fn the_example_as_a_table() {
    insta::assert_snapshot!("portfolio_table", shown(EXAMPLE));
}

#[test]
fn the_example_as_csv() {
    insta::assert_snapshot!("portfolio_csv", shown(&format!("{EXAMPLE} --format csv")));
}

#[test]
fn the_example_as_json() {
    insta::assert_snapshot!("portfolio_json", shown(&format!("{EXAMPLE} --format json")));
}

#[test]
fn the_same_bytes_whatever_the_number_of_jobs() {
    for format in ["table", "csv", "json", "html"] {
        let one = run_words(&format!("{EXAMPLE} --format {format} --jobs 1"));
        assert_eq!(one.0, 1, "{}", one.2);
        for jobs in [2, 3, 7, 64] {
            let many = run_words(&format!("{EXAMPLE} --format {format} --jobs {jobs}"));
            assert_eq!(many, one, "{format} with {jobs} jobs");
        }
    }
}

#[test]
fn the_totals_add_up_over_the_rows() {
    let (_, out, _) = run_words(&format!("{EXAMPLE} --format json"));
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let cents =
        |v: &serde_json::Value| -> i64 { v.as_str().unwrap().replace('.', "").parse().unwrap() };
    for measure in [
        "decided",
        "withheld",
        "outstanding",
        "not_yet_due",
        "committed",
    ] {
        let mut rows = 0;
        for case in value["cases"].as_array().unwrap() {
            for row in case["rows"].as_array().into_iter().flatten() {
                rows += cents(&row["measures"][measure]);
            }
        }
        let per_month: i64 = value["totals"]["per_month"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| cents(&m["measures"][measure]))
            .sum();
        let per_payee: i64 = value["totals"]["per_payee"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| cents(&m["measures"][measure]))
            .sum();
        let all = cents(&value["totals"]["all"][0]["measures"][measure]);
        assert_eq!((rows, per_month, per_payee), (all, all, all), "{measure}");
    }
    assert_eq!(value["decided"], 28);
    assert_eq!(value["left_out"], 2);
}

/// Copies the files `names` of examples/placement into `dir/case`.
fn case(dir: &Path, case: &str, names: &[&str]) -> std::path::PathBuf {
    let folder = dir.join(case);
    fs::create_dir_all(&folder).unwrap();
    for name in names {
        fs::copy(
            Path::new("../examples/placement").join(name),
            folder.join(name),
        )
        .unwrap();
    }
    folder
}

/// A log of the reference case cut after entry 59 (2019-08-31), with an amendment to `amended-2019-09.cvl` signed
/// by both signatories, effective 2019-10-01; then the amended text is taken away unless `keep`.
fn amended(folder: &Path, keep: bool) {
    let log = fs::read_to_string("../examples/placement/log.jsonl").unwrap();
    let head: String = log.split_inclusive('\n').take(59).collect();
    fs::write(folder.join("log.jsonl"), head).unwrap();
    let sha = "72afce81909df29bb2d95df9d355aa6df208a266c1f253db02a2e908a0f57c80";
    let data = format!("{{\"contract\":\"{sha}\",\"effective\":\"2019-10-01\"}}");
    for (party, at) in [("municipality", "2019-09-02"), ("ostervold", "2019-09-03")] {
        let (code, _, err) = cvl_tests::run_cvl(&[
            "log",
            "append",
            &folder.join("log.jsonl").display().to_string(),
            "--contract",
            &folder.join("placement.cvl").display().to_string(),
            "--version",
            &folder.join("amended-2019-09.cvl").display().to_string(),
            "--key",
            &format!("../examples/placement/keys/{party}.key"),
            "--kind",
            "amended",
            "--at",
            at,
            "--data",
            &data,
        ]);
        assert_eq!(code, 0, "{err}");
    }
    if !keep {
        fs::remove_file(folder.join("amended-2019-09.cvl")).unwrap();
    }
}

/// Every kind of case folder: one that fits (the reference case, with its amended text beside it), and each that
/// does not, listed with its reason.
#[test]
fn each_folder_that_does_not_fit_is_listed_with_its_reason() {
    let dir = scratch_dir("portfolio", "folders");
    case(
        &dir,
        "a-reference",
        &["placement.cvl", "amended-2019-09.cvl", "log.jsonl"],
    );
    case(&dir, "b-no-log", &["placement.cvl"]);
    case(&dir, "c-no-contract", &["log.jsonl"]);
    let two = case(&dir, "d-two-candidates", &["placement.cvl", "log.jsonl"]);
    fs::copy(two.join("placement.cvl"), two.join("same.cvl")).unwrap();
    let none = case(
        &dir,
        "e-none-matches",
        &["amended-2019-09.cvl", "log.jsonl"],
    );
    let text = fs::read_to_string("../examples/placement/placement.cvl").unwrap();
    fs::write(
        none.join("changed.cvl"),
        text.replace("60_000 DKK", "61_000 DKK"),
    )
    .unwrap();
    let changed = case(&dir, "f-changed", &["log.jsonl"]);
    fs::write(
        changed.join("placement.cvl"),
        text.replace("60_000 DKK", "61_000 DKK"),
    )
    .unwrap();
    let empty = case(
        &dir,
        "g-empty-log",
        &["placement.cvl", "amended-2019-09.cvl"],
    );
    fs::write(empty.join("log.jsonl"), "").unwrap();
    let bad = case(&dir, "h-not-checking", &["log.jsonl"]);
    fs::write(
        bad.join("placement.cvl"),
        text.replace("role payer", "role payor"),
    )
    .unwrap();
    // Each case that fits has a contract of its own: folders with one contract are one case (or two logs of it).
    let cut = case(&dir, "i-empty-log-one-text", &[]);
    fs::write(
        cut.join("placement.cvl"),
        text.replace("60_000 DKK", "61_000 DKK"),
    )
    .unwrap();
    fs::write(cut.join("log.jsonl"), "").unwrap();
    let other = case(&dir, "j-other-parties", &["placement.cvl", "log.jsonl"]);
    fs::write(
        other.join("other.cvl"),
        text.replace("ANB-2019-0042\"\n", "ANB-2019-0043\"\n"),
    )
    .unwrap();
    signed_case(&dir, "l-with-a-module", |text| {
        text.replace("ANB-2019-0042", "ANB-2019-0097")
    });
    fs::copy(
        "../stdlib/care.cvl",
        dir.join("l-with-a-module/clauses.cvl"),
    )
    .unwrap();
    let both = ["placement.cvl", "amended-2019-09.cvl"];
    amended(&case(&dir, "m-amended-text-missing", &both), false);
    let apart = scratch_dir("portfolio", "amended");
    amended(&case(&apart, "n-amended", &both), true);
    let twice = case(&dir, "k-two-contracts", &["log.jsonl"]);
    let second = text.replace("contract placement ", "contract again ");
    let second = second
        .get(second.find("contract again ").unwrap()..)
        .unwrap();
    fs::write(twice.join("placement.cvl"), format!("{text}\n{second}")).unwrap();
    fs::write(
        dir.join("README.md"),
        "files beside the case folders are passed over\n",
    )
    .unwrap();
    let shown_dir = dir.display().to_string();
    let mut all = String::new();
    for format in ["table", "csv"] {
        let args = format!("portfolio {shown_dir} --as-of 2019-12-31 --months 2 --format {format}");
        all.push_str(&shown(&args).replace(&shown_dir, "DIR"));
        all.push('\n');
    }
    all.push_str(&portfolio_of(&apart, "--as-of 2019-12-31 --months 2"));
    insta::assert_snapshot!("portfolio_folders", all);
}

#[test]
fn refusals_of_the_command_line() {
    let empty = scratch_dir("portfolio", "empty");
    let empty_dir = empty.display().to_string();
    let mut all = String::new();
    for args in [
        "portfolio ../examples/no-such-portfolio --as-of 2026-01-31".to_string(),
        "portfolio ../examples/placement/placement.cvl --as-of 2026-01-31".to_string(),
        format!("portfolio {empty_dir} --as-of 2026-01-31"),
        "portfolio ../examples/portfolio --as-of 2026-13-01".to_string(),
        "portfolio ../examples/portfolio --as-of yesterday".to_string(),
        "portfolio ../examples/portfolio --as-of 2026-01-31 --months 121".to_string(),
        "portfolio ../examples/portfolio --as-of 2026-01-31 --months -1".to_string(),
        "portfolio ../examples/portfolio --as-of 2026-01-31 --months six".to_string(),
        "portfolio ../examples/portfolio --as-of 2026-01-31 --jobs 0".to_string(),
        "portfolio ../examples/portfolio --as-of 2026-01-31 --format pdf".to_string(),
        "portfolio ../examples/portfolio --as-of 2026-01-31 -o ../examples/portfolio/case-00032/out.csv"
            .to_string(),
        "portfolio ../examples/portfolio --as-of 2026-01-31 --format json -o ../examples/portfolio/case-00032/out"
            .to_string(),
        "portfolio ../examples/portfolio --as-of 2026-01-31 --format html -o ../examples/portfolio/case-00032/p.html"
            .to_string(),
        "portfolio ../examples/portfolio --as-of 2026-01-31 -o ../examples/portfolio/case-00032/p.txt".to_string(),
        "portfolio ../examples/placement --as-of 2026-01-31".to_string(),
        "portfolio ../examples/portfolio/case-00032 --as-of 2026-01-31".to_string(),
        "portfolio ../examples/placement/keys --as-of 2026-01-31".to_string(),
    ] {
        all.push_str(&shown(&args).replace(&empty_dir, "EMPTY"));
        all.push('\n');
    }
    insta::assert_snapshot!("portfolio_refusals", all);
}

#[test]
fn the_output_goes_to_a_file_with_o() {
    let dir = scratch_dir("portfolio", "output");
    let file = dir.join("portfolio.csv");
    let (code, out, _) = run_words(&format!("{EXAMPLE} --format csv -o {}", file.display()));
    assert_eq!(code, 1);
    assert_eq!(out, "");
    let (_, csv, _) = run_words(&format!("{EXAMPLE} --format csv"));
    assert_eq!(fs::read_to_string(&file).unwrap(), csv);
}

#[test]
fn the_example_as_html() {
    insta::assert_snapshot!("portfolio_html", shown(&format!("{EXAMPLE} --format html")));
}

const INSTALL: &str = "the portfolio's browser test needs Chromium and poppler-utils (pdftotext): run `bash .ci/run`, \
     which installs them, or `apt-get install -y --no-install-recommends chromium poppler-utils` as root";

/// The HTML portfolio in a real browser (Debian's Chromium, headless, nothing fetched): printed to PDF, its text
/// holds the figures and the reasons; drawn to PNG, the charts are there (the largest provider's blue).
#[test]
fn the_html_renders_in_a_real_browser() {
    let dir = scratch_dir("portfolio", "browser");
    let page = dir.join("portfolio.html");
    let (code, _, err) = run_words(&format!("{EXAMPLE} --format html -o {}", page.display()));
    assert_eq!(code, 1, "{err}");
    let page = page.canonicalize().unwrap();
    let args = |output: String| -> Vec<String> {
        vec![
            "--headless".into(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--no-pdf-header-footer".into(),
            format!("--user-data-dir={}", dir.join("profile").display()),
            output,
            "--window-size=1200,1400".into(),
            format!("file://{}", page.display()),
        ]
    };
    let pdf = dir.join("portfolio.pdf");
    let (ok, said) = run_bounded(
        "chromium",
        &args(format!("--print-to-pdf={}", pdf.display())),
    );
    assert!(ok && pdf.exists(), "{INSTALL}\n{said}");
    let (ok, text) = run_bounded("pdftotext", &[pdf.display().to_string(), "-".into()]);
    assert!(ok, "{INSTALL}\n{text}");
    for figure in [
        "Portfolio as of 2026-01-31",
        "28 decided, 2 left out",
        "highest bar 1,980,747.42",
        "highest bar 2,143,447.42",
        "weekend_support",
        "case-00241",
        "Opholdsstedet Egely",
    ] {
        assert!(text.contains(figure), "the PDF lacks `{figure}`:\n{text}");
    }
    let png = dir.join("portfolio.png");
    let (ok, said) = run_bounded("chromium", &args(format!("--screenshot={}", png.display())));
    assert!(ok && png.exists(), "{INSTALL}\n{said}");
    let decoder = png::Decoder::new(fs::File::open(&png).unwrap());
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut buffer).unwrap();
    let channels = frame.color_type.samples();
    let blue = buffer[..frame.buffer_size()]
        .chunks(channels)
        .filter(|p| p.len() >= 3 && p[0] == 0x1f && p[1] == 0x5f && p[2] == 0x8b)
        .count();
    assert!(
        blue > 5_000,
        "the charts' bars are drawn: {blue} blue pixels"
    );
}

/// A folder's name is the user's text: in the HTML it is shown and escaped, never markup.
#[test]
fn the_html_escapes_what_it_did_not_write() {
    let dir = scratch_dir("portfolio", "escape");
    fs::create_dir_all(dir.join("<script>alert(1)")).unwrap();
    let (code, out, _) = run_words(&format!(
        "portfolio {} --as-of 2026-01-31 --format html",
        dir.display()
    ));
    assert_eq!(code, 1);
    assert!(
        out.contains("<b>&lt;script&gt;alert(1)</b>: no signed log"),
        "{out}"
    );
    assert!(!out.contains("<script>"));
}

/// Runs `cvl portfolio DIR ARGS` on the scratch directory `dir`, shown as `DIR`.
fn portfolio_of(dir: &Path, args: &str) -> String {
    let shown_dir = dir.display().to_string();
    shown(&format!("portfolio {shown_dir} {args}")).replace(&shown_dir, "DIR")
}

/// A copy of the reference case, a link to it and a folder with the same contract and another log: one case is
/// counted once; two logs of one contract are neither counted.
#[test]
fn one_case_is_counted_once() {
    let dir = scratch_dir("portfolio", "same");
    case(&dir, "case-1", &["placement.cvl", "log.jsonl"]);
    std::os::unix::fs::symlink("case-1", dir.join("case-2")).unwrap();
    case(&dir, "case-3", &["placement.cvl", "log.jsonl"]);
    let mut all = portfolio_of(&dir, "--as-of 2019-12-31 --months 0");
    let two = scratch_dir("portfolio", "two-logs");
    case(&two, "case-1", &["placement.cvl", "log.jsonl"]);
    let other = case(&two, "case-2", &["placement.cvl"]);
    let log = fs::read_to_string("../examples/placement/log.jsonl").unwrap();
    let head: String = log.split_inclusive('\n').take(30).collect();
    fs::write(other.join("log.jsonl"), head).unwrap();
    all.push('\n');
    all.push_str(&portfolio_of(&two, "--as-of 2019-12-31 --months 0"));
    insta::assert_snapshot!("portfolio_same_case", all);
}

/// `--months 0` still decides the next month, to tell the supplements that lapse this month.
#[test]
fn months_0_tells_what_lapses_as_months_1_does() {
    let lapsing = |months: u32| {
        let (_, out, _) = run_words(&format!(
            "portfolio ../examples/portfolio --as-of 2026-01-31 --months {months} --format json"
        ));
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        value["cases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["lapsing"].clone())
            .collect::<Vec<_>>()
    };
    let one = lapsing(1);
    assert_eq!(lapsing(0), one);
    let count: usize = one.iter().filter_map(|l| l.as_array()).map(Vec::len).sum();
    assert!(count > 0 && count < 10, "{one:?}");
    let this_month = |months: u32| {
        let (_, out, _) = run_words(&format!(
            "portfolio ../examples/portfolio --as-of 2026-01-31 --months {months} --format html"
        ));
        let start = out.find("<h2>This month").unwrap();
        let end = start + out[start..].find("</table>").unwrap();
        out[start..end].to_string()
    };
    assert_eq!(this_month(0), this_month(1));
}

/// Past a contract's reach (100 years from its start) nothing is decided, as `cvl eval` warns; the forecast ends
/// at the calendar's last month.
#[test]
fn the_reach_and_the_end_of_the_calendar_are_said() {
    let dir = scratch_dir("portfolio", "reach");
    case(&dir, "case-1", &["placement.cvl", "log.jsonl"]);
    let mut all = portfolio_of(&dir, "--as-of 9999-12-31 --months 3");
    let (_, out, _) = run_words(&format!(
        "portfolio {} --as-of 9999-10-15 --months 6 --format json",
        dir.display()
    ));
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    all.push_str(&format!(
        "\nJSON: forecast {} to {}; notes {}; warnings {}\n",
        value["forecast"]["from"],
        value["forecast"]["to"],
        value["notes"],
        value["cases"][0]["warnings"]
    ));
    insta::assert_snapshot!("portfolio_reach", all);
}

/// Entries of DIR that are neither folders nor plain files, logs and `.cvl` entries that are not regular files,
/// and names that are not UTF-8: each listed with its reason, every name shown distinctly.
#[test]
fn entries_that_are_not_case_folders_are_listed() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::symlink;
    let dir = scratch_dir("portfolio", "entries");
    symlink("nowhere", dir.join("a-dangling")).unwrap();
    symlink("b-loop", dir.join("b-loop")).unwrap();
    let fifo = |path: &Path| {
        let status = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .unwrap();
        assert!(status.success());
    };
    fifo(&dir.join("c-pipe"));
    fs::write(dir.join("README.md"), "passed over\n").unwrap();
    symlink("README.md", dir.join("d-readme-link")).unwrap();
    let pipe_log = case(&dir, "f-pipe-log", &["placement.cvl"]);
    fifo(&pipe_log.join("log.jsonl"));
    let folder_cvl = case(&dir, "g-folder-cvl", &["placement.cvl", "log.jsonl"]);
    fs::create_dir(folder_cvl.join("extra.cvl")).unwrap();
    let folder_log = case(&dir, "h-folder-log", &["placement.cvl"]);
    fs::create_dir(folder_log.join("log.jsonl")).unwrap();
    let broken_cvl = case(&dir, "i-broken-cvl", &["placement.cvl", "log.jsonl"]);
    symlink("gone.cvl", broken_cvl.join("other.cvl")).unwrap();
    for name in [&b"x\xff"[..], b"x\xfe", b"x\\xff"] {
        fs::create_dir(dir.join(OsStr::from_bytes(name))).unwrap();
    }
    insta::assert_snapshot!(
        "portfolio_entries",
        portfolio_of(&dir, "--as-of 2019-12-31 --months 0")
    );
}

/// Writes into `dir/name` the placement contract changed by `change`, with a log of its two signatures.
fn signed_case(dir: &Path, name: &str, change: impl Fn(&str) -> String) {
    let folder = dir.join(name);
    fs::create_dir_all(&folder).unwrap();
    let text = fs::read_to_string("../examples/placement/placement.cvl").unwrap();
    fs::write(folder.join("placement.cvl"), change(&text)).unwrap();
    fs::write(folder.join("log.jsonl"), "").unwrap();
    for party in ["municipality", "ostervold"] {
        let (code, _, err) = cvl_tests::run_cvl(&[
            "log",
            "append",
            &folder.join("log.jsonl").display().to_string(),
            "--contract",
            &folder.join("placement.cvl").display().to_string(),
            "--key",
            &format!("../examples/placement/keys/{party}.key"),
            "--kind",
            "signed",
            "--at",
            "2019-01-10",
        ]);
        assert_eq!(code, 0, "{err}");
    }
}

/// One CVR number with two titles, and a name with no CVR number that is the title of one: each a warning.
#[test]
fn a_cvr_with_two_titles_is_warned_of() {
    let dir = scratch_dir("portfolio", "titles");
    case(&dir, "case-1", &["placement.cvl", "log.jsonl"]);
    signed_case(&dir, "case-2", |text| {
        text.replace("\"Opholdsstedet Østervold\"", "\"Østervold ApS\"")
            .replace("ANB-2019-0042", "ANB-2019-0099")
    });
    signed_case(&dir, "case-3", |text| {
        text.replace("cvr \"31259614\"", "")
            .replace("ANB-2019-0042", "ANB-2019-0098")
    });
    let mut all = portfolio_of(&dir, "--as-of 2019-03-31 --months 1");
    let (_, out, _) = run_words(&format!(
        "portfolio {} --as-of 2019-03-31 --months 1 --format json",
        dir.display()
    ));
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    all.push_str(&format!("\nJSON notes: {:#}\n", value["notes"]));
    insta::assert_snapshot!("portfolio_titles", all);
}
