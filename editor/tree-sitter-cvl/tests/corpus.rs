//! tree-sitter's corpus tests, `test/corpus/*.txt`, without the CLI: each test's input is parsed and its tree,
//! as an S-expression without field names, must be the expected one; a test marked `:error` must give a tree with
//! an ERROR or MISSING node. The file format and the normalisation are those of `tree-sitter test`, which runs the
//! same files in `.ci/run` when the CLI is installed (`check`); `tree-sitter test --update` rewrites the expected
//! trees after a change to the grammar.

use std::path::Path;

/// One test of a corpus file.
struct Example {
    name: String,
    error: bool,
    input: String,
    expected: String,
}

fn is_rule(line: &str, c: char) -> bool {
    let line = line.trim_end_matches(['\n', '\r']);
    line.len() >= 3 && line.chars().all(|x| x == c)
}

/// The tests of one corpus file: a header (a line of `=`, the name, attributes such as `:error`, a line of `=`),
/// the input, a line of `-`, the expected tree.
fn examples(text: &str) -> Vec<Example> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut headers = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        let opens = lines.get(at).is_some_and(|line| is_rule(line, '='));
        let closes = (at + 2..lines.len().min(at + 6))
            .find(|&j| lines.get(j).is_some_and(|line| is_rule(line, '=')));
        match (opens, closes) {
            (true, Some(close)) => {
                headers.push((at, close));
                at = close + 1;
            }
            _ => at += 1,
        }
    }
    let mut found = Vec::new();
    for (index, (open, close)) in headers.iter().enumerate() {
        let end = headers
            .get(index + 1)
            .map_or(lines.len(), |(next, _)| *next);
        let header = lines.get(open + 1..*close).unwrap_or_default();
        let name = header.first().map_or("", |line| line.trim()).to_string();
        let error = header.iter().skip(1).any(|line| line.trim() == ":error");
        let body = lines.get(close + 1..end).unwrap_or_default();
        let Some(divider) = body.iter().rposition(|line| is_rule(line, '-')) else {
            continue;
        };
        let mut input: String = body.get(..divider).unwrap_or_default().concat();
        if input.ends_with('\n') {
            input.pop();
        }
        if input.ends_with('\r') {
            input.pop();
        }
        let expected = body.get(divider + 1..).unwrap_or_default().concat();
        found.push(Example {
            name,
            error,
            input,
            expected: normalize(&expected),
        });
    }
    found
}

/// An S-expression with single spaces, no space inside the parentheses, and no field names (`name: `).
fn normalize(sexp: &str) -> String {
    let spaced = sexp.replace('(', " ( ").replace(')', " ) ");
    let words: Vec<&str> = spaced
        .split_whitespace()
        .filter(|word| !word.ends_with(':'))
        .collect();
    words.join(" ").replace("( ", "(").replace(" )", ")")
}

#[test]
fn the_corpus_tests_give_their_trees() -> Result<(), String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    files.sort();
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&tree_sitter_cvl::LANGUAGE.into())
        .map_err(|e| format!("cannot load the grammar: {e}"))?;
    let mut failures = Vec::new();
    let mut ran = 0;
    for path in &files {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        for example in examples(&text) {
            ran += 1;
            let tree = parser
                .parse(&example.input, None)
                .ok_or_else(|| format!("{}: no tree", example.name))?;
            let root = tree.root_node();
            let file = path
                .file_name()
                .map(|name| name.to_string_lossy())
                .unwrap_or_default();
            if example.error {
                if !root.has_error() {
                    failures.push(format!(
                        "{file}: {}: expected an error, found {}",
                        example.name,
                        root.to_sexp()
                    ));
                }
            } else {
                let actual = normalize(&root.to_sexp());
                if actual != example.expected {
                    failures.push(format!(
                        "{file}: {}:\n  expected {}\n  found    {actual}",
                        example.name, example.expected
                    ));
                }
            }
        }
    }
    assert!(ran >= 25, "ran only {ran} corpus tests");
    assert!(
        failures.is_empty(),
        "{} corpus test(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    Ok(())
}

#[test]
fn the_corpus_reader_splits_tests_and_normalizes_trees() {
    let text = "===\nfirst\n===\n\ncontract c { }\n\n---\n\n(source_file\n  (contract name: (identifier)\n    (block)))\n\n\
                ===\nsecond\n:error\n===\n\ncontract\n---\n";
    let found = examples(text);
    let read: Vec<_> = found
        .iter()
        .map(|e| {
            (
                e.name.as_str(),
                e.error,
                e.input.as_str(),
                e.expected.as_str(),
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            (
                "first",
                false,
                "\ncontract c { }\n",
                "(source_file (contract (identifier) (block)))"
            ),
            ("second", true, "\ncontract", "")
        ]
    );
}
