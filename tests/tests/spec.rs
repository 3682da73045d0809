//! spec.md against the code it describes.
//!
//! The specification quotes things that also live in code: the pest grammar, the reserved words, the diagnostic
//! codes with their severities and titles, the reference example and the care module, and (in section 5.5, here
//! transcribed rule by rule) the table of what each operator accepts. These tests fail when the two drift apart,
//! so that a change to the language changes spec.md in the same commit. They also hold each code's explanation
//! (`lang/syntax/explain/CODE.md`, printed by `cvl explain`) to its shape: a title line, an example for which
//! `cvl check` reports that code, and a fix for which it reports nothing at all. Both run through the whole of
//! `cvl check` (parser, checker, the bundled stdlib), so every example is a complete file: a contract with its
//! case, parties, signatures, start and payment, or a module of clauses.
//!
//! Whole files are quoted in spec.md after a marker line `<!-- quote: PATH -->` (PATH from the workspace root),
//! in the fenced block that follows it. When a quoted file changes, run the tests with `CVL_BLESS_SPEC=1` to copy
//! it into spec.md again, and review the difference.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::PathBuf;

use cvl_syntax::Code;
use cvl_syntax::lexer::KEYWORDS;

fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// The text of a file, by its path from the workspace root.
fn read(relative: &str) -> String {
    let path = root().join(relative);
    let text = std::fs::read_to_string(&path);
    assert!(text.is_ok(), "cannot read {}: {text:?}", path.display());
    text.unwrap_or_default()
}

fn spec() -> String {
    read("spec.md")
}

/// The lines of the first block that opens with the line `open` after the first heading that contains `heading`,
/// up to the line "```"; `None` if there is no such heading or block.
fn fenced_after(text: &str, heading: &str, open: &str) -> Option<String> {
    let mut lines = text
        .lines()
        .skip_while(|line| !(line.starts_with('#') && line.contains(heading)));
    lines.find(|line| *line == open)?;
    Some(
        lines
            .take_while(|line| *line != "```")
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

#[test]
fn spec_contains_the_grammar_verbatim() {
    let grammar = read("lang/syntax/src/grammar.pest");
    let spec = spec();
    assert!(
        spec.contains(&format!("```pest\n{grammar}```\n")),
        "spec.md must contain lang/syntax/src/grammar.pest byte for byte in a ```pest block: run \
         `CVL_BLESS_SPEC=1 cargo test -p cvl-tests --test spec` to copy it again"
    );
}

const MARKER: &str = "<!-- quote: ";

/// Every quoted file: its path, and the byte range in `spec` of the fenced block's contents (each line with its
/// line feed) after the marker `<!-- quote: PATH -->`.
fn quotes(spec: &str) -> Vec<(String, Range<usize>)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = spec.get(from..).and_then(|rest| rest.find(MARKER)) {
        let marker = from + at;
        let Some(rest) = spec.get(marker + MARKER.len()..) else {
            break;
        };
        let (Some(path_len), Some(line_len)) = (rest.find(" -->"), rest.find('\n')) else {
            break;
        };
        let path = rest.get(..path_len).unwrap_or_default().to_string();
        // The fence line follows the marker line; the contents start after it and end before the closing fence.
        let fence = marker + MARKER.len() + line_len + 1;
        let Some(start) = spec
            .get(fence..)
            .filter(|text| text.starts_with("```"))
            .and_then(|text| text.find('\n'))
            .map(|n| fence + n + 1)
        else {
            break;
        };
        let end = if spec
            .get(start..)
            .is_some_and(|text| text.starts_with("```"))
        {
            start
        } else {
            match spec.get(start..).and_then(|text| text.find("\n```\n")) {
                Some(n) => start + n + 1,
                None => break,
            }
        };
        found.push((path, start..end));
        from = end;
    }
    found
}

#[test]
fn spec_quotes_the_grammar_the_reference_example_and_the_care_module_verbatim() {
    let mut spec = spec();
    let quotes = quotes(&spec);
    for required in [
        "lang/syntax/src/grammar.pest",
        "examples/placement/placement.cvl",
        "stdlib/care.cvl",
    ] {
        assert!(
            quotes.iter().any(|(path, _)| path == required),
            "spec.md does not quote {required} (a line `{MARKER}{required} -->` before a fenced block)"
        );
    }
    let bless = std::env::var_os("CVL_BLESS_SPEC").is_some();
    let mut stale = Vec::new();
    // From the end, so that replacing one block leaves the ranges before it valid.
    for (path, range) in quotes.iter().rev() {
        let text = read(path);
        if spec[range.clone()] != text {
            stale.push(path.clone());
            spec.replace_range(range.clone(), &text);
        }
    }
    if bless && !stale.is_empty() {
        std::fs::write(root().join("spec.md"), &spec).unwrap();
        return;
    }
    assert!(
        stale.is_empty(),
        "spec.md's quotes of {stale:?} are out of date: run \
         `CVL_BLESS_SPEC=1 cargo test -p cvl-tests --test spec` to copy them again, and review the change"
    );
}

#[test]
fn spec_lists_exactly_the_reserved_keywords_in_order() {
    let block = fenced_after(&spec(), "Keywords", "```text")
        .expect("spec.md has a heading `Keywords` followed by a ```text block");
    let listed: Vec<&str> = block.split_whitespace().collect();
    let keywords: Vec<&str> = KEYWORDS.iter().map(|(word, _)| *word).collect();
    assert_eq!(
        listed, keywords,
        "the keyword list in spec.md section 2.5 must be lexer.rs KEYWORDS"
    );
}

/// The rows of the diagnostics table: `| E0004 | error | unexpected token | … |`, as (code, severity, title).
fn table_rows(spec: &str) -> Vec<(String, String, String)> {
    spec.lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            // A table line starts with `|`, so the first cell is empty.
            match cells.as_slice() {
                ["", code, severity, title, ..]
                    if code.len() == 5
                        && (code.starts_with('E') || code.starts_with('W'))
                        && code.bytes().skip(1).all(|b| b.is_ascii_digit()) =>
                {
                    Some((code.to_string(), severity.to_string(), title.to_string()))
                }
                _ => None,
            }
        })
        .collect()
}

#[test]
fn spec_tables_every_code_with_its_severity_and_title() {
    let spec = spec();
    let rows = table_rows(&spec);
    for code in Code::ALL {
        assert!(
            spec.contains(&format!("| {code} |")),
            "spec.md's diagnostics table has no row `| {code} |`"
        );
        let row = rows
            .iter()
            .find(|(c, _, _)| c == code.as_str())
            .unwrap_or_else(|| panic!("no table row for {code}"));
        assert_eq!(
            row.1,
            code.severity().as_str(),
            "severity of {code} in spec.md"
        );
        assert_eq!(row.2, code.title(), "title of {code} in spec.md");
    }
    let known: BTreeSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    for (code, _, _) in &rows {
        assert!(
            known.contains(code.as_str()),
            "spec.md tables {code}, which is not a code"
        );
    }
    let distinct: BTreeSet<&str> = rows.iter().map(|(c, _, _)| c.as_str()).collect();
    assert_eq!(
        distinct.len(),
        rows.len(),
        "a code has two rows in spec.md's table"
    );
}

/// A ```cvl block of an explanation. A block whose fence line names a file (```` ```cvl terms/transport.cvl ````)
/// is not an example itself but a file that the next example imports, written next to it under that name.
struct Block {
    file: Option<String>,
    text: String,
}

/// Every ```cvl block of an explanation, in order.
fn cvl_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Option<(Option<String>, Vec<&str>)> = None;
    for line in text.lines() {
        match &mut current {
            None => {
                if let Some(info) = line.strip_prefix("```cvl") {
                    let file = Some(info.trim()).filter(|f| !f.is_empty());
                    current = Some((file.map(str::to_string), Vec::new()));
                }
            }
            Some((file, lines)) if line == "```" => {
                blocks.push(Block {
                    file: file.take(),
                    text: format!("{}\n", lines.join("\n")),
                });
                current = None;
            }
            Some((_, lines)) => lines.push(line),
        }
    }
    assert!(current.is_none(), "an unclosed ``` block");
    blocks
}

/// An example of an explanation: the text of the file that is checked, and the files it imports.
struct Example {
    files: Vec<(String, String)>,
    text: String,
}

/// The examples of an explanation, each with the named blocks that come before it (and after the example before).
fn examples(text: &str) -> Vec<Example> {
    let mut found = Vec::new();
    let mut files = Vec::new();
    for block in cvl_blocks(text) {
        match block.file {
            Some(name) => files.push((name, block.text)),
            None => found.push(Example {
                files: std::mem::take(&mut files),
                text: block.text,
            }),
        }
    }
    found
}

/// What `cvl check --format json` reports for `example`, written as `contract.cvl` in a directory of its own with
/// the files it imports, as `CODE message` lines (or what went wrong in running it).
fn check(dir_name: &str, example: &Example) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!("cvl-spec-{}-{dir_name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut written = std::fs::create_dir_all(&dir);
    for (name, text) in &example.files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            written = written.and_then(|()| std::fs::create_dir_all(parent));
        }
        written = written.and_then(|()| std::fs::write(&path, text));
    }
    let path = dir.join("contract.cvl");
    written = written.and_then(|()| std::fs::write(&path, &example.text));
    if let Err(error) = written {
        return vec![format!(
            "cannot write the example to {}: {error}",
            dir.display()
        )];
    }
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let args = [
        "cvl".into(),
        "check".into(),
        "--format".into(),
        "json".into(),
        path.into_os_string(),
    ];
    cvl_cli::run(args, &mut out, &mut err);
    let _ = std::fs::remove_dir_all(&dir);
    let mut found: Vec<String> = match serde_json::from_slice::<serde_json::Value>(&out) {
        Ok(serde_json::Value::Array(diagnostics)) => diagnostics
            .iter()
            .map(|d| {
                let field = |name: &str| d.get(name).and_then(|v| v.as_str()).unwrap_or_default();
                format!("{} {}", field("code"), field("message"))
            })
            .collect(),
        _ => vec![format!(
            "not a JSON array: {}",
            String::from_utf8_lossy(&out)
        )],
    };
    if !err.is_empty() {
        found.push(format!("stderr: {}", String::from_utf8_lossy(&err)));
    }
    found
}

/// Codes whose problem cannot be shown in a ```cvl block: a text in a Markdown file is UTF-8, and 257 levels of
/// nesting or 101 problems are no example. Their explanations show a shortened picture instead.
const NOT_REPRODUCIBLE: &[Code] = &[Code::E0008, Code::E0009, Code::E0043];

#[test]
fn every_explanation_has_a_title_an_example_and_a_clean_fix() {
    for code in Code::ALL {
        let text = code.explanation();
        let title = format!("# {code}: {}", code.title());
        assert_eq!(
            text.lines().next(),
            Some(title.as_str()),
            "explain/{code}.md must start with `{title}`"
        );
        let examples = examples(text);
        assert!(
            examples.len() >= 2,
            "explain/{code}.md needs an example and its fix in ```cvl blocks"
        );
        let (first, last) = (&examples[0], &examples[examples.len() - 1]);
        if !NOT_REPRODUCIBLE.contains(code) {
            let found = check(&format!("{code}-example"), first);
            assert!(
                found.iter().any(|d| d.starts_with(&format!("{code} "))),
                "`cvl check` does not report {code} for the first example of explain/{code}.md: {found:#?}\n{}",
                first.text
            );
        }
        let found = check(&format!("{code}-fix"), last);
        assert!(
            found.is_empty(),
            "the fix in explain/{code}.md does not check clean: {found:#?}\n{}",
            last.text
        );
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The operator table of spec.md section 5.5, transcribed rule by rule, against the checker's.

mod operators {
    use cvl_check::types::{self, Calendar, Per, Type};
    use cvl_syntax::ast::BinaryOp;

    const OPS: &[BinaryOp] = &[
        BinaryOp::Or,
        BinaryOp::And,
        BinaryOp::Eq,
        BinaryOp::NotEq,
        BinaryOp::Lt,
        BinaryOp::LtEq,
        BinaryOp::Gt,
        BinaryOp::GtEq,
        BinaryOp::Add,
        BinaryOp::Sub,
        BinaryOp::Mul,
        BinaryOp::Div,
    ];

    const PERS: &[Per] = &[Per::Hour, Per::Day, Per::Week, Per::Month, Per::Year];

    fn money(currency: &str) -> Type {
        Type::Money(currency.to_string())
    }

    fn rate(of: Type, per: Per) -> Type {
        Type::Rate(Box::new(of), per)
    }

    /// A spread of types: every kind, two currencies, both calendars, rates of each kind per each unit.
    fn types() -> Vec<Type> {
        let mut all = vec![
            money("DKK"),
            money("EUR"),
            Type::Duration(Calendar::Days),
            Type::Duration(Calendar::Months),
            Type::Date,
            Type::Hours,
            Type::Count,
            Type::Bool,
            Type::Text,
            Type::Party,
            Type::Weekday,
            Type::Error,
        ];
        for per in PERS {
            for of in [money("DKK"), money("EUR"), Type::Hours, Type::Count] {
                all.push(rate(of, *per));
            }
        }
        all
    }

    /// "An amount here is money, a duration, hours, a number or a rate."
    fn amount(t: &Type) -> bool {
        matches!(
            t,
            Type::Money(_) | Type::Duration(_) | Type::Hours | Type::Count | Type::Rate(..)
        )
    }

    /// What a rate per `per` is multiplied by: hours, a duration in days, or a duration in months.
    fn measured_by(per: Per, t: &Type) -> bool {
        match per {
            Per::Hour => *t == Type::Hours,
            Per::Day | Per::Week => *t == Type::Duration(Calendar::Days),
            Per::Month | Per::Year => *t == Type::Duration(Calendar::Months),
        }
    }

    /// spec.md 5.5, row by row.
    fn spec_binary(op: BinaryOp, a: &Type, b: &Type) -> Option<Type> {
        use Type::*;
        let same_amount = a == b && amount(a);
        let truth = |ok: bool| ok.then_some(Bool);
        if a.is_error() || b.is_error() {
            return Some(match op {
                BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div => Error,
                _ => Bool,
            });
        }
        match op {
            BinaryOp::Add => match (a, b) {
                _ if same_amount => Some(a.clone()),
                (Date, Duration(_)) | (Duration(_), Date) => Some(Date),
                _ => None,
            },
            BinaryOp::Sub => match (a, b) {
                _ if same_amount => Some(a.clone()),
                (Date, Duration(_)) => Some(Date),
                (Date, Date) => Some(Duration(Calendar::Days)),
                _ => None,
            },
            BinaryOp::Mul => match (a, b) {
                (x, Count) | (Count, x) if amount(x) => Some(x.clone()),
                (Rate(of, per), q) | (q, Rate(of, per)) if measured_by(*per, q) => {
                    Some(of.as_ref().clone())
                }
                _ => None,
            },
            BinaryOp::Div => match (a, b) {
                (x, Count) if amount(x) => Some(x.clone()),
                _ if same_amount && *a != Count => Some(Count),
                (Money(_), Duration(Calendar::Months)) => Some(rate(a.clone(), Per::Month)),
                (Money(_), Duration(Calendar::Days)) => Some(rate(a.clone(), Per::Day)),
                (Money(_), Hours) => Some(rate(a.clone(), Per::Hour)),
                _ => None,
            },
            BinaryOp::Eq | BinaryOp::NotEq => truth(a == b),
            BinaryOp::Lt | BinaryOp::LtEq | BinaryOp::Gt | BinaryOp::GtEq => {
                truth(same_amount || (*a == Date && *b == Date))
            }
            BinaryOp::And | BinaryOp::Or => truth(*a == Bool && *b == Bool),
        }
    }

    #[test]
    fn spec_md_states_what_each_operator_accepts_and_gives() {
        let all = types();
        for op in OPS {
            for a in &all {
                for b in &all {
                    assert_eq!(
                        types::binary(*op, a, b),
                        spec_binary(*op, a, b),
                        "`{a} {} {b}`: spec.md section 5.5 and types::binary disagree",
                        op.symbol()
                    );
                }
            }
        }
        for a in &all {
            let spec_negate = if a.is_error() || amount(a) {
                Some(a.clone())
            } else {
                None
            };
            assert_eq!(types::negate(a), spec_negate, "`-{a}` in spec.md 5.5");
            for per in PERS {
                let spec_per = match a {
                    Type::Error => Some(Type::Error),
                    Type::Money(_) | Type::Hours | Type::Count => Some(rate(a.clone(), *per)),
                    _ => None,
                };
                assert_eq!(
                    types::per(a, *per),
                    spec_per,
                    "`{a} per {}` in spec.md 5.5",
                    per.word()
                );
            }
        }
    }
}
