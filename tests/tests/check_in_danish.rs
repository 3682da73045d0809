//! The checker's diagnostics in Danish: corpus files whose problems the checker's declarations, clauses, imports,
//! expressions, one-off payments, termination, withheld items and regulation report, put in Danish (`cvl fmt --to
//! da`), checked, and their diagnostics shown in Danish (`Diagnostic::in_language`), so that every Danish text of
//! those catalogue files (`check-decls.ftl`, `check-clauses.ftl`, …) is read in a snapshot.
//!
//! Each snapshot shows the Danish input and, for each problem, its code, place, message, label, secondary labels
//! and help, as plain lines (the terminal's rendering of diagnostics is the CLI's, tested in the corpus).

use std::path::Path;

use cvl_check::loader::FsLoader;
use cvl_syntax::danish::Language;
use cvl_syntax::{Lang, Source, Sources, Span, parse_source};

/// The corpus files shown, relative to `tests/`: each shows one rule of the files named above.
const FILES: &[&str] = &[
    // decls.rs
    "corpus/check/E0019-supplement-per-hour.cvl",
    "corpus/check/E0021-ends-before-starts.cvl",
    "corpus/check/E0023-obligation-without-interval.cvl",
    "corpus/check/E0023-zero-interval.cvl",
    "corpus/check/E0025-statement-in-the-wrong-block.cvl",
    "corpus/check/E0030-help-names-the-contracts-parties.cvl",
    "corpus/check/E0030-missing-pay.cvl",
    "corpus/check/E0030-parties-without-keys.cvl",
    "corpus/check/E0037-invalid-key.cvl",
    "corpus/check/E0037-key-off-the-curve.cvl",
    "corpus/check/E0038-key-declared-twice.cvl",
    "corpus/check/W0004-obligation-without-consequence.cvl",
    "corpus/check/W0005-supplement-without-review.cvl",
    // clauses.rs
    "corpus/check/E0018-argument-of-the-wrong-type.cvl",
    "corpus/check/E0031-unknown-clause.cvl",
    "corpus/check/E0031-unknown-module.cvl",
    "corpus/check/E0032-argument-given-twice.cvl",
    "corpus/check/E0032-missing-argument.cvl",
    "corpus/check/E0032-unknown-argument.cvl",
    "corpus/check/E0033-unknown-parameter-type.cvl",
    "corpus/check/E0039-clauses-nested-too-deep.cvl",
    "corpus/check/E0039-too-many-clause-uses.cvl",
    // imports.rs and lib.rs
    "corpus/check/E0014-imported-twice.cvl",
    "corpus/check/E0027-missing-module.cvl",
    "corpus/check/E0028-circular-import.cvl",
    "corpus/check/E0029-module-with-errors.cvl",
    "corpus/check/E0041-absolute.cvl",
    "corpus/check/E0041-backslash.cvl",
    "corpus/check/E0041-dot.cvl",
    "corpus/check/E0041-drive.cvl",
    "corpus/check/E0041-empty-part.cvl",
    "corpus/check/E0041-hidden.cvl",
    "corpus/check/E0041-not-cvl.cvl",
    "corpus/check/E0041-parent.cvl",
    "corpus/check/W0004-in-an-imported-clause.cvl",
    // expr.rs
    "corpus/check/E0013-unknown-name.cvl",
    "corpus/check/E0016-date-compared-with-duration.cvl",
    "corpus/check/E0016-date-written-day-first.cvl",
    "corpus/check/E0016-money-plus-hours.cvl",
    "corpus/check/E0016-monthly-rate-times-days.cvl",
    "corpus/check/E0016-months-plus-days.cvl",
    "corpus/check/E0016-per-currency.cvl",
    "corpus/check/E0017-computed-duration-not-whole.cvl",
    "corpus/check/E0017-date-outside-the-calendar.cvl",
    "corpus/check/E0017-division-by-zero.cvl",
    // once.rs
    "corpus/check/E0052-one-off-that-pays-over-time.cvl",
    // termination.rs
    "corpus/check/E0055-who-may-act.cvl",
    // withheld.rs
    "corpus/check/E0053-withholds-what-it-cannot.cvl",
    // regulation.rs
    "corpus/check/E0054-regulation-unfit.cvl",
    "corpus/check/E0054-index-regulation-unfit.cvl",
];

/// The `--lib` directories a corpus file's header names.
fn libs(text: &str) -> Vec<std::path::PathBuf> {
    let header = text.lines().next().unwrap_or_default();
    let words: Vec<&str> = header.split_whitespace().collect();
    words
        .windows(2)
        .filter(|pair| pair.first() == Some(&"--lib"))
        .filter_map(|pair| pair.get(1).map(std::path::PathBuf::from))
        .collect()
}

/// `line:column` of `span` in its file, with the file's name when it is not the checked one.
fn place(sources: &Sources, root: cvl_syntax::FileId, span: Span) -> String {
    let Some(source) = sources.get(span.file) else {
        return "?".into();
    };
    let at = source.line_col(span.start);
    if span.file == root {
        format!("{}:{}", at.line, at.column)
    } else {
        format!("{} {}:{}", source.name, at.line, at.column)
    }
}

/// The parties, the start and the payment rhythm of the contracts below, in English.
const PARTIES: &str = r#"contract c "Danish messages" {
  case "ANB-1"
  party kommune { role payer key "ed25519:AxiotVCLTRFo8Z11ewELoFkGa9ySVw2ilQO/w2dIIB4=" }
  party home { role provider key "ed25519:WM/CGf94Y3JJ9BHySBlUNpcKatyx4+4tLFdc58wBPjU=" }
  party firm { role provider key "ed25519:p0ZhB/ytaLZXETFJqUFQuieBefpGT3g0sNqyjnrbfDE=" }
  signed by kommune and home
  starts on 2019-01-15
  paid monthly in arrears
"#;

/// Contracts written for this test (in English, put in Danish as the corpus files are), for the rules the corpus
/// shows in no file of its own: (name, the contract's body after [`PARTIES`]).
const CASES: &[(&str, &str)] = &[
    (
        "declarations",
        r#"  party bare { }
  item bike { pay 100 DKK per month to home starts on 2020-01-01 ends on 2019-06-01 }
  item walk { pay 100 DKK per month to home starts when started }
  item nothing { }
  supplement extra { }
  obligation visits { by home every 1 month lasting -2 hours when missed flag }
  termination { }
  termination { by kommune }
}
"#,
    ),
    (
        "expressions",
        r#"  item a { pay 2020-01-01 - 5 DKK per month to home }
  item b { pay 5 DKK / true per month to home }
  item c { pay (true and 5 DKK) per month to home }
  item d { pay not 5 DKK per month to home }
  item e { pay -true per month to home }
  item f { pay true per month to home }
  item g { pay 100 DKK per month to home starts on 2020-01-01 + 3 days / 2 }
}
"#,
    ),
    (
        "one-off-and-withheld",
        r#"  item start_up { pay true to home once on start }
  item kit { pay 100 DKK to home once on start reimburse to home }
  supplement extra { pay 100 DKK per month to firm adjustable by kommune term 3 months review by kommune }
  obligation visits { by home and kommune every 1 month when missed withhold extra }
  termination { by kommune and home }
}
"#,
    ),
];

/// A clause library written for this test: the rules of a clause's own definition.
const CLAUSES: &str = "clause twice(a: duration, a: duration, b: hour) {
}

clause round() {
  use round()
}
";

/// The Danish input and its problems in Danish.
#[expect(
    clippy::expect_used,
    reason = "a corpus file that cannot be read is a broken test"
)]
fn in_danish(relative: &str) -> String {
    let english = std::fs::read_to_string(relative).expect("read a corpus file");
    shown_in_danish(relative, &english)
}

/// `english` put in Danish, checked as the file `relative`, and its problems in Danish.
#[expect(
    clippy::expect_used,
    reason = "a case that cannot be put in Danish is a broken test"
)]
fn shown_in_danish(relative: &str, english: &str) -> String {
    let danish = cvl_fmt::translate(cvl_syntax::FileId(0), english, Language::Danish)
        .expect("the corpus file can be put in Danish");
    let mut sources = Sources::new();
    let root = sources.add(Source::new(relative, danish.clone()).with_path(Path::new(relative)));
    let parsed = parse_source(root, sources.get(root).expect("the file just added"));
    let checked = cvl_check::check(
        &mut sources,
        root,
        &parsed.file,
        &mut FsLoader::new(libs(english)),
    );
    let mut problems = parsed.problems;
    problems.merge(checked.problems);
    let mut shown = format!("--- input\n{danish}--- problems\n");
    for diagnostic in problems.into_sorted() {
        let d = diagnostic.in_language(Lang::Da);
        shown.push_str(&format!(
            "[{}] {}: {}\n",
            d.code,
            place(&sources, root, d.span),
            d.message
        ));
        if !d.label.is_empty() {
            shown.push_str(&format!("  label: {}\n", d.label));
        }
        for label in &d.secondary {
            shown.push_str(&format!(
                "  {}: {}\n",
                place(&sources, root, label.span),
                label.message
            ));
        }
        if let Some(help) = &d.help {
            shown.push_str(&format!("  help: {help}\n"));
        }
    }
    shown
}

#[test]
fn the_checkers_problems_in_danish() {
    for relative in FILES {
        let name = Path::new(relative)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        insta::with_settings!({
            description => format!("{relative} in Danish"),
            omit_expression => true,
            snapshot_suffix => name,
        }, {
            insta::assert_snapshot!(in_danish(relative));
        });
    }
}

#[test]
fn more_of_the_checkers_problems_in_danish() {
    let mut cases: Vec<(String, String)> = CASES
        .iter()
        .map(|(name, body)| ((*name).to_string(), format!("{PARTIES}{body}")))
        .collect();
    cases.push(("clauses".to_string(), CLAUSES.to_string()));
    for (name, english) in cases {
        insta::with_settings!({
            description => format!("{name}, put in Danish"),
            omit_expression => true,
            snapshot_suffix => name.clone(),
        }, {
            insta::assert_snapshot!(shown_in_danish(&format!("{name}.cvl"), &english));
        });
    }
}
