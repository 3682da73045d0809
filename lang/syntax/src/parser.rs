//! The parser: tokens to a syntax tree, by recursive descent.
//!
//! Functions are named after the grammar's non-terminals in grammar.pest, with one rule: `parse_x` may find
//! nothing (and then consumes nothing), `expect_x` must find it and reports a diagnostic when it does not.
//! Expressions are in [`expr`], by precedence climbing; the terms of payment in [`terms`]; what is reported, and
//! in which words, in [`report`].
//!
//! Parsing never fails. A statement that cannot be read is reported and skipped up to the next statement keyword
//! or closing brace; a top-level item that cannot be read is skipped up to the next `contract`, `clause` or
//! `import`. So one run reports every independent error. Nesting deeper than [`MAX_DEPTH`] stops the parse with
//! one diagnostic rather than overflowing the stack.

mod expr;
mod report;
mod terms;

use crate::ast::{
    Arg, Block, ClauseDef, Contract, Decl, DeclKind, EndRule, File, Ident, Import, ImportTarget,
    Moment, Param, Path, Stmt, StmtKind, StrLit, TopItem,
};
use crate::cpr;
use crate::danish::{Language, Word};
use crate::diagnostic::{Code, Diagnostic, Problems};
use crate::lexer::{Lexeme, Token, hidden_characters, lex_in};
use crate::source::Source;
use crate::span::{FileId, Span};
use cvl_messages::{Text, text};
use report::{hidden_character, unexpected_character};

/// How deeply blocks and expressions may nest before the parser stops with E0008.
pub const MAX_DEPTH: u32 = 128;

/// What parsing a file gives: the tree, the comments, and every problem found.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub file: File,
    /// The span of every `//` comment, in source order.
    pub comments: Vec<Span>,
    pub problems: Problems,
}

/// Parses `text` as a CVL file. Reports only what the grammar and its literals decide; see [`parse_source`].
pub fn parse(file: FileId, text: &str) -> Parsed {
    let mut parser = Parser::new(file, text);
    let tree = parser.parse_file();
    Parsed {
        file: tree,
        comments: parser.comments,
        problems: parser.problems,
    }
}

/// Parses a source file as `cvl check` does: refuses text that is not UTF-8, parses, applies the rules that need
/// only the text (no personal identification numbers), and warns about a file that declares nothing.
pub fn parse_source(file: FileId, source: &Source) -> Parsed {
    if let Some(at) = source.invalid_utf8_at {
        let mut problems = Problems::new();
        let span = Span::from_range(file, at..at + char::REPLACEMENT_CHARACTER.len_utf8());
        problems.push(
            Diagnostic::new(Code::E0009, span, text!("syntax-not-utf8"))
                .with_label(text!("syntax-not-utf8-label"))
                .with_help(text!("syntax-not-utf8-help")),
        );
        return Parsed {
            file: File {
                items: Vec::new(),
                span: Span::from_range(file, 0..source.text.len()),
            },
            comments: Vec::new(),
            problems,
        };
    }
    let mut parsed = parse(file, &source.text);
    parsed.problems.extend(cpr::scan(file, &source.text));
    let declares_something = parsed
        .file
        .items
        .iter()
        .any(|item| matches!(item, TopItem::Contract(_) | TopItem::Clause(_)));
    if !declares_something && !parsed.problems.has_errors() {
        parsed.problems.push(
            Diagnostic::new(
                Code::W0001,
                parsed.file.span,
                text!("syntax-declares-nothing"),
            )
            .with_help(text!(
                "syntax-declares-nothing-help",
                lang = crate::lexer::language_of(&source.text).code()
            )),
        );
    }
    parsed
}

struct Parser<'a> {
    text: &'a str,
    file: FileId,
    /// The tokens without comments and lexer errors, ending with [`Token::Eof`].
    tokens: Vec<(Token, Span)>,
    pos: usize,
    comments: Vec<Span>,
    problems: Problems,
    depth: u32,
    /// Set when nesting went past [`MAX_DEPTH`]: the parse unwinds and reports nothing more.
    too_deep: bool,
    /// The token index of the last "expected" error, so that one bad token is reported once.
    last_error_at: Option<usize>,
    /// The file's language, decided by its first word (spec 2.5).
    lang: Language,
}

impl<'a> Parser<'a> {
    fn new(file: FileId, text: &'a str) -> Self {
        let mut tokens = Vec::new();
        let mut comments = Vec::new();
        let mut problems = Problems::new();
        let (lang, lexemes) = lex_in(file, text);
        for Lexeme { token, span } in lexemes {
            match token {
                Some(Token::Comment) => comments.push(span),
                Some(token) => tokens.push((token, span)),
                None => problems.push(unexpected_character(text, span, lang)),
            }
        }
        for (at, c, kind) in hidden_characters(text) {
            problems.push(hidden_character(file, at, c, kind));
        }
        Parser {
            text,
            file,
            tokens,
            pos: 0,
            comments,
            problems,
            depth: 0,
            too_deep: false,
            last_error_at: None,
            lang,
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // Token access

    fn peek(&self) -> Token {
        self.tokens.get(self.pos).map_or(Token::Eof, |(t, _)| *t)
    }

    /// The token `ahead` tokens after the current one.
    fn peek_at(&self, ahead: usize) -> Token {
        self.tokens
            .get(self.pos.saturating_add(ahead))
            .map_or(Token::Eof, |(t, _)| *t)
    }

    fn peek_span(&self) -> Span {
        self.tokens
            .get(self.pos)
            .or(self.tokens.last())
            .map_or_else(|| Span::new(self.file, 0, 0), |(_, s)| *s)
    }

    fn at(&self, token: Token) -> bool {
        self.peek() == token
    }

    /// Moves past the current token (never past the end) and returns its span.
    fn bump(&mut self) -> Span {
        let span = self.peek_span();
        if self.pos + 1 < self.tokens.len() {
            self.pos += 1;
        }
        span
    }

    fn eat(&mut self, token: Token) -> Option<Span> {
        self.at(token).then(|| self.bump())
    }

    /// The span of everything from `start` up to the last token consumed.
    fn span_from(&self, start: Span) -> Span {
        let end = self
            .pos
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map_or(start, |(_, s)| *s);
        if end.end < start.start {
            start
        } else {
            start.to(end)
        }
    }

    fn text_of(&self, span: Span) -> &'a str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// Whether the current token is the phrase word `word` in the file's language (whatever token it is: the
    /// Danish `af` of `udgangen af en måned` is also a keyword).
    fn at_word(&self, word: Word) -> bool {
        self.peek() != Token::Eof && self.text_of(self.peek_span()) == word.text(self.lang)
    }

    // -----------------------------------------------------------------------------------------------------------
    // Recovery

    /// Skips to the next token that can start a statement, or to the `}` that closes the current block (not
    /// consumed), stepping over balanced inner blocks.
    fn recover_in_block(&mut self) {
        let mut braces = 0u32;
        loop {
            let token = self.peek();
            match token {
                Token::Eof => return,
                Token::LBrace => braces += 1,
                Token::RBrace if braces == 0 => return,
                Token::RBrace => braces -= 1,
                t if braces == 0 && (starts_statement(t) || starts_top_item(t)) => return,
                _ => {}
            }
            self.bump();
        }
    }

    /// Skips to the next `contract`, `clause` or `import` outside any block.
    fn recover_at_top(&mut self) {
        let mut braces = 0u32;
        loop {
            match self.peek() {
                Token::Eof => return,
                Token::LBrace => braces += 1,
                Token::RBrace => braces = braces.saturating_sub(1),
                t if braces == 0 && starts_top_item(t) => return,
                _ => {}
            }
            self.bump();
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // Files and top-level items

    fn parse_file(&mut self) -> File {
        let mut items = Vec::new();
        while !self.too_deep && !self.at(Token::Eof) {
            let item = match self.peek() {
                Token::Import => self.parse_import().map(TopItem::Import),
                Token::Contract => self.parse_contract().map(TopItem::Contract),
                Token::Clause => self.parse_clause_def().map(TopItem::Clause),
                _ => {
                    self.expected(text!("syntax-want-top-item", lang = self.lang.code()));
                    self.bump();
                    self.recover_at_top();
                    continue;
                }
            };
            match item {
                Some(item) => items.push(item),
                None => self.recover_at_top(),
            }
        }
        File {
            items,
            span: Span::from_range(self.file, 0..self.text.len()),
        }
    }

    fn parse_import(&mut self) -> Option<Import> {
        let start = self.bump();
        let target = if self.at(Token::String) || self.at(Token::UnterminatedString) {
            ImportTarget::File(
                self.expect_string(text!("syntax-want-module-or-file", lang = self.lang.code()))?,
            )
        } else {
            ImportTarget::Module(
                self.expect_path(text!("syntax-want-module-or-file", lang = self.lang.code()))?,
            )
        };
        Some(Import {
            target,
            span: self.span_from(start),
        })
    }

    fn parse_contract(&mut self) -> Option<Contract> {
        let start = self.bump();
        let name =
            self.expect_ident(text!("syntax-want-name-contract", lang = self.lang.code()))?;
        let title = self.parse_string();
        let body = self.expect_block()?;
        Some(Contract {
            name,
            title,
            body,
            span: self.span_from(start),
        })
    }

    fn parse_clause_def(&mut self) -> Option<ClauseDef> {
        let start = self.bump();
        let name = self.expect_ident(text!("syntax-want-name-clause", lang = self.lang.code()))?;
        let params = self.expect_params()?;
        let title = self.parse_string();
        let body = self.expect_block()?;
        Some(ClauseDef {
            name,
            params,
            title,
            body,
            span: self.span_from(start),
        })
    }

    fn expect_params(&mut self) -> Option<Vec<Param>> {
        let open = self.expect_token(
            Token::LParen,
            text!("syntax-want-clause-parameters", lang = self.lang.code()),
        )?;
        let mut params = Vec::new();
        while !self.at(Token::RParen) {
            let name =
                self.expect_ident(text!("syntax-want-parameter-name", lang = self.lang.code()))?;
            self.expect_token(
                Token::Colon,
                text!("syntax-want-colon-type", lang = self.lang.code()),
            )?;
            let ty = if let Some(span) = self.eat(Token::Party) {
                Ident {
                    name: "party".to_string(),
                    span,
                }
            } else {
                self.expect_ident(text!("syntax-want-type", lang = self.lang.code()))?
            };
            params.push(Param {
                span: name.span.to(ty.span),
                name,
                ty,
            });
            if self.eat(Token::Comma).is_none() {
                break;
            }
        }
        self.expect_close(Token::RParen, open)?;
        Some(params)
    }

    // -----------------------------------------------------------------------------------------------------------
    // Blocks and statements

    fn expect_block(&mut self) -> Option<Block> {
        let open = self.expect_token(
            Token::LBrace,
            text!("syntax-want-open-brace", lang = self.lang.code()),
        )?;
        if !self.enter() {
            return None;
        }
        let mut stmts = Vec::new();
        let closed = loop {
            if self.too_deep {
                break false;
            }
            let token = self.peek();
            if token == Token::RBrace {
                self.bump();
                break true;
            }
            if token == Token::Eof || starts_top_item(token) {
                break false;
            }
            if !starts_statement(token) {
                self.expected(text!(
                    "syntax-want-statement-or-close",
                    lang = self.lang.code()
                ));
                self.bump();
                self.recover_in_block();
                continue;
            }
            match self.parse_stmt() {
                Some(stmt) => stmts.push(stmt),
                None => self.recover_in_block(),
            }
        };
        self.leave();
        if !closed {
            let here = self.peek_span();
            let found = self.describe_current();
            self.report(
                Diagnostic::new(Code::E0005, open, text!("syntax-unclosed", open = "{"))
                    .with_label(text!("syntax-unclosed-label", open = "{"))
                    .with_secondary(
                        here,
                        text!("syntax-unclosed-expected", close = "}", found = found),
                    ),
            );
        }
        Some(Block {
            stmts,
            span: self.span_from(open),
        })
    }

    fn parse_stmt(&mut self) -> Option<Stmt> {
        let start = self.peek_span();
        let keyword = self.peek();
        self.bump();
        let kind = match keyword {
            Token::Party => self.expect_decl_rest(
                DeclKind::Party,
                text!("syntax-want-name-party", lang = self.lang.code()),
            )?,
            Token::Item => self.expect_decl_rest(
                DeclKind::Item,
                text!("syntax-want-name-item", lang = self.lang.code()),
            )?,
            Token::Supplement => self.expect_decl_rest(
                DeclKind::Supplement,
                text!("syntax-want-name-supplement", lang = self.lang.code()),
            )?,
            Token::Obligation => self.expect_decl_rest(
                DeclKind::Obligation,
                text!("syntax-want-name-obligation", lang = self.lang.code()),
            )?,
            Token::Termination => {
                let title = self.parse_string();
                let body = self.expect_block()?;
                StmtKind::Decl(Decl {
                    kind: DeclKind::Termination,
                    name: None,
                    title,
                    body,
                })
            }
            Token::Case => StmtKind::Case(
                self.expect_string(text!("syntax-want-case", lang = self.lang.code()))?,
            ),
            Token::Role => StmtKind::Role(
                self.expect_ident(text!("syntax-want-role", lang = self.lang.code()))?,
            ),
            Token::Key => StmtKind::Key(
                self.expect_string(text!("syntax-want-key", lang = self.lang.code()))?,
            ),
            Token::Signed => StmtKind::SignedBy(self.expect_by_parties()?),
            Token::Starts => StmtKind::Starts(self.expect_moment()?),
            Token::Ends => StmtKind::Ends(self.expect_end_rule()?),
            Token::Pay => {
                let amount = self.expect_expr()?;
                self.expect_token(
                    Token::To,
                    text!("syntax-want-to-payee", lang = self.lang.code()),
                )?;
                let payee =
                    self.expect_ident(text!("syntax-want-payee", lang = self.lang.code()))?;
                StmtKind::Pay { amount, payee }
            }
            Token::For => {
                self.expect_token(
                    Token::The,
                    text!("syntax-want-the-first-duration", lang = self.lang.code()),
                )?;
                self.expect_token(
                    Token::First,
                    text!("syntax-want-first-duration", lang = self.lang.code()),
                )?;
                StmtKind::ForFirst(self.expect_expr()?)
            }
            Token::Adjustable => StmtKind::AdjustableBy(self.expect_by_parties()?),
            Token::Term => StmtKind::Term(self.expect_expr()?),
            Token::Review => StmtKind::ReviewBy(self.expect_by_parties()?),
            Token::By => self.expect_party_choice()?,
            Token::Every => {
                let interval = match self.parse_ordinal() {
                    Some(ordinal) => ordinal,
                    None => self.expect_expr()?,
                };
                let on = if self.eat(Token::On).is_some() {
                    Some(self.expect_ident(text!("syntax-want-weekday", lang = self.lang.code()))?)
                } else {
                    None
                };
                StmtKind::Every { interval, on }
            }
            Token::Lasting => StmtKind::Lasting(self.expect_expr()?),
            Token::Grace => StmtKind::Grace(self.expect_expr()?),
            Token::When => self.expect_when_missed_rest()?,
            Token::Cap => StmtKind::Cap(self.expect_expr()?),
            Token::Confirmed => StmtKind::ConfirmedBy(self.expect_by_parties()?),
            Token::Notice => self.expect_notice_rest()?,
            Token::Paid => self.expect_paid_rest()?,
            Token::Interest => self.expect_interest_rest()?,
            Token::Cvr => StmtKind::Cvr(
                self.expect_string(text!("syntax-want-cvr", lang = self.lang.code()))?,
            ),
            Token::Covers => {
                let mut covered = vec![
                    self.expect_string(text!("syntax-want-covered", lang = self.lang.code()))?,
                ];
                while self.eat(Token::Comma).is_some() {
                    covered.push(
                        self.expect_string(text!("syntax-want-covered", lang = self.lang.code()))?,
                    );
                }
                StmtKind::Covers(covered)
            }
            Token::Reimburse => {
                self.expect_token(
                    Token::To,
                    text!("syntax-want-to-reimbursed", lang = self.lang.code()),
                )?;
                let payee =
                    self.expect_ident(text!("syntax-want-reimbursed", lang = self.lang.code()))?;
                StmtKind::Reimburse { payee }
            }
            Token::Up => {
                self.expect_token(
                    Token::To,
                    text!("syntax-want-to-most-reimbursed", lang = self.lang.code()),
                )?;
                StmtKind::UpTo(self.expect_expr()?)
            }
            Token::Approved => StmtKind::ApprovedBy(self.expect_by_parties()?),
            Token::Once => self.expect_once_rest()?,
            Token::Regulated => self.expect_regulated_rest()?,
            Token::Use => {
                let clause =
                    self.expect_path(text!("syntax-want-clause-name", lang = self.lang.code()))?;
                let args = if self.at(Token::LParen) {
                    self.expect_args()?
                } else {
                    Vec::new()
                };
                StmtKind::Use { clause, args }
            }
            _ => {
                self.expected(text!("syntax-want-statement", lang = self.lang.code()));
                return None;
            }
        };
        Some(Stmt {
            kind,
            span: self.span_from(start),
        })
    }

    fn expect_decl_rest(&mut self, kind: DeclKind, what: Text) -> Option<StmtKind> {
        let name = self.expect_ident(what)?;
        let title = self.parse_string();
        let body = self.expect_block()?;
        Some(StmtKind::Decl(Decl {
            kind,
            name: Some(name),
            title,
            body,
        }))
    }

    fn expect_moment(&mut self) -> Option<Moment> {
        if self.eat(Token::On).is_some() {
            Some(Moment::On(self.expect_expr()?))
        } else if self.eat(Token::When).is_some() {
            Some(Moment::When(self.expect_ident(text!(
                "syntax-want-event-kind",
                lang = self.lang.code()
            ))?))
        } else {
            self.expected(text!("syntax-want-moment", lang = self.lang.code()));
            None
        }
    }

    fn expect_end_rule(&mut self) -> Option<EndRule> {
        if self.eat(Token::On).is_some() {
            Some(EndRule::On(self.expect_expr()?))
        } else if self.eat(Token::After).is_some() {
            Some(EndRule::After(self.expect_expr()?))
        } else if self.eat(Token::When).is_some() {
            Some(EndRule::When(self.expect_ident(text!(
                "syntax-want-event-kind",
                lang = self.lang.code()
            ))?))
        } else {
            self.expected(text!("syntax-want-end-rule", lang = self.lang.code()));
            None
        }
    }

    /// `by` and a list of parties.
    fn expect_by_parties(&mut self) -> Option<Vec<Ident>> {
        self.expect_token(
            Token::By,
            text!("syntax-want-by-parties", lang = self.lang.code()),
        )?;
        self.expect_parties()
    }

    /// `a`, `a and b`, `a, b and c`.
    fn expect_parties(&mut self) -> Option<Vec<Ident>> {
        let mut parties =
            vec![self.expect_ident(text!("syntax-want-party", lang = self.lang.code()))?];
        while self.eat(Token::Comma).is_some() || self.eat(Token::And).is_some() {
            parties.push(self.expect_ident(text!("syntax-want-party", lang = self.lang.code()))?);
        }
        Some(parties)
    }

    /// `by a`, `by a and b`, `by a or b`: the parties of a `by`, joined by `,`, `and` or `or`, which the checker tells
    /// apart (an obligation's are joined by `and`, a termination's by `or`).
    fn expect_party_choice(&mut self) -> Option<StmtKind> {
        let mut parties =
            vec![self.expect_ident(text!("syntax-want-party", lang = self.lang.code()))?];
        let (mut and, mut or) = (None, None);
        loop {
            if self.eat(Token::Comma).is_some() {
            } else if let Some(span) = self.eat(Token::And) {
                and = and.or(Some(span));
            } else if let Some(span) = self.eat(Token::Or) {
                or = or.or(Some(span));
            } else {
                break;
            }
            parties.push(self.expect_ident(text!("syntax-want-party", lang = self.lang.code()))?);
        }
        Some(StmtKind::By { parties, and, or })
    }

    fn expect_args(&mut self) -> Option<Vec<Arg>> {
        let open = self.bump();
        let mut args = Vec::new();
        while !self.at(Token::RParen) {
            let name = self.expect_ident(text!(
                "syntax-want-parameter-of-clause",
                lang = self.lang.code()
            ))?;
            self.expect_token(
                Token::Colon,
                text!("syntax-want-colon-argument", lang = self.lang.code()),
            )?;
            let value = self.expect_expr()?;
            args.push(Arg {
                span: name.span.to(value.span),
                name,
                value,
            });
            if self.eat(Token::Comma).is_none() {
                break;
            }
        }
        self.expect_close(Token::RParen, open)?;
        Some(args)
    }

    // -----------------------------------------------------------------------------------------------------------
    // Tokens the statements need

    fn expect_token(&mut self, token: Token, what: Text) -> Option<Span> {
        let span = self.eat(token);
        if span.is_none() {
            self.expected(what);
        }
        span
    }

    fn expect_ident(&mut self, what: Text) -> Option<Ident> {
        if self.at(Token::Ident) {
            let span = self.bump();
            Some(Ident {
                name: self.text_of(span).to_string(),
                span,
            })
        } else {
            self.expected(what);
            // A reserved word where a name belongs was meant as the name: step over it, so that recovery does not
            // read it as the start of a statement and report a second error.
            if self.peek().keyword_text().is_some() {
                self.bump();
            }
            None
        }
    }

    fn expect_path(&mut self, what: Text) -> Option<Path> {
        let first = self.expect_ident(what)?;
        let start = first.span;
        let mut segments = vec![first];
        while self.eat(Token::Dot).is_some() {
            segments.push(
                self.expect_ident(text!("syntax-want-name-after-dot", lang = self.lang.code()))?,
            );
        }
        Some(Path {
            segments,
            span: self.span_from(start),
        })
    }

    fn parse_string(&mut self) -> Option<StrLit> {
        if self.at(Token::String) || self.at(Token::UnterminatedString) {
            self.expect_string(text!("syntax-want-string", lang = self.lang.code()))
        } else {
            None
        }
    }

    fn expect_string(&mut self, what: Text) -> Option<StrLit> {
        match self.peek() {
            Token::String | Token::UnterminatedString => {
                let span = self.bump();
                Some(StrLit {
                    value: self.string_value(span),
                    span,
                })
            }
            _ => {
                self.expected(what);
                None
            }
        }
    }
}

/// Whether a token can start a statement inside a block.
fn starts_statement(token: Token) -> bool {
    matches!(
        token,
        Token::Party
            | Token::Item
            | Token::Supplement
            | Token::Obligation
            | Token::Termination
            | Token::Case
            | Token::Role
            | Token::Key
            | Token::Signed
            | Token::Starts
            | Token::Ends
            | Token::Pay
            | Token::For
            | Token::Adjustable
            | Token::Term
            | Token::Review
            | Token::By
            | Token::Every
            | Token::Lasting
            | Token::Grace
            | Token::When
            | Token::Cap
            | Token::Confirmed
            | Token::Notice
            | Token::Paid
            | Token::Use
            | Token::Cvr
            | Token::Covers
            | Token::Reimburse
            | Token::Up
            | Token::Approved
            | Token::Interest
            | Token::Once
            | Token::Regulated
    )
}

fn starts_top_item(token: Token) -> bool {
    matches!(token, Token::Import | Token::Contract | Token::Clause)
}

#[cfg(test)]
mod tests;
