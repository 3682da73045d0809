//! The `cvl` command line: argument parsing and dispatch to one module per subcommand.
//!
//! [`run`] is the whole program as a function of its arguments and two writers, so that tests call it with
//! buffers instead of spawning a process; `main.rs` only hands it the real stdout and stderr. Exit codes are the
//! same for every subcommand: [`EXIT_OK`] when clean, [`EXIT_PROBLEMS`] when the input has problems, and
//! [`EXIT_USAGE`] for a bad command line, a file that cannot be read, or output that cannot be written (output.rs).

mod check;
pub mod contract;
mod decision;
mod diff;
mod dispute;
mod eval;
mod excerpt;
mod explain;
mod fmt;
mod invoice;
mod jobs;
mod json;
mod key;
mod lang;
mod library;
mod listing;
mod log;
mod lsp;
mod output;
mod portfolio;
pub mod provenance;
mod render;
mod report;
mod serve;
mod table;
mod test;
mod versions;
mod whole;

use std::ffi::OsString;
use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;

use clap::error::ErrorKind;
use clap::{Parser, Subcommand, ValueEnum};

/// The command ran and found nothing wrong (or printed what was asked, such as `--help`).
pub const EXIT_OK: i32 = 0;
/// The input has errors (or warnings, with `--deny-warnings`).
pub const EXIT_PROBLEMS: i32 = 1;
/// The command line was wrong, a file could not be read, or the output could not be written.
pub const EXIT_USAGE: i32 = 2;

/// What the program knows about where its output goes, for `--color auto`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Terminal {
    /// Standard output is a terminal.
    pub stdout_is_terminal: bool,
    /// Standard error is a terminal.
    pub stderr_is_terminal: bool,
    /// The `NO_COLOR` environment variable is set (to anything but the empty string).
    pub no_color: bool,
}

impl Terminal {
    /// The terminal of the running process: whether its stdout is one, and whether `NO_COLOR` asks for no colour.
    pub fn detect() -> Self {
        Terminal {
            stdout_is_terminal: std::io::stdout().is_terminal(),
            stderr_is_terminal: std::io::stderr().is_terminal(),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        }
    }

    /// Whether to colour what goes to standard output under a `--color` choice (`cvl check`'s diagnostics).
    fn colors(self, choice: ColorChoice) -> bool {
        match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => self.stdout_is_terminal && !self.no_color,
        }
    }

    /// Whether to colour what goes to standard error under a `--color` choice (the diagnostics of `cvl eval`,
    /// `cvl fmt` and `cvl log`, whose standard output is their result).
    fn colors_on_stderr(self, choice: ColorChoice) -> bool {
        match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => self.stderr_is_terminal && !self.no_color,
        }
    }
}

#[derive(Debug, Parser)]
#[command(
    name = "cvl",
    bin_name = "cvl",
    version,
    about = "Check, evaluate, format and explain CVL contracts; keep their signed event logs; serve editors",
    arg_required_else_help = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check contract files for errors and warnings
    Check(CheckArgs),
    /// Decide each month's payments from a contract and its events, and say why
    Eval(EvalArgs),
    /// Compare two texts of a contract: the terms that changed, and with its events what the new one would pay
    Diff(DiffArgs),
    /// Put contract files in the canonical layout, or list those that are not in it
    Fmt(FmtArgs),
    /// Explain a diagnostic code, or list every code
    Explain(ExplainArgs),
    /// Write a contract to start from, with placeholders to fill in: placement, foster-family, mentor, consultant
    New(library::NewArgs),
    /// Show a standard-library module's clauses: what each means, its parameters and what it makes
    Doc(library::DocArgs),
    /// Check a provider's e-invoices against a contract and its log, line by line
    #[command(subcommand)]
    Invoice(InvoiceCommand),
    /// Make a party's signing key
    #[command(subcommand)]
    Key(KeyCommand),
    /// Start, append to, verify, list and push a contract's signed event log
    #[command(subcommand)]
    Log(LogCommand),
    /// Run the language server on standard input and output, for editors
    Lsp(LspArgs),
    /// Decide every case of a municipality's repository: spend, commitments and a forecast per month, provider and case
    Portfolio(portfolio::Args),
    /// Write one self-contained HTML report of what the contract decided, for a lawyer or a judge
    Report(ReportArgs),
    /// Run the log service that the parties share: it admits signed entries and signs receipts
    Serve(serve::ServeArgs),
    /// Run the scenario tests (`*.scenario`): given these events, what must follow
    Test(test::Args),
}

#[derive(Debug, Subcommand)]
enum KeyCommand {
    /// Make a new ed25519 key pair: NAME.key (secret, readable by its owner only) and NAME.pub
    Gen {
        /// The key's name, such as the party's
        #[arg(value_name = "NAME")]
        name: String,
        /// The directory to write the two files to
        #[arg(long, value_name = "DIR", default_value = ".")]
        dir: PathBuf,
    },
}

/// What every `cvl log` command that reads the contract takes.
#[derive(Debug, clap::Args)]
struct ContractArgs {
    /// A directory to search for imported modules before the bundled stdlib (may be repeated)
    #[arg(long = "lib", value_name = "DIR")]
    libs: Vec<PathBuf>,
    /// When to colour diagnostics
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Debug, Subcommand)]
enum LogCommand {
    /// Start an empty log for a contract (which must check clean)
    Init {
        /// The contract the log is for
        #[arg(value_name = "CONTRACT")]
        contract: PathBuf,
        /// The log file to create (it must not exist)
        #[arg(value_name = "LOG")]
        log: PathBuf,
        #[command(flatten)]
        common: ContractArgs,
    },
    /// Sign and append an entry, after verifying the log and checking the entry fits the contract
    Append {
        /// The log file to append to
        #[arg(value_name = "LOG")]
        log: PathBuf,
        /// The contract the log is bound to
        #[arg(long, value_name = "CONTRACT")]
        contract: PathBuf,
        /// The secret key of the party that asserts the entry (`cvl key gen`)
        #[arg(long, value_name = "KEY")]
        key: PathBuf,
        /// The event's kind, such as `signed` or `status_report`
        #[arg(long, value_name = "KIND")]
        kind: String,
        /// When it happened: YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SSZ
        #[arg(long, value_name = "DATE")]
        at: String,
        /// The event's data, a JSON object
        #[arg(long, value_name = "JSON")]
        data: Option<String>,
        /// The event's id (by default KIND-SEQ)
        #[arg(long, value_name = "ID")]
        id: Option<String>,
        /// An amended text of the contract, or a directory of them, found by its SHA-256 (may be repeated)
        #[arg(long = "version", value_name = "FILE")]
        versions: Vec<PathBuf>,
        /// A log service the log is shared through: pull, sign after its head, post, then write
        #[arg(long, value_name = "URL")]
        server: Option<String>,
        /// The service's verifier key (`NAME+ID+KEY`, as `cvl serve` prints it), or a file holding it
        #[arg(long = "server-key", value_name = "KEY", requires = "server")]
        server_key: Option<String>,
        #[command(flatten)]
        common: ContractArgs,
    },
    /// Verify every entry: the chain to the contract, dates, keys, signatures and authority
    Verify(log::VerifyArgs),
    /// Send the entries a log service lacks, registering the contract with it first if needed
    Push(serve::PushArgs),
    /// Fetch the entries a log service holds after this log's, as a party, refusing a service log that does not extend it
    Pull(log::pull::PullArgs),
    /// Print a short-lived link to the log's page on a log service: the decision as `cvl report` shows it, for a browser
    Page(log::page::PageArgs),
    /// List the entries for people (without verifying them)
    Show {
        /// The log file to list
        #[arg(value_name = "LOG")]
        log: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum InvoiceCommand {
    /// Approve, reduce, hold or reject every line of each invoice, with the reasons
    Check(InvoiceCheckArgs),
    /// Record in the contract's signed log what one invoice is approved for, signed by the payer
    Approve {
        /// The contract file
        #[arg(value_name = "CONTRACT")]
        contract: PathBuf,
        /// The e-invoice to approve
        #[arg(value_name = "INVOICE")]
        invoice: PathBuf,
        /// The contract's signed log, to append to
        #[arg(long, value_name = "LOG")]
        log: PathBuf,
        /// The payer's secret key (`cvl key gen`)
        #[arg(long, value_name = "KEY")]
        key: PathBuf,
        /// When it is approved: YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SSZ
        #[arg(long, value_name = "DATE")]
        at: String,
        /// The entry's id (by default invoice_approved-SEQ)
        #[arg(long, value_name = "ID")]
        id: Option<String>,
        /// An amended text of the contract, or a directory of them, found by its SHA-256 (may be repeated)
        #[arg(long = "version", value_name = "FILE")]
        versions: Vec<PathBuf>,
        #[command(flatten)]
        common: ContractArgs,
    },
}

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["events", "log"])))]
struct InvoiceCheckArgs {
    /// The contract file
    #[arg(value_name = "CONTRACT")]
    contract: PathBuf,
    /// E-invoices (UBL 2.1 XML, Peppol BIS 3 or OIOUBL), or directories of them, audited in the order given
    #[arg(value_name = "INVOICE", required = true)]
    invoices: Vec<PathBuf>,
    /// The contract's signed log (`cvl log`): verified before anything is decided
    #[arg(long, value_name = "LOG")]
    log: Option<PathBuf>,
    /// Unsigned events, one JSON object per line, for drafts and tests: nothing is verified
    #[arg(long, value_name = "EVENTS")]
    events: Option<PathBuf>,
    /// Decide as of this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    until: Option<chrono::NaiveDate>,
    /// How to print the verdicts
    #[arg(long, value_enum, default_value_t = InvoiceFormat::Table)]
    format: InvoiceFormat,
    /// Write a Peppol Invoice Response (UBL ApplicationResponse) for each invoice read into this directory
    #[arg(long, value_name = "DIR")]
    response: Option<PathBuf>,
    /// The date the responses are issued on (YYYY-MM-DD; today by default)
    #[arg(long, value_name = "DATE", value_parser = parse_date, requires = "response")]
    response_date: Option<chrono::NaiveDate>,
    /// An amended text of the contract, or a directory of them, found by its SHA-256 (may be repeated)
    #[arg(long = "version", value_name = "FILE")]
    versions: Vec<PathBuf>,
    /// A directory to search for imported modules before the bundled stdlib (may be repeated)
    #[arg(long = "lib", value_name = "DIR")]
    libs: Vec<PathBuf>,
    /// When to colour diagnostics
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

/// How `cvl invoice check` prints its verdicts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum InvoiceFormat {
    /// A table for people
    Table,
    /// JSON for programs
    Json,
    /// CSV, one row per invoice line, for a finance system
    Csv,
}

#[derive(Debug, clap::Args)]
struct FmtArgs {
    /// Change nothing: list the files that would change, and exit 1 if there are any
    #[arg(long)]
    check: bool,
    /// When to colour diagnostics
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Translate the files to this language, `da` (Danish) or `en` (English), keeping every comment
    #[arg(long, value_name = "LANG", value_parser = ["da", "en"])]
    to: Option<String>,
    #[command(flatten)]
    lang: lang::LangArg,
    /// Files to format, directories to search for `.cvl` files, or `-` to format standard input to standard output
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct LspArgs {
    /// A directory to search for imported modules before the bundled stdlib (may be repeated)
    #[arg(long = "lib", value_name = "DIR")]
    libs: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("source").required(false).args(["events", "log"])))]
struct DiffArgs {
    /// The text in force
    #[arg(value_name = "OLD")]
    old: PathBuf,
    /// The text proposed or amended to
    #[arg(value_name = "NEW")]
    new: PathBuf,
    /// The contract's signed log (of OLD): with it, what the new text would pay instead, month by month
    #[arg(long, value_name = "LOG")]
    log: Option<PathBuf>,
    /// Unsigned events, one JSON object per line: nothing is verified
    #[arg(long, value_name = "EVENTS")]
    events: Option<PathBuf>,
    /// Decide as of this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    until: Option<chrono::NaiveDate>,
    /// The texts of the other amendments the events hold, or a directory of them, found by SHA-256 (may be repeated)
    #[arg(long = "version", value_name = "FILE")]
    versions: Vec<PathBuf>,
    /// Print JSON for programs instead of a table
    #[arg(long)]
    json: bool,
    /// A directory to search for imported modules before the bundled stdlib (may be repeated)
    #[arg(long = "lib", value_name = "DIR")]
    libs: Vec<PathBuf>,
    /// When to colour diagnostics
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["events", "log"])))]
struct EvalArgs {
    /// The contract file
    #[arg(value_name = "CONTRACT")]
    contract: PathBuf,
    /// The signed log (`cvl log`): verified before anything is decided
    #[arg(long, value_name = "LOG")]
    log: Option<PathBuf>,
    /// Unsigned events, one JSON object per line, for drafts and tests: nothing is verified
    #[arg(long, value_name = "EVENTS")]
    events: Option<PathBuf>,
    /// Decide as of this date (YYYY-MM-DD): later events are checked but not counted, nor later days
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    until: Option<chrono::NaiveDate>,
    /// How to print the decision
    #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
    format: EvalFormat,
    /// The central bank's reference rates (TOML), for the Interest Act's interest on what is paid late
    #[arg(long, value_name = "FILE")]
    rates: Option<PathBuf>,
    /// An amended text of the contract, or a directory of them, found by its SHA-256 (may be repeated)
    #[arg(long = "version", value_name = "FILE")]
    versions: Vec<PathBuf>,
    /// A directory to search for imported modules before the bundled stdlib (may be repeated)
    #[arg(long = "lib", value_name = "DIR")]
    libs: Vec<PathBuf>,
    /// When to colour diagnostics
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    #[command(flatten)]
    lang: lang::LangArg,
}

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["events", "log"])))]
struct ReportArgs {
    /// The contract file
    #[arg(value_name = "CONTRACT")]
    contract: PathBuf,
    /// The signed log (`cvl log`): verified before anything is decided
    #[arg(long, value_name = "LOG")]
    log: Option<PathBuf>,
    /// Unsigned events, one JSON object per line, for drafts and tests: nothing is verified
    #[arg(long, value_name = "EVENTS")]
    events: Option<PathBuf>,
    /// Decide as of this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    until: Option<chrono::NaiveDate>,
    /// Only this payee's payments
    #[arg(long, value_name = "PARTY")]
    payee: Option<String>,
    /// The first month reported (YYYY-MM), with `--to`
    #[arg(long, value_name = "MONTH", value_parser = parse_month, requires = "to")]
    from: Option<cvl_eval::Month>,
    /// The last month reported (YYYY-MM), with `--from`
    #[arg(long, value_name = "MONTH", value_parser = parse_month, requires = "from")]
    to: Option<cvl_eval::Month>,
    /// E-invoices or directories of them, audited as `cvl invoice check` does, with their verdicts
    #[arg(long, value_name = "INVOICE", num_args = 1..)]
    invoices: Vec<PathBuf>,
    /// The language of the report's labels and figures
    #[arg(long, value_enum, default_value_t = ReportLang::En)]
    lang: ReportLang,
    /// The reference rates for the Interest Act's interest on what is owed (spec 9.12)
    #[arg(long, value_name = "FILE")]
    rates: Option<PathBuf>,
    /// The report's date (YYYY-MM-DD; today by default)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    date: Option<chrono::NaiveDate>,
    /// The HTML file to write
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: PathBuf,
    /// An amended text of the contract, or a directory of them, found by its SHA-256 (may be repeated)
    #[arg(long = "version", value_name = "FILE")]
    versions: Vec<PathBuf>,
    /// A directory to search for imported modules before the bundled stdlib (may be repeated)
    #[arg(long = "lib", value_name = "DIR")]
    libs: Vec<PathBuf>,
    /// When to colour diagnostics
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

/// The language of `cvl report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ReportLang {
    /// Danish: `52.096,78 kr.`
    Da,
    /// English: `52,096.78 DKK`
    En,
}

fn parse_month(text: &str) -> Result<cvl_eval::Month, String> {
    cvl_eval::Month::parse(text)
        .ok_or_else(|| format!("`{text}` is not a month: write it as YYYY-MM"))
}

/// How `cvl eval` prints its decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum EvalFormat {
    /// A table for people
    Table,
    /// JSON for programs
    Json,
}

fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    use cvl_syntax::date;
    date::parse_date(text).ok_or_else(|| match date::parse_written_day(text) {
        Some(_) => format!(
            "`{text}` is before {}: dates run from 0001-01-01 to 9999-12-31",
            date::FIRST_DAY
        ),
        None => format!("`{text}` is not a date: write it as YYYY-MM-DD"),
    })
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// How to print diagnostics
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Fail (exit 1) on warnings as well as errors
    #[arg(long)]
    deny_warnings: bool,
    /// When to colour human output
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// A directory to search for imported modules before the bundled stdlib (may be repeated)
    #[arg(long = "lib", value_name = "DIR")]
    libs: Vec<PathBuf>,
    /// How many files to check at once (by default one per core); the output is the same for any number
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    #[command(flatten)]
    lang: lang::LangArg,
    /// Files to check, or directories to search for `.cvl` files
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct ExplainArgs {
    /// A diagnostic code such as `E0004`; without one, every code is listed
    #[arg(value_name = "CODE")]
    code: Option<String>,
    /// The language of the explanation, `en` (the default) or `da`
    #[arg(long, value_name = "LANG", value_parser = lang::parse_lang)]
    lang: Option<cvl_syntax::Lang>,
}

/// How `cvl check` prints diagnostics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Reports with the source and a summary line, for people
    Human,
    /// One JSON array of diagnostics, for tools
    Json,
    /// GitHub Actions workflow commands, for annotations in CI
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    /// Colour when standard output is a terminal and `NO_COLOR` is unset
    Auto,
    /// Always colour, even when piped
    Always,
    /// Never colour
    Never,
}

/// Runs `cvl` with `args` (starting with the program name), writing to `out` and `err`, and returns the exit code.
///
/// The writers are buffers the program cannot inspect, so `--color auto` means no colour here; the binary uses
/// [`run_in`] with the detected [`Terminal`].
pub fn run<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    run_in(Terminal::default(), args, out, err)
}

/// Like [`run`], with what is known about the terminal that `out` goes to; `cvl fmt -` reads the process's stdin.
pub fn run_in<I, T>(terminal: Terminal, args: I, out: &mut dyn Write, err: &mut dyn Write) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    // Not locked for the whole run: `cvl lsp` reads the protocol from stdin on a thread of its own.
    run_with_stdin(terminal, args, &mut io::stdin(), out, err)
}

/// Like [`run_in`], with `stdin` as the standard input that `cvl fmt -` reads.
pub fn run_with_stdin<I, T>(
    terminal: Terminal,
    args: I,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let mut out = output::Tracked::new(out);
    let mut err = output::Tracked::new(err);
    let code = dispatch(terminal, args, stdin, &mut out, &mut err);
    output::finish(code, out, err)
}

/// Parses the command line and runs the command it names, returning its exit code.
fn dispatch<I, T>(
    terminal: Terminal,
    args: I,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => return usage(&error, out, err),
    };
    match cli.command {
        Command::Check(args) => {
            let options = check::Options {
                format: args.format,
                deny_warnings: args.deny_warnings,
                color: terminal.colors(args.color),
                libs: &args.libs,
                jobs: args.jobs.map_or_else(jobs::default_jobs, usize::from),
                lang: args.lang.lang,
            };
            check::run(&args.paths, options, out, err)
        }
        Command::Explain(args) => explain::run(
            args.code.as_deref(),
            args.lang.unwrap_or(cvl_syntax::Lang::En),
            out,
            err,
        ),
        Command::New(args) => library::new(&args, out, err),
        Command::Doc(args) => library::doc(&args, out, err),
        Command::Lsp(args) => lsp::run(&args.libs),
        Command::Test(args) => test::run(&args, out, err),
        Command::Portfolio(args) => {
            portfolio::dispatch(&args, terminal.stderr_is_terminal, out, err)
        }
        Command::Report(args) => report::run(
            &report::Options {
                decide: eval::Options {
                    contract: &args.contract,
                    events: match eval::Events::of(args.log.as_deref(), args.events.as_deref()) {
                        Some(events) => events,
                        None => return usage_text("give --log LOG or --events EVENTS", err),
                    },
                    until: args.until,
                    json: false,
                    libs: &args.libs,
                    color: terminal.colors_on_stderr(args.color),
                    rates: args.rates.as_deref(),
                    versions: &args.versions,
                    lang: None,
                },
                payee: args.payee.as_deref(),
                months: args.from.zip(args.to),
                invoices: &args.invoices,
                lang: match args.lang {
                    ReportLang::Da => cvl_report::Lang::Da,
                    ReportLang::En => cvl_report::Lang::En,
                },
                date: args.date,
                output: &args.output,
            },
            out,
            err,
        ),
        Command::Diff(args) => diff::run(
            &diff::Options {
                old: &args.old,
                new: &args.new,
                events: eval::Events::of(args.log.as_deref(), args.events.as_deref()),
                until: args.until,
                versions: &args.versions,
                json: args.json,
                libs: &args.libs,
                color: terminal.colors_on_stderr(args.color),
            },
            out,
            err,
        ),
        Command::Eval(args) => eval::run(
            eval::Options {
                contract: &args.contract,
                events: match eval::Events::of(args.log.as_deref(), args.events.as_deref()) {
                    Some(events) => events,
                    None => return usage_text("give --log LOG or --events EVENTS", err),
                },
                until: args.until,
                json: args.format == EvalFormat::Json,
                libs: &args.libs,
                color: terminal.colors_on_stderr(args.color),
                rates: args.rates.as_deref(),
                versions: &args.versions,
                lang: args.lang.lang,
            },
            out,
            err,
        ),
        Command::Invoice(InvoiceCommand::Check(args)) => invoice::check(
            invoice::Options {
                decide: eval::Options {
                    contract: &args.contract,
                    events: match eval::Events::of(args.log.as_deref(), args.events.as_deref()) {
                        Some(events) => events,
                        None => return usage_text("give --log LOG or --events EVENTS", err),
                    },
                    until: args.until,
                    json: false,
                    rates: None,
                    versions: &args.versions,
                    libs: &args.libs,
                    color: terminal.colors_on_stderr(args.color),
                    lang: None,
                },
                invoices: &args.invoices,
                format: match args.format {
                    InvoiceFormat::Table => invoice::Format::Table,
                    InvoiceFormat::Json => invoice::Format::Json,
                    InvoiceFormat::Csv => invoice::Format::Csv,
                },
                response: args.response.as_deref(),
                response_date: args.response_date,
            },
            out,
            err,
        ),
        Command::Invoice(InvoiceCommand::Approve {
            contract,
            invoice,
            log,
            key,
            at,
            id,
            versions,
            common,
        }) => invoice::approve(
            &invoice::ApproveOptions {
                contract: &contract,
                log: &log,
                key: &key,
                invoice: &invoice,
                at: &at,
                id: id.as_deref(),
                versions: &versions,
                libs: &common.libs,
                color: terminal.colors_on_stderr(common.color),
            },
            out,
            err,
        ),
        Command::Key(KeyCommand::Gen { name, dir }) => key::generate(&name, &dir, out, err),
        Command::Log(LogCommand::Init {
            contract,
            log,
            common,
        }) => log::init(
            &contract,
            &log,
            &common.libs,
            terminal.colors_on_stderr(common.color),
            out,
            err,
        ),
        Command::Log(LogCommand::Append {
            log,
            contract,
            key,
            kind,
            at,
            data,
            id,
            versions,
            server,
            server_key,
            common,
        }) => log::append(
            &log::Append {
                log: &log,
                contract: &contract,
                key: &key,
                kind: &kind,
                at: &at,
                data: data.as_deref(),
                id: id.as_deref(),
                compute: None,
                server: server.as_deref().map(|url| (url, server_key.as_deref())),
                versions: &versions,
                libs: &common.libs,
                color: terminal.colors_on_stderr(common.color),
            },
            out,
            err,
        ),
        Command::Log(LogCommand::Verify(args)) => {
            let color = terminal.colors_on_stderr(args.color());
            log::verify(&args, color, out, err)
        }
        Command::Log(LogCommand::Show { log }) => log::show(&log, out, err),
        Command::Log(LogCommand::Push(args)) => {
            let color = terminal.colors_on_stderr(args.color());
            serve::push(args, color, out, err)
        }
        Command::Log(LogCommand::Pull(args)) => {
            let color = terminal.colors_on_stderr(args.color());
            log::pull::run(args, color, out, err)
        }
        Command::Log(LogCommand::Page(args)) => {
            let color = terminal.colors_on_stderr(args.color());
            log::page::run(args, color, out, err)
        }
        Command::Serve(args) => serve::serve(args, out, err),
        Command::Fmt(args) => fmt::run(
            &args.paths,
            fmt::Options {
                check: args.check,
                color: terminal.colors_on_stderr(args.color),
                to: args
                    .to
                    .as_deref()
                    .and_then(cvl_syntax::danish::Language::from_code),
                lang: args.lang.lang,
            },
            stdin,
            out,
            err,
        ),
    }
}

/// A usage error clap cannot see.
fn usage_text(message: &str, err: &mut dyn Write) -> i32 {
    let _ = writeln!(err, "error: {message}");
    EXIT_USAGE
}

/// Prints what clap has to say: help and version to `out` (success), anything else to `err` (a usage error).
fn usage(error: &clap::Error, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let text = error.render().to_string();
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = out.write_all(text.as_bytes());
            EXIT_OK
        }
        _ => {
            let _ = err.write_all(text.as_bytes());
            EXIT_USAGE
        }
    }
}
