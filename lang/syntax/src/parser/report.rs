//! The parser's reports: what it expected and found (E0004), a word of the other language (E0057), an unclosed
//! delimiter (E0005), nesting too deep (E0008), and the characters no token starts with (E0001); every message from
//! the catalogue, the keywords it quotes in the file's language.

use cvl_messages::{Arg as MessageArg, Text, text};

use super::{MAX_DEPTH, Parser};
use crate::danish::{self, Language};
use crate::diagnostic::{Code, Diagnostic};
use crate::lexer::{Hidden, Token};
use crate::span::{FileId, Span};

impl Parser<'_> {
    pub(super) fn report(&mut self, diagnostic: Diagnostic) {
        if !self.too_deep {
            self.problems.push(diagnostic);
        }
    }

    /// Reports that `what` was expected at the current token, once per token.
    pub(super) fn expected(&mut self, what: Text) {
        self.expected_with_help(what, None);
    }

    pub(super) fn expected_with_help(&mut self, what: Text, help: Option<Text>) {
        if self.last_error_at == Some(self.pos) {
            return;
        }
        self.last_error_at = Some(self.pos);
        let token = self.peek();
        let span = self.peek_span();
        if token == Token::Ident
            && let Some(meant) = danish::keyword_of_other_language(self.text_of(span), self.lang)
        {
            let diagnostic = self.other_language(span, meant);
            self.report(diagnostic);
            return;
        }
        let found = self.describe_current();
        // The things expected that are names for something new (`a name for the contract`): a reserved word there
        // was meant as such a name.
        let wants_name = what.id().starts_with("syntax-want-name-");
        let mut diagnostic = Diagnostic::new(
            Code::E0004,
            span,
            text!("syntax-expected-found", what = what.clone(), found = found),
        )
        .with_label(text!("syntax-expected", what = what));
        if token.keyword_text().is_some() && wants_name {
            let word = self.text_of(span);
            diagnostic = diagnostic.with_help(text!("syntax-reserved-word-help", word = word));
        }
        if let Some(help) = help {
            diagnostic = diagnostic.with_help(help);
        }
        self.report(diagnostic);
    }

    /// E0057: `span` is a word of the other language than the file's; `meant` is the file's language's word.
    pub(super) fn other_language(&self, span: Span, meant: &str) -> Diagnostic {
        let word = self.text_of(span);
        let lang = self.lang;
        let first = self
            .tokens
            .first()
            .map_or("", |(_, first)| self.text_of(*first));
        Diagnostic::new(
            Code::E0057,
            span,
            text!(
                "syntax-other-language",
                word = word,
                other = lang.other().code(),
                lang = lang.code()
            ),
        )
        .with_label(text!(
            "syntax-other-language-label",
            other = lang.other().code()
        ))
        .with_help(text!(
            "syntax-other-language-help",
            meant = meant,
            first = first,
            lang = lang.code()
        ))
    }

    /// The current token as a message names it: its own text for names, numbers and keywords (as written, in
    /// the file's language).
    pub(super) fn describe_current(&self) -> MessageArg {
        let token = self.peek();
        match token {
            _ if token.keyword_text().is_some() => {
                MessageArg::from(format!("`{}`", self.text_of(self.peek_span())))
            }
            Token::Ident | Token::Number | Token::Date => {
                MessageArg::from(format!("`{}`", self.text_of(self.peek_span())))
            }
            _ => MessageArg::from(token.described()),
        }
    }

    /// Enters one level of nesting; false (with E0008 reported once) when that goes past [`MAX_DEPTH`].
    pub(super) fn enter(&mut self) -> bool {
        if self.too_deep {
            return false;
        }
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let span = self.peek_span();
            self.report(
                Diagnostic::new(Code::E0008, span, text!("syntax-too-deep", max = MAX_DEPTH))
                    .with_label(text!("syntax-too-deep-label"))
                    .with_help(text!("syntax-too-deep-help")),
            );
            self.too_deep = true;
            return false;
        }
        true
    }

    pub(super) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// The closing `close` for the delimiter opened at `open`; E0005 when it is missing.
    pub(super) fn expect_close(&mut self, close: Token, open: Span) -> Option<Span> {
        if let Some(span) = self.eat(close) {
            return Some(span);
        }
        if self.last_error_at != Some(self.pos) {
            self.last_error_at = Some(self.pos);
            let (open_text, close_text) = match close {
                Token::RParen => ("(", ")"),
                _ => ("{", "}"),
            };
            let here = self.peek_span();
            let found = self.describe_current();
            self.report(
                Diagnostic::new(
                    Code::E0005,
                    open,
                    text!("syntax-unclosed", open = open_text),
                )
                .with_label(text!("syntax-unclosed-label", open = open_text))
                .with_secondary(
                    here,
                    text!(
                        "syntax-unclosed-expected",
                        close = close_text,
                        found = found
                    ),
                ),
            );
        }
        None
    }
}

pub(super) fn unexpected_character(text: &str, span: Span, lang: Language) -> Diagnostic {
    let found = text.get(span.range()).unwrap_or("");
    let shown = match found.chars().next() {
        Some(c) if c.is_control() || c.is_whitespace() => {
            MessageArg::from(format!("U+{:04X}", u32::from(c)))
        }
        Some(c) => MessageArg::from(format!("`{c}`")),
        None => MessageArg::from(text!("syntax-this-character")),
    };
    // The lexer gives a run of stray characters on one line as one lexeme.
    let count = found.chars().filter(|c| !c.is_whitespace()).count();
    if count > 1 {
        return Diagnostic::new(
            Code::E0001,
            span,
            text!("syntax-unexpected-characters", count = count, first = shown),
        )
        .with_label(text!("syntax-unexpected-characters-label"));
    }
    let diagnostic = Diagnostic::new(
        Code::E0001,
        span,
        text!("syntax-unexpected-character", found = shown),
    )
    .with_label(text!("syntax-unexpected-character-label"));
    match found {
        "=" => diagnostic.with_help(text!("syntax-unexpected-equals-help")),
        "!" => diagnostic.with_help(text!("syntax-unexpected-bang-help", lang = lang.code())),
        "'" => diagnostic.with_help(text!("syntax-unexpected-quote-help")),
        _ => diagnostic,
    }
}

/// A character refused wherever it stands (see [`crate::lexer::hidden_kind`]).
pub(super) fn hidden_character(file: FileId, at: usize, c: char, kind: Hidden) -> Diagnostic {
    let span = Span::from_range(file, at..at + c.len_utf8());
    let code = format!("U+{:04X}", u32::from(c));
    match kind {
        Hidden::LineBreak => {
            Diagnostic::new(Code::E0001, span, text!("syntax-line-break", code = code))
                .with_label(text!("syntax-line-break-label"))
                .with_help(text!("syntax-line-break-help"))
        }
        Hidden::Direction => Diagnostic::new(
            Code::E0001,
            span,
            text!("syntax-direction-mark", code = code),
        )
        .with_label(text!("syntax-direction-mark-label"))
        .with_help(text!("syntax-direction-mark-help")),
    }
}
