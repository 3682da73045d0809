//! CVL's canonical formatter: one layout for every contract, with the comments kept where they were written.
//!
//! [`format`] parses a file and prints it again from its syntax tree and its comments; `cvl fmt` and the language
//! server call it. A file with syntax errors is refused (its problems are returned), because a tree with holes in
//! it could lose text. Formatting is idempotent: formatting formatted text changes nothing.
//!
//! # The canonical layout
//!
//! spec.md (8.7) states the same rules for users.
//!
//! - Indentation is two spaces per level of `{ … }`. Lines end in `\n`, with no white space at their end; the file
//!   ends with one line break (an empty file stays empty).
//! - Every top-level item (`import`, `contract`, `clause`) and every statement starts a line of its own; a block's
//!   `}` is on a line of its own, at the indentation of the line that opened it. An empty block is `{` and `}` on
//!   the next line.
//! - Blank lines: exactly one between top-level items, except between two imports, where one is kept if the
//!   source had any. Between statements and between comments, one blank line is kept where the source had one or
//!   more, none added. No blank line after a `{`, before a `}`, or at the start of the file.
//! - Within a line, tokens are separated by one space, except: nothing before `,` `:` `)`, nothing after `(`,
//!   nothing around the `.` of a dotted name, nothing between a clause's or `use`'s name and its `(`, and nothing
//!   after a unary `-` (but `- -1`, so that two minus signs never touch).
//! - A parameter or argument list stays on one line if that line fits in [`WIDTH`] (120) characters, not
//!   counting a comment at its end, no comment stands inside it, and it has no trailing comma. Otherwise each
//!   parameter or argument goes on a line of its own one level deeper than the line with the `(`, and `)` on a
//!   line of its own at that line's indentation. A trailing comma is how a writer asks for one element per line.
//! - Every token keeps its text: `60_000` stays `60_000`, strings keep their escapes, units their spelling;
//!   parentheses, trailing commas and `,` or `and` between parties stay as written. Only white space changes.
//! - Comments stay where they were written. A comment after a token on the same line stays at the end of that line,
//!   one space after the token; a comment on a line of its own stays on a line of its own before what follows it,
//!   at that line's indentation (before a `}`, at the indentation of the block's statements). A comment's trailing
//!   white space is dropped. The token after a comment starts a new line; inside a statement that is a
//!   continuation line, one level deeper than the statement.
//!
//! [`translate`] (`cvl fmt --to da|en`) gives a file in the other language, in the same layout.
//!
//! # The safety net
//!
//! After printing, [`format`] lexes the original and the formatted text and compares their tokens, white space
//! aside. Should they ever differ, or the tree and the tokens disagree while printing, it returns the original text
//! unchanged: the formatter may fail to format, but never changes what a contract says. [`try_format`] tells the
//! two outcomes apart, for tests that check the net never catches anything.

mod layout;
mod printer;
pub mod translate;

use cvl_syntax::cpr;
use cvl_syntax::lexer::{Token, lex};
use cvl_syntax::{FileId, Problems};

pub use layout::WIDTH;
pub use translate::{language_of, translate};

/// What [`try_format`] did with a file that parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The file in the canonical layout (which may be the text it was given).
    Formatted(String),
    /// The formatter could not print the file without changing its tokens, so it left it as it was. This is a bug
    /// in the formatter; [`format`] returns the original text.
    Kept,
}

/// Formats a whole file in the canonical layout. Returns the parse problems instead when the file has syntax
/// errors, or has something that looks like a CPR number (which `cvl check` refuses too: spacing `010203-1234`
/// as a subtraction would hide it from that rule). Never panics; never changes a token (see the safety net in the crate documentation).
pub fn format(file: FileId, text: &str) -> Result<String, Problems> {
    Ok(match try_format(file, text)? {
        Outcome::Formatted(formatted) => formatted,
        Outcome::Kept => text.to_string(),
    })
}

/// Like [`format`], but says when the safety net kept the original text.
pub fn try_format(file: FileId, text: &str) -> Result<Outcome, Problems> {
    let mut parsed = cvl_syntax::parse(file, text);
    parsed.problems.extend(cpr::scan(file, text));
    if parsed.problems.has_errors() {
        return Err(parsed.problems);
    }
    let mut printer = printer::Printer::new(file, text);
    let printed = layout::file(&mut printer, &parsed.file).and_then(|()| printer.finish());
    Ok(match printed {
        Ok(formatted) if same_tokens(text, &formatted) => Outcome::Formatted(formatted),
        _ => Outcome::Kept,
    })
}

/// Whether two texts have the same tokens with the same texts, in the same order: the same contract, whatever its
/// white space. A comment's trailing white space does not count.
pub fn same_tokens(a: &str, b: &str) -> bool {
    tokens(a).eq(tokens(b))
}

/// The tokens of `text` with their texts, comments without their trailing white space.
fn tokens(text: &str) -> impl Iterator<Item = (Option<Token>, &str)> {
    lex(FileId(0), text).into_iter().map(move |lexeme| {
        let word = text.get(lexeme.span.range()).unwrap_or("");
        match lexeme.token {
            Some(Token::Comment) => (lexeme.token, word.trim_end()),
            token => (token, word),
        }
    })
}

#[cfg(test)]
mod tests;
