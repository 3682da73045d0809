//! The parser of scenario files: one statement a line (spec 15.2 gives the grammar), each line read on its own, so
//! that every malformed line is reported with its own diagnostic and the lines after it are still read.

use std::ops::Range;

use chrono::NaiveDate;
use cvl_eval::{Month, Status};
use rust_decimal::Decimal;

use crate::amount;
use crate::ast::{Base, EventLine, Expect, File, Named, PayeeMonth, Scenario, Value, What};
use crate::diag::{Code, Diag};
use crate::lex::{self, Tok, Token};
use crate::words::{Lang, Word, any_word, other, word};
use cvl_messages::{Text, text};

/// What parsing a scenario file found: the file (when it names its contract) and every problem.
#[derive(Debug)]
pub struct Parsed {
    pub file: Option<File>,
    pub diags: Vec<Diag>,
    /// The file's language, from its first word, when it has one: its problems are shown in it.
    pub lang: Option<Lang>,
}

/// Parses a scenario file's text.
pub fn parse(text: &str) -> Parsed {
    let mut parser = Parser {
        lang: None,
        contract: None,
        scenarios: Vec::new(),
        diags: Vec::new(),
        unread: Vec::new(),
    };
    let mut offset = 0;
    for (index, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        match lex::line(line, offset) {
            Ok(tokens) if tokens.is_empty() => {}
            Ok(tokens) => {
                let span = tokens.first().map_or(offset, |t| t.start)
                    ..tokens.last().map_or(offset, |t| t.end);
                if let Err(diag) = parser.statement(index + 1, span, &tokens) {
                    parser.failed(diag);
                }
            }
            Err(diag) => parser.failed(diag),
        }
        offset += raw.len() + 1;
    }
    parser.finish()
}

struct Parser {
    lang: Option<Lang>,
    contract: Option<Named>,
    scenarios: Vec<Scenario>,
    diags: Vec<Diag>,
    /// The scenarios (by their place in `scenarios`) with a line that could not be read: whether they say what
    /// must follow is not known, so it is not reported.
    unread: Vec<usize>,
}

/// The tokens of one line, read from the left.
struct Cursor<'t> {
    tokens: &'t [Token],
    at: usize,
    /// The end of the line, for a diagnostic about what is missing there.
    end: usize,
}

impl<'t> Cursor<'t> {
    fn next(&mut self) -> Option<&'t Token> {
        let token = self.tokens.get(self.at);
        self.at += 1;
        token
    }

    fn peek(&self) -> Option<&'t Token> {
        self.tokens.get(self.at)
    }

    fn missing(&self, what: Text) -> Diag {
        Diag::new(
            Code::S0005,
            self.end..self.end,
            text!("scenario-line-ends", what = what),
        )
    }
}

/// A word of the syntax in backticks, as a message names what a line lacks.
fn quoted(word: &str) -> Text {
    text!("scenario-quoted", word = word)
}

/// The name of `lang` in words.
fn language(lang: Lang) -> Text {
    match lang {
        Lang::English => text!("scenario-english"),
        Lang::Danish => text!("scenario-danish"),
    }
}

fn text_of(token: &Token) -> String {
    match &token.kind {
        Tok::Word(w) | Tok::Literal(w) => w.clone(),
        Tok::Str(s) => format!("\"{s}\""),
        Tok::Comma => ",".to_string(),
    }
}

impl Parser {
    /// Records the problem of a line of the current scenario.
    fn failed(&mut self, diag: Diag) {
        if let Some(last) = self.scenarios.len().checked_sub(1) {
            self.unread.push(last);
        }
        self.diags.push(diag);
    }

    fn lang(&self) -> Lang {
        self.lang.unwrap_or(Lang::English)
    }

    /// The word `token` is, in this file's language; a word of the other language is reported.
    fn word(&self, token: &Token) -> Result<Option<Word>, Diag> {
        let Tok::Word(text) = &token.kind else {
            return Ok(None);
        };
        let lang = self.lang();
        if let Some(w) = word(lang, text) {
            return Ok(Some(w));
        }
        if let Some(w) = word(other(lang), text) {
            return Err(Diag::new(
                Code::S0006,
                token.start..token.end,
                text!(
                    "scenario-other-language",
                    text = text.as_str(),
                    other = language(other(lang)),
                    lang = language(lang)
                ),
            )
            .help(text!(
                "scenario-other-language-help",
                word = w.spelled(lang),
                first = Word::Contract.spelled(lang)
            )));
        }
        Ok(None)
    }

    /// Expects the word `w` next.
    fn expect_word(&self, cursor: &mut Cursor<'_>, w: Word) -> Result<(), Diag> {
        let spelled = w.spelled(self.lang());
        let Some(token) = cursor.next() else {
            return Err(cursor.missing(quoted(spelled)));
        };
        if self.word(token)? == Some(w) {
            Ok(())
        } else {
            Err(Diag::new(
                Code::S0005,
                token.start..token.end,
                text!(
                    "scenario-expected-found",
                    expected = spelled,
                    found = text_of(token)
                ),
            ))
        }
    }

    fn statement(&mut self, line: usize, span: Range<usize>, tokens: &[Token]) -> Result<(), Diag> {
        let mut cursor = Cursor {
            tokens,
            at: 0,
            end: span.end,
        };
        let Some(first) = cursor.next() else {
            return Ok(());
        };
        if self.lang.is_none() {
            if let Tok::Word(text) = &first.kind
                && let Some((lang, w)) = any_word(text)
            {
                self.lang = Some(lang);
                if w != Word::Contract {
                    self.diags.push(
                        Diag::new(
                            Code::S0007,
                            first.start..first.end,
                            text!("scenario-starts-with-contract"),
                        )
                        .help(text!(
                            "scenario-begin-with-contract",
                            contract = Word::Contract.spelled(lang)
                        )),
                    );
                }
            } else {
                self.lang = Some(Lang::English);
                return Err(Diag::new(
                    Code::S0007,
                    first.start..first.end,
                    text!("scenario-starts-with-contract"),
                )
                .help(text!("scenario-begin-with-either")));
            }
        }
        if let Tok::Literal(_) = first.kind {
            let event = self.event(line, span, first, &mut cursor)?;
            self.current(first)?.events.push(event);
            return Ok(());
        }
        match self.word(first)? {
            Some(Word::Contract) => {
                let path = self.string(&mut cursor, text!("scenario-what-contract-file"))?;
                self.end(&cursor)?;
                if let Some(earlier) = &self.contract {
                    return Err(
                        Diag::new(Code::S0007, span, text!("scenario-contract-twice")).help(text!(
                            "scenario-contract-twice-help",
                            contract = &earlier.text
                        )),
                    );
                }
                if !self.scenarios.is_empty() {
                    return Err(
                        Diag::new(Code::S0007, span, text!("scenario-contract-after"))
                            .help(text!("scenario-contract-after-help")),
                    );
                }
                self.contract = Some(path);
                Ok(())
            }
            Some(Word::Scenario) => {
                let name = self.string(&mut cursor, text!("scenario-what-scenario-name"))?;
                self.end(&cursor)?;
                if name.text.trim().is_empty() {
                    return Err(
                        Diag::new(Code::S0005, name.span, text!("scenario-name-blank"))
                            .help(text!("scenario-name-blank-help")),
                    );
                }
                if let Some(earlier) = self.scenarios.iter().find(|s| s.name.text == name.text) {
                    return Err(Diag::new(
                        Code::S0007,
                        name.span,
                        text!(
                            "scenario-name-twice",
                            name = &name.text,
                            line = earlier.line
                        ),
                    )
                    .help(text!("scenario-name-twice-help")));
                }
                self.scenarios.push(Scenario {
                    name,
                    line,
                    base: None,
                    as_of: None,
                    events: Vec::new(),
                    expects: Vec::new(),
                });
                Ok(())
            }
            Some(w @ (Word::Events | Word::Log)) => {
                let path = self.string(&mut cursor, text!("scenario-what-file-name"))?;
                self.end(&cursor)?;
                let scenario = self.current(first)?;
                if scenario.base.is_some() {
                    return Err(Diag::new(Code::S0007, span, text!("scenario-two-bases"))
                        .help(text!("scenario-two-bases-help")));
                }
                if !scenario.events.is_empty() {
                    return Err(Diag::new(Code::S0007, span, text!("scenario-base-late"))
                        .help(text!("scenario-base-late-help")));
                }
                scenario.base = Some(Base {
                    signed: w == Word::Log,
                    path,
                });
                Ok(())
            }
            Some(Word::AsOf) => {
                if self.lang() == Lang::English {
                    self.expect_word_text(&mut cursor, "of")?;
                }
                let (date, date_span) = self.date(&mut cursor, text!("scenario-what-as-of"))?;
                self.end(&cursor)?;
                let scenario = self.current(first)?;
                if scenario.as_of.is_some() {
                    return Err(Diag::new(Code::S0007, span, text!("scenario-as-of-twice")));
                }
                scenario.as_of = Some((date, date_span));
                Ok(())
            }
            Some(Word::Refused) => {
                let words = self.words(&mut cursor)?;
                self.end(&cursor)?;
                self.expectation(first, line, span, What::Refused { words })
            }
            Some(_) | None => {
                let Tok::Word(name) = &first.kind else {
                    return Err(not_understood(first, self.lang()));
                };
                let name = Named {
                    text: name.clone(),
                    span: first.start..first.end,
                };
                let what = self.expect_line(name, &mut cursor)?;
                self.end(&cursor)?;
                self.expectation(first, line, span, what)
            }
        }
    }

    fn expect_word_text(&self, cursor: &mut Cursor<'_>, text: &str) -> Result<(), Diag> {
        match cursor.next() {
            Some(Token {
                kind: Tok::Word(w), ..
            }) if w == text => Ok(()),
            Some(token) => Err(Diag::new(
                Code::S0005,
                token.start..token.end,
                text!(
                    "scenario-expected-found",
                    expected = text,
                    found = text_of(token)
                ),
            )
            .help(text!("scenario-as-of-help"))),
            None => Err(cursor.missing(quoted(text))),
        }
    }

    fn expectation(
        &mut self,
        first: &Token,
        line: usize,
        span: Range<usize>,
        what: What,
    ) -> Result<(), Diag> {
        let scenario = self.current(first)?;
        scenario.expects.push(Expect { line, span, what });
        Ok(())
    }

    /// The scenario a line belongs to: the last one begun.
    fn current(&mut self, first: &Token) -> Result<&mut Scenario, Diag> {
        let lang = self.lang();
        self.scenarios.last_mut().ok_or_else(|| {
            Diag::new(
                Code::S0007,
                first.start..first.end,
                text!("scenario-no-scenario"),
            )
            .help(text!(
                "scenario-no-scenario-help",
                scenario = Word::Scenario.spelled(lang)
            ))
        })
    }

    /// The rest of an expectation that starts with a name: a payee's month, or an obligation's occurrence.
    fn expect_line(&self, name: Named, cursor: &mut Cursor<'_>) -> Result<What, Diag> {
        let lang = self.lang();
        let Some(second) = cursor.next() else {
            return Err(cursor.missing(text!(
                "scenario-missing-after-name",
                name = &name.text,
                pays = Word::Pays.spelled(lang),
                due = Word::Due.spelled(lang)
            )));
        };
        if let Tok::Literal(text) = &second.kind {
            let month = month(text, second)?;
            let at = PayeeMonth {
                payee: name,
                month,
                month_span: second.start..second.end,
            };
            let Some(third) = cursor.next() else {
                return Err(cursor.missing(text!(
                    "scenario-missing-after-month",
                    pays = Word::Pays.spelled(lang),
                    withheld = Word::Withheld.spelled(lang),
                    released = Word::Released.spelled(lang),
                    is = Word::Is.spelled(lang),
                    flagged = Word::Flagged.spelled(lang)
                )));
            };
            return match self.word(third)? {
                Some(Word::Pays) => Ok(What::Total {
                    at,
                    amount: self.amount(cursor)?,
                }),
                Some(Word::Withheld) => Ok(What::Withheld {
                    at,
                    amount: self.amount(cursor)?,
                }),
                Some(Word::Released) => Ok(What::Released {
                    at,
                    amount: self.amount(cursor)?,
                }),
                Some(Word::Is) => {
                    self.expect_word(cursor, Word::Flagged)?;
                    Ok(What::Flagged {
                        at,
                        words: self.words(cursor)?,
                    })
                }
                _ => {
                    let Tok::Word(item) = &third.kind else {
                        return Err(not_understood(third, lang));
                    };
                    if let Some(Token {
                        kind: Tok::Literal(_),
                        ..
                    }) = cursor.peek()
                    {
                        return Err(Diag::new(
                            Code::S0005,
                            third.start..third.end,
                            text!("scenario-not-understood", text = item.as_str()),
                        )
                        .help(text!(
                            "scenario-after-month-help",
                            pays = Word::Pays.spelled(lang),
                            withheld = Word::Withheld.spelled(lang),
                            released = Word::Released.spelled(lang),
                            is = Word::Is.spelled(lang),
                            flagged = Word::Flagged.spelled(lang)
                        )));
                    }
                    let item = Named {
                        text: item.clone(),
                        span: third.start..third.end,
                    };
                    self.expect_word(cursor, Word::Pays)?;
                    Ok(What::Line {
                        at,
                        item,
                        amount: self.amount(cursor)?,
                    })
                }
            };
        }
        if self.word(second)? == Some(Word::Due) {
            let (due, due_span) = self.date(cursor, text!("scenario-what-due"))?;
            self.expect_word(cursor, Word::Is)?;
            let Some(token) = cursor.next() else {
                return Err(cursor.missing(text!("scenario-what-status")));
            };
            let status = match self.word(token)? {
                Some(Word::Met) => Status::Met,
                Some(Word::Late) => Status::Late,
                Some(Word::Missed) => Status::Missed,
                Some(Word::Pending) => Status::Pending,
                _ => {
                    return Err(Diag::new(
                        Code::S0005,
                        token.start..token.end,
                        text!("scenario-not-a-status", text = text_of(token)),
                    )
                    .help(text!(
                        "scenario-statuses",
                        met = Word::Met.spelled(lang),
                        late = Word::Late.spelled(lang),
                        missed = Word::Missed.spelled(lang),
                        pending = Word::Pending.spelled(lang)
                    )));
                }
            };
            return Ok(What::Status {
                obligation: name,
                due,
                due_span,
                status,
            });
        }
        Err(not_understood(second, lang))
    }

    /// An amount of an expectation, in the file's notation, with at most 2 decimals.
    fn amount(&self, cursor: &mut Cursor<'_>) -> Result<Decimal, Diag> {
        let lang = self.lang();
        let Some(token) = cursor.next() else {
            return Err(cursor.missing(text!("scenario-what-amount")));
        };
        let Tok::Literal(text) = &token.kind else {
            return Err(Diag::new(
                Code::S0004,
                token.start..token.end,
                text!("scenario-expected-amount", found = text_of(token)),
            )
            .help(text!(
                "scenario-amount-in-figures",
                zero = amount::written(lang, Decimal::ZERO)
            )));
        };
        let value = amount::read(lang, text).ok_or_else(|| {
            let (message, help) = amount::refusal(lang, text);
            Diag::new(Code::S0004, token.start..token.end, message).help(help)
        })?;
        if value.scale() > 2 {
            return Err(Diag::new(
                Code::S0004,
                token.start..token.end,
                text!("scenario-too-many-decimals", text = text.as_str()),
            )
            .help(text!("scenario-too-many-decimals-help")));
        }
        Ok(value)
    }

    /// Optional words in quotes, at the end of a line.
    fn words(&self, cursor: &mut Cursor<'_>) -> Result<Option<String>, Diag> {
        match cursor.peek() {
            None => Ok(None),
            Some(token) => match &token.kind {
                Tok::Str(s) => {
                    cursor.next();
                    Ok(Some(s.clone()))
                }
                _ => Err(Diag::new(
                    Code::S0005,
                    token.start..token.end,
                    text!("scenario-expected-words", found = text_of(token)),
                )
                .help(text!("scenario-expected-words-help"))),
            },
        }
    }

    fn string(&self, cursor: &mut Cursor<'_>, what: Text) -> Result<Named, Diag> {
        match cursor.next() {
            Some(Token {
                kind: Tok::Str(s),
                start,
                end,
            }) => Ok(Named {
                text: s.clone(),
                span: *start..*end,
            }),
            Some(token) => Err(Diag::new(
                Code::S0005,
                token.start..token.end,
                text!(
                    "scenario-expected-quoted",
                    what = what,
                    found = text_of(token)
                ),
            )
            .help(text!("scenario-write-in-quotes", found = text_of(token)))),
            None => Err(cursor.missing(text!("scenario-in-quotes", what = what))),
        }
    }

    fn date(&self, cursor: &mut Cursor<'_>, what: Text) -> Result<(NaiveDate, Range<usize>), Diag> {
        match cursor.next() {
            Some(
                token @ Token {
                    kind: Tok::Literal(text),
                    ..
                },
            ) => Ok((date(text, token)?, token.start..token.end)),
            Some(token) => Err(Diag::new(
                Code::S0003,
                token.start..token.end,
                text!("scenario-expected", what = what, found = text_of(token)),
            )
            .help(text!("scenario-date-help", example = "2019-12-31"))),
            None => Err(cursor.missing(what)),
        }
    }

    fn end(&self, cursor: &Cursor<'_>) -> Result<(), Diag> {
        match cursor.peek() {
            None => Ok(()),
            Some(token) => Err(Diag::new(
                Code::S0005,
                token.start..cursor.end,
                text!("scenario-more-than-line", text = text_of(token)),
            )
            .help(text!("scenario-more-than-line-help"))),
        }
    }

    /// An event: `DATE ACTOR KIND` and its fields, each a name and a value.
    fn event(
        &self,
        line: usize,
        span: Range<usize>,
        first: &Token,
        cursor: &mut Cursor<'_>,
    ) -> Result<EventLine, Diag> {
        let Tok::Literal(text) = &first.kind else {
            return Err(not_understood(first, self.lang()));
        };
        let date = date(text, first)?;
        let actor = self.name(cursor, text!("scenario-what-actor"))?;
        let kind = self.name(cursor, text!("scenario-what-kind"))?;
        let mut fields: Vec<(Named, Value)> = Vec::new();
        while cursor.peek().is_some() {
            let field = self.name(cursor, text!("scenario-what-field"))?;
            if let Some((earlier, _)) = fields.iter().find(|(f, _)| f.text == field.text) {
                return Err(Diag::new(
                    Code::S0005,
                    field.span,
                    text!("scenario-field-twice", field = &earlier.text),
                )
                .help(text!("scenario-field-twice-help")));
            }
            let mut values = vec![self.value(cursor, &field)?];
            while let Some(Token {
                kind: Tok::Comma, ..
            }) = cursor.peek()
            {
                cursor.next();
                values.push(self.value(cursor, &field)?);
            }
            let value = if values.len() == 1 {
                values.pop().unwrap_or(Value::List(Vec::new()))
            } else {
                Value::List(values)
            };
            fields.push((field, value));
        }
        Ok(EventLine {
            line,
            span,
            date,
            actor,
            kind,
            fields,
        })
    }

    fn name(&self, cursor: &mut Cursor<'_>, what: Text) -> Result<Named, Diag> {
        match cursor.next() {
            Some(Token {
                kind: Tok::Word(w),
                start,
                end,
            }) => Ok(Named {
                text: w.clone(),
                span: *start..*end,
            }),
            Some(token) => Err(Diag::new(
                Code::S0005,
                token.start..token.end,
                text!("scenario-expected", what = what, found = text_of(token)),
            )
            .help(text!("scenario-event-help"))),
            None => Err(cursor.missing(what)),
        }
    }

    fn value(&self, cursor: &mut Cursor<'_>, field: &Named) -> Result<Value, Diag> {
        let Some(token) = cursor.next() else {
            return Err(cursor.missing(text!("scenario-value-of", field = &field.text)));
        };
        match &token.kind {
            Tok::Word(w) => Ok(Value::Text(w.clone())),
            Tok::Str(s) => Ok(Value::Text(s.clone())),
            Tok::Comma => Err(Diag::new(
                Code::S0005,
                token.start..token.end,
                text!("scenario-expected-value", field = &field.text),
            )),
            Tok::Literal(text) => match text.matches('-').count() {
                2 => Ok(Value::Date(date(text, token)?)),
                1 => Ok(Value::Month(month(text, token)?)),
                _ => {
                    let lang = self.lang();
                    let value = amount::read(lang, text).ok_or_else(|| {
                        let (message, help) = amount::refusal(lang, text);
                        Diag::new(Code::S0004, token.start..token.end, message).help(help)
                    })?;
                    Ok(Value::Number {
                        value,
                        whole: text.chars().all(|c| c.is_ascii_digit()),
                    })
                }
            },
        }
    }

    fn finish(mut self) -> Parsed {
        for (index, scenario) in self.scenarios.iter().enumerate() {
            if scenario.expects.is_empty() && !self.unread.contains(&index) {
                self.diags.push(
                    Diag::new(
                        Code::S0008,
                        scenario.name.span.clone(),
                        text!("scenario-says-nothing", name = &scenario.name.text),
                    )
                    .help(text!(
                        "scenario-says-nothing-help",
                        pays = Word::Pays.spelled(self.lang()),
                        zero = amount::written(self.lang(), Decimal::ZERO)
                    )),
                );
            }
        }
        let lang = self.lang;
        let file = match (self.lang, self.contract) {
            (Some(lang), Some(contract)) => Some(File {
                lang,
                contract,
                scenarios: self.scenarios,
            }),
            (lang, None) => {
                let lang = lang.unwrap_or(Lang::English);
                if !self.diags.iter().any(|d| d.code == Code::S0007) {
                    self.diags.push(
                        Diag::new(Code::S0007, 0..0, text!("scenario-no-contract")).help(text!(
                            "scenario-begin-with-contract",
                            contract = Word::Contract.spelled(lang)
                        )),
                    );
                }
                None
            }
            (None, Some(_)) => None,
        };
        self.diags.sort_by_key(|d| (d.span.start, d.span.end));
        Parsed {
            file,
            diags: self.diags,
            lang,
        }
    }
}

fn not_understood(token: &Token, lang: Lang) -> Diag {
    let (pays, due) = (Word::Pays.spelled(lang), Word::Due.spelled(lang));
    Diag::new(
        Code::S0005,
        token.start..token.end,
        text!("scenario-not-understood", text = text_of(token)),
    )
    .help(text!(
        "scenario-not-understood-help",
        pays = pays,
        due = due,
        is = Word::Is.spelled(lang),
        missed = Word::Missed.spelled(lang),
        scenario = Word::Scenario.spelled(lang),
        events = Word::Events.spelled(lang),
        asof = Word::AsOf.spelled(lang),
        refused = Word::Refused.spelled(lang)
    ))
}

fn date(text: &str, token: &Token) -> Result<NaiveDate, Diag> {
    cvl_syntax::date::parse_date(text).ok_or_else(|| {
        let message = if text.matches('-').count() == 2 && text.len() == 10 {
            text!("scenario-not-a-day", text = text)
        } else {
            text!("scenario-not-a-date", text = text)
        };
        Diag::new(Code::S0003, token.start..token.end, message)
            .help(text!("scenario-date-help", example = "2019-10-15"))
    })
}

fn month(text: &str, token: &Token) -> Result<Month, Diag> {
    let valid = text.len() == 7 && text.as_bytes().get(4) == Some(&b'-');
    valid.then(|| Month::parse(text)).flatten().ok_or_else(|| {
        Diag::new(
            Code::S0003,
            token.start..token.end,
            text!("scenario-not-a-month", text = text),
        )
        .help(text!("scenario-month-help"))
    })
}
