//! Messy versions of formatted files, for the formatter's tests: [`mess`] changes only what the canonical layout
//! throws away, so that formatting the result must give back the text it started from.
//!
//! It re-spaces a text token by token: indentation at random, extra spaces and tabs, no space at all next to
//! brackets and punctuation, a line broken between two tokens, two lines joined into one, extra blank lines where
//! there was one, no blank line between top-level items (the layout puts one back), blank lines at the start and
//! white space at the end. What it never does is move a comment from the end of a line to a line of its own or
//! back, join a line onto a comment, or take away a blank line that the layout keeps only because the source had
//! it: those are the writer's decisions, which the formatter keeps.

use cvl_syntax::FileId;
use cvl_syntax::lexer::{Lexeme, Token, lex};

use crate::generate::Rng;

/// `text` (in the canonical layout) with its white space messed up, deterministically in `rng`.
pub fn mess(rng: &mut Rng, text: &str) -> String {
    let lexemes: Vec<Lexeme> = lex(FileId(0), text)
        .into_iter()
        .filter(|l| l.token != Some(Token::Eof))
        .collect();
    let mut out = String::new();
    out.push_str(rng.pick(&["", "", "\n", "\n\n  ", "   ", "\t"]));
    let mut previous: Option<Lexeme> = None;
    for lexeme in &lexemes {
        let word = text.get(lexeme.span.range()).unwrap_or("");
        if let Some(before) = previous {
            let gap = text
                .get(before.span.end as usize..lexeme.span.start as usize)
                .unwrap_or("");
            let newlines = gap.matches('\n').count();
            let comment = lexeme.token == Some(Token::Comment);
            let after_comment = before.token == Some(Token::Comment);
            let at_top = column_zero(text, lexeme.span.start as usize);
            let top_item = at_top && matches!(lexeme.token, Some(Token::Contract | Token::Clause));
            let after_top_close = before.token == Some(Token::RBrace)
                && column_zero(text, before.span.start as usize);
            match newlines {
                0 if comment => out.push_str(rng.pick(&[" ", "  ", "\t", "    "])),
                0 => {
                    let tight = touches(before.token) || touches(lexeme.token);
                    match rng.below(10) {
                        0 if tight => {}
                        1 | 2 => {
                            out.push('\n');
                            out.push_str(indent(rng));
                        }
                        3 => out.push_str("   "),
                        4 => out.push('\t'),
                        _ => out.push(' '),
                    }
                }
                1 if !comment && !after_comment && rng.one_in(4) => {
                    out.push_str(rng.pick(&[" ", "  ", "\t"]));
                }
                1 => {
                    out.push('\n');
                    out.push_str(indent(rng));
                }
                _ if top_item && after_top_close && rng.one_in(2) => {
                    out.push_str(rng.pick(&["\n", " ", "\n\t"]));
                }
                _ => {
                    out.push_str(rng.pick(&["\n\n", "\n\n\n", "\n \n\t\n"]));
                    out.push_str(indent(rng));
                }
            }
        }
        out.push_str(word);
        if lexeme.token == Some(Token::Comment) && rng.one_in(4) {
            out.push_str("  \t");
        }
        previous = Some(*lexeme);
    }
    out.push_str(rng.pick(&["", "\n", "\n\n\n", "  \n", "\n  "]));
    out
}

fn indent(rng: &mut Rng) -> &'static str {
    rng.pick(&["", " ", "  ", "    ", "\t", "      ", "        "])
}

/// Whether a token may touch its neighbour with no space between them without changing how the text lexes.
fn touches(token: Option<Token>) -> bool {
    matches!(
        token,
        Some(
            Token::LBrace
                | Token::RBrace
                | Token::LParen
                | Token::RParen
                | Token::Comma
                | Token::Colon
        )
    )
}

/// Whether the byte at `offset` starts its line.
fn column_zero(text: &str, offset: usize) -> bool {
    offset == 0 || text.as_bytes().get(offset - 1) == Some(&b'\n')
}
