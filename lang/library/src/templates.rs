//! The contracts `cvl new KIND NAME` writes (spec 8.11): one file per kind in `stdlib/templates/`, reviewed as
//! contracts are and compiled into the program. Each uses the standard library's clauses and leaves placeholders
//! (E0058, spec 5.11) for what only the parties can say; `cvl new` gives the contract the name asked for.

use cvl_syntax::ast::TopItem;
use cvl_syntax::lexer::{self, Token};
use cvl_syntax::{FileId, Lang, Text, text};

use crate::docs::Refusal;

/// A template: the kind `cvl new` is asked for, and its text in each language (the Danish one in
/// `stdlib/templates/da/`, with the same terms and placeholders and its comments in Danish).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Template {
    pub kind: &'static str,
    pub english: &'static str,
    pub danish: &'static str,
}

impl Template {
    /// The template's text in `lang`.
    pub fn text(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.english,
            Lang::Da => self.danish,
        }
    }

    /// What the template is, in words (from the catalogue, `templates.ftl`).
    pub fn about(&self) -> Text {
        match self.kind {
            "placement" => text!("templates-about-placement"),
            "foster-family" => text!("templates-about-foster-family"),
            "mentor" => text!("templates-about-mentor"),
            _ => text!("templates-about-consultant"),
        }
    }
}

/// Every template, in the order `cvl new --help` lists them.
pub const TEMPLATES: &[Template] = &[
    Template {
        kind: "placement",
        english: include_str!("../../../stdlib/templates/placement.cvl"),
        danish: include_str!("../../../stdlib/templates/da/placement.cvl"),
    },
    Template {
        kind: "foster-family",
        english: include_str!("../../../stdlib/templates/foster-family.cvl"),
        danish: include_str!("../../../stdlib/templates/da/foster-family.cvl"),
    },
    Template {
        kind: "mentor",
        english: include_str!("../../../stdlib/templates/mentor.cvl"),
        danish: include_str!("../../../stdlib/templates/da/mentor.cvl"),
    },
    Template {
        kind: "consultant",
        english: include_str!("../../../stdlib/templates/consultant.cvl"),
        danish: include_str!("../../../stdlib/templates/da/consultant.cvl"),
    },
];

/// The contract of kind `kind`, in the language `lang` (`en` or `da`), named `name`: the template's text with its
/// contract's name replaced. Refused for an unknown kind or language, or a name that is not a CVL name (spec 2.4).
pub fn contract(kind: &str, name: &str, lang: &str) -> Result<String, Refusal> {
    let template = TEMPLATES
        .iter()
        .find(|t| t.kind == kind)
        .ok_or_else(|| Refusal {
            message: text!("templates-no-template", kind = kind),
            help: cvl_check::names::suggestion_text(
                kind,
                text!("templates-what-templates"),
                TEMPLATES.iter().map(|t| t.kind),
            ),
        })?;
    let Some(language) = Lang::from_code(lang) else {
        let all: Vec<String> = Lang::ALL
            .iter()
            .map(|l| format!("`{}`", l.code()))
            .collect();
        return Err(Refusal {
            message: text!("templates-no-language", lang = lang),
            help: Some(text!("templates-languages", languages = all.join(", "))),
        });
    };
    let text = template.text(language);
    check_name(name, language)?;
    let parsed = cvl_syntax::parse(FileId(0), text);
    let span = parsed.file.items.iter().find_map(|item| match item {
        TopItem::Contract(contract) => Some(contract.name.span),
        _ => None,
    });
    let parts =
        span.and_then(|s| Some((text.get(..s.start as usize)?, text.get(s.end as usize..)?)));
    let Some((before, after)) = parts else {
        return Ok(text.to_string());
    };
    Ok(format!("{before}{name}{after}"))
}

/// Refuses a name that is not one CVL name in the contract's language: a keyword of that language (`party` in
/// English, `part` in Danish), a number, text with spaces or punctuation. The name is read where the template
/// puts it, after the contract's keyword, so that the lexer reads it in the file's language.
fn check_name(name: &str, lang: Lang) -> Result<(), Refusal> {
    let keyword = match lang {
        Lang::En => "contract ",
        Lang::Da => "kontrakt ",
    };
    let at = keyword.len();
    let lexemes = lexer::lex(FileId(0), &format!("{keyword}{name}"));
    let whole =
        |l: &lexer::Lexeme| l.span.start as usize == at && l.span.end as usize == at + name.len();
    let (ok, keyword) = match lexemes.as_slice() {
        [_, word, last] if last.token == Some(Token::Eof) && whole(word) => (
            word.token == Some(Token::Ident),
            word.token.and_then(Token::keyword_text).is_some(),
        ),
        _ => (false, false),
    };
    if ok && !name.starts_with(cvl_check::placeholder::NAME_PREFIX) {
        return Ok(());
    }
    Err(Refusal {
        message: if name.is_empty() {
            text!("templates-name-empty")
        } else if ok {
            text!("templates-name-placeholder", name = name)
        } else if keyword {
            text!("templates-name-keyword", name = name)
        } else {
            text!("templates-name-not-a-name", name = name)
        },
        help: Some(text!("templates-name-help")),
    })
}
