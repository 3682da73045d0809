//! `cvl portfolio DIR`: decides every case folder of a municipality's repository (cvl-portfolio) and prints the
//! totals as a table, CSV or JSON, to standard output or a file (`-o`). Progress goes to standard error as a bar,
//! only when standard error is a terminal. Each case left out is also named on standard error, so that no format
//! hides one; the exit code is then 1 (spec 14.4).

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::check::{display_name, io_message};
use crate::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};

/// `cvl portfolio`'s command line.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The repository: one folder per case, each with its contract (`.cvl`) and its signed log (`log.jsonl`)
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Decide as of this date (YYYY-MM-DD; today by default)
    #[arg(long, value_name = "DATE", value_parser = crate::parse_date)]
    as_of: Option<NaiveDate>,
    /// How many months after the month of the date to forecast (0 to 120)
    #[arg(long, value_name = "N", default_value_t = 6, value_parser = clap::value_parser!(u32).range(0..=120))]
    months: u32,
    /// How to print the portfolio
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write to this file instead of standard output
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// How many cases to decide at once (by default one per core); the output is the same for any number
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// A directory to search for imported modules before the bundled stdlib (may be repeated)
    #[arg(long = "lib", value_name = "DIR")]
    libs: Vec<PathBuf>,
}

/// How `cvl portfolio` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// A table for people
    Table,
    /// JSON with everything, for programs
    Json,
    /// One row per month, case, payee and measure, for a finance system
    Csv,
    /// One self-contained HTML file with charts, readable without the tool
    Html,
}

/// Runs `cvl portfolio` as `args` say; `progress` says whether standard error is a terminal.
pub(crate) fn dispatch(
    args: &Args,
    progress: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    run(
        &Options {
            dir: &args.dir,
            as_of: args.as_of,
            months: args.months,
            format: args.format,
            output: args.output.as_deref(),
            jobs: args
                .jobs
                .map_or_else(crate::jobs::default_jobs, usize::from),
            libs: &args.libs,
            progress,
        },
        out,
        err,
    )
}

pub(crate) struct Options<'a> {
    pub dir: &'a Path,
    pub as_of: Option<NaiveDate>,
    pub months: u32,
    pub format: Format,
    pub output: Option<&'a Path>,
    pub jobs: usize,
    pub libs: &'a [PathBuf],
    /// Whether standard error is a terminal: the progress bar is drawn only then.
    pub progress: bool,
}

pub(crate) fn run(options: &Options<'_>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let dir = display_name(options.dir);
    if let Some(output) = options.output
        && let Some(folder) = inside_a_case(options.dir, output)
    {
        let _ = writeln!(
            err,
            "error: `-o {}` is in the case folder `{folder}`, which the portfolio is read from: nothing was written",
            display_name(output)
        );
        let suggested = match options.format {
            Format::Table => "portfolio.txt",
            Format::Csv => "portfolio.csv",
            Format::Json => "portfolio.json",
            Format::Html => "portfolio.html",
        };
        let _ = writeln!(
            err,
            "help: write the output outside the case folders, such as `{suggested}` beside them"
        );
        return EXIT_USAGE;
    }
    let settings = cvl_portfolio::Options {
        as_of: options
            .as_of
            .unwrap_or_else(|| cvl_log::clock::now().date()),
        months: options.months,
        jobs: options.jobs,
        libs: options.libs.to_vec(),
    };
    let bar = if options.progress {
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr())
    } else {
        indicatif::ProgressBar::hidden()
    };
    let progress = Bar(bar);
    let portfolio = match cvl_portfolio::gather(options.dir, &settings, &progress) {
        Ok(portfolio) => portfolio,
        Err(refusal) => {
            let (message, help) = refused(&dir, &refusal);
            let _ = writeln!(err, "error: {message}");
            let _ = writeln!(err, "help: {help}");
            let _ = writeln!(err, "nothing was decided");
            return EXIT_USAGE;
        }
    };
    progress.0.finish_and_clear();
    let mut bytes = Vec::new();
    let written = match options.format {
        Format::Table => cvl_portfolio::render::table(&portfolio, &dir, &mut bytes),
        Format::Csv => cvl_portfolio::render::csv(&portfolio, &mut bytes),
        Format::Json => crate::json::write(&mut bytes, &cvl_portfolio::render::json(&portfolio)),
        Format::Html => {
            bytes = cvl_portfolio::html::page(&portfolio, &dir).into_bytes();
            Ok(())
        }
    };
    let written = written.and_then(|()| match options.output {
        Some(path) => crate::whole::write(path, &bytes),
        None => out.write_all(&bytes),
    });
    if let Err(error) = written {
        let target = options.output.map_or_else(
            || "the output".to_string(),
            |p| format!("`{}`", display_name(p)),
        );
        let _ = writeln!(err, "error: cannot write {target}: {}", io_message(&error));
        return EXIT_USAGE;
    }
    for note in &portfolio.notes {
        let _ = writeln!(err, "warning: {}", cvl_syntax::text::shown(note));
    }
    for case in &portfolio.cases {
        for warning in &case.warnings {
            let _ = writeln!(
                err,
                "warning: `{}`: {}",
                case.folder,
                cvl_syntax::text::shown(warning)
            );
        }
    }
    let mut code = EXIT_OK;
    for case in &portfolio.cases {
        if let Err(reason) = &case.outcome {
            let _ = writeln!(
                err,
                "warning: `{}` is left out of every total: {reason}",
                case.folder
            );
            code = EXIT_PROBLEMS;
        }
    }
    code
}

/// The progress bar: its length once the case folders are counted, one step per case decided.
struct Bar(indicatif::ProgressBar);

impl cvl_portfolio::Progress for Bar {
    fn start(&self, cases: usize) {
        self.0.set_length(cases as u64);
    }

    fn done(&self) {
        self.0.inc(1);
    }
}

/// The words of a refusal of DIR itself, and the advice.
fn refused(dir: &str, refusal: &cvl_portfolio::Refusal) -> (String, String) {
    const SHAPE: &str = "give a directory that holds one folder per case, each with its contract (`.cvl`) and its signed log (`log.jsonl`)";
    match refusal {
        cvl_portfolio::Refusal::Unreadable(why) => (
            format!("cannot read the directory `{dir}`: {why}"),
            SHAPE.to_string(),
        ),
        cvl_portfolio::Refusal::NotADirectory => {
            (format!("`{dir}` is not a directory"), SHAPE.to_string())
        }
        cvl_portfolio::Refusal::Empty => {
            (format!("`{dir}` holds no case folder"), SHAPE.to_string())
        }
        cvl_portfolio::Refusal::CaseFolder(what) => (
            format!("`{dir}` is a case folder (it holds {what}), not a directory of case folders"),
            "give the folder above it, which holds one folder per case, each with its contract (`.cvl`) and its \
             signed log (`log.jsonl`)"
                .to_string(),
        ),
    }
}

/// The case folder of `dir` that `output` would be written in, if any.
fn inside_a_case(dir: &Path, output: &Path) -> Option<String> {
    let parent = output.parent().filter(|p| !p.as_os_str().is_empty())?;
    let parent = std::fs::canonicalize(parent).ok()?;
    let dir = std::fs::canonicalize(dir).ok()?;
    let folder = parent.strip_prefix(&dir).ok()?.components().next()?;
    Some(cvl_portfolio::shown_name(folder.as_os_str()))
}
