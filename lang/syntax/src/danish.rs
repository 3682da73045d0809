//! CVL in Danish: the one table of Danish words (keywords, the words of fixed phrases and the unit words), the
//! rule that decides a file's language, and the word of one language that stands for a word of the other.
//!
//! A file is in Danish when its first word (comments aside) is `kontrakt`, `klausul` or `importer`, and in English
//! otherwise (spec 2.5). The lexer reads a Danish file's words as the same tokens as their English twins, so the
//! parser builds one tree for both languages, with spans on the words as written. Each language reserves only its
//! own keywords: in a Danish file `pay` is a name, in an English file `betal` is. Editors' grammars read this
//! table; keep it the only place that lists the Danish words.

use crate::ast::Unit;
use crate::lexer::{KEYWORDS, Token};

/// The language a file is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Language {
    #[default]
    English,
    Danish,
}

impl Language {
    /// The language's code as `cvl fmt --to` takes it: `en` or `da`.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Danish => "da",
        }
    }

    /// The language named by `code` (`en`, `da`).
    pub fn from_code(code: &str) -> Option<Language> {
        match code {
            "en" => Some(Language::English),
            "da" => Some(Language::Danish),
            _ => None,
        }
    }

    /// The language in which messages about a file in this language are shown.
    pub fn lang(self) -> cvl_messages::Lang {
        match self {
            Language::English => cvl_messages::Lang::En,
            Language::Danish => cvl_messages::Lang::Da,
        }
    }

    /// The other language.
    pub fn other(self) -> Language {
        match self {
            Language::English => Language::Danish,
            Language::Danish => Language::English,
        }
    }

    /// The language's name in a message.
    pub fn name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::Danish => "Danish",
        }
    }

    /// The keyword `token` is written as in this language.
    pub fn keyword(self, token: Token) -> Option<&'static str> {
        let table = match self {
            Language::English => KEYWORDS,
            Language::Danish => DANISH_KEYWORDS,
        };
        table.iter().find(|(_, t)| *t == token).map(|(w, _)| *w)
    }

    /// The keyword token `word` is in this language.
    pub fn keyword_token(self, word: &str) -> Option<Token> {
        let table = match self {
            Language::English => KEYWORDS,
            Language::Danish => DANISH_KEYWORDS,
        };
        table.iter().find(|(w, _)| *w == word).map(|(_, t)| *t)
    }
}

/// The words whose first appearance makes a file Danish: the first keyword of every file is one of these or their
/// English twins (`contract`, `clause`, `import`).
pub const DANISH_FIRST_WORDS: &[&str] = &["importer", "klausul", "kontrakt"];

/// Every Danish keyword with the token it is, in the order of the English keywords it stands for
/// ([`KEYWORDS`]). `cvr` is the same word in both languages.
pub const DANISH_KEYWORDS: &[(&str, Token)] = &[
    ("justeres", Token::Adjustable),
    ("efter", Token::After),
    ("og", Token::And),
    ("godkendt", Token::Approved),
    ("bagudbetaling", Token::Arrears),
    ("af", Token::By),
    ("loft", Token::Cap),
    ("sag", Token::Case),
    ("klausul", Token::Clause),
    ("bekræftet", Token::Confirmed),
    ("kontrakt", Token::Contract),
    ("dækker", Token::Covers),
    ("cvr", Token::Cvr),
    ("forfalder", Token::Due),
    ("slutter", Token::Ends),
    ("hver", Token::Every),
    ("falsk", Token::False),
    ("første", Token::First),
    ("marker", Token::Flag),
    ("i", Token::For),
    ("henstand", Token::Grace),
    ("importer", Token::Import),
    ("som", Token::In),
    ("rente", Token::Interest),
    ("post", Token::Item),
    ("nøgle", Token::Key),
    ("varighed", Token::Lasting),
    ("forsømt", Token::Missed),
    ("månedligt", Token::Monthly),
    ("ikke", Token::Not),
    ("opsigelse", Token::Notice),
    ("forpligtelse", Token::Obligation),
    ("den", Token::On),
    ("engang", Token::Once),
    ("eller", Token::Or),
    ("betalt", Token::Paid),
    ("part", Token::Party),
    ("betal", Token::Pay),
    ("pr.", Token::Per),
    ("reguleret", Token::Regulated),
    ("refunder", Token::Reimburse),
    ("revideres", Token::Review),
    ("rolle", Token::Role),
    ("underskrevet", Token::Signed),
    ("starter", Token::Starts),
    ("tillæg", Token::Supplement),
    ("løbetid", Token::Term),
    ("ophør", Token::Termination),
    ("de", Token::The),
    ("til", Token::To),
    ("sand", Token::True),
    ("op", Token::Up),
    ("brug", Token::Use),
    ("når", Token::When),
    ("tilbagehold", Token::Withhold),
];

/// The words of fixed phrases that are not keywords (spec 3: `day_word`, `start_word`, …): names elsewhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Word {
    /// `due on day 10`: `dag`.
    Day,
    /// `once on start`: `start` in both languages.
    Start,
    /// `each year from`: `hvert år fra`.
    Each,
    Year,
    From,
    /// `regulated by index pl`: `indeks`.
    Index,
    /// `to the end of a month`: `til udgangen af en måned` (Danish has no word for `the` there).
    End,
    Of,
    A,
    Month,
}

/// Every phrase word with its English and Danish text.
pub const WORDS: &[(Word, &str, &str)] = &[
    (Word::Day, "day", "dag"),
    (Word::Start, "start", "start"),
    (Word::Each, "each", "hvert"),
    (Word::Year, "year", "år"),
    (Word::From, "from", "fra"),
    (Word::Index, "index", "indeks"),
    (Word::End, "end", "udgangen"),
    (Word::Of, "of", "af"),
    (Word::A, "a", "en"),
    (Word::Month, "month", "måned"),
];

impl Word {
    /// How the word is written in `language`.
    pub fn text(self, language: Language) -> &'static str {
        WORDS
            .iter()
            .find(|(w, _, _)| *w == self)
            .map_or("", |(_, en, da)| match language {
                Language::English => en,
                Language::Danish => da,
            })
    }
}

/// The Danish unit words: each time unit in the singular and the plural, and `kr.` for `DKK` (written after the
/// amount, with its point). `år` is both the singular and the plural.
pub const DANISH_UNITS: &[(&str, &str, &str)] = &[
    // (English singular, Danish singular, Danish plural)
    ("day", "dag", "dage"),
    ("week", "uge", "uger"),
    ("month", "måned", "måneder"),
    ("year", "år", "år"),
    ("hour", "time", "timer"),
];

/// The Danish word for Danish kroner.
pub const KRONER: &str = "kr.";

/// The unit a Danish word names, and whether it is the plural: the time units of [`DANISH_UNITS`], `kr.` for
/// `DKK`, and any other currency as its code (`EUR`). `år` is read as the plural; the quantity before it tells.
pub fn unit(word: &str) -> Option<(Unit, bool)> {
    if word == KRONER {
        return Some((Unit::Currency("DKK".to_string()), false));
    }
    if word == "DKK" {
        // Danish kroner are written `kr.` in a Danish file; `DKK` is refused with that help (see `english_unit`).
        return None;
    }
    for (en, singular, plural) in DANISH_UNITS {
        if word == *plural {
            return Unit::from_word(en).map(|(unit, _)| (unit, true));
        }
        if word == *singular {
            return Unit::from_word(en).map(|(unit, _)| (unit, false));
        }
    }
    match Unit::from_word(word) {
        Some((unit @ Unit::Currency(_), plural)) => Some((unit, plural)),
        _ => None,
    }
}

/// The unit word of `unit` in `language`, in the plural or the singular.
pub fn unit_word(unit: &Unit, plural: bool, language: Language) -> String {
    match language {
        Language::English => unit.word(plural).to_string(),
        Language::Danish => match unit {
            Unit::Currency(code) if code == "DKK" => KRONER.to_string(),
            Unit::Currency(code) => code.clone(),
            time => {
                let en = time.word(false);
                DANISH_UNITS.iter().find(|(e, _, _)| *e == en).map_or_else(
                    || en.to_string(),
                    |(_, s, p)| if plural { p } else { s }.to_string(),
                )
            }
        },
    }
}

/// The unit word of the other language that `word` is, written as `language` writes it: `måneder` for `months`
/// in a Danish file, `kr.` for `DKK`. `None` when `word` is no unit word of the other language.
pub fn unit_of_other_language(word: &str, language: Language) -> Option<String> {
    let (unit, plural) = match language {
        Language::Danish => Unit::from_word(word)?,
        Language::English => unit(word)?,
    };
    if matches!(unit, Unit::Currency(ref code) if code != "DKK") {
        return None;
    }
    Some(unit_word(&unit, plural, language))
}

/// The keyword of `language` that `word`, a keyword of the other language, stands for: `betal` for `pay` in a
/// Danish file. `None` when `word` is no keyword of the other language, or is one of both (`cvr`).
pub fn keyword_of_other_language(word: &str, language: Language) -> Option<&'static str> {
    if language.keyword_token(word).is_some() {
        return None;
    }
    let token = language.other().keyword_token(word)?;
    language.keyword(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_keyword_has_one_danish_word_and_back() {
        assert_eq!(DANISH_KEYWORDS.len(), KEYWORDS.len());
        for ((_, en), (da, token)) in KEYWORDS.iter().zip(DANISH_KEYWORDS) {
            assert_eq!(en, token, "{da}");
            assert_eq!(Language::Danish.keyword_token(da), Some(*token));
        }
        let mut words: Vec<&str> = DANISH_KEYWORDS.iter().map(|(w, _)| *w).collect();
        words.sort_unstable();
        words.dedup();
        assert_eq!(words.len(), DANISH_KEYWORDS.len());
    }

    #[test]
    fn units_and_their_danish_words() {
        assert_eq!(unit("måneder"), Some((Unit::Month, true)));
        assert_eq!(unit("kr."), Some((Unit::Currency("DKK".into()), false)));
        assert_eq!(unit("EUR"), Some((Unit::Currency("EUR".into()), false)));
        assert_eq!(unit("months"), None);
        assert_eq!(unit("DKK"), None);
        assert_eq!(
            unit_of_other_language("months", Language::Danish),
            Some("måneder".into())
        );
        assert_eq!(
            unit_of_other_language("DKK", Language::Danish),
            Some("kr.".into())
        );
        assert_eq!(
            unit_of_other_language("dage", Language::English),
            Some("days".into())
        );
        assert_eq!(
            keyword_of_other_language("pay", Language::Danish),
            Some("betal")
        );
        assert_eq!(
            keyword_of_other_language("betal", Language::English),
            Some("pay")
        );
        assert_eq!(keyword_of_other_language("cvr", Language::English), None);
    }
}
