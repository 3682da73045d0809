//! spec.md against the code it describes.
//!
//! The specification quotes things that also live in code: the pest grammar, the reserved words, the diagnostic
//! codes with their severities and titles, and the reference example. These tests fail when the two drift apart,
//! so that a change to the language changes spec.md in the same commit. They also hold each code's explanation
//! (`lang/syntax/explain/CODE.md`, printed by `cvl explain`) to its shape: a title line, an example that shows
//! the problem and a fix that is clean.
//!
//! Whole files are quoted in spec.md after a marker line `<!-- quote: PATH -->` (PATH from the workspace root),
//! in the fenced block that follows it. When a quoted file changes, run the tests with `CVL_BLESS_SPEC=1` to copy
//! it into spec.md again, and review the difference.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::PathBuf;

use cvl_syntax::lexer::KEYWORDS;
use cvl_syntax::{Code, FileId, Source, parse_source};

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

/// The contents of every ```cvl block of an explanation, in order.
fn cvl_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    for line in text.lines() {
        match &mut current {
            None if line == "```cvl" => current = Some(Vec::new()),
            None => {}
            Some(lines) if line == "```" => {
                blocks.push(format!("{}\n", lines.join("\n")));
                current = None;
            }
            Some(lines) => lines.push(line),
        }
    }
    assert!(current.is_none(), "an unclosed ``` block");
    blocks
}

fn codes_of(text: &str) -> Vec<Code> {
    let source = Source::new("example.cvl", text);
    parse_source(FileId(0), &source)
        .problems
        .into_sorted()
        .iter()
        .map(|d| d.code)
        .collect()
}

/// Codes whose problem cannot be shown in a ```cvl block: a text in a Markdown file is UTF-8, and 257 levels of
/// nesting are no example. Their explanations show a shortened picture instead.
const NOT_REPRODUCIBLE: &[Code] = &[Code::E0008, Code::E0009];

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
        let blocks = cvl_blocks(text);
        assert!(
            blocks.len() >= 2,
            "explain/{code}.md needs an example and its fix in ```cvl blocks"
        );
        let (first, last) = (&blocks[0], &blocks[blocks.len() - 1]);
        if !NOT_REPRODUCIBLE.contains(code) {
            assert!(
                codes_of(first).contains(code),
                "the first example of explain/{code}.md does not report {code}: {:?}\n{first}",
                codes_of(first)
            );
        }
        assert_eq!(
            codes_of(last),
            vec![],
            "the fix in explain/{code}.md is not clean:\n{last}"
        );
    }
}
