//! The formatter (`cvl_fmt`) over every CVL file in the repository, over messy versions of them and over generated
//! sentences of the grammar; and `cvl fmt` end to end.
//!
//! - Every example, stdlib file and test input that `cvl check` parses without errors is already in the canonical
//!   layout, except [`DELIBERATELY_ODD`], whose formatted form is a snapshot.
//! - `tests/fmt/messy/` holds a messy version of each example and stdlib file, made by [`cvl_tests::mess::mess`];
//!   each formats to exactly the clean file (snapshots show both). `CVL_BLESS_FMT=1` writes them again from the
//!   current clean files.
//! - Formatting is idempotent and keeps every token, on every file and on generated sentences with random white
//!   space and comments; the safety net (which would keep a file as it was) never fires.
//! - `cvl fmt` on `tests/fmt/cli/`: `--check` lists, rewriting rewrites only what changes, a file with errors is
//!   refused with its diagnostics, `-` goes from stdin to stdout.

use std::path::{Path, PathBuf};

use cvl_fmt::{Outcome, same_tokens, try_format};
use cvl_syntax::{FileId, Source, parse_source};
use cvl_tests::generate::{self, Rng};
use cvl_tests::mess::mess;
use cvl_tests::{corpus_files, workspace_root};
use proptest::prelude::*;

/// Inputs written on purpose in a layout no formatter would produce (comments between every two tokens, several
/// statements on a line, a date written day first as `01-03-2024`, which the formatter spaces as the subtraction
/// it is): they test the parser and the checker, so they stay as they are; their formatted form is a snapshot.
const DELIBERATELY_ODD: &[&str] = &[
    "tests/corpus/ok/comments-and-layout.cvl",
    "tests/corpus/check/E0016-date-written-day-first.cvl",
    "tests/corpus/check/E0018-date-written-another-way.cvl",
];

/// Every `.cvl` file of the examples, the stdlib and the tests, by its path from the workspace root.
fn every_file() -> Vec<(String, String)> {
    let root = workspace_root();
    [
        "examples",
        "stdlib",
        "tests/corpus",
        "tests/cli",
        "tests/eval",
    ]
    .iter()
    .flat_map(|dir| corpus_files(root.join(dir)))
    .map(|path| {
        let name = relative(&root, &path);
        let text = std::fs::read(&path).unwrap_or_default();
        (name, String::from_utf8_lossy(&text).into_owned())
    })
    .collect()
}

/// The files that `cvl check` parses without errors.
fn clean_files() -> Vec<(String, String)> {
    every_file()
        .into_iter()
        .filter(|(name, text)| {
            let source = Source::new(name.clone(), text.clone());
            !parse_source(FileId(0), &source).problems.has_errors()
        })
        .collect()
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The formatted text, failing the test if the file is refused or the safety net fired.
#[expect(
    clippy::panic,
    reason = "a refused file or a fired safety net fails the test"
)]
fn formatted(name: &str, text: &str) -> String {
    match try_format(FileId(0), text) {
        Ok(Outcome::Formatted(formatted)) => formatted,
        Ok(Outcome::Kept) => panic!("{name}: the safety net kept the file as it was"),
        Err(problems) => panic!("{name}: refused: {:?}", problems.into_sorted()),
    }
}

#[test]
fn every_clean_file_is_already_formatted() {
    let files = clean_files();
    assert!(files.len() > 40, "only {} clean files found", files.len());
    let mut changed = Vec::new();
    for (name, text) in &files {
        if DELIBERATELY_ODD.contains(&name.as_str()) {
            continue;
        }
        if formatted(name, text) != *text {
            changed.push(name.clone());
        }
    }
    assert!(
        changed.is_empty(),
        "not in the canonical layout: {changed:?}"
    );
}

#[test]
fn the_deliberately_odd_files_format_idempotently() {
    for name in DELIBERATELY_ODD {
        let text = std::fs::read_to_string(workspace_root().join(name)).unwrap_or_default();
        let once = formatted(name, &text);
        assert_ne!(
            once, text,
            "{name} is no longer odd: move it out of DELIBERATELY_ODD"
        );
        assert_eq!(formatted(name, &once), once, "{name}: not idempotent");
        insta::assert_snapshot!(format!("odd_{}", file_stem(name)), once);
    }
}

#[test]
fn the_safety_net_never_fires_and_no_token_changes() {
    for (name, text) in every_file() {
        match try_format(FileId(0), &text) {
            Ok(Outcome::Formatted(formatted)) => {
                assert!(same_tokens(&text, &formatted), "{name}: tokens changed");
                assert_eq!(
                    try_format(FileId(0), &formatted),
                    Ok(Outcome::Formatted(formatted.clone())),
                    "{name}"
                );
            }
            Ok(Outcome::Kept) => panic!("{name}: the safety net kept the file as it was"),
            Err(problems) => assert!(problems.has_errors(), "{name}: refused without an error"),
        }
    }
}

#[test]
fn files_with_errors_are_refused_with_their_problems() {
    let text = "contract a {\n  pay 5 DKK per month ostervold\n}\n";
    let Err(problems) = try_format(FileId(0), text) else {
        panic!("a file with a syntax error was formatted");
    };
    let codes: Vec<_> = problems.into_sorted().into_iter().map(|d| d.code).collect();
    assert_eq!(codes, vec![cvl_syntax::Code::E0004]);
    // A CPR number written as a subtraction would be spaced out of the CPR rule's sight: refused too.
    let cpr = "contract a {\n  cap 010203-1234 DKK\n}\n";
    assert!(try_format(FileId(0), cpr).is_err());
}

fn file_stem(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------------------------
// Messy versions

/// The messy version of an example or stdlib file: `tests/fmt/messy/` and the file's name.
fn messy_path(name: &str) -> PathBuf {
    let flat = name.replace('/', "__");
    workspace_root().join("tests/fmt/messy").join(flat)
}

/// A seed from a file's name, so that each file gets its own mess.
fn seed(name: &str) -> u64 {
    name.bytes().fold(0xCB_F2_9C_E4_84_22_23_25, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3)
    })
}

#[test]
fn messy_examples_and_stdlib_files_format_to_the_clean_ones() {
    let bless = std::env::var_os("CVL_BLESS_FMT").is_some();
    let files: Vec<_> = every_file()
        .into_iter()
        .filter(|(name, _)| name.starts_with("examples/") || name.starts_with("stdlib/"))
        // The portfolio's thirty contracts are the benchmark generator's (examples/portfolio/README.md), one of
        // them broken on purpose; `fmt --check ../examples` still checks that they are in the canonical layout.
        .filter(|(name, _)| !name.starts_with("examples/portfolio/"))
        .collect();
    assert!(files.len() >= 4, "examples and stdlib not found");
    for (name, clean) in files {
        let path = messy_path(&name);
        if bless {
            let messy = mess(&mut Rng::new(seed(&name)), &clean);
            std::fs::create_dir_all(path.parent().unwrap_or(Path::new("."))).unwrap();
            std::fs::write(&path, messy).unwrap();
        }
        let messy = std::fs::read_to_string(&path).unwrap_or_default();
        assert_ne!(
            messy,
            clean,
            "{}: missing or not messy (run with CVL_BLESS_FMT=1)",
            path.display()
        );
        let result = formatted(&name, &messy);
        assert_eq!(
            result, clean,
            "{name}: the messy version does not format to the clean file"
        );
        insta::assert_snapshot!(
            // The Danish examples (examples/da/…) and templates (stdlib/templates/da/…) have the stems of the English
            // ones, and a template the name of an example (`placement`): their snapshots say which they are.
            if name.starts_with("examples/da/") {
                format!("messy_da_{}", file_stem(&name))
            } else if name.starts_with("stdlib/templates/da/") {
                format!("messy_template_da_{}", file_stem(&name))
            } else if name.starts_with("stdlib/templates/") {
                format!("messy_template_{}", file_stem(&name))
            } else {
                format!("messy_{}", file_stem(&name))
            },
            format!(
                "--- messy: {}\n{messy}\n--- formatted\n{result}",
                relative(&workspace_root(), &path)
            )
        );
    }
}

#[test]
fn every_clean_file_messed_up_formats_back() {
    for (name, clean) in clean_files() {
        if DELIBERATELY_ODD.contains(&name.as_str()) {
            continue;
        }
        for round in 0..8 {
            let messy = mess(&mut Rng::new(seed(&name) ^ round), &clean);
            let result = formatted(&name, &messy);
            assert_eq!(result, clean, "{name}, round {round}, from:\n{messy}");
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Generated sentences

#[test]
fn most_generated_sentences_are_formatted_rather_than_refused() {
    // Otherwise the properties below would test little.
    let formatted = (0..200u64)
        .filter(|&seed| {
            let mut rng = Rng::new(seed);
            let tokens = generate::sentence(&mut rng);
            try_format(FileId(0), &generate::render(&mut rng, &tokens)).is_ok()
        })
        .count();
    assert!(
        formatted >= 150,
        "only {formatted} of 200 generated sentences were formatted"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn generated_sentences_format_idempotently_and_keep_their_tokens(seed in any::<u64>()) {
        let mut rng = Rng::new(seed);
        let tokens = generate::sentence(&mut rng);
        let text = generate::render(&mut rng, &tokens);
        // A sentence of the grammar may still hold an invalid date or nest too deeply: those are refused.
        if let Ok(outcome) = try_format(FileId(0), &text) {
            let Outcome::Formatted(once) = outcome else {
                panic!("the safety net fired on:\n{text}");
            };
            prop_assert!(same_tokens(&text, &once));
            prop_assert_eq!(&formatted("generated", &once), &once);
            let messy = mess(&mut rng, &once);
            prop_assert_eq!(&formatted("generated, messed up", &messy), &once, "from:\n{}", messy);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn near_misses_of_the_grammar_are_formatted_or_refused(seed in any::<u64>()) {
        let mut rng = Rng::new(seed);
        let mut tokens = generate::sentence(&mut rng);
        generate::mutate(&mut rng, &mut tokens);
        let text = generate::render(&mut rng, &tokens);
        match try_format(FileId(0), &text) {
            Ok(outcome) => {
                let Outcome::Formatted(once) = outcome else {
                    panic!("the safety net fired on:\n{text}");
                };
                prop_assert!(same_tokens(&text, &once));
                prop_assert_eq!(&formatted("near miss", &once), &once);
            }
            Err(problems) => prop_assert!(problems.has_errors()),
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// cvl fmt

/// Runs `cvl ARGS` in `tests/` with `stdin`, and renders the command, exit code and outputs for a snapshot.
fn cvl(args: &str, stdin: &str) -> (i32, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let argv = std::iter::once("cvl").chain(args.split_whitespace());
    let code = cvl_cli::run_with_stdin(
        cvl_cli::Terminal::default(),
        argv,
        &mut stdin.as_bytes(),
        &mut out,
        &mut err,
    );
    let out = String::from_utf8_lossy(&out).into_owned();
    let err = String::from_utf8_lossy(&err).into_owned();
    (
        code,
        format!("$ cvl {args}\nexit: {code}\n--- stdout\n{out}--- stderr\n{err}"),
    )
}

#[test]
fn fmt_check_lists_the_files_that_would_change() {
    let before = std::fs::read_to_string("fmt/cli/messy.cvl").unwrap();
    let (code, shown) = cvl("fmt --check fmt/cli/clean.cvl fmt/cli/", "");
    assert_eq!(code, 1);
    insta::assert_snapshot!("fmt_check", shown);
    assert_eq!(
        std::fs::read_to_string("fmt/cli/messy.cvl").unwrap(),
        before,
        "--check wrote"
    );
}

#[test]
fn fmt_check_passes_on_formatted_files() {
    let (code, shown) = cvl("fmt --check fmt/cli/clean.cvl ../examples ../stdlib", "");
    assert_eq!(
        (code, shown.contains("--- stdout\n--- stderr\n")),
        (0, true),
        "{shown}"
    );
}

#[test]
fn fmt_refuses_a_file_with_errors() {
    let (code, shown) = cvl("fmt fmt/cli/broken.cvl", "");
    assert_eq!(code, 1);
    insta::assert_snapshot!("fmt_refuses_errors", shown);
}

#[test]
fn fmt_rewrites_in_place_only_the_files_that_change() {
    let dir = std::env::temp_dir().join(format!("cvl-fmt-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["clean.cvl", "messy.cvl", "broken.cvl"] {
        std::fs::copy(Path::new("fmt/cli").join(name), dir.join(name)).unwrap();
    }
    let modified = |name: &str| {
        std::fs::metadata(dir.join(name))
            .and_then(|m| m.modified())
            .unwrap()
    };
    let untouched = [modified("clean.cvl"), modified("broken.cvl")];
    let (code, _) = cvl(&format!("fmt {}", dir.display()), "");
    assert_eq!(code, 1, "a file with errors makes the run fail");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    assert_eq!(
        read("messy.cvl"),
        read("clean.cvl"),
        "the messy file was not formatted"
    );
    assert_eq!(
        read("broken.cvl"),
        std::fs::read_to_string("fmt/cli/broken.cvl").unwrap()
    );
    assert_eq!(
        [modified("clean.cvl"), modified("broken.cvl")],
        untouched,
        "an unchanged file was written"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        3,
        "temporary files left behind: {leftovers:?}"
    );
    std::fs::remove_file(dir.join("broken.cvl")).unwrap();
    let (code, shown) = cvl(&format!("fmt --check {}", dir.display()), "");
    assert_eq!(code, 0, "{shown}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fmt_dash_formats_stdin_to_stdout() {
    let messy = std::fs::read_to_string("fmt/cli/messy.cvl").unwrap();
    let clean = std::fs::read_to_string("fmt/cli/clean.cvl").unwrap();
    let (code, shown) = cvl("fmt -", &messy);
    assert_eq!(code, 0);
    assert_eq!(
        shown,
        format!("$ cvl fmt -\nexit: 0\n--- stdout\n{clean}--- stderr\n")
    );
    assert_eq!(
        cvl("fmt --check -", &messy),
        (
            1,
            "$ cvl fmt --check -\nexit: 1\n--- stdout\n-\n--- stderr\n".into()
        )
    );
    assert_eq!(cvl("fmt --check -", &clean).0, 0);
    let broken = std::fs::read_to_string("fmt/cli/broken.cvl").unwrap();
    insta::assert_snapshot!("fmt_stdin_errors", cvl("fmt -", &broken).1);
}

#[test]
fn fmt_usage_errors() {
    insta::assert_snapshot!(
        "fmt_usage",
        format!(
            "{}\n{}\n{}",
            cvl("fmt", "").1,
            cvl("fmt - fmt/cli/clean.cvl", "").1,
            cvl("fmt fmt/cli/missing.cvl", "").1
        )
    );
}

#[cfg(unix)]
#[test]
fn fmt_rewrites_the_file_a_link_points_to_and_keeps_the_link() {
    let dir = std::env::temp_dir().join(format!("cvl-fmt-link-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy("fmt/cli/messy.cvl", dir.join("real.cvl")).unwrap();
    std::os::unix::fs::symlink(dir.join("real.cvl"), dir.join("link.cvl")).unwrap();
    let (code, shown) = cvl(&format!("fmt {}", dir.join("link.cvl").display()), "");
    assert_eq!(code, 0, "{shown}");
    let link = std::fs::symlink_metadata(dir.join("link.cvl")).unwrap();
    assert!(
        link.file_type().is_symlink(),
        "the link was replaced by a file"
    );
    let clean = std::fs::read_to_string("fmt/cli/clean.cvl").unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.join("real.cvl")).unwrap(),
        clean
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fmt_help_lists_the_options() {
    let (code, shown) = cvl("fmt --help", "");
    assert_eq!(code, 0);
    insta::assert_snapshot!("fmt_help", shown);
}

#[cfg(unix)]
#[test]
fn fmt_leaves_a_read_only_file_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("cvl-fmt-readonly-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("messy.cvl");
    std::fs::copy("fmt/cli/messy.cvl", &file).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let (code, shown) = cvl(&format!("fmt {}", file.display()), "");
    assert_eq!(code, 2, "{shown}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        std::fs::read_to_string("fmt/cli/messy.cvl").unwrap()
    );
    insta::assert_snapshot!(
        "fmt_read_only",
        shown.replace(&dir.display().to_string(), "<dir>")
    );
    let _ = std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644));
    let _ = std::fs::remove_dir_all(&dir);
}
