//! The tree-sitter grammar of CVL as a Rust crate: [`LANGUAGE`] for the `tree-sitter` crate's parser, and the
//! queries in `queries/` ([`HIGHLIGHTS_QUERY`] and the others) that editors use with it.
//!
//! The grammar is `grammar.js`; `src/parser.c` is what `tree-sitter generate` makes of it, checked in as
//! published grammars are, and compiled by `build.rs`. The tests (`tests/`) parse the examples, the standard
//! library and the test corpus with it and compare its verdict with the normative pest grammar's.
//!
//! ```
//! let mut parser = tree_sitter::Parser::new();
//! parser.set_language(&tree_sitter_cvl::LANGUAGE.into()).expect("load the CVL grammar");
//! let tree = parser.parse("contract c { }", None).expect("parse");
//! assert!(!tree.root_node().has_error());
//! ```

use tree_sitter_language::LanguageFn;

#[allow(
    unsafe_code,
    reason = "the generated parser is C; this is its one entry point"
)]
unsafe extern "C" {
    fn tree_sitter_cvl() -> *const ();
}

/// The tree-sitter language of CVL.
#[allow(
    unsafe_code,
    reason = "`tree_sitter_cvl` is the generated parser's language function"
)]
pub const LANGUAGE: LanguageFn = unsafe { LanguageFn::from_raw(tree_sitter_cvl) };

/// The content of the [`node-types.json`] file for this grammar.
///
/// [`node-types.json`]: https://tree-sitter.github.io/tree-sitter/using-parsers/6-static-node-types
pub const NODE_TYPES: &str = include_str!("../../src/node-types.json");

/// The syntax highlighting query.
pub const HIGHLIGHTS_QUERY: &str = include_str!("../../queries/highlights.scm");

/// The local variable (scopes, definitions, references) query.
pub const LOCALS_QUERY: &str = include_str!("../../queries/locals.scm");

/// The indentation query.
pub const INDENTS_QUERY: &str = include_str!("../../queries/indents.scm");

/// The text objects query (items, supplements, obligations, clauses and the rest).
pub const TEXTOBJECTS_QUERY: &str = include_str!("../../queries/textobjects.scm");

/// The folds query.
pub const FOLDS_QUERY: &str = include_str!("../../queries/folds.scm");
