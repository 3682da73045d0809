//! Contracts in Danish (spec 2.5, 2.6, 8.7): the file's language by its first word, one tree for both languages,
//! `cvl fmt --to da|en` there and back, and the Danish examples in `examples/da/`.
//!
//! Every example, stdlib file and accepted corpus file is translated to Danish and back and must come back as
//! `cvl fmt` of the original, byte for byte; its Danish text must parse clean, be accepted by the pest grammar, and
//! check as the English does. The Danish examples are the translations of the English ones, and `cvl eval` of
//! each with the English example's events file gives the same figures.

use std::path::{Path, PathBuf};

use cvl_fmt::{format, translate};
use cvl_syntax::danish::Language;
use cvl_syntax::{FileId, Source, parse_source};
use cvl_tests::{
    corpus_files, pest_accepts, run_cvl, run_words, scratch_dir, shown, workspace_root,
};

/// Every example, stdlib file and accepted corpus file, in either language.
#[expect(
    clippy::unwrap_used,
    reason = "a file of the repository that cannot be read or written is a broken test"
)]
fn every_file() -> Vec<(PathBuf, String)> {
    let root = workspace_root();
    let mut files = Vec::new();
    for dir in ["examples", "stdlib", "tests/corpus/ok"] {
        for path in corpus_files(root.join(dir)) {
            let text = std::fs::read_to_string(&path).unwrap();
            files.push((path, text));
        }
    }
    assert!(files.len() >= 40, "found only {} files", files.len());
    files
}

/// The tree of a text with its spans and the formatter's spelling left out: what the checker and evaluator see.
fn tree_without_spans(text: &str) -> String {
    let parsed = cvl_syntax::parse(FileId(0), text);
    let debug = format!("{:?}", parsed.file);
    // Spans and the plural of unit words (a matter of spelling, kept for the formatter) differ between languages.
    let spans = regex_lite_spans(&debug);
    spans
        .replace("plural: true", "plural: _")
        .replace("plural: false", "plural: _")
}

/// `debug` with every `Span { … }` reduced to `Span`.
fn regex_lite_spans(debug: &str) -> String {
    let mut parts = debug.split("Span {");
    let mut out = parts.next().unwrap_or("").to_string();
    for part in parts {
        out.push_str("Span");
        out.push_str(part.split_once('}').map_or("", |(_, after)| after));
    }
    out
}

#[test]
fn every_file_goes_to_the_other_language_and_back_to_its_formatted_self() {
    let mut problems = Vec::new();
    for (path, text) in every_file() {
        let name = path.display().to_string();
        let formatted = format(FileId(0), &text).unwrap();
        let from = cvl_fmt::language_of(&text);
        // `danish` is the text in the other language, whichever that is.
        let danish = match translate(FileId(0), &text, from.other()) {
            Ok(danish) => danish,
            Err(p) => {
                problems.push(format!("{name}: not translated: {:?}", p.into_sorted()));
                continue;
            }
        };
        assert_eq!(cvl_fmt::language_of(&danish), from.other(), "{name}");
        let parsed = parse_source(FileId(0), &Source::new(name.clone(), danish.clone()));
        if parsed.problems.has_errors() {
            problems.push(format!(
                "{name}: the Danish text has errors: {:?}\n{danish}",
                parsed.problems.into_sorted()
            ));
            continue;
        }
        if !pest_accepts(&danish) {
            problems.push(format!(
                "{name}: the pest grammar rejects the Danish text:\n{danish}"
            ));
        }
        if tree_without_spans(&danish) != tree_without_spans(&text) {
            problems.push(format!("{name}: the Danish text has another tree"));
        }
        // Formatting the translation changes nothing, and translating it to its own language neither.
        assert_eq!(format(FileId(0), &danish).unwrap(), danish, "{name}");
        assert_eq!(
            translate(FileId(0), &danish, from.other()).unwrap(),
            danish,
            "{name}"
        );
        match translate(FileId(0), &danish, from) {
            Ok(back) if back == formatted => {}
            Ok(back) => problems.push(format!("{name}: translated back it differs:\n{back}")),
            Err(p) => problems.push(format!(
                "{name}: not translated back: {:?}",
                p.into_sorted()
            )),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// Copies `dir` to `to`, translating every `.cvl` file to Danish.
#[expect(
    clippy::unwrap_used,
    reason = "a file of the repository that cannot be read or written is a broken test"
)]
fn copy_in_danish(dir: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_in_danish(&path, &target);
        } else if path.extension().is_some_and(|e| e == "cvl") {
            let text = std::fs::read_to_string(&path).unwrap();
            let danish = translate(FileId(0), &text, Language::Danish).unwrap();
            std::fs::write(target, danish).unwrap();
        } else {
            std::fs::copy(&path, target).unwrap();
        }
    }
}

#[test]
fn the_accepted_corpus_in_danish_checks_clean() {
    let root = workspace_root();
    let scratch = scratch_dir("danish", "ok");
    copy_in_danish(&root.join("tests/corpus/ok"), &scratch);
    let stdlib = scratch_dir("danish", "stdlib");
    copy_in_danish(&root.join("stdlib"), &stdlib);
    // The templates of `cvl new` hold placeholders (E0058) by design; tests/tests/templates.rs fills them in.
    std::fs::remove_dir_all(stdlib.join("templates")).unwrap();
    let lib = scratch.join("lib");
    for dir in [&scratch, &stdlib] {
        let (code, out, err) = run_cvl(&[
            "check",
            "--lib",
            lib.to_str().unwrap(),
            dir.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{out}{err}");
        // The files are Danish: the summary is in Danish too.
        assert!(out.contains("ingen problemer"), "{out}{err}");
    }
}

/// The Danish examples, each beside the English example it translates and the events file both are evaluated with.
const EXAMPLES: &[(&str, Option<&str>)] = &[
    ("placement/placement.cvl", Some("placement/events.jsonl")),
    ("placement/amended-2019-09.cvl", None),
    ("mentor/mentor.cvl", Some("mentor/events.jsonl")),
    ("dispute/dispute.cvl", Some("dispute/events.jsonl")),
    (
        "foster-family/foster-family.cvl",
        Some("foster-family/events.jsonl"),
    ),
    (
        "foster-index/contract.cvl",
        Some("foster-index/events.jsonl"),
    ),
];

#[test]
fn every_danish_example_is_the_translation_of_its_english_example() {
    let root = workspace_root();
    let danish_files: Vec<PathBuf> = corpus_files(root.join("examples/da"));
    assert_eq!(danish_files.len(), EXAMPLES.len(), "{danish_files:?}");
    for (example, _) in EXAMPLES {
        let english = std::fs::read_to_string(root.join("examples").join(example)).unwrap();
        let danish = std::fs::read_to_string(root.join("examples/da").join(example)).unwrap();
        assert_eq!(
            translate(FileId(0), &english, Language::Danish).unwrap(),
            danish,
            "examples/da/{example} is not `cvl fmt --to da` of examples/{example}: run it again"
        );
    }
}

/// What `cvl eval` decided, without the lines that name the files and their hashes.
fn figures(output: &str, contract: &str) -> String {
    output
        .lines()
        .filter(|line| !line.starts_with("contract ") && !line.trim_start().starts_with("source "))
        .map(|line| line.replace(contract, "CONTRACT"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_danish_examples_evaluate_to_the_same_figures() {
    let mut compared = 0;
    for (example, events) in EXAMPLES {
        let Some(events) = events else { continue };
        let english = format!("../examples/{example}");
        let danish = format!("../examples/da/{example}");
        let events = format!("../examples/{events}");
        let (code_en, out_en, err_en) = run_words(&format!("eval {english} --events {events}"));
        // In English (`--lang en`): a Danish contract's table is in Danish by default (danish_show.rs).
        let (code_da, out_da, err_da) =
            run_words(&format!("eval {danish} --events {events} --lang en"));
        assert_eq!(code_en, 0, "{out_en}{err_en}");
        assert_eq!(code_da, code_en, "{out_da}{err_da}");
        assert_eq!(
            figures(&out_da, &danish),
            figures(&out_en, &english),
            "{example}"
        );
        assert!(out_da.contains("DKK"), "{out_da}");
        compared += 1;
    }
    assert_eq!(compared, 5);
}

#[test]
fn a_word_of_the_other_language_is_e0057() {
    let scratch = scratch_dir("danish", "e0057");
    let cases = [
        (
            "english-in-danish.cvl",
            "kontrakt x \"X\" {\n  sag \"X-1\"\n  post y {\n    betal 5 kr. pr. måned to z\n    løbetid 3 months\n  }\n}\n",
        ),
        (
            "danish-in-english.cvl",
            "contract x \"X\" {\n  case \"X-1\"\n  item y {\n    betal 5 DKK per month to z\n  }\n}\n",
        ),
        (
            "kroner-in-danish.cvl",
            "kontrakt x {\n  post y {\n    betal 5 DKK pr. måned til z\n    loft 5 kr pr. måned\n  }\n}\n",
        ),
    ];
    let mut all = String::new();
    for (name, text) in cases {
        let path = scratch.join(name);
        std::fs::write(&path, text).unwrap();
        let shown = shown(&format!("check --color never {}", path.display()));
        all.push_str(&shown.replace(&scratch.display().to_string(), "DIR"));
        all.push('\n');
    }
    insta::assert_snapshot!(all);
}

#[test]
fn danish_keywords_are_names_in_english_and_english_keywords_names_in_danish() {
    // `post`, `part` and `betal` name things in an English file; `pay`, `item` and `party` in a Danish one.
    let english = "contract post {\n  party betal {\n    role payer\n  }\n}\n";
    let danish = "kontrakt item {\n  part pay {\n    rolle payer\n  }\n}\n";
    for text in [english, danish] {
        let parsed = cvl_syntax::parse(FileId(0), text);
        assert!(
            !parsed.problems.has_errors(),
            "{text}: {:?}",
            parsed.problems.into_sorted()
        );
        assert!(pest_accepts(text), "{text}");
    }
}

#[test]
fn the_danish_forms_of_units_per_and_ordinals() {
    let text = "kontrakt x {\n  forpligtelse r {\n    hver 3. måned\n    henstand 14 dage\n  }\n  post y {\n    betal 5 kr. pr. måned til z\n  }\n}\n";
    let parsed = cvl_syntax::parse(FileId(0), text);
    assert!(
        !parsed.problems.has_errors(),
        "{:?}",
        parsed.problems.into_sorted()
    );
    assert!(pest_accepts(text));
    let english = translate(FileId(0), text, Language::English).unwrap();
    assert_eq!(
        english,
        "contract x {\n  obligation r {\n    every 3 months\n    grace 14 days\n  }\n  item y {\n    pay 5 DKK per month to z\n  }\n}\n"
    );
    // The ordinal is the whole interval, only right after `hver`, and a whole number.
    for bad in [
        "kontrakt x {\n  forpligtelse r {\n    hver 3. måned + 1 dag\n  }\n}\n",
        "kontrakt x {\n  forpligtelse r {\n    henstand 3. måned\n  }\n}\n",
        "kontrakt x {\n  forpligtelse r {\n    hver 1.5. måned\n  }\n}\n",
        "kontrakt x {\n  post y {\n    betal 5 kr pr. måned til z\n  }\n}\n",
        "kontrakt x {\n  post y {\n    betal 5 DKK pr. måned til z\n  }\n}\n",
        "kontrakt x {\n  ophør {\n    opsigelse 1 måned til de udgangen af en måned\n  }\n}\n",
    ] {
        assert!(!cvl_tests::parser_accepts(bad), "{bad}");
        assert!(!pest_accepts(bad), "{bad}");
    }
}

#[test]
fn fmt_to_translates_in_place_and_refuses_a_name_the_other_language_reserves() {
    let scratch = scratch_dir("danish", "fmt");
    let path = scratch.join("c.cvl");
    std::fs::write(
        &path,
        "// kept\ncontract c {\n  party p {\n    role payer\n  }\n}\n",
    )
    .unwrap();
    let (code, out, err) = run_cvl(&["fmt", "--to", "da", path.to_str().unwrap()]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "// kept\nkontrakt c {\n  part p {\n    rolle payer\n  }\n}\n"
    );
    let (code, _, _) = run_cvl(&["fmt", "--to", "en", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "// kept\ncontract c {\n  party p {\n    role payer\n  }\n}\n"
    );
    let reserved = scratch.join("reserved.cvl");
    std::fs::write(
        &reserved,
        "contract c {\n  party post {\n    role payer\n  }\n}\n",
    )
    .unwrap();
    let shown = shown(&format!("fmt --to da --color never {}", reserved.display()));
    insta::assert_snapshot!(shown.replace(&scratch.display().to_string(), "DIR"));
}

#[test]
fn spec_tables_every_danish_keyword_and_unit_word() {
    let spec = std::fs::read_to_string(workspace_root().join("spec.md")).unwrap();
    for ((english, _), (danish, _)) in cvl_syntax::lexer::KEYWORDS
        .iter()
        .zip(cvl_syntax::danish::DANISH_KEYWORDS)
    {
        let pair = format!("| `{english}` | `{danish}` |");
        assert!(spec.contains(&pair), "spec.md 2.5 lacks `{pair}`");
    }
    for (_, singular, plural) in cvl_syntax::danish::DANISH_UNITS {
        assert!(spec.contains(&format!("`{singular}`")), "{singular}");
        assert!(spec.contains(&format!("`{plural}`")), "{plural}");
    }
    for (_, english, danish) in cvl_syntax::danish::WORDS {
        assert!(spec.contains(&format!("`{english}")), "{english}");
        assert!(spec.contains(&danish.to_string()), "{danish}");
    }
}

#[test]
fn a_translation_that_would_say_something_else_is_refused() {
    // `hvert` is a name in English, but in Danish the word of `hvert år fra`: the index would lose its name.
    let text = "contract c {\n  item fee {\n    regulated by index hvert each year from 2021-01-01\n  }\n}\n";
    assert!(!cvl_syntax::parse(FileId(0), text).problems.has_errors());
    let problems = translate(FileId(0), text, Language::Danish)
        .unwrap_err()
        .into_sorted();
    let shown: Vec<String> = problems
        .iter()
        .map(|d| format!("{} {} ({:?})", d.code, d.message, d.help))
        .collect();
    insta::assert_snapshot!(shown.join("\n"));
}
