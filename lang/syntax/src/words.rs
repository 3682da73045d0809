//! English words that messages build around a name: the one place that decides the article before a word, so
//! that every message reads "an `amended` event" and "a `signed` event" alike.

/// The indefinite article before `word` as it is said: `an` before a vowel letter (`an `amended` event`, `an
/// `invoice_approved` event`), `a` before a consonant letter, and `a` before the few vowel-letter words said with a
/// consonant sound first (`a `use``, `a `unit``, `a `one-off``, `a `eu_grant``). Backticks and quotes around the
/// word are read past.
pub fn article(word: &str) -> &'static str {
    let bare = word
        .trim_start_matches(['`', '"', '\'', '('])
        .to_ascii_lowercase();
    const SAID_WITH_A_CONSONANT: &[&str] = &["use", "usu", "uni", "eu", "one", "once", "ewe"];
    if SAID_WITH_A_CONSONANT.iter().any(|p| bare.starts_with(p)) {
        return "a";
    }
    match bare.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

/// `word` with its article and in backticks: ``an `amended` `` for `amended`.
pub fn a_quoted(word: &str) -> String {
    format!("{} `{word}`", article(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_follows_the_sound_of_the_word() {
        for (word, expected) in [
            ("amended", "an"),
            ("index_value", "an"),
            ("invoice_approved", "an"),
            ("expense_approved", "an"),
            ("ordered", "an"),
            ("`amended`", "an"),
            ("signed", "a"),
            ("hours", "a"),
            ("terminated", "a"),
            ("use", "a"),
            ("unit", "a"),
            ("once", "a"),
            ("Amended", "an"),
            ("", "a"),
        ] {
            assert_eq!(article(word), expected, "{word}");
        }
        assert_eq!(a_quoted("amended"), "an `amended`");
        assert_eq!(a_quoted("signed"), "a `signed`");
    }
}
