//! `cvl explain`: prints the explanation that ships with a diagnostic code, or lists every code with its title.
//!
//! An explanation is markdown, printed as it is: people read it in a terminal, and tools may render it.

use std::io::Write;

use cvl_syntax::Code;

use crate::{EXIT_OK, EXIT_USAGE};

pub(crate) fn run(code: Option<&str>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let Some(text) = code else {
        for code in Code::ALL {
            let _ = writeln!(out, "{code}  {}", code.title());
        }
        return EXIT_OK;
    };
    match Code::parse(text) {
        Some(code) => {
            let explanation = code.explanation().trim();
            // The explanations open with their own `# CODE: title` heading; one that does not gets it here.
            let heading = explanation
                .lines()
                .next()
                .is_some_and(|line| line.contains(code.as_str()));
            if !heading {
                let _ = writeln!(out, "# {code}: {}\n", code.title());
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
