//! The tokens of one line of a scenario file: words, strings, literals that start with a digit (a date, a month
//! or an amount, told apart by the parser), and the comma between the values of a list. `//` starts a comment
//! that runs to the end of the line. Anything else is reported (S0001, S0002) with its place.

use crate::diag::{Code, Diag};

/// One token and where it is in the file (byte offsets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: Tok,
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tok {
    /// A name or a word of the syntax: letters (any alphabetic character, so `hændelser`), digits and `_`, not
    /// starting with a digit; `pr.` is one word with its point.
    Word(String),
    /// `"…"`, with `\"` and `\\` as escapes; the value without the quotes.
    Str(String),
    /// Digits with `-`, `,`, `.` or `_` between them: `2019-10-15`, `2019-10`, `180,000.00`, `180.000,00`.
    Literal(String),
    Comma,
}

/// The tokens of the line that starts at byte `base` of the file; stops at `//`. The first problem is reported
/// and ends the line.
pub fn line(text: &str, base: usize) -> Result<Vec<Token>, Diag> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        let start = base + i;
        if c == ' ' || c == '\t' {
            chars.next();
        } else if c == '/' && text.get(i..).is_some_and(|rest| rest.starts_with("//")) {
            break;
        } else if c == ',' {
            chars.next();
            tokens.push(Token {
                kind: Tok::Comma,
                start,
                end: start + 1,
            });
        } else if c == '"' {
            chars.next();
            let mut value = String::new();
            let mut closed = None;
            while let Some((j, c)) = chars.next() {
                match c {
                    '"' => {
                        closed = Some(j + 1);
                        break;
                    }
                    '\\' => match chars.next() {
                        Some((_, e @ ('"' | '\\'))) => value.push(e),
                        Some((k, e)) => {
                            return Err(Diag::new(
                                Code::S0002,
                                base + j..base + k + e.len_utf8(),
                                cvl_messages::text!("scenario-not-an-escape", escape = e),
                            )
                            .help(cvl_messages::text!("scenario-escape-help")));
                        }
                        None => break,
                    },
                    c => value.push(c),
                }
            }
            let Some(end) = closed else {
                return Err(Diag::new(
                    Code::S0002,
                    start..base + text.len(),
                    cvl_messages::text!("scenario-string-not-closed"),
                )
                .help(cvl_messages::text!("scenario-string-not-closed-help")));
            };
            tokens.push(Token {
                kind: Tok::Str(value),
                start,
                end: base + end,
            });
        } else if c.is_ascii_digit() {
            let mut end = i;
            let bytes = text.as_bytes();
            while let Some(&b) = bytes.get(end) {
                let joins = matches!(b, b'-' | b',' | b'.' | b'_')
                    && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
                if b.is_ascii_digit() || joins {
                    end += 1;
                } else {
                    break;
                }
            }
            while chars.peek().is_some_and(|&(j, _)| j < end) {
                chars.next();
            }
            tokens.push(Token {
                kind: Tok::Literal(text.get(i..end).unwrap_or("").to_string()),
                start,
                end: base + end,
            });
        } else if c.is_alphabetic() || c == '_' {
            let mut end = i;
            while let Some(&(j, c)) = chars.peek() {
                if c.is_alphanumeric() || c == '_' {
                    end = j + c.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let mut word = text.get(i..end).unwrap_or("").to_string();
            // `pr.`: Danish for "as of"; the point belongs to the word.
            if word == "pr" && chars.peek().is_some_and(|&(_, c)| c == '.') {
                chars.next();
                end += 1;
                word.push('.');
            }
            tokens.push(Token {
                kind: Tok::Word(word),
                start,
                end: base + end,
            });
        } else {
            let shown: String = c.escape_debug().collect();
            return Err(Diag::new(
                Code::S0001,
                start..start + c.len_utf8(),
                cvl_messages::text!("scenario-unexpected-character", character = shown),
            )
            .help(cvl_messages::text!("scenario-unexpected-character-help")));
        }
    }
    Ok(tokens)
}
