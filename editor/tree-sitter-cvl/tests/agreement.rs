//! The tree-sitter grammar against the normative pest grammar (`lang/syntax/src/grammar.pest`): on every `.cvl`
//! file of `examples/`, `stdlib/` and `tests/`, and on a table of snippets, tree-sitter's tree has an ERROR or
//! MISSING node exactly when pest refuses the text. The few texts where the two differ on purpose are listed in
//! [`EXCEPTIONS`], each with its reason, and the test fails when one of them agrees again (so the list stays true).
//!
//! This runs without the tree-sitter CLI: the parser is the checked-in `src/parser.c`, compiled by `build.rs`.
//! That `src/parser.c` is what `grammar.js` generates is checked by `editor/tree-sitter-cvl/check` in `.ci/run`.

use std::path::{Path, PathBuf};

use pest::Parser as _;

/// The random sentences of the grammar and their mutations that tests/tests/grammar.rs uses: the test suite's own
/// file, compiled into this test too (it uses nothing but the standard library), so there is one generator.
#[path = "../../../tests/src/generate.rs"]
#[allow(
    dead_code,
    reason = "this test uses the sentences and their mutations, not every helper"
)]
mod generate;

use generate::{Rng, mutate, render, sentence};

/// The normative grammar, as tests/src/lib.rs compiles it (the path is relative to this crate's manifest).
#[derive(pest_derive::Parser)]
#[grammar = "../../lang/syntax/src/grammar.pest"]
struct Pest;

fn pest_accepts(text: &str) -> bool {
    Pest::parse(Rule::file, text).is_ok()
}

/// The workspace root, two directories above this crate's manifest.
fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .and_then(Path::parent)
        .unwrap_or(manifest)
        .to_path_buf()
}

/// Every `*.cvl` file under `dir`, recursively, sorted by path.
fn corpus_files(dir: PathBuf) -> Vec<PathBuf> {
    fn collect(dir: &Path, found: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                collect(&path, found);
            } else if path.extension().is_some_and(|ext| ext == "cvl") {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    collect(&dir, &mut found);
    found.sort();
    found
}

/// Texts on which tree-sitter and pest differ on purpose, by path relative to the workspace root. None today: the
/// refusals that are the checker's (an unknown name, a date outside the calendar) or the hand-written parser's
/// alone (E0006 to E0010: an invalid date, a number too long, nesting too deep, a CPR number) are of texts that pest
/// accepts too, so tree-sitter accepts them with it; the one file that is not UTF-8 (E0009) is left out, as pest
/// reads only text.
const EXCEPTIONS: &[(&str, &str)] = &[];

fn cvl_files(dir: &str) -> Vec<PathBuf> {
    corpus_files(workspace_root().join(dir))
}

/// The files of the rejected corpus, `tests/corpus/syntax`, that the grammar accepts: the hand-written parser
/// refuses or warns about them for a reason that is no grammar's, so pest accepts them and tree-sitter does too.
const REFUSED_BEYOND_THE_GRAMMAR: &[(&str, &str)] = &[
    (
        "E0006-february-30.cvl",
        "a date of the right shape that is no day of the calendar (spec 2.8)",
    ),
    (
        "E0006-month-13.cvl",
        "a date of the right shape that is no day of the calendar (spec 2.8)",
    ),
    (
        "E0007-number-of-many-digits.cvl",
        "a number of more than 28 digits, a limit (spec 2.7)",
    ),
    (
        "E0007-number-too-large.cvl",
        "a number of more than 28 digits, a limit (spec 2.7)",
    ),
    (
        "E0008-nested-too-deeply.cvl",
        "nesting deeper than the limit (spec 7)",
    ),
    (
        "E0010-cpr-as-number.cvl",
        "a CPR number, personal data refused in any token (spec 6)",
    ),
    (
        "E0010-cpr-in-comment.cvl",
        "a CPR number, personal data refused in any token (spec 6)",
    ),
    (
        "E0010-cpr-in-string.cvl",
        "a CPR number, personal data refused in any token (spec 6)",
    ),
    (
        "W0001-deny-warnings.cvl",
        "a warning (an empty contract), made an error by --deny-warnings",
    ),
    (
        "W0001-empty-file.cvl",
        "a warning: a file with nothing in it",
    ),
    (
        "W0001-only-comments.cvl",
        "a warning: a file with only comments",
    ),
];

/// Whether tree-sitter parses `text` with no ERROR or MISSING node, and where the first one is if not.
fn tree_sitter_verdict(text: &str) -> Result<(), String> {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&tree_sitter_cvl::LANGUAGE.into())
        .map_err(|e| format!("cannot load the grammar: {e}"))?;
    let tree = parser
        .parse(text, None)
        .ok_or_else(|| "the parser gave no tree".to_string())?;
    let root = tree.root_node();
    if !root.has_error() {
        return Ok(());
    }
    Err(first_error(root).unwrap_or_else(|| "an error somewhere".to_string()))
}

fn first_error(node: tree_sitter::Node) -> Option<String> {
    if node.is_error() || node.is_missing() {
        let at = node.start_position();
        let what = if node.is_missing() {
            format!("MISSING {}", node.kind())
        } else {
            "ERROR".to_string()
        };
        return Some(format!("{what} at {}:{}", at.row + 1, at.column + 1));
    }
    let mut cursor = node.walk();
    let children: Vec<_> = node.children(&mut cursor).collect();
    children
        .into_iter()
        .filter(|child| child.has_error())
        .find_map(first_error)
}

/// Compares the two verdicts on each `(name, text)`; returns how many texts were compared, how many of them pest
/// refuses, and the disagreements not listed in [`EXCEPTIONS`] with the exceptions that agree after all.
fn compare(texts: Vec<(String, String)>) -> (usize, usize, Vec<String>) {
    let mut problems = Vec::new();
    let mut compared = 0;
    let mut refused = 0;
    for (name, text) in texts {
        compared += 1;
        let pest = pest_accepts(&text);
        if !pest {
            refused += 1;
        }
        let ts = tree_sitter_verdict(&text);
        let excepted = EXCEPTIONS.iter().any(|(what, _)| *what == name);
        match (pest, &ts, excepted) {
            (true, Ok(()), false) | (false, Err(_), false) => {}
            (true, Err(at), false) => {
                problems.push(format!("{name}: pest accepts, tree-sitter has {at}"))
            }
            (false, Ok(()), false) => {
                problems.push(format!("{name}: pest refuses, tree-sitter has no error"))
            }
            (true, Ok(()), true) | (false, Err(_), true) => {
                problems.push(format!(
                    "{name}: listed as an exception, but both grammars agree"
                ));
            }
            (_, _, true) => {}
        }
    }
    (compared, refused, problems)
}

/// Runs `f` on a thread with a big stack: pest's generated parser recurses once per rule, and the corpus nests
/// parentheses a few hundred deep.
fn with_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    std::thread::Builder::new()
        .stack_size(64 * 1024 * 1024)
        .spawn(f)
        .ok()?
        .join()
        .ok()
}

#[test]
fn every_example_stdlib_file_and_test_input_gets_pests_verdict() {
    let root = workspace_root();
    let mut texts = Vec::new();
    let mut accepted_dirs = 0;
    for dir in ["examples", "stdlib", "tests"] {
        for path in cvl_files(dir) {
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            // pest reads text: a file that is not UTF-8 is the hand-written parser's alone to refuse (E0009).
            let Ok(text) = String::from_utf8(bytes) else {
                continue;
            };
            let name = path
                .strip_prefix(&root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            if dir != "tests" {
                accepted_dirs += 1;
            }
            texts.push((name, text));
        }
    }
    assert!(
        accepted_dirs >= 20,
        "found only {accepted_dirs} examples and stdlib files"
    );
    assert!(texts.len() >= 200, "found only {} .cvl files", texts.len());
    let Some((compared, refused, problems)) = with_big_stack(move || compare(texts)) else {
        unreachable!("the comparison thread did not finish");
    };
    assert!(compared >= 200, "compared only {compared} files");
    // The rejected corpus (tests/corpus/syntax and the CLI's cases) holds a few dozen texts that the grammar refuses.
    assert!(
        refused >= 30,
        "pest refuses only {refused} files; is the rejected corpus missing?"
    );
    assert!(
        problems.is_empty(),
        "tree-sitter and pest disagree on {} file(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn examples_and_the_stdlib_parse_without_error() {
    let mut failures = Vec::new();
    let mut parsed = 0;
    for dir in ["examples", "stdlib", "tests/corpus/ok"] {
        for path in cvl_files(dir) {
            let Ok(text) = std::fs::read_to_string(&path) else {
                failures.push(format!("{}: not readable as UTF-8", path.display()));
                continue;
            };
            parsed += 1;
            if let Err(at) = tree_sitter_verdict(&text) {
                failures.push(format!("{}: {at}", path.display()));
            }
        }
    }
    assert!(parsed >= 30, "parsed only {parsed} files");
    assert!(
        failures.is_empty(),
        "errors in files that must parse:\n{}",
        failures.join("\n")
    );
}

/// Snippets that pin the places where tree-sitter's lexer must read a word as pest does: reserved words, the words
/// that are keywords in one statement only, units after a number or `per`, and the characters of spec 2.1.
/// Each is the body of a contract, as in tests/tests/grammar.rs.
const STATEMENTS: &[(&str, bool)] = &[
    ("party pay { }", false),
    ("party notice { }", false),
    ("item term { }", false),
    ("role input", true),
    ("role DKK", true),
    ("role months", true),
    ("role start", true),
    ("role index", true),
    ("role each", true),
    ("pay 60_000 DKK per month to ostervold", true),
    ("pay 60_000 DKKX per month to ostervold", false),
    ("pay 60_000 DKK per Month to ostervold", false),
    ("pay 60_000 dkk per month to ostervold", false),
    ("pay 5DKK per month to a", true),
    ("pay 22,500 DKK per month to ostervold", false),
    ("pay 1.234.567 DKK per month to ostervold", false),
    ("term 3 fortnights", false),
    ("term 3 months", true),
    ("cap 10 hours per month", true),
    ("starts on 2019-01-15", true),
    ("starts on 2019-1-15", true),
    ("starts on 2019-01-155", false),
    ("starts on 01.03.2024", false),
    ("starts when missed", false),
    ("once on start", true),
    ("once on start + 1 day", false),
    ("once on start_date", true),
    ("once on 2020-01-01", true),
    ("paid monthly in arrears, due on day 10", true),
    ("paid monthly, due on 10", false),
    ("notice 3 months to the end of a month", true),
    ("notice 3 months to the end of the month", false),
    ("interest 8 % per year", true),
    ("regulated by 2.5 % each year from 2020-01-01", true),
    ("regulated by index pl each year from 2020-01-01", true),
    ("regulated by index pl % each year from 2020-01-01", false),
    ("regulated by index each year from 2020-01-01", false),
    ("regulated by index each each year from 2020-01-01", false),
    ("regulated by index % each year from 2020-01-01", true),
    ("regulated by index * 2 % each year from 2020-01-01", true),
    (
        "regulated by index per month % each year from 2020-01-01",
        true,
    ),
    (
        "regulated by index == 1 and 2 % each year from 2020-01-01",
        true,
    ),
    ("regulated by (index) % each year from 2020-01-01", true),
    ("regulated by 2.5 % from 2020-01-01", false),
    ("when missed withhold a, b and c", true),
    ("when missed withhold a or b", false),
    ("by a, b or c", true),
    ("cap 1 < 2 < 3", false),
    ("cap not not true and (1 <= 2 or false)", true),
    ("cap - - 3 * (2 + 1) / 4", true),
    ("case \"a // not a comment\"", true),
    ("case \"tab\\t quote\\\" \\\\ line\\n\"", true),
    ("case \"bad \\q escape\"", false),
    ("case \"no end", false),
    ("case \"a\" // comment \u{2028} after", false),
    ("case \"a\u{202E}b\"", false),
    ("// a comment\r\ncase \"a\"", true),
    ("// a lone cr \r case \"a\"", false),
    ("case \"a\" \u{a0}", false),
    (
        "use care.status_report(provider: p, interval: 3 months,)",
        true,
    ),
    ("use care.status_report(provider: p,,)", false),
    ("covers \"a\", \"b\"", true),
    ("up to 100 DKK", true),
    ("reimburse to p", true),
    ("for the first 3 months", true),
];

#[test]
fn snippets_get_pests_verdict_and_the_expected_one() {
    let mut problems = Vec::new();
    for (snippet, expected) in STATEMENTS {
        let text = format!("contract c {{\n{snippet}\n}}\n");
        let pest = pest_accepts(&text);
        let ts = tree_sitter_verdict(&text).is_ok();
        if pest != *expected {
            problems.push(format!(
                "{snippet:?}: pest gives {pest}, the table {expected}"
            ));
        }
        if ts != *expected {
            problems.push(format!(
                "{snippet:?}: tree-sitter gives {ts}, the table {expected}"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The same for a Danish file (spec 2.5, 2.6): each snippet is the body of `kontrakt k { … }`. They pin the Danish
/// reserved words (the English keywords are names there), `pr.` and `kr.` with their points, `DKK` (no unit in
/// Danish), the ordinal of `hver 3. måned`, and the phrases whose words are names elsewhere.
const DANISH_STATEMENTS: &[(&str, bool)] = &[
    ("part betal { }", false),
    ("part pay { }", true),
    ("rolle contract", true),
    ("rolle af", false),
    ("rolle en", true),
    ("rolle hvert", true),
    ("rolle kr", true),
    ("rolle betal_x", true),
    ("betal 5 kr. til k", true),
    ("betal 5 kr. pr. måned til k", true),
    ("betal 5 DKK til k", false),
    ("betal 5 EUR pr. uge til k", true),
    ("betal 5 months til k", false),
    ("pay 5 kr. til k", false),
    ("rente 8 % pr. år", true),
    ("rente 8 % per år", false),
    ("rente 8 % pr. kr.", true),
    ("hver 3. måned", true),
    ("hver 3. måned den first", true),
    ("hver 3.måned", true),
    ("hver 3 måneder", true),
    ("hver 3.5 måned", true),
    ("hver 3. kr.", false),
    ("hver 3.", false),
    ("løbetid 3. måned", false),
    ("løbetid 12 måneder", true),
    ("i de første 3 uger", true),
    ("i the første 3 uger", false),
    ("opsigelse 3 måneder til udgangen af en måned", true),
    ("opsigelse 3 måneder til de udgangen af en måned", false),
    (
        "betalt månedligt som bagudbetaling, forfalder den dag 10",
        true,
    ),
    ("betalt månedligt, forfalder den day 10", false),
    ("reguleret af indeks pl hvert år fra 2020-01-01", true),
    ("reguleret af indeks hvert hvert år fra 2020-01-01", false),
    ("reguleret af indeks each hvert år fra 2020-01-01", true),
    ("reguleret af indeks % hvert år fra 2020-01-01", true),
    ("reguleret af 2.5 % each year from 2020-01-01", false),
    ("engang den start", true),
    ("engang on start", false),
    ("når forsømt tilbagehold a og b", true),
    ("når forsømt marker", true),
    ("loft sand og ikke falsk eller true", true),
    ("loft true and false", false),
    ("underskrevet af a, b og c", true),
    ("af a eller b", true),
    (
        "brug care.status_report(provider: p, interval: 3 måneder,)",
        true,
    ),
    ("brug kr.x", true),
    ("ophør \"Ophør\" { }", true),
];

#[test]
fn danish_snippets_get_pests_verdict_and_the_expected_one() {
    let mut problems = Vec::new();
    for (snippet, expected) in DANISH_STATEMENTS {
        let text = format!("kontrakt k {{\n{snippet}\n}}\n");
        let pest = pest_accepts(&text);
        let ts = tree_sitter_verdict(&text).is_ok();
        if pest != *expected {
            problems.push(format!(
                "{snippet:?}: pest gives {pest}, the table {expected}"
            ));
        }
        if ts != *expected {
            problems.push(format!(
                "{snippet:?}: tree-sitter gives {ts}, the table {expected}"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Random sentences of the pest grammar (the generator of tests/tests/grammar.rs) parse without error, and small
/// mutations of them get pest's verdict: texts near the edge of the grammar, where two grammars most often differ.
#[test]
fn random_sentences_and_their_mutations_get_pests_verdict() {
    let Some(problems) = with_big_stack(|| {
        let mut problems = Vec::new();
        for seed in 0..1_500u64 {
            let mut rng = Rng::new(seed);
            let mut tokens = sentence(&mut rng);
            let text = render(&mut rng, &tokens);
            if let Err(at) = tree_sitter_verdict(&text) {
                problems.push(format!(
                    "seed {seed}: a sentence of the grammar has {at}:\n{text}"
                ));
                continue;
            }
            mutate(&mut rng, &mut tokens);
            let mutant = render(&mut rng, &tokens);
            let pest = pest_accepts(&mutant);
            let ts = tree_sitter_verdict(&mutant);
            if pest != ts.is_ok() {
                problems.push(format!(
                    "seed {seed}: pest accepts: {pest}, tree-sitter: {ts:?}:\n{mutant}"
                ));
            }
        }
        problems
    }) else {
        unreachable!("the comparison thread did not finish");
    };
    assert!(
        problems.is_empty(),
        "{} disagreement(s), the first:\n{}",
        problems.len(),
        problems.first().map_or("", String::as_str)
    );
}

/// Every file of the rejected corpus gives an ERROR or MISSING node, but for those that only the hand-written
/// parser refuses ([`REFUSED_BEYOND_THE_GRAMMAR`], each with its reason), which pest accepts too; the file that is
/// not UTF-8 (E0009) gives one as well.
#[test]
fn the_rejected_corpus_has_errors_but_where_the_grammar_accepts() {
    // pest recurses once per rule: E0008's file nests deeper than a test thread's stack allows.
    let Some(problems) = with_big_stack(rejected_corpus_problems) else {
        unreachable!("the comparison thread did not finish");
    };
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn rejected_corpus_problems() -> Vec<String> {
    let mut problems = Vec::new();
    let mut refused = 0;
    let mut accepted = Vec::new();
    for path in cvl_files("tests/corpus/syntax") {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Ok(bytes) = std::fs::read(&path) else {
            problems.push(format!("{name}: not readable"));
            continue;
        };
        let listed = REFUSED_BEYOND_THE_GRAMMAR
            .iter()
            .any(|(file, _)| *file == name);
        let error = match String::from_utf8(bytes.clone()) {
            Ok(text) => {
                if listed && !pest_accepts(&text) {
                    problems.push(format!(
                        "{name}: listed as accepted by the grammar, but pest refuses it"
                    ));
                }
                tree_sitter_verdict(&text).is_err()
            }
            Err(_) => {
                let mut parser = tree_sitter::Parser::new();
                let loaded = parser
                    .set_language(&tree_sitter_cvl::LANGUAGE.into())
                    .is_ok();
                loaded
                    && parser
                        .parse(&bytes, None)
                        .is_some_and(|tree| tree.root_node().has_error())
            }
        };
        match (error, listed) {
            (true, false) => refused += 1,
            (false, true) => accepted.push(name),
            (true, true) => problems.push(format!(
                "{name}: listed as accepted by the grammar, but has an error"
            )),
            (false, false) => problems.push(format!(
                "{name}: in the rejected corpus, but tree-sitter has no error"
            )),
        }
    }
    if refused < 30 {
        problems.push(format!(
            "only {refused} files of tests/corpus/syntax have an error"
        ));
    }
    for (file, _) in REFUSED_BEYOND_THE_GRAMMAR {
        if !accepted.iter().any(|name| name == file) {
            problems.push(format!("{file}: listed, but not in tests/corpus/syntax"));
        }
    }
    problems
}

/// Every keyword of the lexer (`KEYWORDS` in lang/syntax/src/lexer.rs) is reserved by the grammar: it cannot be a
/// name (`role pay` has an error), while a name that starts with it can (`role pay_x`). A keyword added to the
/// language fails here until grammar.js reserves it too.
#[test]
fn the_lexers_keywords_are_the_grammars_reserved_words() {
    let mut problems = Vec::new();
    for (word, _) in cvl_syntax::lexer::KEYWORDS {
        let as_name = format!("contract c {{\n  role {word}\n}}\n");
        if tree_sitter_verdict(&as_name).is_ok() {
            problems.push(format!(
                "`{word}` is a keyword of the lexer, but the grammar reads `role {word}`"
            ));
        }
        let longer = format!("contract c {{\n  role {word}_x\n}}\n");
        if let Err(at) = tree_sitter_verdict(&longer) {
            problems.push(format!("`role {word}_x` has {at}"));
        }
    }
    assert!(
        cvl_syntax::lexer::KEYWORDS.len() >= 50,
        "the lexer has too few keywords"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every Danish keyword (`DANISH_KEYWORDS` in lang/syntax/src/danish.rs) is reserved in a Danish file and only
/// there: `rolle betal` has an error, `rolle betal_x` has none, and in an English file `role betal` is a name, as
/// each English keyword is a name in a Danish file.
#[test]
fn the_danish_keywords_are_reserved_in_a_danish_file_only() {
    use cvl_syntax::danish::DANISH_KEYWORDS;
    let mut problems = Vec::new();
    for (word, _) in DANISH_KEYWORDS {
        if tree_sitter_verdict(&format!("kontrakt k {{\n  rolle {word}\n}}\n")).is_ok() {
            problems.push(format!(
                "`{word}` is a Danish keyword, but the grammar reads `rolle {word}`"
            ));
        }
        let word_shaped = word.chars().all(|c| c.is_alphanumeric() || c == '_');
        if word_shaped {
            if let Err(at) = tree_sitter_verdict(&format!("kontrakt k {{\n  rolle {word}_x\n}}\n"))
            {
                problems.push(format!("`rolle {word}_x` has {at}"));
            }
            let english = cvl_syntax::lexer::KEYWORDS.iter().any(|(w, _)| w == word);
            if !english
                && let Err(at) = tree_sitter_verdict(&format!("contract c {{\n  role {word}\n}}\n"))
            {
                problems.push(format!("`role {word}` in an English file has {at}"));
            }
        }
    }
    for (word, _) in cvl_syntax::lexer::KEYWORDS {
        let danish = DANISH_KEYWORDS.iter().any(|(w, _)| w == word);
        if !danish
            && let Err(at) = tree_sitter_verdict(&format!("kontrakt k {{\n  rolle {word}\n}}\n"))
        {
            problems.push(format!("`rolle {word}` in a Danish file has {at}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// grammar.js has every Danish word of the table in lang/syntax/src/danish.rs, quoted: the keywords, the words of
/// fixed phrases, the time units in the singular and the plural, `kr.` and the words that make a file Danish. A
/// word added to the table fails here until grammar.js has it too.
#[test]
fn grammar_js_has_every_danish_word_of_the_table() {
    use cvl_syntax::danish::{DANISH_FIRST_WORDS, DANISH_KEYWORDS, DANISH_UNITS, KRONER, WORDS};
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("grammar.js");
    let grammar = std::fs::read_to_string(&path).unwrap_or_default();
    let mut words: Vec<&str> = DANISH_KEYWORDS.iter().map(|(w, _)| *w).collect();
    words.extend(WORDS.iter().map(|(_, _, da)| *da));
    words.extend(DANISH_UNITS.iter().flat_map(|(_, one, many)| [*one, *many]));
    words.push(KRONER);
    words.extend(DANISH_FIRST_WORDS);
    let missing: Vec<&str> = words
        .into_iter()
        .filter(|word| !grammar.contains(&format!("'{word}'")))
        .collect();
    assert!(grammar.len() > 1000, "cannot read {}", path.display());
    assert!(
        missing.is_empty(),
        "grammar.js lacks the Danish words {missing:?}"
    );
}
