//! The grammar agreement test: the pest grammar and the hand-written parser accept and reject the same texts.
//!
//! pest is the executable spec and the hand-written parser the product (STYLE.md, principle 5). Three tests keep
//! them in that relation: both run over every `.cvl` file in `examples/`, `stdlib/` and `tests/` and must agree
//! on each; a table of short snippets pins both the agreement and the expected verdict, so that a change that
//! makes both parsers wrong in the same way still fails; random sentences of the grammar and small mutations of
//! them must get the same verdict from both; and every example and stdlib file must parse with no diagnostic at
//! all, since those are the files people copy.

use std::path::{Path, PathBuf};

use cvl_syntax::{FileId, Source};
use cvl_tests::generate::{Rng, mutate, render, sentence};
use cvl_tests::{corpus_files, grammar_errors, parser_accepts, pest_accepts, workspace_root};

/// pest's generated parser recurses once per rule; a few hundred nested parentheses need more than a test
/// thread's default stack in a debug build, so the comparisons run on a thread with room to spare.
#[expect(
    clippy::expect_used,
    reason = "a thread that cannot start, or whose parse panicked, fails the test"
)]
fn with_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(64 * 1024 * 1024)
        .spawn(f)
        .expect("spawn a thread for the parsers")
        .join()
        .expect("the parsers' thread panicked")
}

fn verdict(accepts: bool) -> &'static str {
    if accepts { "accepts" } else { "rejects" }
}

/// Every CVL file the agreement test runs over: examples, the stdlib, and all test inputs.
fn every_cvl_file() -> Vec<PathBuf> {
    let root = workspace_root();
    let mut files = Vec::new();
    for dir in ["examples", "stdlib", "tests"] {
        files.extend(corpus_files(root.join(dir)));
    }
    files
}

fn relative(path: &Path) -> String {
    let root = workspace_root();
    path.strip_prefix(&root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

#[test]
fn pest_and_the_parser_agree_on_every_file() {
    let files = every_cvl_file();
    assert!(
        files.len() >= 30,
        "found only {} .cvl files; is the corpus missing?",
        files.len()
    );
    let report = with_big_stack(move || {
        let mut disagreements = Vec::new();
        let mut compared = 0;
        for path in files {
            let bytes = std::fs::read(&path).expect("read a corpus file");
            // pest reads &str: a file that is not UTF-8 is the parser's alone to reject (E0009).
            let Ok(text) = String::from_utf8(bytes) else {
                continue;
            };
            compared += 1;
            let pest = pest_accepts(&text);
            let parser = parser_accepts(&text);
            if pest != parser {
                disagreements.push(format!(
                    "{}: pest {}, the parser {} (grammar errors: {:?})",
                    relative(&path),
                    verdict(pest),
                    verdict(parser),
                    grammar_errors(&text),
                ));
            }
        }
        (compared, disagreements)
    });
    let (compared, disagreements) = report;
    assert!(compared >= 30, "compared only {compared} files");
    assert!(
        disagreements.is_empty(),
        "pest and the parser disagree on {} file(s):\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}

/// Snippets that are whole files.
const FILES: &[(&str, bool)] = &[
    ("", true),
    ("// only a comment", true),
    ("\u{FEFF}contract c { }", true),
    ("contract c { } contract d \"D\" { }", true),
    ("import care", true),
    ("import care.status_report", true),
    ("import care . status_report", true),
    ("import \"local/terms.cvl\"", true),
    ("import", false),
    ("import care.", false),
    ("import 5", false),
    ("contract { }", false),
    ("contract \"c\" { }", false),
    ("contract c", false),
    ("contract c { ", false),
    ("contract c { } }", false),
    ("contract c \"a\" \"b\" { }", false),
    ("contract pay { }", false),
    ("contract contracts { }", true),
    ("contract _c { }", true),
    ("contract østervold { }", true),
    ("contract 9c { }", false),
    ("case \"ANB-2019-0042\"", false),
    ("clause c() { }", true),
    ("clause c(p: party) \"title\" { }", true),
    ("clause c(p: party, d: duration,) { }", true),
    ("clause c { }", false),
    ("clause c(,) { }", false),
    ("clause c(p) { }", false),
    ("clause c(p: party d: duration) { }", false),
    ("clause c(party: party) { }", false),
    ("clause c(p: item) { }", false),
    ("clause c(p: party,,) { }", false),
    ("clause c() \"t\" ", false),
    ("contract c { } @", false),
    (
        "contract c { } // trailing comment without a line break",
        true,
    ),
    ("contract c { case \"a\" } /* no block comments */", false),
];

/// Snippets that are the body of a contract: each is checked as `contract c {`, a line break, the snippet, a
/// line break and `}`, so that a comment at the end of a snippet does not swallow the closing brace.
const STATEMENTS: &[(&str, bool)] = &[
    // Every statement form, once.
    ("case \"ANB-2019-0042\"", true),
    ("role payer", true),
    ("key \"ed25519:abc\"", true),
    ("signed by a", true),
    ("signed by a, b and c", true),
    ("starts on 2019-01-15", true),
    ("starts when agreed", true),
    ("ends on 2019-01-15", true),
    ("ends after 12 months", true),
    ("ends when home", true),
    ("pay 60_000 DKK per month to ostervold", true),
    ("for the first 3 months", true),
    ("adjustable by municipality", true),
    ("term 3 months", true),
    ("review by municipality", true),
    ("by firm", true),
    ("every 2 weeks", true),
    ("every 2 weeks on sunday", true),
    ("lasting 4 hours", true),
    ("grace 14 days", true),
    ("when missed withhold", true),
    ("when missed flag", true),
    ("cap 10 hours per month", true),
    ("confirmed by citizen", true),
    ("notice 1 month", true),
    ("paid monthly", true),
    ("paid monthly in arrears", true),
    ("use care.status_report", true),
    ("use care.status_report()", true),
    (
        "use care.status_report(provider: ostervold, interval: 3 months,)",
        true,
    ),
    (
        "party p { } item i \"I\" { } supplement s { } obligation o { }",
        true,
    ),
    ("termination { } termination \"T\" { }", true),
    // Keywords are reserved.
    ("party pay { }", false),
    ("party party { }", false),
    ("item term { }", false),
    ("item per { }", false),
    ("party notice { }", false),
    ("party termination { }", false),
    ("cap notice", false),
    ("cap termination", false),
    ("role in", false),
    ("role input", true),
    ("role items", true),
    ("role paying", true),
    ("role notices", true),
    ("role terms", true),
    ("role DKK", true),
    ("role months", true),
    // Numbers, dates and units written as Danish or English text writes them: both refuse them.
    ("pay 22,500 DKK per month to ostervold", false),
    ("pay 1.234.567 DKK per month to ostervold", false),
    ("pay 5. DKK per month to ostervold", false),
    ("pay 60_000 DKK pr. month to ostervold", false),
    ("pay 60_000 kr. per month to ostervold", false),
    ("starts on 01.03.2024", false),
    ("starts on 1. marts 2024", false),
    ("starts on March 1, 2024", false),
    ("starts on 01-03-2024", true),
    ("use care.x(a: 1,b: 2)", true),
    // Statements missing a piece.
    ("pay 5 DKK per month ostervold", false),
    ("pay to ostervold", false),
    ("pay 5 DKK to", false),
    ("signed a", false),
    ("signed by", false),
    ("signed by a,", false),
    ("signed by a and", false),
    ("signed by a or b", false),
    ("starts 2019-01-15", false),
    ("starts when 2019-01-15", false),
    ("ends before 2019-01-15", false),
    ("for first 3 months", false),
    ("every 2 weeks on", false),
    ("every 2 weeks on 5", false),
    ("when missed", false),
    ("when missed pay", false),
    ("when late withhold", false),
    ("paid weekly", false),
    ("paid monthly in", false),
    ("case ANB", false),
    ("role \"payer\"", false),
    ("termination t { }", false),
    ("party { }", false),
    ("party p", false),
    ("use", false),
    ("use care.", false),
    ("use care.status_report(1)", false),
    ("use care.status_report(provider ostervold)", false),
    ("use care.status_report(provider: ostervold,,)", false),
    ("use care.status_report(,)", false),
    ("import care", false),
    ("contract d { }", false),
    ("clause d() { }", false),
    ("}", false),
    ("{ }", false),
    // A statement keyword where an expression belongs.
    ("term every", false),
    ("starts on pay", false),
    ("cap role", false),
    // Expressions.
    ("term a < b", true),
    ("term a < b < c", false),
    ("term a == b != c", false),
    ("term (a < b) < c", true),
    ("term a < (b < c)", true),
    ("term a < b and b < c", true),
    ("term not a < b", true),
    ("term not not a", true),
    ("term a == not b", false),
    ("term - not a", false),
    ("term (not a)", true),
    ("term a and or b", false),
    ("term a or b and not c", true),
    ("term - - 5", true),
    ("term --5", true),
    ("term -5 DKK per month", true),
    ("term 1 + 2 * 3 - 4 / 5", true),
    ("term 1 +", false),
    ("term * 2", false),
    ("term 1 ** 2", false),
    ("term ((((1))))", true),
    ("term ((1)", false),
    ("term (1))", false),
    ("term ()", false),
    ("term true", true),
    ("term false == true", true),
    ("term \"text\"", true),
    ("term \"text\" DKK", false),
    ("term true DKK", false),
    // Numbers and units.
    ("term 5", true),
    ("term 5 DKK", true),
    ("term 5 EUR", true),
    ("term 5 DKKK", false),
    ("term 5 Dkk", false),
    ("term 5 dkk", false),
    ("term 5 fortnights", false),
    ("term 5 DKK DKK", false),
    ("term 5DKK", true),
    ("term 3months", true),
    (
        "term 1 day + 2 days + 1 week + 2 weeks + 1 month + 1 year + 2 years + 1 hour + 2 hours",
        true,
    ),
    ("term 5 dayss", false),
    ("term 5 DKK per month", true),
    ("term 5 DKK per month per hour", true),
    ("term 5 per month", true),
    ("term (5 DKK) per month", true),
    ("term 5 DKK per", false),
    ("term 5 DKK per fortnight", false),
    ("term 5 DKK per x", false),
    ("term 5 DKK per 2 months", false),
    ("term 5 DKK per -month", false),
    ("term per month", false),
    ("term (5) DKK", false),
    ("term x DKK", false),
    ("term 60_000", true),
    ("term 60_000.50", true),
    ("term 5_", true),
    ("term 1__0", true),
    ("term 0.25", true),
    ("term .5", false),
    ("term 5.", false),
    ("term 1.5.3", false),
    ("term 1.5_0", false),
    ("term 3.months", false),
    ("term 5e3", false),
    ("term 0x10", false),
    // Dates.
    ("starts on 2019-01-15", true),
    ("starts on 2019-01-15 + 3 months", true),
    ("starts on 2019-1-15", true),
    ("starts on 2019-01-150", false),
    ("starts on 2019-01-15 DKK", false),
    ("starts on 2019-01-15 per month", true),
    ("starts on 2019-02-30", true),
    ("starts on 2019-13-01", true),
    // Trailing commas and separators.
    ("signed by a, b,", false),
    ("signed by a b", false),
    ("use c.d(a: 1 b: 2)", false),
    ("use c.d(a: 1, b: 2)", true),
    ("use c.d(a: 1, b: 2,)", true),
    // Strings.
    ("case \"with \\\" \\\\ \\n \\t escapes\"", true),
    ("case \"a // not a comment\"", true),
    ("case \"\"", true),
    ("case \"bad \\q escape\"", false),
    ("case \"bad \\u{41} escape\"", false),
    ("case \"unterminated", false),
    ("case \"line\nbreak\"", false),
    ("case \"Østervold ✓\"", true),
    // Comments and white space in odd places.
    (
        "pay // a\n 5 // b\n DKK // c\n per // d\n month // e\n to // f\n x",
        true,
    ),
    (
        "use care // a\n . // b\n status_report // c\n ( // d\n p // e\n : // f\n 1 // g\n )",
        true,
    ),
    ("term 1 / / 2", false),
    ("term 1 // 2", true),
    ("term 1 /// 2", true),
    ("term 1\t+\r\n2", true),
    ("term 1 // a\r\n+ 2", true),
    ("term 1 +\r\r\n2", false),
    ("term 1 // a\r+ 2", false),
    ("case \"a\rb\"", false),
    ("term 1 +\u{85}2", false),
    ("term 1 // a\u{2028}+ 2", false),
    ("case \"a\u{2029}b\"", false),
    ("term 1 + 2 // a\u{202E}b", false),
    ("case \"a\u{2066}b\u{2069}\"", false),
    ("term 1 \u{200F}+ 2", false),
    ("term 1 + 2 // \u{61C}", false),
    ("term 1 \u{FEFF}+ 2", true),
    ("term 1 \u{A0}+ 2", false),
    ("term a @ b", false),
    ("term a # b", false),
    ("term a ; b", false),
    ("term a = b", false),
    ("term a ! b", false),
    ("term a & b", false),
];

#[test]
fn snippets_get_the_expected_verdict_from_both_parsers() {
    let cases: Vec<(String, bool)> = FILES
        .iter()
        .map(|&(text, ok)| (text.to_string(), ok))
        .chain(
            STATEMENTS
                .iter()
                .map(|&(text, ok)| (format!("contract c {{\n{text}\n}}"), ok)),
        )
        .collect();
    let count = cases.len();
    let failures = with_big_stack(move || {
        let mut failures = Vec::new();
        for (text, expected) in cases {
            let pest = pest_accepts(&text);
            let parser = parser_accepts(&text);
            if pest != expected || parser != expected {
                failures.push(format!(
                    "{text:?}: expected the grammar to {}, pest {}, the parser {} (grammar errors: {:?})",
                    if expected { "accept" } else { "reject" },
                    verdict(pest),
                    verdict(parser),
                    grammar_errors(&text),
                ));
            }
        }
        failures
    });
    assert!(count > 200, "the table shrank to {count} snippets");
    assert!(
        failures.is_empty(),
        "{} of {count} snippets got a wrong verdict:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn random_sentences_parse_cleanly_and_their_mutations_get_one_verdict() {
    let failures = with_big_stack(|| {
        let mut failures = Vec::new();
        let mut rejected_mutants = 0;
        for seed in 0..2_000u64 {
            let mut rng = Rng::new(seed);
            let mut tokens = sentence(&mut rng);
            let text = render(&mut rng, &tokens);
            let parsed = cvl_syntax::parse(FileId(0), &text);
            let bad = cvl_tests::spans::bad_spans(&parsed.file, &text);
            if !bad.is_empty() {
                failures.push(format!("seed {seed}: bad spans {bad:?} in:\n{text}"));
            }
            if !pest_accepts(&text) || !parsed.problems.is_empty() {
                let codes: Vec<_> = parsed.problems.iter().map(|d| d.code).collect();
                failures.push(format!(
                    "seed {seed}: a sentence of the grammar, pest {}, the parser reports {codes:?}:\n{text}",
                    verdict(pest_accepts(&text)),
                ));
                continue;
            }
            for _ in 0..1 + rng.below(2) {
                mutate(&mut rng, &mut tokens);
            }
            let mutant = render(&mut rng, &tokens);
            let pest = pest_accepts(&mutant);
            let parser = parser_accepts(&mutant);
            rejected_mutants += usize::from(!pest);
            if pest != parser {
                failures.push(format!(
                    "seed {seed}: pest {}, the parser {} (grammar errors: {:?}):\n{mutant}",
                    verdict(pest),
                    verdict(parser),
                    grammar_errors(&mutant),
                ));
            }
        }
        // The mutations must reach both sides of the grammar's edge to test anything.
        assert!(
            rejected_mutants > 300,
            "only {rejected_mutants} mutants were rejected"
        );
        failures
    });
    assert!(
        failures.is_empty(),
        "{} generated texts went wrong; the first ones:\n{}",
        failures.len(),
        failures
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n---\n")
    );
}

#[test]
fn examples_and_stdlib_have_no_diagnostics() {
    let root = workspace_root();
    let mut files = corpus_files(root.join("examples"));
    let examples = files.len();
    files.extend(corpus_files(root.join("stdlib")));
    assert!(
        examples >= 2,
        "expected at least the placement and mentor examples"
    );
    assert!(
        files.len() >= examples + 2,
        "expected at least two stdlib files"
    );
    let mut dirty = Vec::new();
    for path in files {
        let bytes = std::fs::read(&path).expect("read an example");
        let source = Source::from_bytes(relative(&path), bytes);
        let parsed = cvl_syntax::parse_source(FileId(0), &source);
        for d in parsed.problems.into_sorted() {
            let at = source.line_col(d.span.start);
            dirty.push(format!(
                "{}:{}:{}: {} {}",
                source.name, at.line, at.column, d.code, d.message
            ));
        }
    }
    assert!(
        dirty.is_empty(),
        "examples and stdlib files must be clean:\n{}",
        dirty.join("\n")
    );
}

#[test]
fn the_mentor_example_pays_confirmed_hours_under_a_cap() {
    use cvl_syntax::ast::{DeclKind, ExprKind, StmtKind, TopItem, Unit};
    let root = workspace_root();
    let mentor = std::fs::read_to_string(root.join("examples/mentor/mentor.cvl"))
        .expect("read the mentor example");
    let parsed = cvl_syntax::parse(FileId(0), &mentor);
    let Some(TopItem::Contract(contract)) = parsed
        .file
        .items
        .iter()
        .find(|item| matches!(item, TopItem::Contract(_)))
    else {
        panic!("the mentor example has no contract");
    };
    let mut parties = Vec::new();
    let mut case = None;
    let mut hours = None;
    for stmt in &contract.body.stmts {
        match &stmt.kind {
            StmtKind::Decl(decl) if decl.kind == DeclKind::Party => {
                let name = decl.name.as_ref().map(|n| n.name.clone());
                let has =
                    |wanted: fn(&StmtKind) -> bool| decl.body.stmts.iter().any(|s| wanted(&s.kind));
                assert!(
                    has(|k| matches!(k, StmtKind::Role(_)))
                        && has(|k| matches!(k, StmtKind::Key(_))),
                    "party {name:?} needs a role and a key"
                );
                parties.extend(name);
            }
            StmtKind::Case(reference) => case = Some(reference.value.clone()),
            StmtKind::Use { clause, args }
                if clause
                    .segments
                    .last()
                    .is_some_and(|s| s.name == "confirmed_hours") =>
            {
                hours = Some(args.clone());
            }
            _ => {}
        }
    }
    assert_eq!(parties, ["municipality", "mentor_firm", "citizen"]);
    assert!(
        case.is_some_and(|c| !c.is_empty()),
        "a pseudonymous case reference"
    );
    let args = hours.expect("the contract uses employment.confirmed_hours");
    let arg = |name: &str| {
        args.iter()
            .find(|a| a.name.name == name)
            .map(|a| a.value.kind.clone())
            .unwrap_or(ExprKind::Error)
    };
    assert_eq!(arg("confirmer"), ExprKind::Name("citizen".into()));
    assert_eq!(arg("provider"), ExprKind::Name("mentor_firm".into()));
    let ExprKind::Quantity {
        value,
        unit: Some(unit),
    } = arg("monthly_cap")
    else {
        panic!("the monthly cap is a quantity with a unit");
    };
    assert_eq!((value.to_string().as_str(), unit.unit), ("10", Unit::Hour));
    let ExprKind::Quantity {
        unit: Some(unit), ..
    } = arg("rate")
    else {
        panic!("the rate is an amount");
    };
    assert_eq!(unit.unit, Unit::Currency("DKK".into()));
}

/// The grammar's keyword rules (`kw_WORD`) and its `keyword` rule name exactly the lexer's reserved words, so
/// that a word added to one and not the other is caught here rather than by a user.
#[test]
fn the_grammar_reserves_the_lexers_keywords() {
    let grammar = std::fs::read_to_string(workspace_root().join("lang/syntax/src/grammar.pest"))
        .expect("read grammar.pest");
    let rules: Vec<&str> = grammar
        .lines()
        .filter_map(|line| line.strip_prefix("kw_"))
        .filter_map(|rest| rest.split_whitespace().next())
        .collect();
    let keyword_rule = grammar
        .split("keyword = @{")
        .nth(1)
        .and_then(|rest| rest.split('}').next())
        .expect("the keyword rule");
    let reserved: Vec<&str> = keyword_rule
        .split('|')
        .filter_map(|alt| alt.trim().strip_prefix("kw_"))
        .collect();
    let lexer: Vec<&str> = cvl_syntax::lexer::KEYWORDS
        .iter()
        .map(|(w, _)| *w)
        .collect();
    assert_eq!(rules, lexer, "kw_ rules differ from the lexer's keywords");
    assert_eq!(
        reserved, lexer,
        "the keyword rule differs from the lexer's keywords"
    );
}
