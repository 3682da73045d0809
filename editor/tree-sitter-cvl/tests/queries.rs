//! The queries: each one in `queries/` compiles against the grammar (a query that names a node or field the
//! grammar lacks is an error), and the editors' copies are what they must be. Neovim reads `queries/` itself
//! (`editor/nvim/queries/cvl` is a link to it); Helix names some captures differently, so
//! `editor/helix/runtime/queries/cvl/` holds the same queries with Helix's names, and this test fails when they
//! drift. `CVL_WRITE_QUERIES=1 cargo test -p tree-sitter-cvl --test queries` rewrites Helix's copies. Zed's
//! highlights are a link to the grammar's, its text objects a link to Helix's (Zed has Helix's names there), and
//! its brackets, indents and outline are its own; every one of them compiles against the grammar.

use std::path::{Path, PathBuf};

use tree_sitter::{Language, Query};

const QUERIES: &[(&str, &str)] = &[
    ("highlights.scm", tree_sitter_cvl::HIGHLIGHTS_QUERY),
    ("locals.scm", tree_sitter_cvl::LOCALS_QUERY),
    ("indents.scm", tree_sitter_cvl::INDENTS_QUERY),
    ("textobjects.scm", tree_sitter_cvl::TEXTOBJECTS_QUERY),
    ("folds.scm", tree_sitter_cvl::FOLDS_QUERY),
];

/// nvim-treesitter's capture names and Helix's, longest first where one is a prefix of another. Helix has no
/// folds query (it does not fold), so `folds.scm` is not copied.
const HELIX_NAMES: &[(&str, &str)] = &[
    ("@indent.branch @indent.end", "@outdent"),
    ("@indent.begin", "@indent"),
    ("@keyword.type", "@keyword.storage.type"),
    ("@keyword.import", "@keyword.control.import"),
    ("@number", "@constant.numeric"),
    ("@boolean", "@constant.builtin.boolean"),
    ("@module", "@namespace"),
    ("@property", "@variable.other.member"),
    ("@function.call", "@function"),
    (".outer", ".around"),
    (".inner", ".inside"),
];

fn grammar_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn language() -> Language {
    tree_sitter_cvl::LANGUAGE.into()
}

/// The Helix copy of a query: the header says where it comes from, then the query with Helix's capture names.
fn helix_copy(file: &str, query: &str) -> String {
    let mut text = format!(
        "; Generated from editor/tree-sitter-cvl/queries/{file} with Helix's capture names; do not edit\n\
         ; (CVL_WRITE_QUERIES=1 cargo test -p tree-sitter-cvl --test queries rewrites it).\n\n"
    );
    let mut body = query.to_string();
    for (nvim, helix) in HELIX_NAMES {
        body = body.replace(nvim, helix);
    }
    text.push_str(&body);
    text
}

#[test]
fn every_query_compiles_against_the_grammar() {
    let mut failures = Vec::new();
    for (file, source) in QUERIES {
        if let Err(e) = Query::new(&language(), source) {
            failures.push(format!("queries/{file}: {e}"));
        }
        let helix = helix_copy(file, source);
        if let Err(e) = Query::new(&language(), &helix) {
            failures.push(format!("Helix's {file}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_crates_queries_are_the_files_in_queries() {
    for (file, source) in QUERIES {
        let on_disk =
            std::fs::read_to_string(grammar_dir().join("queries").join(file)).unwrap_or_default();
        assert_eq!(&on_disk, source, "queries/{file}");
    }
}

#[test]
fn helix_has_the_queries_with_its_names() -> Result<(), String> {
    let dir = grammar_dir().join("../helix/runtime/queries/cvl");
    let write = std::env::var_os("CVL_WRITE_QUERIES").is_some();
    let mut stale = Vec::new();
    for (file, source) in QUERIES {
        if *file == "folds.scm" {
            continue;
        }
        let expected = helix_copy(file, source);
        let path = dir.join(file);
        if write {
            std::fs::create_dir_all(&dir)
                .map_err(|e| format!("cannot make {}: {e}", dir.display()))?;
            std::fs::write(&path, &expected)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(expected.as_str()) {
            stale.push(format!("editor/helix/runtime/queries/cvl/{file}"));
        }
    }
    assert!(
        stale.is_empty(),
        "Helix's queries differ from editor/tree-sitter-cvl/queries: {}\nhelp: run `CVL_WRITE_QUERIES=1 cargo test -p \
         tree-sitter-cvl --test queries` and commit the files",
        stale.join(", ")
    );
    Ok(())
}

#[test]
fn neovim_reads_the_grammars_queries() {
    let link = grammar_dir().join("../nvim/queries/cvl");
    let target = std::fs::read_link(&link).ok();
    assert_eq!(
        target.as_deref(),
        Some(Path::new("../../tree-sitter-cvl/queries")),
        "editor/nvim/queries/cvl must be a link to ../../tree-sitter-cvl/queries"
    );
    for (file, source) in QUERIES {
        let through_link = std::fs::read_to_string(link.join(file)).unwrap_or_default();
        assert_eq!(&through_link, source, "editor/nvim/queries/cvl/{file}");
    }
}

/// Every query file of the editors' configurations (Helix's copies, Zed's queries and links) compiles against the
/// grammar, so that a change to the grammar that breaks one fails here.
#[test]
fn every_editor_query_compiles_against_the_grammar() -> Result<(), String> {
    let mut failures = Vec::new();
    let mut compiled = 0;
    for dir in [
        "../helix/runtime/queries/cvl",
        "../zed/languages/cvl",
        "../nvim/queries/cvl",
    ] {
        let dir = grammar_dir().join(dir);
        let entries =
            std::fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for path in entries.flatten().map(|entry| entry.path()) {
            if path.extension().is_none_or(|ext| ext != "scm") {
                continue;
            }
            let source = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            compiled += 1;
            if let Err(e) = Query::new(&language(), &source) {
                failures.push(format!("{}: {e}", path.display()));
            }
        }
    }
    assert!(compiled >= 14, "compiled only {compiled} editor queries");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    Ok(())
}
