//! `cvl check`: finds the files to check, reads and parses each, prints the diagnostics and a summary, and decides
//! the exit code.
//!
//! Paths are checked in the order given; a directory is searched recursively for `*.cvl` files, each directory's
//! entries in sorted order, so that the output is the same on every machine. A file reached twice (named twice, or
//! named and also found in a directory) is checked once. Names in the output are the paths as the user wrote them,
//! joined with `/` for files found in a directory, as `display_name` shows them (escaped and masked, spec section
//! 6); the file is read by its path, within the size of spec section 7 (cvl-check's read.rs). A path that cannot be read is reported on stderr and the others
//! are still checked; the exit code is then [`EXIT_USAGE`] whatever the diagnostics say. Each file is checked on
//! its own (its own sources and loader, as if named alone), the files on every core (`--jobs`, jobs.rs), and the
//! results are printed in the files' order, so the output is the same bytes on one thread or many.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use cvl_syntax::{
    Code, Diagnostic, FileId, Lang, Problems, Severity, Source, Sources, Text, parse_source, text,
};

use cvl_check::loader::FsLoader;
pub(crate) use cvl_check::read::{Kind, ReadError, read_file, read_regular_file};

pub(crate) use cvl_check::loader::{display_name, io_message};

use crate::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, Format};
use crate::{jobs, lang, render};

/// What `cvl check` was asked to do, beyond the paths.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Options<'a> {
    pub format: Format,
    pub deny_warnings: bool,
    /// Directories searched for imported modules before the bundled stdlib.
    pub libs: &'a [PathBuf],
    /// Colour the human output.
    pub color: bool,
    /// How many files to check at once (`--jobs`); the output does not depend on it.
    pub jobs: usize,
    /// `--lang`: the language of every message; without it, each file's in its own (lang.rs).
    pub lang: Option<Lang>,
}

/// One file to check: where to read it, and its name as shown to the user.
#[derive(Debug)]
pub(crate) struct Input {
    pub path: PathBuf,
    pub name: String,
    /// Found by walking a directory, not named: read only if it is a regular file (spec section 8.3).
    pub found: bool,
}

impl Input {
    /// The file's bytes, through the bounded reader; a file found by walking is read only if it is still a
    /// regular file, and never opened in a way that blocks.
    pub(crate) fn read(&self) -> Result<Vec<u8>, ReadError> {
        if self.found {
            read_regular_file(&self.path, Kind::Source)
        } else {
            read_file(&self.path, Kind::Source)
        }
    }
}

pub(crate) fn run(
    paths: &[PathBuf],
    options: Options<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let mut collector = Collector::default();
    for path in paths {
        collector.collect(path, err);
    }

    // Each file is checked on its own (its own sources and loader, as if named alone), on every core; the
    // results are then taken in the files' order, so the output is the same on one thread or many.
    let outcomes = jobs::in_order(&collector.inputs, options.jobs, |input| {
        checked_alone(input, options.libs)
    });
    let mut sources = Sources::new();
    let mut diagnostics: Vec<(Diagnostic, Lang)> = Vec::new();
    // The language of each file checked, for the summary's.
    let mut languages: Vec<Lang> = Vec::new();
    // What the files' E0043s stand for, beyond themselves.
    let mut left_out = Tally::default();
    let mut checked = 0;
    for (input, outcome) in collector.inputs.iter().zip(outcomes) {
        match outcome {
            Err(error) => {
                cannot_read(err, &input.name, &error);
                collector.failed = true;
            }
            Ok(alone) => {
                checked += 1;
                left_out.errors += alone.left_out.errors;
                left_out.warnings += alone.left_out.warnings;
                let shown_in = options.lang.unwrap_or(alone.lang);
                languages.push(shown_in);
                diagnostics.extend(lang::shown(alone.into_run(&mut sources), shown_in));
            }
        }
    }

    let tally = Tally::of(diagnostics.iter().map(|(d, _)| d)).with(left_out);
    let summary_in = lang::of_all(options.lang, &languages);
    // A failed write is the run's to report (output.rs).
    let _ = match options.format {
        Format::Human => render::human(&diagnostics, &sources, options.color, out).and_then(|()| {
            if checked == 0 {
                Ok(())
            } else {
                let summary = tally.summary(checked, options.deny_warnings);
                writeln!(out, "{}", summary.show(summary_in))
            }
        }),
        Format::Json => render::json(&diagnostics, &sources, out),
        Format::Github => render::github(&diagnostics, &sources, out),
    };
    if collector.failed {
        EXIT_USAGE
    } else if tally.errors > 0 || (options.deny_warnings && tally.warnings > 0) {
        EXIT_PROBLEMS
    } else {
        EXIT_OK
    }
}

/// One file checked on its own: its diagnostics, sorted, with the files they point into.
struct Alone {
    diagnostics: Vec<Diagnostic>,
    /// The files the diagnostics point into, by their ids in `diagnostics`.
    files: BTreeMap<FileId, Source>,
    left_out: Tally,
    /// The file's language, by its first word: its diagnostics are shown in it unless `--lang` says otherwise.
    lang: Lang,
}

impl Alone {
    /// The diagnostics, pointing into `sources`, to which the files they point into are added in the order the
    /// diagnostics first name them.
    fn into_run(self, sources: &mut Sources) -> Vec<Diagnostic> {
        let mut ids: BTreeMap<FileId, FileId> = BTreeMap::new();
        let mut files = self.files;
        let mut moved = |file: FileId| {
            if let Some(id) = ids.get(&file) {
                return *id;
            }
            let id = match files.remove(&file) {
                Some(source) => sources.add(source),
                // A span into no file stays one, as the renderers expect of it.
                None => FileId(u32::MAX),
            };
            ids.insert(file, id);
            id
        };
        let mut diagnostics = self.diagnostics;
        for diagnostic in &mut diagnostics {
            diagnostic.span.file = moved(diagnostic.span.file);
            for label in &mut diagnostic.secondary {
                label.span.file = moved(label.span.file);
            }
        }
        diagnostics
    }
}

/// Reads, parses and checks one file with its own sources and loader, as `cvl check FILE` alone would.
fn checked_alone(input: &Input, libs: &[PathBuf]) -> Result<Alone, ReadError> {
    let bytes = input.read()?;
    let mut sources = Sources::new();
    let mut loader = FsLoader::new(libs.to_vec());
    let file = sources.add(Source::from_bytes(input.name.clone(), bytes).with_path(&input.path));
    loader.register(&input.path, file);
    let problems = check_file(&mut sources, file, &mut loader);
    let lang = sources
        .get(file)
        .map_or(Lang::En, |source| lang::or_file(None, &source.text));
    let (errors, warnings) = problems.left_out();
    let diagnostics = problems.into_sorted();
    let mut files = BTreeMap::new();
    for diagnostic in &diagnostics {
        let spans =
            std::iter::once(diagnostic.span).chain(diagnostic.secondary.iter().map(|l| l.span));
        for span in spans {
            if let Some(source) = sources.get(span.file) {
                files.entry(span.file).or_insert_with(|| source.clone());
            }
        }
    }
    Ok(Alone {
        diagnostics,
        files,
        left_out: Tally { errors, warnings },
        lang,
    })
}

/// Parses and checks one file. A file whose syntax is broken is not type-checked: what the checker would say
/// about its missing parts would only repeat the syntax errors.
pub(crate) fn check_file(sources: &mut Sources, file: FileId, loader: &mut FsLoader) -> Problems {
    let Some(source) = sources.get(file) else {
        return Problems::new();
    };
    let parsed = parse_source(file, source);
    let mut problems = parsed.problems;
    if !problems.has_errors() {
        problems.merge(cvl_check::check(sources, file, &parsed.file, loader).problems);
    }
    problems
}

/// Gathers the files to check from the paths given, reporting those it cannot read. `cvl fmt` finds its files
/// the same way.
#[derive(Debug, Default)]
pub(crate) struct Collector {
    pub inputs: Vec<Input>,
    /// The files already taken, by canonical path where there is one, so that each is checked once.
    seen: BTreeSet<PathBuf>,
    /// Some path could not be read, or named a directory without `.cvl` files.
    pub failed: bool,
}

impl Collector {
    pub(crate) fn collect(&mut self, path: &Path, err: &mut dyn Write) {
        let name = display_name(path);
        match fs::metadata(path) {
            Err(error) => {
                cannot_read(err, &name, &io_message(&error));
                self.failed = true;
            }
            Ok(meta) if meta.is_dir() => {
                let mut ancestors = BTreeSet::new();
                if self.walk(path, &name, &mut ancestors, err) == 0 {
                    let _ = writeln!(err, "error: no `.cvl` files in `{name}`");
                    self.failed = true;
                }
            }
            // A file named on the command line is checked whatever its extension.
            Ok(_) => self.take(path.to_path_buf(), name, false),
        }
    }

    /// Takes every `.cvl` file under `dir`, in sorted order, and returns how many it found (including files
    /// already taken). `ancestors` are the directories being walked, to stop at a link that loops back.
    fn walk(
        &mut self,
        dir: &Path,
        name: &str,
        ancestors: &mut BTreeSet<PathBuf>,
        err: &mut dyn Write,
    ) -> usize {
        let key = canonical(dir);
        if !ancestors.insert(key.clone()) {
            return 0;
        }
        let entries =
            match fs::read_dir(dir).and_then(|entries| entries.collect::<io::Result<Vec<_>>>()) {
                Ok(entries) => entries,
                Err(error) => {
                    cannot_read(err, name, &io_message(&error));
                    self.failed = true;
                    ancestors.remove(&key);
                    return 0;
                }
            };
        // Sorted by the entries' own names; each is shown by its path (`display_name`).
        let mut entries: Vec<(String, PathBuf)> = entries
            .into_iter()
            .map(|entry| {
                (
                    entry.file_name().to_string_lossy().into_owned(),
                    entry.path(),
                )
            })
            .collect();
        entries.sort();

        let mut found = 0;
        for (_, path) in entries {
            let child = display_name(&path);
            match fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => found += self.walk(&path, &child, ancestors, err),
                // Only a regular file (or a link to one) is taken: a FIFO would hang the read, a device never end.
                Ok(meta) if meta.is_file() && path.extension().is_some_and(|ext| ext == "cvl") => {
                    found += 1;
                    self.take(path, child, true);
                }
                Ok(_) if path.extension().is_some_and(|ext| ext == "cvl") => {
                    cannot_read(err, &child, &ReadError::NotRegular);
                    self.failed = true;
                }
                Ok(_) => {}
                // A broken link or an entry that vanished: report it only if it looks like a contract.
                Err(error) => {
                    if path.extension().is_some_and(|ext| ext == "cvl") {
                        cannot_read(err, &child, &io_message(&error));
                        self.failed = true;
                    }
                }
            }
        }
        ancestors.remove(&key);
        found
    }

    fn take(&mut self, path: PathBuf, name: String, found: bool) {
        if self.seen.insert(canonical(&path)) {
            self.inputs.push(Input { path, name, found });
        }
    }
}

/// The path that names a file whichever way it was reached, or the path itself if it cannot be resolved.
fn canonical(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// `error: cannot read `NAME`: REASON`, for a file the system cannot read or one too large (read.rs); `name` is
/// already shown (`display_name`).
pub(crate) fn cannot_read(err: &mut dyn Write, name: &str, error: &dyn std::fmt::Display) {
    let _ = writeln!(err, "error: cannot read `{name}`: {error}");
}

/// How many errors and warnings a run found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Tally {
    errors: usize,
    warnings: usize,
}

impl Tally {
    /// The diagnostics shown, but for the E0043s, which stand for those left out.
    fn of<'a>(diagnostics: impl Iterator<Item = &'a Diagnostic> + Clone) -> Self {
        let count = |severity| {
            diagnostics
                .clone()
                .filter(|d| d.severity == severity && d.code != Code::E0043)
                .count()
        };
        Tally {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
        }
    }

    fn with(self, left_out: Tally) -> Self {
        Tally {
            errors: self.errors + left_out.errors,
            warnings: self.warnings + left_out.warnings,
        }
    }

    /// The closing line of human output: `checked 3 files: 2 errors, 1 warning`.
    fn summary(self, files: usize, deny_warnings: bool) -> Text {
        let found = match (self.errors, self.warnings) {
            (0, 0) => text!("cli-check-no-problems"),
            (errors, 0) => text!("cli-check-errors", errors = errors),
            (0, warnings) if deny_warnings => {
                text!("cli-check-warnings-denied", warnings = warnings)
            }
            (0, warnings) => text!("cli-check-warnings", warnings = warnings),
            (errors, warnings) if deny_warnings => text!(
                "cli-check-errors-warnings-denied",
                errors = errors,
                warnings = warnings
            ),
            (errors, warnings) => {
                text!(
                    "cli-check-errors-warnings",
                    errors = errors,
                    warnings = warnings
                )
            }
        };
        text!("cli-check-summary", files = files, found = found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_each_kind_and_says_when_clean() {
        let clean = Tally::default();
        assert_eq!(
            clean.summary(1, false).show(Lang::En),
            "checked 1 file: no problems"
        );
        let both = Tally {
            errors: 2,
            warnings: 1,
        };
        assert_eq!(
            both.summary(3, false).show(Lang::En),
            "checked 3 files: 2 errors, 1 warning"
        );
        let warned = Tally {
            errors: 0,
            warnings: 2,
        };
        assert_eq!(
            warned.summary(2, true).show(Lang::En),
            "checked 2 files: 2 warnings (denied by `--deny-warnings`)"
        );
        assert_eq!(
            warned.summary(2, true).show(Lang::Da),
            "tjekkede 2 filer: 2 advarsler (afvist med `--deny-warnings`)"
        );
        assert_eq!(
            both.summary(3, false).show(Lang::Da),
            "tjekkede 3 filer: 2 fejl, 1 advarsel"
        );
        assert_eq!(
            clean.summary(1, false).show(Lang::Da),
            "tjekkede 1 fil: ingen problemer"
        );
    }
}
