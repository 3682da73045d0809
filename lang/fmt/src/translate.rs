//! `cvl fmt --to da|en`: a file translated to the other language, word for word, in the canonical layout.
//!
//! The translation rewrites the words of the file's tokens and nothing else: every keyword becomes its twin in
//! the other language ([`cvl_syntax::danish`]), every unit word (the word right after a number or after `per`)
//! and every word of a fixed phrase (`due on day`, `index`, `each year from`, `to the end of a month`) its
//! translation; names, numbers, dates, strings and comments stay as written. Where the languages differ in shape
//! it follows the rules of spec 2.5/2.6: `DKK` is `kr.` in Danish, the Danish `til udgangen af en måned` has no
//! word for `the`, and `every 3 months` is `hver 3. måned` (a number with a point before a singular unit) while
//! `every 3 month` stays a number (`hver 3 måned`). The result is then formatted ([`crate::format`]), so a file
//! translated there and back is its own formatted text.
//!
//! A name that is a keyword of the target language (a party called `post`, Danish for `item`) cannot be
//! translated without changing what it means: the file is refused with E0057 on that name. As a safety net, the
//! translation must parse to the same tree as the original (spans and the plural of unit words aside), or the file
//! is refused too.

use cvl_syntax::danish::{self, Language, Word};
use cvl_syntax::lexer::{Token, lex_in};
use cvl_syntax::{Code, Diagnostic, FileId, Problems, Span, text};

/// The language of `text`, decided by its first word (spec 2.5).
pub fn language_of(text: &str) -> Language {
    lex_in(FileId(0), text).0
}

/// `text` in `to` and in the canonical layout, or the problems that keep it from being translated: its syntax
/// errors (as [`crate::format`] gives them), or names that are keywords of `to`. A file already in `to` is only
/// formatted.
pub fn translate(file: FileId, text: &str, to: Language) -> Result<String, Problems> {
    // The file must parse: a tree with holes could lose text, as for formatting.
    crate::format(file, text)?;
    let (from, lexemes) = lex_in(file, text);
    if from == to {
        return crate::format(file, text);
    }
    let tokens: Vec<(Token, Span)> = lexemes
        .iter()
        .filter_map(|l| l.token.map(|t| (t, l.span)))
        .filter(|(t, _)| *t != Token::Comment)
        .collect();
    let word = |i: usize| -> &str {
        tokens
            .get(i)
            .and_then(|(_, s)| text.get(s.range()))
            .unwrap_or("")
    };
    let kind = |i: usize| tokens.get(i).map_or(Token::Eof, |(t, _)| *t);
    let mut problems = Problems::new();
    // Replacements: (span, new text), in source order.
    let mut edits: Vec<(Span, String)> = Vec::new();
    let mut phrase_left = 0usize;
    let mut phrase: &[Word] = &[];
    for (i, &(token, span)) in tokens.iter().enumerate() {
        let here = word(i);
        let before = i.checked_sub(1).map_or(Token::Eof, kind);
        if phrase_left > 0 {
            // A word of a fixed phrase (`each year from`, `end of a month`).
            let index = phrase.len().saturating_sub(phrase_left);
            if let Some(w) = phrase.get(index) {
                edits.push((span, w.text(to).to_string()));
            }
            phrase_left -= 1;
            continue;
        }
        match token {
            Token::Ident if matches!(before, Token::Number | Token::Per) => {
                edits.push((span, unit(here, i, &tokens, text, from, to)));
            }
            Token::Number if before == Token::Every && kind(i + 1) == Token::Ident => {
                edits.push((span, ordinal(here, word(i + 1), from, to)));
            }
            Token::Ident
                if before == Token::On
                    && i.checked_sub(2).map(kind) == Some(Token::Due)
                    && here == Word::Day.text(from) =>
            {
                edits.push((span, Word::Day.text(to).to_string()));
            }
            Token::Ident
                if before == Token::By
                    && i.checked_sub(2).map(kind) == Some(Token::Regulated)
                    && here == Word::Index.text(from)
                    && kind(i + 1) != Token::Percent =>
            {
                edits.push((span, Word::Index.text(to).to_string()));
            }
            Token::Ident
                if here == Word::Each.text(from)
                    && word(i + 1) == Word::Year.text(from)
                    && word(i + 2) == Word::From.text(from)
                    && kind(i + 1) == Token::Ident
                    && kind(i + 2) == Token::Ident =>
            {
                phrase = &[Word::Each, Word::Year, Word::From];
                edits.push((span, Word::Each.text(to).to_string()));
                phrase_left = 2;
            }
            Token::The if before == Token::To => {
                // `to the end of a month`: Danish has no `the` here.
                edits.push((span, String::new()));
                phrase = &[Word::End, Word::Of, Word::A, Word::Month];
                phrase_left = 4;
            }
            Token::Ident
                if before == Token::To
                    && from == Language::Danish
                    && month_end(&tokens, i, text) =>
            {
                edits.push((span, format!("the {}", Word::End.text(to))));
                phrase = &[Word::End, Word::Of, Word::A, Word::Month];
                phrase_left = 3;
            }
            Token::Ident => {
                if to.keyword_token(here).is_some() {
                    problems.push(reserved_name(span, here, to));
                }
            }
            token => {
                if let Some(target) = token.keyword_text().and_then(|_| to.keyword(token)) {
                    edits.push((span, target.to_string()));
                }
            }
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut at = 0usize;
    for (span, new) in edits {
        let range = span.range();
        out.push_str(text.get(at..range.start).unwrap_or(""));
        out.push_str(&new);
        at = range.end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    // The safety net: the translation must parse to the same tree, or the file is refused as it is. A name that
    // is a word of the other language's fixed phrases where that phrase could stand (an index named `hvert`)
    // would otherwise change what the contract says.
    match crate::format(file, &out) {
        Ok(translated) if shape(&translated) == shape(text) => Ok(translated),
        _ => {
            let mut problems = Problems::new();
            let start = Span::new(file, 0, 0);
            let at = tokens.first().map_or(start, |(_, span)| *span);
            problems.push(
                Diagnostic::new(Code::E0057, at, text!("fmt-untranslatable", to = to.code()))
                    .with_label(text!("fmt-untranslatable-label"))
                    .with_help(text!("fmt-untranslatable-help", to = to.code())),
            );
            Err(problems)
        }
    }
}

/// The syntax tree of `text` as the checker sees it: without spans, and without the plural of unit words (a
/// matter of spelling, which `år` and the ordinal of `hver 3. måned` do not keep).
fn shape(text: &str) -> String {
    let debug = format!("{:?}", cvl_syntax::parse(FileId(0), text).file);
    let mut parts = debug.split("Span {");
    let mut out = parts.next().unwrap_or("").to_string();
    for part in parts {
        out.push_str(part.split_once('}').map_or("", |(_, after)| after));
    }
    out.replace("plural: true", "plural")
        .replace("plural: false", "plural")
}

/// Whether the Danish tokens from `i` are `udgangen af en måned`.
fn month_end(tokens: &[(Token, Span)], i: usize, text: &str) -> bool {
    [Word::End, Word::Of, Word::A, Word::Month]
        .iter()
        .enumerate()
        .all(|(k, w)| {
            tokens
                .get(i + k)
                .and_then(|(_, s)| text.get(s.range()))
                .is_some_and(|t| t == w.text(Language::Danish))
        })
}

/// The unit word `word` (token `i`) in `to`. `år` is the Danish singular and plural: after a number other than
/// `1` it is the plural.
fn unit(
    word: &str,
    i: usize,
    tokens: &[(Token, Span)],
    text: &str,
    from: Language,
    to: Language,
) -> String {
    let read = match from {
        Language::English => cvl_syntax::ast::Unit::from_word(word),
        Language::Danish => danish::unit(word),
    };
    let Some((unit, mut plural)) = read else {
        return word.to_string();
    };
    if from == Language::Danish && word == "år" {
        let number = i
            .checked_sub(1)
            .and_then(|j| tokens.get(j))
            .filter(|(t, _)| *t == Token::Number)
            .and_then(|(_, s)| text.get(s.range()));
        plural = number.is_some_and(|n| n.trim_end_matches('.') != "1");
    }
    // After an ordinal (`hver 3. måned`) the Danish unit is singular and the English plural.
    let ordinal = i
        .checked_sub(1)
        .and_then(|j| tokens.get(j))
        .filter(|(t, _)| *t == Token::Number)
        .and_then(|(_, s)| text.get(s.range()))
        .is_some_and(|n| n.ends_with('.'))
        && i.checked_sub(2)
            .and_then(|j| tokens.get(j))
            .is_some_and(|(t, _)| *t == Token::Every);
    let time = !matches!(unit, cvl_syntax::ast::Unit::Currency(_));
    if time
        && from == Language::English
        && to == Language::Danish
        && every_ordinal(i, tokens, plural)
    {
        plural = false;
    }
    if time && ordinal && to == Language::English {
        plural = true;
    }
    danish::unit_word(&unit, plural, to)
}

/// Whether the English time unit at `i`, in the plural, follows `every N`: Danish writes it `hver N. måned`.
fn every_ordinal(i: usize, tokens: &[(Token, Span)], plural: bool) -> bool {
    plural
        && i.checked_sub(1)
            .and_then(|j| tokens.get(j))
            .is_some_and(|(t, _)| *t == Token::Number)
        && i.checked_sub(2)
            .and_then(|j| tokens.get(j))
            .is_some_and(|(t, _)| *t == Token::Every)
}

/// The number right after `every` (`3`, or Danish `3.` before a singular unit) in `to`.
fn ordinal(number: &str, unit: &str, from: Language, to: Language) -> String {
    match (from, to) {
        (Language::English, Language::Danish) => {
            let plural_time = cvl_syntax::ast::Unit::from_word(unit).is_some_and(|(u, plural)| {
                plural && !matches!(u, cvl_syntax::ast::Unit::Currency(_))
            });
            if plural_time {
                format!("{number}.")
            } else {
                number.to_string()
            }
        }
        _ => number.trim_end_matches('.').to_string(),
    }
}

/// E0057 on a name that the target language reserves.
fn reserved_name(span: Span, name: &str, to: Language) -> Diagnostic {
    Diagnostic::new(
        Code::E0057,
        span,
        text!("fmt-reserved-name", name = name, to = to.code()),
    )
    .with_label(text!("fmt-reserved-name-label", to = to.code()))
    .with_help(text!("fmt-reserved-name-help", name = name, to = to.code()))
}
