//! CVL's syntax: source files, spans, the lexer, the parser, the syntax tree and diagnostics.
//!
//! Every later phase depends on this crate and on nothing below it. [`parse`] never fails: it returns a tree for
//! whatever it could read, the comments it kept, and every problem it found.

pub mod ast;
pub mod cpr;
pub mod danish;
pub mod date;
pub mod diagnostic;
pub mod lexer;
pub mod misread;
pub mod parser;
pub mod source;
pub mod span;
pub mod text;
pub mod words;

pub use cvl_messages::{Lang, Text, text};
pub use diagnostic::{Code, Diagnostic, Problems, Severity, Words};
pub use parser::{Parsed, parse, parse_source};
pub use source::{Source, Sources};
pub use span::{FileId, Span};
