//! `--lang en|da`: the language of what `cvl eval` and `cvl explain` write for people. Without it, `cvl eval`
//! writes in the contract's language (its first word, spec 2.5) and `cvl explain` in English.

use cvl_syntax::Lang;

/// The language `--lang` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum LangArg {
    /// English
    En,
    /// Danish
    Da,
}

impl LangArg {
    pub(crate) fn lang(self) -> Lang {
        match self {
            LangArg::En => Lang::En,
            LangArg::Da => Lang::Da,
        }
    }
}

/// The language of an output about a contract whose text is `contract`: `--lang` when it is given, the
/// contract's own language otherwise.
pub(crate) fn chosen(arg: Option<LangArg>, contract: &str) -> Lang {
    arg.map_or_else(|| cvl_fmt::language_of(contract).lang(), LangArg::lang)
}
