//! The messages CVL shows people, in English and Danish, from Fluent catalogues (`en/*.ftl`, `da/*.ftl` beside
//! this crate) instead of strings in the code.
//!
//! Code names a message by its identifier and gives its variables: [`text!`]`("unknown-name", name = "ostervold")`
//! makes a [`Text`], which is put in words only where it is shown, in the language chosen there ([`Text::show`]).
//! Each catalogue is a set of files, one per part of the tool (`check.ftl`, `syntax.ftl`, …); the two languages
//! have the same files with the same messages and variables, which the tests hold (a message without its Danish
//! text fails them, as does an identifier in the code that no catalogue has).
//!
//! Fluent chooses plural forms by each language's rules (`{ $count -> [one] … *[other] … }`); numbers that need
//! a language's notation (amounts) are formatted before they are passed ([`Lang::money`]).

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

mod files {
    include!(concat!(env!("OUT_DIR"), "/files.rs"));
}
mod notation;

pub use notation::{group, money};

/// A language the tool speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    #[default]
    En,
    Da,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Da];

    /// `en` or `da`, as `--lang` takes it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Da => "da",
        }
    }

    /// The language `code` names (`en`, `da`), case-insensitively.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|lang| lang.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The catalogue's files of this language: (file name, text).
    pub fn files(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::En => files::EN,
            Lang::Da => files::DA,
        }
    }
}

/// A value a message puts in its place.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Arg {
    /// Words, shown as they are (the user's own text, a name, a figure already in the language's notation).
    Text(String),
    /// A count, which also chooses a plural form; shown as digits without grouping.
    Count(i64),
    /// Another message, put in words in the same language (a message that wraps another's).
    Nested(Box<Text>),
}

impl From<Text> for Arg {
    fn from(value: Text) -> Self {
        Arg::Nested(Box::new(value))
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Text(value)
    }
}

impl From<&String> for Arg {
    fn from(value: &String) -> Self {
        Arg::Text(value.clone())
    }
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Text(value.to_string())
    }
}

impl From<Cow<'_, str>> for Arg {
    fn from(value: Cow<'_, str>) -> Self {
        Arg::Text(value.into_owned())
    }
}

impl From<char> for Arg {
    fn from(value: char) -> Self {
        Arg::Text(value.to_string())
    }
}

macro_rules! counts {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(value: $t) -> Self {
                Arg::Count(i64::try_from(value).unwrap_or(i64::MAX))
            }
        }
    )*};
}
counts!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

/// A message by its identifier, with its variables: words to be put in a language where they are shown.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Text {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

impl Text {
    pub fn new(id: &'static str) -> Self {
        Text {
            id,
            args: Vec::new(),
        }
    }

    /// The message with the variable `name` set to `value`.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The message's identifier in the catalogues.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The message in `lang`. A message the catalogue of `lang` lacks is shown in English, and one that no
    /// catalogue has as its identifier (the tests refuse both).
    pub fn show(&self, lang: Lang) -> String {
        show(lang, self.id, &self.args)
            .or_else(|| show(Lang::En, self.id, &self.args))
            .unwrap_or_else(|| self.id.to_string())
    }
}

/// Makes a [`Text`]: `text!("unknown-name", name = name, count = 2)`.
#[macro_export]
macro_rules! text {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::Text::new($id)$(.arg(stringify!($name), $value))*
    };
}

/// The catalogue of `lang`: its files' messages in one bundle, made once per process.
fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static ENGLISH: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static DANISH: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let once = match lang {
        Lang::En => &ENGLISH,
        Lang::Da => &DANISH,
    };
    once.get_or_init(|| {
        let ids = lang
            .code()
            .parse::<LanguageIdentifier>()
            .into_iter()
            .collect();
        let mut bundle = FluentBundle::new_concurrent(ids);
        // The isolation marks Fluent puts around each variable by default would be hidden characters in a
        // terminal's text and in JSON.
        bundle.set_use_isolating(false);
        for (_, source) in lang.files() {
            // A file with an error keeps the messages it could read; the tests refuse such a file.
            let resource =
                FluentResource::try_new(source.to_string()).unwrap_or_else(|(partial, _)| partial);
            let _ = bundle.add_resource(resource);
        }
        bundle
    })
}

fn show(lang: Lang, id: &str, args: &[(&'static str, Arg)]) -> Option<String> {
    let bundle = bundle(lang);
    let pattern = bundle.get_message(id)?.value()?;
    let mut fluent = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        match value {
            Arg::Text(text) => fluent.set(*name, FluentValue::from(text.as_str())),
            Arg::Count(count) => fluent.set(*name, FluentValue::from(*count)),
            Arg::Nested(text) => fluent.set(*name, FluentValue::from(text.show(lang))),
        }
    }
    let mut errors = Vec::new();
    let shown = bundle.format_pattern(pattern, Some(&fluent), &mut errors);
    errors.is_empty().then(|| shown.into_owned())
}

/// The message `id`, which has no variables, in `lang`; `None` when the catalogue of `lang` lacks it. For messages
/// whose identifiers are made from data (`explain-e0004`, each code's title), which [`text!`] cannot name.
pub fn message(lang: Lang, id: &str) -> Option<String> {
    show(lang, id, &[])
}

/// Whether the catalogue of `lang` has the message `id`.
pub fn has(lang: Lang, id: &str) -> bool {
    bundle(lang).has_message(id)
}

#[cfg(test)]
mod tests;
