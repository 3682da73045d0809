//! `cvl new KIND NAME` and `cvl doc MODULE [CLAUSE]` (spec 8.11, 8.12): this module only reads the command line,
//! writes the file and prints; the templates and the documentation are `cvl-library`'s.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::PathBuf;

use clap::ValueEnum;
use cvl_library::docs::{self, Refusal};
use cvl_library::templates;
use cvl_syntax::{Lang, text};

use crate::check::{display_name, io_message};
use crate::{EXIT_OK, EXIT_USAGE};

#[derive(Debug, clap::Args)]
#[command(after_long_help = kinds_help())]
pub(crate) struct NewArgs {
    /// What the contract is for: placement, foster-family, mentor or consultant
    #[arg(value_name = "KIND")]
    kind: String,
    /// The contract's name (a CVL name, such as `placement_anb_2019_0042`); the file is NAME.cvl
    #[arg(value_name = "NAME")]
    name: String,
    /// The language of the contract and of what cvl new says: `en` (English) or `da` (Danish)
    #[arg(long, value_name = "LANG", default_value = "en")]
    lang: String,
    /// The directory to write NAME.cvl to (made when it does not exist)
    #[arg(short = 'o', long = "out", value_name = "DIR", default_value = ".")]
    dir: PathBuf,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum DocFormat {
    /// Text for people
    Human,
    /// One JSON object, for tools
    Json,
}

#[derive(Debug, clap::Args)]
pub(crate) struct DocArgs {
    /// A module of the standard library, such as `care`
    #[arg(value_name = "MODULE")]
    module: String,
    /// One of the module's clauses; without it, every clause
    #[arg(value_name = "CLAUSE")]
    clause: Option<String>,
    #[arg(long, value_enum, default_value_t = DocFormat::Human)]
    format: DocFormat,
}

/// The kinds of template with what each is (`cvl new --help`), in English as the rest of the help: `placement`,
/// then its description on the next line.
fn kinds_help() -> String {
    let mut help = String::from("Kinds:");
    for template in templates::TEMPLATES {
        help.push_str(&format!(
            "\n  {}\n          {}",
            template.kind,
            template.about().show(Lang::En)
        ));
    }
    help
}

/// Prints `refusal` in `lang`; the `error:` and `help:` marks are the same in every language, as `cvl check`'s.
fn refuse(refusal: &Refusal, lang: Lang, err: &mut dyn Write) -> i32 {
    let _ = writeln!(err, "error: {}", refusal.message.show(lang));
    if let Some(help) = &refusal.help {
        let _ = writeln!(err, "help: {}", help.show(lang));
    }
    EXIT_USAGE
}

/// `cvl new`: writes the template of KIND as DIR/NAME.cvl, never over an existing file. It speaks the language
/// asked for (English for a language it does not know).
pub(crate) fn new(args: &NewArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let lang = Lang::from_code(&args.lang).unwrap_or_default();
    let text = match templates::contract(&args.kind, &args.name, &args.lang) {
        Ok(text) => text,
        Err(refusal) => return refuse(&refusal, lang, err),
    };
    let path = args.dir.join(format!("{}.cvl", args.name));
    let shown = display_name(&path);
    let written = std::fs::create_dir_all(&args.dir).and_then(|()| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()
    });
    match written {
        Ok(()) => {
            let count = cvl_check::placeholder::find(cvl_syntax::FileId(0), &text).len();
            let wrote = text!("templates-wrote", file = &shown, count = count);
            let _ = writeln!(out, "{}", wrote.show(lang));
            EXIT_OK
        }
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
            let refusal = Refusal {
                message: text!("templates-exists", file = &shown),
                help: Some(text!("templates-exists-help")),
            };
            refuse(&refusal, lang, err)
        }
        Err(error) => {
            let refusal = Refusal {
                message: text!(
                    "templates-cannot-write",
                    file = &shown,
                    reason = io_message(&error)
                ),
                help: None,
            };
            refuse(&refusal, lang, err)
        }
    }
}

/// `cvl doc`: the module's clauses (or one), with their meanings, parameters and what they make.
pub(crate) fn doc(args: &DocArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let module = match docs::lookup(&args.module) {
        Ok(module) => module,
        Err(refusal) => return refuse(&refusal, Lang::En, err),
    };
    let clauses: Vec<&docs::ClauseDoc> = match &args.clause {
        Some(name) => match docs::clause(&module, name) {
            Ok(clause) => vec![clause],
            Err(refusal) => return refuse(&refusal, Lang::En, err),
        },
        None => module.clauses.iter().collect(),
    };
    let written = match args.format {
        DocFormat::Human => out.write_all(docs::render_text(&module, &clauses).as_bytes()),
        DocFormat::Json => crate::json::write(out, &docs::render_json(&module, &clauses)),
    };
    match written {
        Ok(()) => EXIT_OK,
        Err(_) => EXIT_USAGE,
    }
}
