//! The highlight query, without the tree-sitter CLI: the files in `test/highlight/` carry assertions in comments
//! (`// ^ keyword` under a line, `// <- keyword` for the column of the `//`), the format that `tree-sitter test`
//! reads, and this test checks them with the `tree-sitter-highlight` crate the same way: an assertion holds when the
//! innermost capture on one of the marked columns has that name. `.ci/run` runs `tree-sitter test` on the same files when
//! the CLI is installed.

use std::path::Path;

use tree_sitter_highlight::{Highlight, HighlightConfiguration, HighlightEvent, Highlighter};

/// One assertion: at `row`, some column in `columns`, a capture named `name` (or, if `negative`, none of that name).
struct Assertion {
    row: usize,
    columns: std::ops::RangeInclusive<usize>,
    name: String,
    negative: bool,
    line: usize,
}

/// The assertions in `text`, with the row of the code line each one points at.
fn assertions(text: &str) -> Vec<Assertion> {
    let mut found = Vec::new();
    let mut code_row = None;
    for (row, line) in text.lines().enumerate() {
        let Some(start) = line.find("//") else {
            code_row = Some(row);
            continue;
        };
        let rest = line.get(start + 2..).unwrap_or_default();
        let body = rest.trim_start();
        let (columns, after) = if let Some(after) = body.strip_prefix("<-") {
            (start..=start, after)
        } else if body.starts_with('^') {
            let carets = body.chars().take_while(|c| *c == '^').count();
            let first = start + 2 + (rest.len() - body.len());
            (
                first..=first + carets - 1,
                body.get(carets..).unwrap_or_default(),
            )
        } else {
            code_row = Some(row);
            continue;
        };
        let name = after.trim();
        let (negative, name) = match name.strip_prefix('!') {
            Some(name) => (true, name),
            None => (false, name),
        };
        if let Some(code_row) = code_row {
            found.push(Assertion {
                row: code_row,
                columns,
                name: name.to_string(),
                negative,
                line: row + 1,
            });
        }
    }
    found
}

/// Every capture's range as (row, first column, last column exclusive, capture name), lines split at `\n`.
fn highlights(
    config: &HighlightConfiguration,
    names: &[String],
    text: &str,
) -> Result<Vec<(usize, usize, usize, String)>, String> {
    let mut highlighter = Highlighter::new();
    let events = highlighter
        .highlight(config, text.as_bytes(), None, None, |_| None)
        .map_err(|e| format!("cannot highlight: {e}"))?;
    let mut stack: Vec<Highlight> = Vec::new();
    let mut found = Vec::new();
    for event in events {
        match event.map_err(|e| format!("cannot highlight: {e}"))? {
            HighlightEvent::HighlightStart(highlight) => stack.push(highlight),
            HighlightEvent::HighlightEnd => {
                stack.pop();
            }
            HighlightEvent::Source { start, end } => {
                // The innermost capture, as `tree-sitter test` takes it.
                if let Some(Highlight(index)) = stack.last() {
                    let name = names.get(*index).cloned().unwrap_or_default();
                    for (row, first, last) in rows(text, start, end) {
                        found.push((row, first, last, name.clone()));
                    }
                }
            }
        }
    }
    Ok(found)
}

/// The byte range `start..end` of `text` cut at line ends, as (row, first column, end column).
fn rows(text: &str, start: usize, end: usize) -> Vec<(usize, usize, usize)> {
    let before = text.get(..start).unwrap_or_default();
    let mut row = before.matches('\n').count();
    let mut column = start - before.rfind('\n').map_or(0, |at| at + 1);
    let mut found = Vec::new();
    for piece in text
        .get(start..end)
        .unwrap_or_default()
        .split_inclusive('\n')
    {
        let content = piece.trim_end_matches('\n');
        if !content.is_empty() {
            found.push((row, column, column + content.len()));
        }
        if piece.ends_with('\n') {
            row += 1;
            column = 0;
        } else {
            column += piece.len();
        }
    }
    found
}

fn config() -> Result<(HighlightConfiguration, Vec<String>), String> {
    let mut config = HighlightConfiguration::new(
        tree_sitter_cvl::LANGUAGE.into(),
        "cvl",
        tree_sitter_cvl::HIGHLIGHTS_QUERY,
        "",
        tree_sitter_cvl::LOCALS_QUERY,
    )
    .map_err(|e| format!("the highlight or locals query does not compile: {e}"))?;
    let names: Vec<String> = config.names().iter().map(ToString::to_string).collect();
    config.configure(&names);
    Ok((config, names))
}

#[test]
fn the_highlight_assertions_hold() -> Result<(), String> {
    let (config, names) = config()?;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test/highlight");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "cvl"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut kinds = std::collections::BTreeSet::new();
    for path in &files {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let spans = highlights(&config, &names, &text)?;
        for assertion in assertions(&text) {
            checked += 1;
            kinds.insert(assertion.name.clone());
            let holds = spans.iter().any(|(row, first, end, name)| {
                *row == assertion.row
                    && *first <= *assertion.columns.end()
                    && *end > *assertion.columns.start()
                    && *name == assertion.name
            });
            if holds == assertion.negative {
                let here: Vec<_> = spans
                    .iter()
                    .filter(|(row, first, end, _)| {
                        *row == assertion.row
                            && *first <= *assertion.columns.end()
                            && *end > *assertion.columns.start()
                    })
                    .map(|(_, _, _, name)| name.as_str())
                    .collect();
                failures.push(format!(
                    "{}:{}: expected {}{}, found {here:?}",
                    path.display(),
                    assertion.line,
                    if assertion.negative { "not " } else { "" },
                    assertion.name
                ));
            }
        }
    }
    assert!(checked >= 40, "only {checked} highlight assertions");
    // The kinds of text the issue names: keywords, units, amounts, dates, strings, comments, parties and items.
    for kind in [
        "keyword",
        "type.builtin",
        "number",
        "string.special",
        "string",
        "comment",
        "constant",
        "function",
    ] {
        assert!(kinds.contains(kind), "no assertion checks `{kind}`");
    }
    assert!(
        failures.is_empty(),
        "{} failed assertion(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
    Ok(())
}

#[test]
fn the_assertion_reader_reads_carets_and_arrows() {
    let found = assertions(
        "contract c {\n// <- keyword.type\n//         ^ punctuation.bracket\n//         ^ !string\n}\n",
    );
    let read: Vec<_> = found
        .iter()
        .map(|a| {
            (
                a.row,
                *a.columns.start(),
                *a.columns.end(),
                a.name.as_str(),
                a.negative,
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            (0, 0, 0, "keyword.type", false),
            (0, 11, 11, "punctuation.bracket", false),
            (0, 11, 11, "string", true)
        ]
    );
}
