//! The checked-in parser is what `grammar.js` generates: the test runs tree-sitter's generator (the library behind
//! `tree-sitter generate`, the same version as the CLI that `install-cli` installs) on `grammar.js` into a
//! temporary directory and compares every generated file with `src/`. So a change to the grammar that was not
//! regenerated, or a hand edit of `src/parser.c`, fails here, without the CLI. The generator reads `grammar.js` with
//! `node`, which the project's machines have (the CLI does the same).

use std::path::{Path, PathBuf};

const GENERATED: &[&str] = &[
    "parser.c",
    "grammar.json",
    "node-types.json",
    "tree_sitter/parser.h",
    "tree_sitter/alloc.h",
    "tree_sitter/array.h",
];

/// The ABI that `tree-sitter generate` writes by default (its `--abi` option), and that src/parser.c has.
const ABI: usize = 15;

#[test]
fn the_checked_in_parser_is_what_grammar_js_generates() -> Result<(), String> {
    let grammar = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out: PathBuf = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("tree-sitter-cvl-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let mut diagnostics = Vec::new();
    tree_sitter_generate::generate_parser_in_directory(
        grammar,
        Some(out.join("src")),
        Some(grammar.join("grammar.js")),
        ABI,
        None,
        Some("node"),
        true,
        tree_sitter_generate::OptLevel::default(),
        &mut diagnostics,
    )
    .map_err(|e| {
        format!("cannot generate the parser from grammar.js (is `node` installed?): {e}")
    })?;
    let mut stale = Vec::new();
    for file in GENERATED {
        let fresh =
            std::fs::read(out.join("src").join(file)).map_err(|e| format!("{file}: {e}"))?;
        let checked_in = std::fs::read(grammar.join("src").join(file)).unwrap_or_default();
        if fresh != checked_in {
            stale.push(format!("editor/tree-sitter-cvl/src/{file}"));
        }
    }
    let _ = std::fs::remove_dir_all(&out);
    assert!(
        stale.is_empty(),
        "not what grammar.js generates: {}\nhelp: run `tree-sitter generate` in editor/tree-sitter-cvl (see \
         install-cli) and commit src/",
        stale.join(", ")
    );
    Ok(())
}
