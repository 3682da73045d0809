//! `cvl fmt`: puts files in the canonical layout of [`cvl_fmt::format`], or with `--check` lists those that are
//! not in it.
//!
//! Files are found as `cvl check` finds them (the same walk, order and names). Without `--check`, a file whose
//! layout changes is rewritten in place, through a temporary file in the same directory that is then renamed over
//! it, so that a crash never leaves half a contract; a file already in the layout is not touched. With `--check`
//! nothing is written: the names of the files that would change go to stdout. A file with syntax errors (or a CPR
//! number) is never touched; its diagnostics go to stderr as `cvl check` renders them. `cvl fmt -` formats
//! standard input to standard output, for editors. With `--to da|en` each file is translated to that language
//! ([`cvl_fmt::translate`]) and written in the canonical layout, in place or (for `-`) to standard output.
//!
//! The exit code is [`EXIT_USAGE`] if a path could not be read or a file could not be written, else
//! [`EXIT_PROBLEMS`] if a file has errors or (with `--check`) would change, else [`EXIT_OK`].

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use cvl_syntax::danish::Language;
use cvl_syntax::{Diagnostic, FileId, Source, Sources, parse_source};

use crate::check::{Collector, Kind, cannot_read, io_message};
use crate::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};
use crate::{lang, render};
use cvl_check::read::read_from;

/// What `cvl fmt` was asked to do, beyond the paths.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Options {
    /// List the files that would change instead of changing them.
    pub check: bool,
    /// Colour the diagnostics.
    pub color: bool,
    /// Translate every file to this language (`--to da|en`); `None` keeps each file's language.
    pub to: Option<Language>,
    /// `--lang`: the language of the diagnostics; without it, each file's own (lang.rs).
    pub lang: Option<cvl_syntax::Lang>,
}

/// What happened to the files of one run.
#[derive(Debug, Default)]
struct Outcome {
    /// Some file could not be read or written.
    failed: bool,
    /// Some file has errors, or would change under `--check`.
    problems: bool,
}

impl Outcome {
    fn code(&self) -> i32 {
        if self.failed {
            EXIT_USAGE
        } else if self.problems {
            EXIT_PROBLEMS
        } else {
            EXIT_OK
        }
    }
}

pub(crate) fn run(
    paths: &[PathBuf],
    options: Options,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let dash = Path::new("-");
    if paths.iter().any(|path| path == dash) {
        if paths.len() > 1 {
            let _ = writeln!(
                err,
                "error: `-` (standard input) cannot be formatted together with files"
            );
            return EXIT_USAGE;
        }
        return run_stdin(options, stdin, out, err);
    }

    let mut collector = Collector::default();
    for path in paths {
        collector.collect(path, err);
    }
    let mut outcome = Outcome {
        failed: collector.failed,
        problems: false,
    };
    let mut sources = Sources::new();
    for input in collector.inputs {
        let bytes = match input.read() {
            Ok(bytes) => bytes,
            Err(error) => {
                cannot_read(err, &input.name, &error);
                outcome.failed = true;
                continue;
            }
        };
        let name = input.name.clone();
        let file = sources.add(Source::from_bytes(input.name, bytes).with_path(&input.path));
        let formatted = match format_source(&sources, file, options.to) {
            Ok(formatted) => formatted,
            Err(diagnostics) => {
                outcome.problems = true;
                let shown_in = sources.get(file).map_or(cvl_syntax::Lang::En, |s| {
                    lang::or_file(options.lang, &s.text)
                });
                let diagnostics = lang::shown(diagnostics, shown_in);
                let written = render::human(&diagnostics, &sources, options.color, err)
                    .and_then(|()| writeln!(err, "{}", not_done(options, &name).show(shown_in)));
                if written.is_err() {
                    outcome.failed = true;
                }
                continue;
            }
        };
        let Some(source) = sources.get(file) else {
            continue;
        };
        if formatted == source.text {
            continue;
        }
        if options.check {
            outcome.problems = true;
            if writeln!(out, "{name}").is_err() {
                outcome.failed = true;
            }
        } else if let Err(error) = replace(&input.path, &formatted) {
            let _ = writeln!(err, "error: cannot write `{name}`: {}", io_message(&error));
            outcome.failed = true;
        }
    }
    outcome.code()
}

/// `cvl fmt -`: standard input to standard output, or with `--check` only the verdict (and `-` if it would
/// change).
fn run_stdin(
    options: Options,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let bytes = match read_from(stdin, Kind::Source) {
        Ok(bytes) => bytes,
        Err(error) => {
            let _ = writeln!(err, "error: cannot read standard input: {error}");
            return EXIT_USAGE;
        }
    };
    let mut sources = Sources::new();
    let file = sources.add(Source::from_bytes("<stdin>", bytes));
    let formatted = match format_source(&sources, file, options.to) {
        Ok(formatted) => formatted,
        Err(diagnostics) => {
            let shown_in = sources.get(file).map_or(cvl_syntax::Lang::En, |s| {
                lang::or_file(options.lang, &s.text)
            });
            let diagnostics = lang::shown(diagnostics, shown_in);
            let _ = render::human(&diagnostics, &sources, options.color, err);
            let _ = writeln!(err, "{}", not_done(options, "-").show(shown_in));
            return EXIT_PROBLEMS;
        }
    };
    let unchanged = sources.get(file).is_some_and(|s| s.text == formatted);
    let written = if options.check {
        if unchanged {
            Ok(())
        } else {
            writeln!(out, "-")
        }
    } else {
        out.write_all(formatted.as_bytes())
    };
    // A failed write is the run's to report (output.rs).
    match written {
        Err(_) => EXIT_USAGE,
        Ok(()) if options.check && !unchanged => EXIT_PROBLEMS,
        Ok(()) => EXIT_OK,
    }
}

/// The error line after the diagnostics of the file `name`: what was not done to it.
fn not_done(options: Options, name: &str) -> cvl_syntax::Text {
    match options.to {
        Some(_) => cvl_syntax::text!("cli-fmt-not-translated", name = name),
        None => cvl_syntax::text!("cli-fmt-not-formatted", name = name),
    }
}

/// The file in the canonical layout, or its errors in source order. Text that is not UTF-8 is refused as
/// `cvl check` refuses it.
fn format_source(
    sources: &Sources,
    file: FileId,
    to: Option<Language>,
) -> Result<String, Vec<Diagnostic>> {
    let Some(source) = sources.get(file) else {
        return Err(Vec::new());
    };
    if source.invalid_utf8_at.is_some() {
        return Err(parse_source(file, source).problems.into_sorted());
    }
    let formatted = match to {
        Some(to) => cvl_fmt::translate(file, &source.text, to),
        None => cvl_fmt::format(file, &source.text),
    };
    formatted.map_err(|problems| {
        problems
            .into_sorted()
            .into_iter()
            .filter(|d| d.severity == cvl_syntax::Severity::Error)
            .collect()
    })
}

/// Replaces the contents of `path` with `text`: writes a temporary file next to it, with the same permissions,
/// and renames it over the original, so that the file is either the old text or the new one, never half of each.
/// A symbolic link stays a link: the file it points to is replaced.
fn replace(path: &Path, text: &str) -> io::Result<()> {
    let resolved = fs::canonicalize(path)?;
    let path = resolved.as_path();
    // A rename would replace a file its owner made read-only; formatting must not.
    if fs::metadata(path)?.permissions().readonly() {
        return Err(io::Error::other("the file is read-only"));
    }
    let dir = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = dir.join(format!(".{name}.cvl-fmt-{}", std::process::id()));
    let written = write_new(&temporary, path, text).and_then(|()| fs::rename(&temporary, path));
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}

fn write_new(temporary: &Path, original: &Path, text: &str) -> io::Result<()> {
    // Created anew: a file or link left at this name is removed, never written through.
    match fs::remove_file(temporary) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => return Err(error),
        _ => {}
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(temporary)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    let permissions = fs::metadata(original)?.permissions();
    fs::set_permissions(temporary, permissions)
}
