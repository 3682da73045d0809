//! The words of a scenario file in its two languages, English and Danish: one table, so that the parser, the
//! messages' help lines and spec.md's table say the same.
//!
//! A file is in one language, decided by its first word (`contract` or `kontrakt`), as a contract's file is
//! decided by its first keyword. A word of the other language in a file is reported (S0006), naming the word
//! this file's language has for it.

/// The language of a scenario file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    English,
    Danish,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::English => "English",
            Lang::Danish => "Danish",
        }
    }

    /// The language the file's results and problems are shown in (its own).
    pub fn messages(self) -> cvl_messages::Lang {
        match self {
            Lang::English => cvl_messages::Lang::En,
            Lang::Danish => cvl_messages::Lang::Da,
        }
    }

    /// The code `--format json` names it by: `en` or `da`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::English => "en",
            Lang::Danish => "da",
        }
    }
}

/// What a word of the scenario syntax means, whatever its language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Word {
    Contract,
    Scenario,
    Events,
    Log,
    /// `as of` in English (two words), `pr.` in Danish.
    AsOf,
    Pays,
    Withheld,
    Released,
    Due,
    Is,
    Flagged,
    Refused,
    Met,
    Late,
    Missed,
    Pending,
}

/// Every word, in English and in Danish. `as of` is written as its first word here; the parser reads the second.
pub const WORDS: &[(Word, &str, &str)] = &[
    (Word::Contract, "contract", "kontrakt"),
    (Word::Scenario, "scenario", "scenarie"),
    (Word::Events, "events", "hændelser"),
    (Word::Log, "log", "log"),
    (Word::AsOf, "as of", "pr."),
    (Word::Pays, "pays", "udbetales"),
    (Word::Withheld, "withheld", "tilbageholdt"),
    (Word::Released, "released", "frigivet"),
    (Word::Due, "due", "frist"),
    (Word::Is, "is", "er"),
    (Word::Flagged, "flagged", "markeret"),
    (Word::Refused, "refused", "afvist"),
    (Word::Met, "met", "opfyldt"),
    (Word::Late, "late", "forsinket"),
    (Word::Missed, "missed", "misligholdt"),
    (Word::Pending, "pending", "afventer"),
];

impl Word {
    /// How `lang` writes the word.
    pub fn spelled(self, lang: Lang) -> &'static str {
        WORDS
            .iter()
            .find(|(w, _, _)| *w == self)
            .map(|(_, en, da)| match lang {
                Lang::English => *en,
                Lang::Danish => *da,
            })
            .unwrap_or("")
    }
}

/// The word `text` is in `lang`; `as` stands for `as of` (the parser checks the `of`).
pub fn word(lang: Lang, text: &str) -> Option<Word> {
    WORDS.iter().find_map(|(w, en, da)| {
        let spelled = match lang {
            Lang::English => en.split(' ').next().unwrap_or(en),
            Lang::Danish => da,
        };
        (spelled == text).then_some(*w)
    })
}

/// The language whose word `text` is, and the word, when it is a word of the syntax in either language; English
/// first, for `log`, which both write alike.
pub fn any_word(text: &str) -> Option<(Lang, Word)> {
    word(Lang::English, text)
        .map(|w| (Lang::English, w))
        .or_else(|| word(Lang::Danish, text).map(|w| (Lang::Danish, w)))
}

/// The other language.
pub fn other(lang: Lang) -> Lang {
    match lang {
        Lang::English => Lang::Danish,
        Lang::Danish => Lang::English,
    }
}
