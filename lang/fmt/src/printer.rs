//! The printer: writes the source's tokens, one at a time and in order, with the white space that the layout asks
//! for before each, and the comments where they were written.
//!
//! The layout ([`crate::layout`]) walks the syntax tree and calls [`Printer::token`] for every token it expects,
//! with a [`Sep`]: nothing, one space, or a new line at an indentation. The printer takes the token's text from the
//! source, never from the tree, so that no token's text can change; if the next token is not the one the layout
//! expects, it gives up ([`Mismatch`]) and the file is left as it was.
//!
//! Comments are not in the tree. Before each token the printer writes the comments that come before it in the
//! source: a comment that followed a token on the same line stays at the end of that line (one space before
//! `//`), any other comment goes on a line of its own, indented like the line that follows it. A comment ends its
//! line, so the token after it starts a new one; inside a statement that is a continuation line, indented one
//! level more than the statement.
//!
//! Blank lines: where the layout allows one ([`Blank::Keep`]), one blank line is kept if the source had at least
//! one there; [`Blank::Force`] puts one in whatever the source had. No blank line ever follows an opening `{` or a
//! broken `(`, precedes a closing `}` or `)`, or starts the file.

use cvl_syntax::lexer::{Token, lex};
use cvl_syntax::{FileId, Span};

/// The text of one level of indentation.
const INDENT: &str = "  ";

/// The next token is not the one the layout expected: the tree and the tokens disagree, so the file is left as it
/// was. It does not happen for a file that parsed without errors; it is the printer's refusal to guess.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Mismatch;

pub(crate) type Result<T = ()> = std::result::Result<T, Mismatch>;

/// What goes before a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sep {
    /// Nothing: the token follows the previous one directly (`a.b`, `x,`, `(x`).
    None,
    /// One space.
    Space,
    /// A new line.
    Line(Line),
}

/// A new line before a token: at which indentation, and whether a blank line may or must come before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Line {
    pub indent: u32,
    /// The indentation of comments on lines of their own just before the token: the token's own, except before a
    /// closing `}` or `)`, where they belong to what the bracket closes.
    pub comments: u32,
    pub blank: Blank,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Blank {
    /// Never a blank line before the token (comments before it may still keep theirs).
    Never,
    /// One blank line if the source had at least one.
    Keep,
    /// Always one blank line, before the comments that precede the token if there are any.
    Force,
}

impl Sep {
    /// A new line at `indent`, with a blank line as `blank` says.
    pub(crate) fn line(indent: u32, blank: Blank) -> Sep {
        Sep::Line(Line {
            indent,
            comments: indent,
            blank,
        })
    }

    /// The new line of a closing bracket at `indent`: no blank line before it, comments indented one level more.
    pub(crate) fn close(indent: u32) -> Sep {
        Sep::Line(Line {
            indent,
            comments: indent + 1,
            blank: Blank::Never,
        })
    }
}

/// Everything about the printer that changes as it writes, so that a layout can try one form and go back.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Mark {
    out: usize,
    pos: usize,
    comment: usize,
    comment_starts: usize,
    state: State,
}

#[derive(Clone, Copy, Debug)]
struct State {
    /// The end of the last token or comment written, as a source offset; `None` before the first.
    last_end: Option<u32>,
    /// A comment ended the current line: what comes next starts a new one.
    must_break: bool,
    /// The last line written ends with an opening `{` or `(` (and perhaps a comment): no blank line follows.
    after_open: bool,
    /// A blank line has been written since the last token.
    blank_done: bool,
    /// The indentation of a continuation line: one more than the last line a token started.
    cont: u32,
    /// The indentation of the line being written.
    line_indent: u32,
}

pub(crate) struct Printer<'a> {
    text: &'a str,
    /// The tokens without comments, ending with [`Token::Eof`].
    tokens: Vec<(Token, Span)>,
    /// For each `(`, the index of its `)`.
    closing: Vec<Option<usize>>,
    comments: Vec<Span>,
    pos: usize,
    comment: usize,
    out: String,
    /// Where in `out` each comment written starts, for measuring lines without their comments.
    comment_starts: Vec<usize>,
    state: State,
}

impl<'a> Printer<'a> {
    pub(crate) fn new(file: FileId, text: &'a str) -> Self {
        let mut tokens = Vec::new();
        let mut comments = Vec::new();
        for lexeme in lex(file, text) {
            match lexeme.token {
                Some(Token::Comment) => comments.push(lexeme.span),
                Some(token) => tokens.push((token, lexeme.span)),
                // An error lexeme is a syntax error: `format` never gets here with one.
                None => {}
            }
        }
        let closing = match_parens(&tokens);
        Printer {
            text,
            tokens,
            closing,
            comments,
            pos: 0,
            comment: 0,
            out: String::with_capacity(text.len() + text.len() / 8),
            comment_starts: Vec::new(),
            state: State {
                last_end: None,
                must_break: false,
                after_open: false,
                blank_done: false,
                cont: 1,
                line_indent: 0,
            },
        }
    }

    /// The kind of the next token.
    pub(crate) fn peek(&self) -> Token {
        self.tokens.get(self.pos).map_or(Token::Eof, |(t, _)| *t)
    }

    /// The index of the next token.
    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    /// The index of the last token that ends at `end`, the end of a node's span.
    pub(crate) fn last_token_ending_at(&self, end: u32) -> Result<usize> {
        let after = self.tokens.partition_point(|(_, span)| span.end <= end);
        let index = after.checked_sub(1).ok_or(Mismatch)?;
        match self.tokens.get(index) {
            Some((_, span)) if span.end == end => Ok(index),
            _ => Err(Mismatch),
        }
    }

    /// Whether the token at `open` is a `(` closed by the token at `close`.
    pub(crate) fn parens_enclose(&self, open: usize, close: usize) -> bool {
        self.closing.get(open).copied().flatten() == Some(close)
    }

    /// Writes the next token, which must be `expected`, after the comments before it and the separator `sep`.
    pub(crate) fn token(&mut self, expected: Token, sep: Sep) -> Result {
        let (token, span) = *self.tokens.get(self.pos).ok_or(Mismatch)?;
        if token != expected {
            return Err(Mismatch);
        }
        self.comments_before(span.start, sep);
        self.separate(sep, span.start);
        self.out
            .push_str(self.text.get(span.range()).ok_or(Mismatch)?);
        self.pos += 1;
        self.state.last_end = Some(span.end);
        self.state.must_break = false;
        self.state.blank_done = false;
        self.state.after_open = matches!(token, Token::LBrace);
        Ok(())
    }

    /// The indentation of the line being written, in levels.
    pub(crate) fn line_indent(&self) -> u32 {
        self.state.line_indent
    }

    /// Marks the line just written as opening a list laid out one element per line: no blank line follows.
    pub(crate) fn opened(&mut self) {
        self.state.after_open = true;
    }

    /// Writes the comments after the last token and ends the text with one line break (an empty text stays empty).
    pub(crate) fn finish(mut self) -> Result<String> {
        if self.peek() != Token::Eof {
            return Err(Mismatch);
        }
        let end = u32::try_from(self.text.len()).map_err(|_| Mismatch)?;
        self.comments_before(end.saturating_add(1), Sep::line(0, Blank::Keep));
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        Ok(self.out)
    }

    pub(crate) fn mark(&self) -> Mark {
        Mark {
            out: self.out.len(),
            pos: self.pos,
            comment: self.comment,
            comment_starts: self.comment_starts.len(),
            state: self.state,
        }
    }

    pub(crate) fn restore(&mut self, mark: Mark) {
        self.out.truncate(mark.out);
        self.pos = mark.pos;
        self.comment = mark.comment;
        self.comment_starts.truncate(mark.comment_starts);
        self.state = mark.state;
    }

    /// How many comments have been written so far.
    pub(crate) fn comments_written(&self) -> usize {
        self.comment
    }

    /// The width in characters of the line on which `mark` stands, as written since, up to its first comment.
    pub(crate) fn line_width(&self, mark: Mark) -> usize {
        let before = self.out.get(..mark.out).unwrap_or("");
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        let rest = self.out.get(mark.out..).unwrap_or("");
        let mut end = mark.out + rest.find('\n').unwrap_or(rest.len());
        // Comments are written in order, so their starts are sorted.
        let first = self.comment_starts.partition_point(|&at| at < start);
        if let Some(&comment) = self.comment_starts.get(first)
            && comment < end
        {
            end = comment;
        }
        self.out
            .get(start..end)
            .map_or(0, |line| line.chars().count())
    }

    /// Writes the comments that start before `offset`, each where it belongs.
    fn comments_before(&mut self, offset: u32, sep: Sep) {
        let indent = match sep {
            Sep::Line(line) => line.comments,
            Sep::None | Sep::Space => self.state.cont,
        };
        while let Some(&span) = self.comments.get(self.comment) {
            if span.start >= offset {
                break;
            }
            self.comment += 1;
            let text = self.text.get(span.range()).unwrap_or("").trim_end();
            let same_line = self
                .state
                .last_end
                .is_some_and(|end| !self.gap(end, span.start).contains('\n'));
            if same_line && !self.state.must_break {
                self.out.push(' ');
            } else {
                if !self.out.is_empty() {
                    self.out.push('\n');
                    let forced = matches!(
                        sep,
                        Sep::Line(Line {
                            blank: Blank::Force,
                            ..
                        })
                    ) && !self.state.blank_done;
                    if self.blank_allowed() && (forced || self.blank_in_source(span.start)) {
                        self.out.push('\n');
                        self.state.blank_done = true;
                    }
                }
                self.indent(indent);
                self.state.after_open = false;
            }
            self.comment_starts.push(self.out.len());
            self.out.push_str(text);
            self.state.last_end = Some(span.end);
            self.state.must_break = true;
        }
    }

    /// Writes what goes between the last thing written and a token at `offset`.
    fn separate(&mut self, sep: Sep, offset: u32) {
        match sep {
            Sep::Line(line) => {
                if !self.out.is_empty() {
                    self.out.push('\n');
                    let wanted = match line.blank {
                        Blank::Never => false,
                        Blank::Keep => self.blank_in_source(offset),
                        Blank::Force => !self.state.blank_done || self.blank_in_source(offset),
                    };
                    if wanted && self.blank_allowed() {
                        self.out.push('\n');
                    }
                }
                self.indent(line.indent);
                self.state.cont = line.indent + 1;
                self.state.line_indent = line.indent;
            }
            Sep::None | Sep::Space if self.state.must_break => {
                self.out.push('\n');
                self.indent(self.state.cont);
                self.state.line_indent = self.state.cont;
            }
            Sep::None => {}
            Sep::Space => self.out.push(' '),
        }
    }

    fn blank_allowed(&self) -> bool {
        !self.out.is_empty() && !self.state.after_open
    }

    /// Whether the source has a blank line between the last thing written and `offset`.
    fn blank_in_source(&self, offset: u32) -> bool {
        self.state
            .last_end
            .is_some_and(|end| self.gap(end, offset).matches('\n').count() >= 2)
    }

    fn gap(&self, start: u32, end: u32) -> &str {
        self.text
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }

    fn indent(&mut self, levels: u32) {
        for _ in 0..levels {
            self.out.push_str(INDENT);
        }
    }
}

/// For each token, the index of the `)` that closes it if it is a `(`.
fn match_parens(tokens: &[(Token, Span)]) -> Vec<Option<usize>> {
    let mut closing = vec![None; tokens.len()];
    let mut open = Vec::new();
    for (i, (token, _)) in tokens.iter().enumerate() {
        match token {
            Token::LParen => open.push(i),
            Token::RParen => {
                if let Some(slot) = open.pop().and_then(|at| closing.get_mut(at)) {
                    *slot = Some(i);
                }
            }
            _ => {}
        }
    }
    closing
}
