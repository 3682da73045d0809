//! Placeholders (spec 5.11, E0058): the places a contract written by `cvl new` leaves for the negotiator to fill
//! in. A placeholder is a name that starts with `todo_` or a string whose text starts with `TODO:`; each is one
//! E0058 at its place, saying what to write there, and nothing else is reported about its own text (an unknown
//! name, a key or CVR number that is not one, a wrong type), so that the E0058s are exactly what is left to do.

use cvl_syntax::lexer::{self, Token};
use cvl_syntax::{Code, Diagnostic, FileId, Problems, Span, text};

/// The start of a name that is a placeholder.
pub const NAME_PREFIX: &str = "todo_";
/// The start of a string's text that makes it a placeholder.
pub const TEXT_PREFIX: &str = "TODO:";

/// One placeholder: where it is and what it asks for, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placeholder {
    pub span: Span,
    /// The placeholder as written (`todo_start_date`, `"TODO: the case number"`).
    pub written: String,
    /// What to write in its place (`the start date`, `the case number`).
    pub wanted: String,
}

/// Every placeholder in `text`, in source order. Comments are not read: only names and strings.
pub fn find(file: FileId, text: &str) -> Vec<Placeholder> {
    let mut found = Vec::new();
    for lexeme in lexer::lex(file, text) {
        let Some(written) = text.get(lexeme.span.start as usize..lexeme.span.end as usize) else {
            continue;
        };
        let wanted = match lexeme.token {
            Some(Token::Ident) => written
                .strip_prefix(NAME_PREFIX)
                .filter(|rest| !rest.is_empty())
                .map(|rest| rest.replace('_', " ")),
            Some(Token::String) => written
                .strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
                .and_then(|s| s.strip_prefix(TEXT_PREFIX))
                .map(|rest| rest.trim().to_string()),
            _ => None,
        };
        if let Some(wanted) = wanted {
            found.push(Placeholder {
                span: lexeme.span,
                written: written.to_string(),
                wanted,
            });
        }
    }
    found
}

/// Replaces what `problems` says about the placeholders' own text with one E0058 for each placeholder.
pub(crate) fn report(problems: &mut Problems, placeholders: &[Placeholder]) {
    if placeholders.is_empty() {
        return;
    }
    problems.retain(|d| {
        !placeholders.iter().any(|p| {
            p.span.file == d.span.file && p.span.start <= d.span.start && d.span.end <= p.span.end
        })
    });
    for placeholder in placeholders {
        let help = if placeholder.wanted.is_empty() {
            text!("check-placeholder-help-own-text")
        } else {
            text!(
                "check-placeholder-help",
                wanted = placeholder.wanted.as_str()
            )
        };
        problems.push(
            Diagnostic::new(
                Code::E0058,
                placeholder.span,
                text!("check-placeholder", written = placeholder.written.as_str()),
            )
            .with_label(text!("check-placeholder-label"))
            .with_help(help),
        );
    }
}
