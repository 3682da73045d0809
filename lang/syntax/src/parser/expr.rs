//! Expressions, by precedence climbing, and the literals in them.
//!
//! Binding powers follow the grammar's expression rules from loosest to tightest: `or`, `and`, `not` (a prefix
//! whose operand is a comparison), comparisons (non-associative), `+ -`, `* /` and the postfix `per UNIT`, then
//! unary `-`. Literals are valued here: numbers as exact decimals, dates as calendar dates, strings with their
//! escapes resolved; a literal that is not valid is reported and becomes [`ExprKind::Error`] (a string keeps what
//! could be read of it).

use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::Parser;
use crate::ast::{BinaryOp, Expr, ExprKind, UnaryOp, Unit, UnitWord};
use crate::diagnostic::{Code, Diagnostic};
use crate::lexer::Token;
use crate::span::Span;

/// Binding powers, loosest first.
const OR: u8 = 1;
const AND: u8 = 2;
const NOT: u8 = 3;
const COMPARE: u8 = 4;
const SUM: u8 = 5;
const PRODUCT: u8 = 6;
const UNARY: u8 = 7;

/// The most digits a number literal may have: every such number is held exactly.
const MAX_DIGITS: usize = 28;

const UNITS_HELP: &str = "the units are `day`, `week`, `month`, `year`, `hour` (or their plurals) and a currency code such as `DKK`";

fn infix(token: Token) -> Option<(u8, BinaryOp)> {
    Some(match token {
        Token::Or => (OR, BinaryOp::Or),
        Token::And => (AND, BinaryOp::And),
        Token::EqEq => (COMPARE, BinaryOp::Eq),
        Token::NotEq => (COMPARE, BinaryOp::NotEq),
        Token::Lt => (COMPARE, BinaryOp::Lt),
        Token::LtEq => (COMPARE, BinaryOp::LtEq),
        Token::Gt => (COMPARE, BinaryOp::Gt),
        Token::GtEq => (COMPARE, BinaryOp::GtEq),
        Token::Plus => (SUM, BinaryOp::Add),
        Token::Minus => (SUM, BinaryOp::Sub),
        Token::Star => (PRODUCT, BinaryOp::Mul),
        Token::Slash => (PRODUCT, BinaryOp::Div),
        _ => return None,
    })
}

impl Parser<'_> {
    /// An expression; `None` (reported) when none starts here.
    pub(super) fn expect_expr(&mut self) -> Option<Expr> {
        let expr = self.expr_bp(0)?;
        if self.too_deep {
            return None;
        }
        Some(expr)
    }

    /// An expression whose operators all bind at least as tightly as `min`.
    fn expr_bp(&mut self, min: u8) -> Option<Expr> {
        if !self.enter() {
            return None;
        }
        let result = self.expr_bp_inner(min);
        self.leave();
        result
    }

    /// Parses one operand and the operators that follow it. Each operator applied adds a level to the tree (a
    /// chain `1 + 1 + …` is a tree as deep as it is long), so each counts toward [`super::MAX_DEPTH`] too: a tree
    /// that deep could not even be dropped without overflowing the stack.
    fn expr_bp_inner(&mut self, min: u8) -> Option<Expr> {
        let mut chained = 0;
        let result = self.operator_chain(min, &mut chained);
        for _ in 0..chained {
            self.leave();
        }
        result
    }

    fn operator_chain(&mut self, min: u8, chained: &mut u32) -> Option<Expr> {
        let mut lhs = self.expect_prefix(min)?;
        // Comparisons do not chain: `a < b < c` is an error, not `(a < b) < c`.
        let mut compared = false;
        loop {
            let token = self.peek();
            if token == Token::Per {
                if PRODUCT < min {
                    break;
                }
                if !self.enter() {
                    return None;
                }
                *chained += 1;
                self.bump();
                let unit = self.expect_unit_after_per()?;
                let span = lhs.span.to(unit.span);
                lhs = Expr {
                    kind: ExprKind::Per(Box::new(lhs), unit),
                    span,
                };
                continue;
            }
            let Some((bp, op)) = infix(token) else { break };
            if bp < min {
                break;
            }
            if bp == COMPARE && compared {
                let span = self.peek_span();
                self.last_error_at = Some(self.pos);
                self.report(
                    Diagnostic::new(Code::E0011, span, "comparisons cannot be chained")
                        .with_label("a second comparison")
                        .with_secondary(lhs.span, "this is already a comparison")
                        .with_help("join the comparisons with `and`: `a < b and b < c`"),
                );
                return None;
            }
            if !self.enter() {
                return None;
            }
            *chained += 1;
            self.bump();
            let rhs = self.expr_bp(bp + 1)?;
            compared = bp == COMPARE;
            let span = lhs.span.to(rhs.span);
            lhs = Expr {
                kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)),
                span,
            };
        }
        Some(lhs)
    }

    fn expect_prefix(&mut self, min: u8) -> Option<Expr> {
        let (op, operand_bp) = match self.peek() {
            Token::Not if min <= NOT => (UnaryOp::Not, NOT),
            Token::Not => {
                self.expected_with_help("an expression", Some("put the `not …` in parentheses"));
                return None;
            }
            Token::Minus => (UnaryOp::Neg, UNARY),
            _ => return self.expect_primary(),
        };
        let start = self.bump();
        let operand = self.expr_bp(operand_bp)?;
        let span = start.to(operand.span);
        Some(Expr {
            kind: ExprKind::Unary(op, Box::new(operand)),
            span,
        })
    }

    fn expect_primary(&mut self) -> Option<Expr> {
        let span = self.peek_span();
        let kind = match self.peek() {
            Token::LParen => {
                self.bump();
                let inner = self.expr_bp(0)?;
                self.expect_close(Token::RParen, span)?;
                return Some(Expr {
                    kind: inner.kind,
                    span: self.span_from(span),
                });
            }
            Token::Number => {
                self.bump();
                let value = self.number_value(span);
                let unit = self.parse_unit_after_number();
                let span = unit.as_ref().map_or(span, |u| span.to(u.span));
                return Some(Expr {
                    kind: match value {
                        Some(value) => ExprKind::Quantity { value, unit },
                        None => ExprKind::Error,
                    },
                    span,
                });
            }
            Token::Date => {
                self.bump();
                self.date_value(span)
                    .map_or(ExprKind::Error, ExprKind::Date)
            }
            Token::String | Token::UnterminatedString => {
                self.bump();
                ExprKind::Str(self.string_value(span))
            }
            Token::True => {
                self.bump();
                ExprKind::Bool(true)
            }
            Token::False => {
                self.bump();
                ExprKind::Bool(false)
            }
            Token::Ident => {
                self.bump();
                ExprKind::Name(self.text_of(span).to_string())
            }
            _ => {
                self.expected("an expression");
                return None;
            }
        };
        Some(Expr { kind, span })
    }

    /// The unit word right after a number, if a name follows it; a name that is no unit is E0012.
    fn parse_unit_after_number(&mut self) -> Option<UnitWord> {
        if !self.at(Token::Ident) {
            return None;
        }
        let span = self.bump();
        let word = self.text_of(span);
        match Unit::from_word(word) {
            Some((unit, plural)) => Some(UnitWord { unit, plural, span }),
            None => {
                self.report(unknown_unit(span, word));
                None
            }
        }
    }

    fn expect_unit_after_per(&mut self) -> Option<UnitWord> {
        if !self.at(Token::Ident) {
            self.expected_with_help("a unit after `per`", Some(UNITS_HELP));
            return None;
        }
        let span = self.bump();
        let word = self.text_of(span);
        match Unit::from_word(word) {
            Some((unit, plural)) => Some(UnitWord { unit, plural, span }),
            None => {
                self.report(unknown_unit(span, word));
                None
            }
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // Literals

    fn number_value(&mut self, span: Span) -> Option<Decimal> {
        let text = self.text_of(span);
        let digits: String = text.chars().filter(|&c| c != '_').collect();
        let significant = digits.bytes().filter(u8::is_ascii_digit).count();
        match Decimal::from_str_exact(&digits) {
            Ok(value) if significant <= MAX_DIGITS => Some(value),
            _ => {
                self.report(
                    Diagnostic::new(
                        Code::E0007,
                        span,
                        format!("`{text}` has more digits than a number can hold"),
                    )
                    .with_label("too many digits")
                    .with_help(
                        "a number has at most 28 digits, counting those after the decimal point",
                    ),
                );
                None
            }
        }
    }

    fn date_value(&mut self, span: Span) -> Option<NaiveDate> {
        let text = self.text_of(span);
        if let Ok(date) = NaiveDate::from_str(text) {
            return Some(date);
        }
        let part =
            |range: std::ops::Range<usize>| text.get(range).and_then(|p| p.parse::<u32>().ok());
        let (year, month) = (part(0..4), part(5..7));
        let help = match (year, month) {
            (_, Some(month)) if !(1..=12).contains(&month) => {
                "a month is from 01 to 12".to_string()
            }
            (Some(year), Some(month)) => match last_day_of_month(year, month) {
                Some(last) => format!("that month has {last} days"),
                None => "write the date as `YYYY-MM-DD`".to_string(),
            },
            _ => "write the date as `YYYY-MM-DD`".to_string(),
        };
        self.report(
            Diagnostic::new(
                Code::E0006,
                span,
                format!("`{text}` is not a date in the calendar"),
            )
            .with_label("no such day")
            .with_help(help),
        );
        None
    }

    /// The value of a string token with its escapes resolved; a bad escape or a missing closing quote is reported.
    pub(super) fn string_value(&mut self, span: Span) -> String {
        let text = self.text_of(span);
        let terminated = text.len() >= 2 && text.ends_with('"') && !ends_in_escaped_quote(text);
        if !terminated {
            self.report(
                Diagnostic::new(Code::E0002, span, "unterminated string")
                    .with_label("this string is not closed before the end of the line")
                    .with_help("close the string with `\"`; a string cannot span lines"),
            );
        }
        let body = text.strip_prefix('"').unwrap_or(text);
        let body = if terminated {
            body.strip_suffix('"').unwrap_or(body)
        } else {
            body
        };
        let mut value = String::with_capacity(body.len());
        let mut chars = body.char_indices();
        while let Some((i, c)) = chars.next() {
            if c != '\\' {
                value.push(c);
                continue;
            }
            let escaped = chars.next();
            match escaped.map(|(_, e)| e) {
                Some('"') => value.push('"'),
                Some('\\') => value.push('\\'),
                Some('n') => value.push('\n'),
                Some('t') => value.push('\t'),
                other => {
                    let start = span.start + 1 + u32::try_from(i).unwrap_or(0);
                    let len = 1 + other.map_or(0, |e| u32::try_from(e.len_utf8()).unwrap_or(1));
                    let shown = format!("\\{}", other.map(String::from).unwrap_or_default());
                    self.report(
                        Diagnostic::new(
                            Code::E0003,
                            Span::new(span.file, start, start + len),
                            format!("`{shown}` is not an escape in a string"),
                        )
                        .with_label("unknown escape")
                        .with_help("the escapes are `\\\"`, `\\\\`, `\\n` and `\\t`"),
                    );
                }
            }
        }
        value
    }
}

/// Whether the closing `"` of `text` is really an escaped quote (an odd number of backslashes before it).
fn ends_in_escaped_quote(text: &str) -> bool {
    let without_quote = text.strip_suffix('"').unwrap_or(text);
    let backslashes = without_quote
        .chars()
        .rev()
        .take_while(|&c| c == '\\')
        .count();
    backslashes % 2 == 1
}

/// The number of days in a month, by chrono, as evaluation counts them.
fn last_day_of_month(year: u32, month: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, 1)?;
    Some(u32::from(first.num_days_in_month()))
}

fn unknown_unit(span: Span, word: &str) -> Diagnostic {
    Diagnostic::new(Code::E0012, span, format!("`{word}` is not a unit"))
        .with_label("unknown unit")
        .with_help(UNITS_HELP)
}
