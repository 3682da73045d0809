//! `cvl explain`: prints the explanation that ships with a diagnostic code, or lists every code with its title, in
//! English or in Danish (`--lang da`).
//!
//! An explanation is markdown, printed as it is: people read it in a terminal, and tools may render it. The
//! English ones are `lang/syntax/explain/CODE.md`, the Danish ones `lang/syntax/explain/da/CODE.md`; each code's
//! title is in the catalogue (`explain.ftl`, `explain-e0004`).

use std::io::Write;

use cvl_syntax::{Code, Lang};

use crate::{EXIT_OK, EXIT_USAGE};

mod danish {
    include!(concat!(env!("OUT_DIR"), "/explain_da.rs"));
}

/// The title of `code` in `lang`, from the catalogue; the code's own English title when the catalogue lacks it
/// (a test refuses that).
pub(crate) fn title(code: Code, lang: Lang) -> String {
    let id = format!("explain-{}", code.as_str().to_ascii_lowercase());
    cvl_messages::message(lang, &id).unwrap_or_else(|| code.title().to_string())
}

/// The explanation of `code` in `lang`: the English one when no Danish one ships (a test refuses that).
pub(crate) fn explanation(code: Code, lang: Lang) -> &'static str {
    match lang {
        Lang::En => code.explanation(),
        Lang::Da => danish::EXPLANATIONS
            .iter()
            .find(|(name, _)| *name == code.as_str())
            .map_or_else(|| code.explanation(), |(_, text)| *text),
    }
}

pub(crate) fn run(code: Option<&str>, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let Some(text) = code else {
        for code in Code::ALL {
            let _ = writeln!(out, "{code}  {}", title(*code, lang));
        }
        return EXIT_OK;
    };
    match Code::parse(text) {
        Some(code) => {
            let explanation = explanation(code, lang).trim();
            // The explanations open with their own `# CODE: title` heading; one that does not gets it here.
            let heading = explanation
                .lines()
                .next()
                .is_some_and(|line| line.contains(code.as_str()));
            if !heading {
                let _ = writeln!(out, "# {code}: {}\n", title(code, lang));
            }
            let _ = writeln!(out, "{explanation}");
            EXIT_OK
        }
        None => {
            let _ = writeln!(err, "error: unknown code `{text}`");
            let _ = writeln!(err, "help: `cvl explain` with no code lists every code");
            EXIT_USAGE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code has its Danish explanation, which opens with its code and Danish title, and a title in each
    /// catalogue.
    #[test]
    fn every_code_has_a_danish_explanation_and_title() {
        let mut missing = Vec::new();
        for code in Code::ALL {
            let id = format!("explain-{}", code.as_str().to_ascii_lowercase());
            for lang in Lang::ALL {
                if cvl_messages::message(lang, &id).is_none() {
                    missing.push(format!("{code}: no title in `{}`", lang.code()));
                }
            }
            let danish = danish::EXPLANATIONS
                .iter()
                .find(|(name, _)| *name == code.as_str());
            match danish {
                None => missing.push(format!("{code}: no explain/da/{code}.md")),
                Some((_, text)) => {
                    let heading = format!("# {code}: {}", title(*code, Lang::Da));
                    if text.lines().next() != Some(heading.as_str()) {
                        missing.push(format!(
                            "{code}: the Danish explanation does not open with `{heading}`"
                        ));
                    }
                }
            }
        }
        // The English titles in the catalogue are the codes' own.
        for code in Code::ALL {
            if title(*code, Lang::En) != code.title() {
                missing.push(format!(
                    "{code}: the English title in explain.ftl is not `{}`",
                    code.title()
                ));
            }
        }
        // No Danish explanation of a code that does not exist.
        for (name, _) in danish::EXPLANATIONS {
            if Code::parse(name).is_none() {
                missing.push(format!("explain/da/{name}.md names no code"));
            }
        }
        assert!(missing.is_empty(), "{}", missing.join("\n"));
    }
}
