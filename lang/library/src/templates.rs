//! The contracts `cvl new KIND NAME` writes (spec 8.11): one file per kind in `stdlib/templates/`, reviewed as
//! contracts are and compiled into the program. Each uses the standard library's clauses and leaves placeholders
//! (E0058, spec 5.11) for what only the parties can say; `cvl new` gives the contract the name asked for.

use cvl_syntax::FileId;
use cvl_syntax::ast::TopItem;
use cvl_syntax::lexer::{self, Token};

use crate::docs::Refusal;

/// A template: the kind `cvl new` is asked for, what it is in words, and its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Template {
    pub kind: &'static str,
    pub about: &'static str,
    pub text: &'static str,
}

/// Every template, in the order `cvl new --help` lists them.
pub const TEMPLATES: &[Template] = &[
    Template {
        kind: "placement",
        about: "a child placed with a care home, paid monthly, with status reports, supervised visits and school transport",
        text: include_str!("../../../stdlib/templates/placement.cvl"),
    },
    Template {
        kind: "foster-family",
        about: "a child placed with a foster family: a fee regulated each year, a half-yearly report, an expense allowance and a start-up payment",
        text: include_str!("../../../stdlib/templates/foster-family.cvl"),
    },
    Template {
        kind: "mentor",
        about: "mentor support paid by the hour the citizen confirms, with a monthly cap and a progress report",
        text: include_str!("../../../stdlib/templates/mentor.cvl"),
    },
    Template {
        kind: "consultant",
        about: "an hourly consultant paid for the hours the municipality confirms, with a monthly cap and a progress report",
        text: include_str!("../../../stdlib/templates/consultant.cvl"),
    },
];

/// The languages a template can be asked for in.
pub const LANGUAGES: &[&str] = &["en"];

/// The contract of kind `kind`, in the language `lang`, named `name`: the template's text with its contract's
/// name replaced. Refused for an unknown kind or language, or a name that is not a CVL name (spec 2.4).
pub fn contract(kind: &str, name: &str, lang: &str) -> Result<String, Refusal> {
    let template = TEMPLATES
        .iter()
        .find(|t| t.kind == kind)
        .ok_or_else(|| Refusal {
            message: format!("there is no template `{kind}`"),
            help: cvl_check::names::suggestion(kind, "templates", TEMPLATES.iter().map(|t| t.kind)),
        })?;
    if lang == "da" {
        return Err(Refusal {
            message: "there are no templates in Danish yet".to_string(),
            help: Some(
                "CVL has no Danish keywords yet: write the contract from the English template (`--lang en`)"
                    .to_string(),
            ),
        });
    }
    if !LANGUAGES.contains(&lang) {
        return Err(Refusal {
            message: format!("there are no templates in the language `{lang}`"),
            help: Some("the language is `en`".to_string()),
        });
    }
    check_name(name)?;
    let parsed = cvl_syntax::parse(FileId(0), template.text);
    let span = parsed.file.items.iter().find_map(|item| match item {
        TopItem::Contract(contract) => Some(contract.name.span),
        _ => None,
    });
    let parts = span.and_then(|s| {
        Some((
            template.text.get(..s.start as usize)?,
            template.text.get(s.end as usize..)?,
        ))
    });
    let Some((before, after)) = parts else {
        return Ok(template.text.to_string());
    };
    Ok(format!("{before}{name}{after}"))
}

/// Refuses a name that is not one CVL name: a keyword, a number, text with spaces or punctuation.
fn check_name(name: &str) -> Result<(), Refusal> {
    let lexemes = lexer::lex(FileId(0), name);
    let ok = matches!(
        lexemes.as_slice(),
        [first, last] if first.token == Some(Token::Ident)
            && last.token == Some(Token::Eof)
            && first.span.start == 0
            && first.span.end as usize == name.len()
    );
    if ok && !name.starts_with(cvl_check::placeholder::NAME_PREFIX) {
        return Ok(());
    }
    let keyword = matches!(lexemes.first(), Some(l) if l.token.and_then(Token::keyword_text).is_some())
        && lexemes.len() == 2;
    Err(Refusal {
        message: if name.is_empty() {
            "the contract's name is empty".to_string()
        } else if ok {
            format!("`{name}` is a placeholder's name (spec 5.11) and cannot name a contract")
        } else if keyword {
            format!("`{name}` is a keyword and cannot name a contract")
        } else {
            format!("`{name}` is not a name a contract can have")
        },
        help: Some(
            "a name is letters, digits and `_`, starting with a letter or `_`, such as `placement_anb_2019_0042`"
                .to_string(),
        ),
    })
}
