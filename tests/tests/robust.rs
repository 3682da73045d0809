//! Robustness: the parser never panics and never overflows the stack, whatever it is given.
//!
//! Each input here ends in a tree with diagnostics (or none), never in a crash: random bytes, soups of the
//! grammar's own words, text that is not UTF-8, an empty file, a megabyte of valid contract and a megabyte of
//! garbage, and ten thousand levels of every kind of nesting the grammar has. The deep inputs run on a thread
//! with a 2 MiB stack, the size of an ordinary spawned thread, to show that the depth limit keeps the parser
//! well inside it. Every diagnostic must also be renderable: its spans lie inside the file, on character
//! boundaries, and its message is one line; and the tree's spans, even for a broken file, nest as its nodes do.
//!
//! The checker is held to the same standard: it never panics on any tree the parser returns, a clean one or a
//! broken one (the editor checks as the user types), and its diagnostics are renderable in the same way, in
//! whichever loaded file they point at. Its inputs are random sentences of the grammar, the same broken in small
//! ways, and every valid corpus file and example with tokens dropped, doubled, swapped or replaced.
//!
//! The random inputs come from a seeded xorshift generator, so a failure reproduces; the seed is in the message.

use cvl_syntax::{Code, Diagnostic, FileId, Source, parse_source};
use cvl_tests::generate::Rng;

/// Parses `bytes` as a file and checks that every diagnostic could be rendered; returns the diagnostics.
fn parse_bytes(context: &str, bytes: Vec<u8>) -> Vec<Diagnostic> {
    let source = Source::from_bytes("fuzz.cvl", bytes);
    let parsed = parse_source(FileId(0), &source);
    let text = &source.text;
    let in_file = |start: u32, end: u32| {
        start <= end
            && (end as usize) <= text.len()
            && text.is_char_boundary(start as usize)
            && text.is_char_boundary(end as usize)
    };
    for comment in &parsed.comments {
        assert!(
            in_file(comment.start, comment.end) && text[comment.range()].starts_with("//"),
            "{context}: comment span {comment} is not a comment"
        );
    }
    let bad = cvl_tests::spans::bad_spans(&parsed.file, text);
    assert!(bad.is_empty(), "{context}: bad spans in the tree: {bad:?}");
    let diagnostics = parsed.problems.into_sorted();
    for d in &diagnostics {
        assert_eq!(d.span.file, FileId(0), "{context}: {d:?}");
        assert!(
            in_file(d.span.start, d.span.end),
            "{context}: span {} is outside the file or splits a character: {d:?}",
            d.span
        );
        for label in &d.secondary {
            assert!(
                in_file(label.span.start, label.span.end),
                "{context}: secondary span {} is bad: {d:?}",
                label.span
            );
        }
        assert!(
            !d.message.is_empty() && !d.message.contains('\n'),
            "{context}: a message must be one line: {d:?}"
        );
        assert!(
            !d.label.contains('\n') && !d.help.as_deref().unwrap_or("").contains('\n'),
            "{context}: labels and help must be one line: {d:?}"
        );
    }
    diagnostics
}

fn parse_text(context: &str, text: &str) -> Vec<Diagnostic> {
    parse_bytes(context, text.as_bytes().to_vec())
}

fn codes(diagnostics: &[Diagnostic]) -> Vec<Code> {
    diagnostics.iter().map(|d| d.code).collect()
}

/// Runs `f` on a thread with an ordinary 2 MiB stack: a stack overflow aborts the test process, so a pass
/// proves the input fits.
#[expect(
    clippy::expect_used,
    reason = "a thread that cannot start, or whose parse panicked, fails the test"
)]
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .expect("spawn a thread")
        .join()
        .expect("the parser panicked")
}

#[test]
fn random_bytes_end_in_diagnostics() {
    for seed in 0..400u64 {
        let mut rng = Rng::new(seed);
        let len = match seed % 4 {
            0 => rng.below(16),
            1 => rng.below(200),
            2 => rng.below(2_000),
            _ => rng.below(20_000),
        };
        // Half the inputs are any bytes; the other half are printable ASCII and white space, which reach further
        // into the parser than bytes that are mostly not UTF-8.
        let bytes: Vec<u8> = if seed % 2 == 0 {
            (0..len).map(|_| rng.next_u64() as u8).collect()
        } else {
            const PRINTABLE: &[u8] =
                b" \n\t{}(),:.+-*/<>=!\"\\abcdefghijklmnopqrstuvwxyz0123456789_DKK@#";
            (0..len)
                .map(|_| PRINTABLE[rng.below(PRINTABLE.len())])
                .collect()
        };
        parse_bytes(&format!("random bytes, seed {seed}"), bytes);
    }
}

/// The grammar's words and punctuation, plus literals of every kind, valid and not.
fn soup_words() -> Vec<&'static str> {
    // The grammar's words and punctuation, shared with the sentence generator, and more literals here.
    let mut words: Vec<&str> = cvl_tests::generate::SOUP.to_vec();
    for w in [
        "DKK",
        "EUR",
        "DKKK",
        "month",
        "months",
        "days",
        "hour",
        "weeks",
        "year",
        "fortnight",
        "ostervold",
        "municipality",
        "care",
        "status_report",
        "østervold",
        "0",
        "3",
        "60_000",
        "550.50",
        "2019-01-15",
        "2019-02-30",
        "2019-13-01",
        "99999999999999999999999999999999",
        "\"ANB-2019-0042\"",
        "\"a\\qb\"",
        "\"open",
        "// comment\n",
        "@",
        "\u{FEFF}",
        "\n",
        "010203-1234",
    ] {
        words.push(w);
    }
    words
}

#[test]
fn token_soup_ends_in_diagnostics() {
    let words = soup_words();
    for seed in 0..400u64 {
        let mut rng = Rng::new(seed ^ 0xC0FFEE);
        let count = rng.below(300);
        let mut text = String::new();
        // Most soups start like a contract so that the parser gets past the top level.
        if seed % 3 != 0 {
            text.push_str("contract c {\n");
        }
        for _ in 0..count {
            text.push_str(rng.pick(&words));
            text.push(if rng.below(5) == 0 { '\n' } else { ' ' });
        }
        parse_text(&format!("token soup, seed {seed}"), &text);
    }
}

#[test]
fn text_that_is_not_utf8_is_refused_with_e0009() {
    let cases: &[&[u8]] = &[
        b"\xff",
        b"contract c { case \"\xff\" }",
        b"contract c { }\n\xc3",
        b"\xc0\x80contract c { }",
        b"contract c { case \"\xed\xa0\x80\" }",
        b"\xfe\xff\x00c\x00o",
    ];
    for bytes in cases {
        let diagnostics = parse_bytes(&format!("{bytes:?}"), bytes.to_vec());
        assert_eq!(codes(&diagnostics), [Code::E0009], "{bytes:?}");
    }
}

#[test]
fn an_empty_file_only_warns() {
    let diagnostics = parse_bytes("empty", Vec::new());
    assert_eq!(codes(&diagnostics), [Code::W0001]);
    let diagnostics = parse_text("white space", " \n\t\r\n\u{FEFF}");
    assert_eq!(codes(&diagnostics), [Code::W0001]);
}

/// One item of the big contract: a few statements of every kind an item has.
fn big_item(n: usize) -> String {
    format!(
        "  item item_{n} \"Item number {n}, with a title\" {{\n    pay {} DKK per month to ostervold\n    \
         for the first {} months\n    confirmed by municipality and ostervold\n    \
         cap {} hours per month // a comment\n  }}\n\n",
        1_000 + n % 9_000,
        1 + n % 12,
        1 + n % 40,
    )
}

#[test]
fn a_megabyte_of_valid_contract_parses_without_diagnostics() {
    let mut text = String::from(
        "contract big \"A large contract\" {\n  case \"BIG-1\"\n  party ostervold { role provider }\n",
    );
    let mut n = 0;
    while text.len() < 1_000_000 {
        text.push_str(&big_item(n));
        n += 1;
    }
    text.push_str("}\n");
    let source = Source::new("big.cvl", text);
    let parsed = parse_source(FileId(0), &source);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let Some(cvl_syntax::ast::TopItem::Contract(contract)) = parsed.file.items.first() else {
        panic!("no contract in the big file");
    };
    // `case`, `party` and every item.
    assert_eq!(contract.body.stmts.len(), n + 2);
    assert_eq!(parsed.comments.len(), n);
}

#[test]
fn a_megabyte_of_garbage_ends_in_diagnostics() {
    let mut rng = Rng::new(1_000_000);
    let words = soup_words();
    let mut text = String::new();
    while text.len() < 1_000_000 {
        match rng.below(3) {
            0 => text.push(char::from(b' ' + (rng.below(95) as u8))),
            _ => {
                text.push_str(rng.pick(&words));
                text.push(' ');
            }
        }
    }
    let diagnostics = parse_text("a megabyte of garbage", &text);
    assert!(diagnostics.iter().any(Diagnostic::is_error));
}

const DEPTH: usize = 10_000;

/// Runs the body `f` of the test called `name` in a child process of this test binary (the same test, with an
/// environment variable that tells it to run the body). A stack overflow aborts a whole process, so without
/// this one deep input that overflows would take every other test's report down with it.
#[expect(
    clippy::expect_used,
    reason = "a child process that cannot start fails the test"
)]
fn isolated(name: &str, f: impl FnOnce()) {
    const CHILD: &str = "CVL_ROBUST_CHILD";
    if std::env::var(CHILD).as_deref() == Ok(name) {
        f();
        return;
    }
    let exe = std::env::current_exe().expect("the test binary's path");
    let output = std::process::Command::new(exe)
        .args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, name)
        .output()
        .expect("run the test in a child process");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "{name} failed in its own process ({}):\n{stderr}",
        output.status
    );
}

/// Parses `text` on a small stack and returns the codes of its diagnostics; the tree is dropped there too.
fn deep(name: &'static str, text: String) -> Vec<Code> {
    on_small_stack(move || codes(&parse_text(name, &text)))
}

#[test]
fn ten_thousand_nested_parentheses() {
    isolated("ten_thousand_nested_parentheses", || {
        let text = format!(
            "contract c {{ term {}1{} }}",
            "(".repeat(DEPTH),
            ")".repeat(DEPTH)
        );
        assert_eq!(deep("parentheses", text), [Code::E0008]);
    });
}

#[test]
fn ten_thousand_unclosed_parentheses() {
    isolated("ten_thousand_unclosed_parentheses", || {
        let text = format!("contract c {{ term {}1 }}", "(".repeat(DEPTH));
        let codes = deep("unclosed parentheses", text);
        assert!(codes.contains(&Code::E0008), "{codes:?}");
    });
}

#[test]
fn ten_thousand_nested_braces() {
    isolated("ten_thousand_nested_braces", || {
        let text = format!("contract c {}{}", "{".repeat(DEPTH), "}".repeat(DEPTH));
        let codes = deep("braces", text);
        assert!(!codes.is_empty());
        assert!(
            codes.len() < 100,
            "one error per brace is noise: {}",
            codes.len()
        );
    });
}

#[test]
fn ten_thousand_nested_declarations() {
    isolated("ten_thousand_nested_declarations", || {
        let text = format!(
            "contract c {{ {}{} }}",
            "item i { ".repeat(DEPTH),
            "} ".repeat(DEPTH)
        );
        let codes = deep("declarations", text);
        assert!(codes.contains(&Code::E0008), "{codes:?}");
        assert!(
            codes.len() < 100,
            "one error per level is noise: {}",
            codes.len()
        );
    });
}

#[test]
fn ten_thousand_minus_signs() {
    isolated("ten_thousand_minus_signs", || {
        let text = format!("contract c {{ term {}5 DKK }}", "-".repeat(DEPTH));
        assert_eq!(deep("minus signs", text), [Code::E0008]);
    });
}

#[test]
fn ten_thousand_nots() {
    isolated("ten_thousand_nots", || {
        let text = format!("contract c {{ term {}true }}", "not ".repeat(DEPTH));
        assert_eq!(deep("nots", text), [Code::E0008]);
    });
}

#[test]
fn ten_thousand_mixed_prefixes_and_parentheses() {
    isolated("ten_thousand_mixed_prefixes_and_parentheses", || {
        let text = format!(
            "contract c {{ use a.b(x: {}1{}) }}",
            "(not -(".repeat(DEPTH / 2),
            "))".repeat(DEPTH / 2)
        );
        let codes = deep("mixed", text);
        assert!(codes.contains(&Code::E0008), "{codes:?}");
    });
}

/// A long chain of one operator is flat text but, being left-associative, a tree as deep as the chain is long.
/// The parser may accept it or stop it with E0008; it must not crash, neither parsing it nor dropping its tree.
fn long_chain(name: &'static str, start: &str, link: &str) {
    let mut text = format!("contract c {{ term {start}");
    while text.len() < 1_000_000 {
        text.push_str(link);
    }
    text.push_str(" }");
    let codes = deep(name, text);
    assert!(codes.iter().all(|&c| c == Code::E0008), "{name}: {codes:?}");
}

#[test]
fn a_megabyte_long_sum() {
    isolated("a_megabyte_long_sum", || long_chain("sum", "1", " + 1"));
}

#[test]
fn a_megabyte_long_product() {
    isolated("a_megabyte_long_product", || {
        long_chain("product", "1", " * 1")
    });
}

#[test]
fn a_megabyte_long_conjunction() {
    isolated("a_megabyte_long_conjunction", || {
        long_chain("and", "a", " and a");
        long_chain("or", "a", " or a");
    });
}

#[test]
fn a_megabyte_long_rate() {
    isolated("a_megabyte_long_rate", || {
        long_chain("per", "1 DKK", " per month")
    });
}

#[test]
fn three_independent_errors_give_three_diagnostics() {
    let text = "contract c {\n  role 7\n  pay 5 DKK per month ostervold\n  grace 14 days\n  term 1 < 2 < 3\n}\n";
    let diagnostics = parse_text("three errors", text);
    assert!(diagnostics.len() >= 3, "{:?}", codes(&diagnostics));
    let lines: std::collections::BTreeSet<usize> = diagnostics
        .iter()
        .map(|d| text[..d.span.start as usize].lines().count())
        .collect();
    assert!(
        lines.contains(&2) && lines.contains(&3) && lines.contains(&5),
        "{lines:?}"
    );

    // Errors in separate top-level items are independent too.
    let text = "contract a { role 7 }\ncontract b { pay to x }\nclause c(p) { }\ncontract d { case \"ok\" }\n";
    let diagnostics = parse_text("three items", text);
    assert!(diagnostics.len() >= 3, "{:?}", codes(&diagnostics));
}

// ---------------------------------------------------------------------------------------------------------------
// The checker

/// Words that would show an internal type in a message, which the style forbids.
const INTERNAL_WORDS: &[&str] = &[
    "Some(", "None", "Type::", "Value::", "Decimal", "FileId", "Span",
];

/// Parses and checks `text` as the root file, whatever the parse found, and checks that every diagnostic of the
/// checker could be rendered. Returns the checker's diagnostics.
fn check_text(context: &str, text: &str) -> Vec<Diagnostic> {
    let mut sources = cvl_syntax::Sources::new();
    let root = sources.add(Source::new("fuzz.cvl", text));
    let parsed = cvl_syntax::parse(root, text);
    let mut loader = cvl_check::loader::FsLoader::new(Vec::new());
    let checked = cvl_check::check(&mut sources, root, &parsed.file, &mut loader);
    let diagnostics = checked.problems.into_sorted();
    for d in &diagnostics {
        let spans = std::iter::once(d.span).chain(d.secondary.iter().map(|l| l.span));
        for span in spans {
            let file_text = sources.get(span.file).map_or("", |s| s.text.as_str());
            assert!(
                sources.get(span.file).is_some(),
                "{context}: a span in a file that was never loaded: {d:?}"
            );
            assert!(
                span.start <= span.end
                    && (span.end as usize) <= file_text.len()
                    && file_text.is_char_boundary(span.start as usize)
                    && file_text.is_char_boundary(span.end as usize),
                "{context}: span {span} is outside its file or splits a character: {d:?}"
            );
        }
        let texts = [
            d.message.as_str(),
            d.label.as_str(),
            d.help.as_deref().unwrap_or(""),
        ];
        let labels = d.secondary.iter().map(|l| l.message.as_str());
        for part in texts.into_iter().chain(labels) {
            assert!(
                !part.contains('\n'),
                "{context}: a message, label or help must be one line: {d:?}"
            );
            assert!(
                !INTERNAL_WORDS.iter().any(|w| part.contains(w)),
                "{context}: a message shows an internal name: {d:?}"
            );
        }
        assert!(!d.message.is_empty(), "{context}: an empty message: {d:?}");
    }
    diagnostics
}

#[test]
fn the_checker_never_panics_on_sentences_of_the_grammar() {
    for seed in 0..1_500u64 {
        let mut rng = Rng::new(seed ^ 0xC4EC);
        let tokens = cvl_tests::generate::sentence(&mut rng);
        let text = cvl_tests::generate::render(&mut rng, &tokens);
        check_text(&format!("sentence, seed {seed}:\n{text}"), &text);
    }
}

#[test]
fn the_checker_never_panics_on_broken_sentences() {
    for seed in 0..1_500u64 {
        let mut rng = Rng::new(seed ^ 0xB40C);
        let mut tokens = cvl_tests::generate::sentence(&mut rng);
        for _ in 0..=rng.below(3) {
            cvl_tests::generate::mutate(&mut rng, &mut tokens);
        }
        let text = cvl_tests::generate::render(&mut rng, &tokens);
        check_text(&format!("broken sentence, seed {seed}:\n{text}"), &text);
    }
}

/// The valid inputs: examples, the stdlib and the ok corpus. Their imports are served from the stdlib only.
#[expect(
    clippy::expect_used,
    reason = "a valid file that cannot be read is a broken test"
)]
fn valid_files() -> Vec<(String, String)> {
    let root = cvl_tests::workspace_root();
    let mut files = Vec::new();
    for dir in ["examples", "stdlib", "tests/corpus/ok"] {
        for path in cvl_tests::corpus_files(root.join(dir)) {
            // The portfolio's contracts are the benchmark generator's, one of them broken on purpose (its README).
            if path.starts_with(root.join("examples/portfolio")) {
                continue;
            }
            // The templates of `cvl new` hold placeholders (E0058) by design; tests/tests/templates.rs fills them.
            if path.starts_with(root.join("stdlib/templates")) {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read a valid file");
            files.push((path.display().to_string(), text));
        }
    }
    assert!(files.len() >= 8, "found only {} valid files", files.len());
    files
}

#[test]
fn the_checker_never_panics_on_valid_files_broken_in_small_ways() {
    for (name, text) in valid_files() {
        check_text(&name, &text);
        // Words and punctuation, so that a mutation drops or moves a whole token most of the time.
        let words: Vec<String> = text
            .split_inclusive(|c: char| c.is_whitespace() || "{}(),:".contains(c))
            .map(String::from)
            .collect();
        for seed in 0..150u64 {
            let mut rng = Rng::new(seed ^ 0x5EED);
            let mut tokens = words.clone();
            for _ in 0..=rng.below(4) {
                cvl_tests::generate::mutate(&mut rng, &mut tokens);
            }
            let broken: String = tokens.join("");
            check_text(&format!("{name} broken, seed {seed}:\n{broken}"), &broken);
        }
    }
}

#[test]
fn the_checker_finds_nothing_in_the_valid_files() {
    for (name, text) in valid_files() {
        // The ok corpus's `--lib` and file imports are not served here; those files are checked by the corpus.
        // (`importer` is `import` in a Danish file.)
        if [
            "import municipal",
            "import \"",
            "importer municipal",
            "importer \"",
        ]
        .iter()
        .any(|import| text.contains(import))
        {
            continue;
        }
        let diagnostics = check_text(&name, &text);
        assert!(diagnostics.is_empty(), "{name}: {diagnostics:?}");
    }
}

#[test]
fn the_checker_takes_a_megabyte_of_valid_contract() {
    let mut text = String::from(
        "contract big \"A large contract\" {\n  case \"BIG-1\"\n  \
         party municipality { role payer key \"ed25519:AxiotVCLTRFo8Z11ewELoFkGa9ySVw2ilQO/w2dIIB4=\" }\n  \
         party ostervold { role provider key \"ed25519:WM/CGf94Y3JJ9BHySBlUNpcKatyx4+4tLFdc58wBPjU=\" }\n  \
         signed by municipality and ostervold\n  starts on 2019-01-15\n  paid monthly in arrears\n",
    );
    let mut n = 0;
    while text.len() < 1_000_000 {
        text.push_str(&big_item(n));
        n += 1;
    }
    text.push_str("}\n");
    let diagnostics = check_text("a megabyte of valid contract", &text);
    assert!(
        diagnostics.is_empty(),
        "{:?}",
        &diagnostics[..diagnostics.len().min(3)]
    );
}
