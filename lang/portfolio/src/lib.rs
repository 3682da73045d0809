//! CVL's portfolio: a municipality's repository of cases (spec 14), each a folder with a contract, its amended
//! texts and its signed log, decided together as of one date: for each month, payee and case what is decided,
//! withheld, released, approved, paid, outstanding and not yet due, and for the months ahead what the terms in
//! force commit the municipality to if nothing new happens; totals per provider, per case and per month. A folder
//! that does not fit is kept with its reason and left out of every total.
//!
//! [`gather`] reads the folders and decides the cases on up to `jobs` threads, each taking the next case not yet
//! taken, and puts the results back in the folders' order, so that what it returns (and every rendering of it,
//! render.rs) is the same whatever the number of threads. Evaluation is cvl-eval's and reconciliation
//! cvl-dispute's: this crate adds no rule of its own about what is paid.

mod case;
mod folder;
pub mod html;
pub mod render;
mod same;
mod totals;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use cvl_eval::Month;

pub use folder::LOG_FILE;
pub use totals::Totals;

/// The most months a forecast may look ahead.
pub const MAX_MONTHS: u32 = 120;

/// The last month a date can have (a year has four digits): no forecast goes past it.
pub const LAST_MONTH: Month = Month {
    year: 9999,
    month: 12,
};

/// What to decide the portfolio as of, and how.
#[derive(Clone, Debug)]
pub struct Options {
    /// The date decided as of: events dated after it are verified but not counted.
    pub as_of: NaiveDate,
    /// How many months after the month of `as_of` are forecast.
    pub months: u32,
    /// How many cases to decide at once (at least one).
    pub jobs: usize,
    /// Directories to search for imported modules before the bundled stdlib.
    pub libs: Vec<PathBuf>,
}

/// The measures of one month, payee and case, or a total of them. Every amount is exact.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Measures {
    /// What the month's payment comes to: its lines less what is withheld plus what is released (spec 9.9).
    pub decided: Decimal,
    /// Held back this month for a missed obligation (spec 9.7).
    pub withheld: Decimal,
    /// Held back in earlier months and paid with this one.
    pub released: Decimal,
    /// Approved on invoices (`invoice_approved` events).
    pub approved: Decimal,
    /// Paid (`paid` events, spec 9.11).
    pub paid: Decimal,
    /// Unpaid and fallen due as of the date.
    pub outstanding: Decimal,
    /// Unpaid and not yet due as of the date.
    pub not_yet_due: Decimal,
    /// Paid beyond what the month decides.
    pub overpaid: Decimal,
    /// The forecast: what the terms in force give for the whole month with no new events, before any hold (spec
    /// 14.3); for the month of the date and the months after it only.
    pub committed: Decimal,
}

/// The measures' names, in the order every output gives them.
pub const MEASURES: [&str; 9] = [
    "decided",
    "withheld",
    "released",
    "approved",
    "paid",
    "outstanding",
    "not_yet_due",
    "overpaid",
    "committed",
];

impl Measures {
    /// The values, in the order of [`MEASURES`].
    pub fn values(&self) -> [Decimal; 9] {
        [
            self.decided,
            self.withheld,
            self.released,
            self.approved,
            self.paid,
            self.outstanding,
            self.not_yet_due,
            self.overpaid,
            self.committed,
        ]
    }

    /// Adds `other` to these. Within the limits of spec section 7 no sum of a portfolio overflows.
    pub fn add(&mut self, other: &Measures) {
        self.decided += other.decided;
        self.withheld += other.withheld;
        self.released += other.released;
        self.approved += other.approved;
        self.paid += other.paid;
        self.outstanding += other.outstanding;
        self.not_yet_due += other.not_yet_due;
        self.overpaid += other.overpaid;
        self.committed += other.committed;
    }
}

/// A payee as the portfolio knows it across contracts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payee {
    /// What totals are kept by: `cvr:NNNNNNNN`, or `name:TITLE` for a payee with no CVR number.
    pub key: String,
    /// Its title in the contract (or its name there, when it has no title).
    pub name: String,
    pub cvr: Option<String>,
}

/// One month and payee of a case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub month: Month,
    /// The payee's place in [`Figures::payees`].
    pub payee: usize,
    pub measures: Measures,
}

/// What one case decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figures {
    /// The contract file, by its path from the portfolio's directory.
    pub contract: String,
    pub sha256: String,
    /// The amended texts found beside it, by their paths.
    pub amended: Vec<String>,
    pub case_ref: Option<String>,
    /// The one currency the contract pays in (empty when it pays nothing).
    pub currency: String,
    /// How many entries of the log were verified, and its head.
    pub entries: u64,
    pub head: String,
    pub payees: Vec<Payee>,
    /// By month, then payee.
    pub rows: Vec<Row>,
    /// The supplements paid in the month of the date and not in the next month of the forecast: they lapse (or
    /// end) this month unless renewed.
    pub lapsing: Vec<String>,
    /// The obligations missed with a due date in the month of the date: each its kind, its party and its due date.
    pub missed: Vec<(String, String, NaiveDate)>,
}

/// A case folder and what came of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    /// The folder's name in the portfolio's directory.
    pub folder: String,
    /// What it decided, or why it is left out of every total.
    pub outcome: Result<Figures, String>,
    /// What evaluation warned of in deciding it: that nothing is decided past its reach (spec 14.2), said once.
    pub warnings: Vec<String>,
}

/// A whole portfolio, decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Portfolio {
    pub as_of: NaiveDate,
    /// The months forecast: from the month of the date to this one.
    pub first: Month,
    pub last: Month,
    /// Every case folder, by name.
    pub cases: Vec<Case>,
    pub totals: Totals,
    /// What the portfolio as a whole warns of (a forecast cut short at the calendar's end, a CVR number with two
    /// titles), in order; each output says them, and standard error as `warning:` lines.
    pub notes: Vec<String>,
}

/// Why a portfolio cannot be gathered at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The directory cannot be read (it is missing, say): the system's words.
    Unreadable(String),
    /// It is a file, not a directory.
    NotADirectory,
    /// It holds no case folder.
    Empty,
    /// It is a case folder itself: it holds what one holds (`log.jsonl`, or `.cvl` files and no folder).
    CaseFolder(String),
}

/// A month's number as a signed count.
fn i64_of(month: u32) -> i64 {
    i64::from(month)
}

/// The shown form of a file or folder name, the one used everywhere: as every output of `cvl` shows text, with a
/// backslash doubled and each byte that is not UTF-8 written `\xNN`, so that two names are never shown alike.
pub fn shown_name(name: &std::ffi::OsStr) -> String {
    let mut out = String::new();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        for chunk in name.as_bytes().utf8_chunks() {
            out.push_str(&chunk.valid().replace('\\', "\\\\"));
            for byte in chunk.invalid() {
                out.push_str(&format!("\\x{byte:02x}"));
            }
        }
    }
    #[cfg(not(unix))]
    out.push_str(&name.to_string_lossy().replace('\\', "\\\\"));
    cvl_syntax::text::shown(&out).into_owned()
}

/// What an entry of a directory is, when it is neither a folder nor a plain file (nor a link to one): a link
/// that leads nowhere or in a loop, a named pipe, a socket, a device.
pub fn odd_entry(path: &Path) -> Option<String> {
    let own = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) => {
            return Some(format!(
                "it cannot be read: {}",
                cvl_check::loader::io_message(&e)
            ));
        }
    };
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) => {
            return Some(format!(
                "it is a link that cannot be followed: {}",
                cvl_check::loader::io_message(&e)
            ));
        }
    };
    if meta.is_dir() || meta.is_file() {
        return None;
    }
    let link = if own.file_type().is_symlink() {
        "a link to "
    } else {
        ""
    };
    #[cfg(unix)]
    let what = {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() {
            "a named pipe"
        } else if kind.is_socket() {
            "a socket"
        } else if kind.is_block_device() || kind.is_char_device() {
            "a device"
        } else {
            "neither a file nor a folder"
        }
    };
    #[cfg(not(unix))]
    let what = "neither a file nor a folder";
    Some(format!("it is {link}{what}"))
}

/// The case folders of `dir` (its sub-directories and links to them), by name, each with its path, its shown name
/// and, for an entry that is neither a folder nor a plain file (a link that leads nowhere, a named pipe), the reason
/// it is left out. Plain files directly in `dir` (a README) are passed over.
pub fn folders(dir: &Path) -> Result<Vec<(PathBuf, String, Option<String>)>, Refusal> {
    match std::fs::metadata(dir) {
        Ok(meta) if !meta.is_dir() => return Err(Refusal::NotADirectory),
        Ok(_) => {}
        Err(e) => return Err(Refusal::Unreadable(cvl_check::loader::io_message(&e))),
    }
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Refusal::Unreadable(cvl_check::loader::io_message(&e)))?;
    let mut found = Vec::new();
    let mut contract_files = false;
    for entry in entries {
        let entry = entry.map_err(|e| Refusal::Unreadable(cvl_check::loader::io_message(&e)))?;
        let path = entry.path();
        let name = shown_name(&entry.file_name());
        if entry.file_name() == LOG_FILE {
            // A signed log directly in DIR: DIR is a case folder, not a repository of them.
            return Err(Refusal::CaseFolder(format!("`{LOG_FILE}`")));
        }
        if let Some(reason) = odd_entry(&path) {
            found.push((path, name, Some(format!("not a case folder: {reason}"))));
        } else if std::fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
            found.push((path, name, None));
        } else if path
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("cvl"))
        {
            contract_files = true;
        }
    }
    if found.is_empty() {
        return Err(if contract_files {
            Refusal::CaseFolder("`.cvl` files".to_string())
        } else {
            Refusal::Empty
        });
    }
    found.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(found)
}

/// The month `months` after `month`, or [`LAST_MONTH`] when that is earlier.
fn months_after(month: Month, months: u32) -> Month {
    (0..months).fold(month, |m, _| if m >= LAST_MONTH { m } else { m.next() })
}

/// What is told of the work as it goes, for a progress display: the number of case folders once they are
/// counted, then each case as it is decided (from any thread).
pub trait Progress: Sync {
    fn start(&self, cases: usize);
    fn done(&self);
}

/// No progress shown.
pub struct Quiet;

impl Progress for Quiet {
    fn start(&self, _: usize) {}
    fn done(&self) {}
}

/// Decides every case folder of `dir` as `options` say, telling `progress` as it goes.
pub fn gather(
    dir: &Path,
    options: &Options,
    progress: &dyn Progress,
) -> Result<Portfolio, Refusal> {
    gather_first(dir, usize::MAX, options, progress)
}

/// [`gather`], of the first `count` case folders only (by name): for measuring a part of a large portfolio.
pub fn gather_first(
    dir: &Path,
    count: usize,
    options: &Options,
    progress: &dyn Progress,
) -> Result<Portfolio, Refusal> {
    let mut folders = folders(dir)?;
    folders.truncate(count);
    progress.start(folders.len());
    let first = Month::of(options.as_of);
    let months = options.months.min(MAX_MONTHS);
    let last = months_after(first, months);
    let mut notes = Vec::new();
    let reached = i64::from(last.year - first.year) * 12 + i64_of(last.month) - i64_of(first.month);
    if reached < i64::from(months) {
        notes.push(format!(
            "the forecast ends at {LAST_MONTH}, the last month of the calendar, not {months} month{} after {first}",
            if months == 1 { "" } else { "s" }
        ));
    }
    let dates = case::Dates {
        as_of: options.as_of,
        last,
        // The supplements that lapse this month are told by the next month, forecast or not (spec 14.2).
        ahead: months_after(first, months.max(1)),
    };
    let mut cases = in_order(&folders, options.jobs, |(path, name, unfit)| {
        let (outcome, warnings) = match unfit {
            Some(reason) => (Err(reason.clone()), Vec::new()),
            None => case::decide(path, name, &options.libs, dates),
        };
        progress.done();
        Case {
            folder: name.clone(),
            outcome,
            warnings,
        }
    });
    same::leave_out_repeats(&mut cases);
    let totals = Totals::of(&cases);
    notes.extend(totals.notes());
    Ok(Portfolio {
        as_of: options.as_of,
        first,
        last,
        cases,
        totals,
        notes,
    })
}

/// `work` of each item, in the items' order, computed on up to `jobs` threads, each taking the next item not yet
/// taken, so that the output never depends on which thread finished first; with one job, or one item, nothing is
/// spawned. `cvl check DIR` spreads its files with it too (lang/cli/src/jobs.rs).
pub fn in_order<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let jobs = jobs.clamp(1, items.len().max(1));
    if jobs == 1 {
        return items.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else {
                            return mine;
                        };
                        mine.push((index, work(item)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| match worker.join() {
                Ok(mine) => mine,
                // A worker that panicked has already printed why; carry its panic on, as one thread would.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    done.sort_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, result)| result).collect()
}
