//! `--lang en|da`: the language a command shows a contract's diagnostics in, with the words it adds to them (the
//! note that names `cvl explain`, `cvl check`'s summary). One argument type, flattened into every command that
//! shows diagnostics through render.rs.
//!
//! Without `--lang`, each file's diagnostics (those that point into the modules it imports too) are shown in the
//! language of that file, as its first word decides it (`kontrakt`, `klausul` or `importer` make a file Danish;
//! spec 2.5); a file without such a first word (one that does not parse far enough, say) is English.

use cvl_syntax::lexer::language_of;
use cvl_syntax::{Diagnostic, Lang, text};

/// `--lang`, as every command that shows diagnostics takes it.
#[derive(Clone, Copy, Debug, Default, clap::Args)]
pub(crate) struct LangArg {
    /// The language of the messages, `en` (English) or `da` (Danish); by default each file's own language
    #[arg(long = "lang", value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,
}

/// The language `code` names; clap shows the refusal after its own `invalid value 'xx' for '--lang <LANG>'`.
pub(crate) fn parse_lang(code: &str) -> Result<Lang, String> {
    Lang::from_code(code).ok_or_else(|| text!("cli-lang-unknown", code = code).show(Lang::En))
}

/// The language `chosen`, or else that of the file whose text is `text` (its first word decides it).
pub(crate) fn or_file(chosen: Option<Lang>, text: &str) -> Lang {
    chosen.unwrap_or_else(|| language_of(text).lang())
}

/// The diagnostics of one file checked, each with its texts in `lang` and paired with it (the renderers add words
/// of their own in the same language).
pub(crate) fn shown(diagnostics: Vec<Diagnostic>, lang: Lang) -> Vec<(Diagnostic, Lang)> {
    diagnostics
        .into_iter()
        .map(|diagnostic| (diagnostic.in_language(lang), lang))
        .collect()
}

/// The language of words about several files' diagnostics (`cvl check`'s summary): the one chosen, else Danish
/// when every file is Danish, else English.
pub(crate) fn of_all(chosen: Option<Lang>, files: &[Lang]) -> Lang {
    chosen.unwrap_or(
        if !files.is_empty() && files.iter().all(|l| *l == Lang::Da) {
            Lang::Da
        } else {
            Lang::En
        },
    )
}
