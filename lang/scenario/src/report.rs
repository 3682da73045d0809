//! The output of `cvl test`: a table for a person (each failure as expected against actual, with the basis of the
//! actual), GitHub workflow annotations (`::error file=…,line=…::…`), or one JSON object with sorted keys. The
//! same reports give the same bytes on every run. Each file's results and problems are in its language (a Danish
//! scenario file's in Danish, from the catalogue `scenario.ftl`), the summary in Danish when every file is Danish;
//! the JSON object's words stay as they are (its messages in English, the expectations' words as decided).

use std::fmt::Write as _;

use cvl_messages::{Lang, text};
use serde_json::{Value, json};

use crate::FileReport;
use crate::diag::{line_col, render};

/// The counts of a run: scenarios that hold and fail, and files that could not be run.
fn counts(reports: &[FileReport]) -> (usize, usize, usize) {
    let outcomes = reports.iter().flat_map(|r| &r.outcomes);
    let hold = outcomes.clone().filter(|o| o.holds()).count();
    let fail = outcomes.filter(|o| !o.holds()).count();
    let broken = reports.iter().filter(|r| r.broken()).count();
    (hold, fail, broken)
}

/// The language of the summary: Danish when every file is Danish, else English.
fn summary_lang(reports: &[FileReport]) -> Lang {
    if !reports.is_empty() && reports.iter().all(|r| r.shown_in == Lang::Da) {
        Lang::Da
    } else {
        Lang::En
    }
}

fn summary(reports: &[FileReport]) -> String {
    let lang = summary_lang(reports);
    let (hold, fail, broken) = counts(reports);
    let mut line = text!(
        "scenario-summary",
        scenarios = hold + fail,
        files = reports.len(),
        hold = hold,
        fail = fail
    )
    .show(lang);
    if broken > 0 {
        line.push_str(&text!("scenario-not-run", broken = broken).show(lang));
    }
    line
}

/// The labels of a failure's lines in `lang` (`expected`, `actual`, `basis`), each padded to the width of the
/// longest and two spaces, so that the values stand in a column.
fn labels(lang: Lang) -> [String; 3] {
    let words = [
        text!("scenario-expected-label").show(lang),
        text!("scenario-actual-label").show(lang),
        text!("scenario-basis-label").show(lang),
    ];
    let width = words.iter().map(|w| w.chars().count()).max().unwrap_or(0) + 2;
    words.map(|w| {
        let pad = width.saturating_sub(w.chars().count());
        format!("{w}{}", " ".repeat(pad))
    })
}

/// The line `line` (from 1) of `text`, trimmed, as shown.
fn source_line(text: &str, line: usize) -> String {
    cvl_syntax::text::shown(
        text.lines()
            .nth(line.saturating_sub(1))
            .unwrap_or("")
            .trim(),
    )
    .into_owned()
}

/// The table: per file its scenarios, each failure expected against actual with the basis, and a summary.
pub fn text(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        let lang = report.shown_in;
        let name = cvl_syntax::text::shown(&report.name);
        if let Some(reason) = &report.unreadable {
            let _ = writeln!(out, "error: {}", cvl_syntax::text::shown(reason));
            continue;
        }
        for diag in &report.diags {
            out.push_str(&render(diag, &name, &report.text, lang));
        }
        if report.broken() {
            let problems = text!("scenario-has-problems", file = name.as_ref());
            let _ = writeln!(out, "error: {}\n", problems.show(lang));
            continue;
        }
        let _ = writeln!(out, "{name}");
        let [expected, actual, basis_label] = labels(lang);
        let blank = " ".repeat(basis_label.chars().count());
        for outcome in &report.outcomes {
            let verdict = if outcome.holds() {
                text!("scenario-holds")
            } else {
                text!("scenario-fails")
            };
            let _ = writeln!(
                out,
                "  {}  {}  {}",
                verdict.show(lang),
                cvl_syntax::text::shown(&outcome.name),
                text!("scenario-at-line", line = outcome.line).show(lang)
            );
            for check in outcome.checks.iter().filter(|c| !c.holds) {
                let failed = text!(
                    "scenario-line",
                    line = check.line,
                    text = source_line(&report.text, check.line)
                );
                let _ = writeln!(out, "    {}", failed.show(lang));
                let _ = writeln!(
                    out,
                    "      {expected}{}",
                    cvl_syntax::text::shown(&check.expected)
                );
                let _ = writeln!(
                    out,
                    "      {actual}{}",
                    cvl_syntax::text::shown(&check.actual)
                );
                for (i, basis) in check.basis.iter().enumerate() {
                    let head = if i == 0 { &basis_label } else { &blank };
                    let _ = writeln!(out, "      {head}{basis}");
                }
            }
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{}", summary(reports));
    out
}

/// A workflow command's data, escaped as GitHub reads it.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property, escaped as GitHub reads it.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub workflow annotations: one `::error` per problem and per failure, at its line, then the summary.
pub fn github(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        let file = escape_property(&report.name);
        if let Some(reason) = &report.unreadable {
            let _ = writeln!(out, "::error file={file}::{}", escape_data(reason));
            continue;
        }
        let lang = report.shown_in;
        for diag in &report.diags {
            let (line, col) = line_col(&report.text, diag.span.start);
            let help = diag
                .help_in(lang)
                .map(|h| format!("\nhelp: {h}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "::error file={file},line={line},col={col},title={}::{}",
                diag.code.as_str(),
                escape_data(&format!("{}{help}", diag.message_in(lang)))
            );
        }
        let [expected, actual, basis_label] = labels(lang);
        for outcome in &report.outcomes {
            for check in outcome.checks.iter().filter(|c| !c.holds) {
                let mut message = format!(
                    "{}\n{expected}{}\n{actual}{}",
                    source_line(&report.text, check.line),
                    check.expected,
                    check.actual
                );
                for basis in &check.basis {
                    let _ = write!(message, "\n{basis_label}{basis}");
                }
                let title = text!("scenario-title", name = &outcome.name).show(lang);
                let _ = writeln!(
                    out,
                    "::error file={file},line={},title={}::{}",
                    check.line,
                    escape_property(&title),
                    escape_data(&message)
                );
            }
        }
    }
    let _ = writeln!(out, "{}", summary(reports));
    out
}

/// One JSON object (keys sorted): each file with its language, contract, problems and scenarios, each
/// scenario with every expectation; and the counts.
pub fn json(reports: &[FileReport]) -> String {
    let files: Vec<Value> = reports
        .iter()
        .map(|report| {
            let diagnostics: Vec<Value> = report
                .diags
                .iter()
                .map(|d| {
                    let (line, column) = line_col(&report.text, d.span.start);
                    json!({
                        "code": d.code.as_str(),
                        "line": line,
                        "column": column,
                        "message": d.message,
                        "help": d.help,
                    })
                })
                .collect();
            let scenarios: Vec<Value> = report
                .outcomes
                .iter()
                .map(|o| {
                    let checks: Vec<Value> = o
                        .checks
                        .iter()
                        .map(|c| {
                            json!({
                                "line": c.line,
                                "text": report.text.lines().nth(c.line.saturating_sub(1)).unwrap_or("").trim(),
                                "holds": c.holds,
                                "expected": c.expected,
                                "actual": c.actual,
                                "basis": c.basis,
                            })
                        })
                        .collect();
                    json!({
                        "name": o.name,
                        "line": o.line,
                        "holds": o.holds(),
                        "expectations": checks,
                    })
                })
                .collect();
            json!({
                "file": report.name,
                "language": report.lang.map(|l| l.code()),
                "contract": report.contract,
                "unreadable": report.unreadable,
                "diagnostics": diagnostics,
                "scenarios": scenarios,
            })
        })
        .collect();
    let (hold, fail, broken) = counts(reports);
    let value = json!({
        "files": files,
        "hold": hold,
        "fail": fail,
        "not_run": broken,
        "exit_code": crate::exit_code(reports),
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
