//! What evaluation says in words beside its figures (a month's flags: an obligation missed, hours not paid), as a
//! catalogue message ([`Text`]) whose English words are made once, when first read: readers that want English
//! (JSON, the report, tests) read it as a string, and the table shows it in the contract's language
//! ([`Said::show`]). Evaluation itself only makes them, so deciding costs no formatting.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

use cvl_syntax::{Lang, Text};

/// A message evaluation gives, in English as a string and in any language by [`Said::show`]. Two are equal when
/// their English words are.
#[derive(Clone, Debug)]
pub struct Said {
    english: OnceLock<String>,
    text: Text,
}

impl Said {
    pub fn new(text: Text) -> Self {
        Said {
            english: OnceLock::new(),
            text,
        }
    }

    /// The words in `lang`.
    pub fn show(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.as_str().to_string(),
            _ => self.text.show(lang),
        }
    }

    /// The English words.
    pub fn as_str(&self) -> &str {
        self.english.get_or_init(|| self.text.show(Lang::En))
    }
}

impl From<Text> for Said {
    fn from(text: Text) -> Self {
        Said::new(text)
    }
}

impl Deref for Said {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Said {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for Said {
    fn eq(&self, other: &Said) -> bool {
        self.text == other.text || self.as_str() == other.as_str()
    }
}

impl Eq for Said {}

impl PartialEq<str> for Said {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Said {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Said {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}
