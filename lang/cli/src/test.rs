//! `cvl test [PATH...]`: runs every scenario file found (cvl-scenario does the finding, checking, running and
//! rendering) and prints the outcome as a table, GitHub annotations or JSON. Exit 0 when every scenario holds, 1
//! when one fails, 2 when a file cannot be run (unreadable, malformed, or naming what its contract lacks; spec 15.4).

use std::io::Write;
use std::path::PathBuf;

use crate::EXIT_USAGE;

/// `cvl test`'s command line.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Scenario files, or directories to search for `*.scenario` files (the current directory by default)
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// How to print the outcome
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// A directory to search for imported modules before the bundled stdlib (may be repeated)
    #[arg(long = "lib", value_name = "DIR")]
    libs: Vec<PathBuf>,
}

/// How `cvl test` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Each failure as expected against actual with its basis, and a summary line, for people
    Human,
    /// GitHub Actions workflow commands, for annotations in CI
    Github,
    /// One JSON object with every expectation, for tools
    Json,
}

pub(crate) fn run(args: &Args, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let reports = match cvl_scenario::test_paths(&paths, &args.libs) {
        Ok(reports) => reports,
        Err(reason) => {
            let _ = writeln!(err, "error: {reason}");
            return EXIT_USAGE;
        }
    };
    if reports.is_empty() {
        let _ = writeln!(
            err,
            "error: no scenario files (`*.{}`) were found",
            cvl_scenario::EXTENSION
        );
        let _ = writeln!(
            err,
            "help: write one beside a contract: `NAME.{}`",
            cvl_scenario::EXTENSION
        );
        return EXIT_USAGE;
    }
    let text = match args.format {
        Format::Human => cvl_scenario::report::text(&reports),
        Format::Github => cvl_scenario::report::github(&reports),
        Format::Json => cvl_scenario::report::json(&reports),
    };
    // A failed write is recorded by the caller's writer, which makes the run exit 2 (output.rs).
    let _ = out.write_all(text.as_bytes());
    cvl_scenario::exit_code(&reports)
}
