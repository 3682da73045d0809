//! `cvl diff OLD NEW`: reads and checks both texts, reads the events when given (a signed log verified against
//! OLD, or an unsigned events file), and prints what cvl-diff finds: the terms that changed, in words, and with
//! events the money the new text changes per payee and month. This module only reads and prints.

use std::fs;
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use cvl_event::{Event, Reader, Refusal};
use cvl_syntax::text::shown;

use crate::check::{display_name, io_message};
use crate::contract::{Loaded, load_in};
use crate::decision::grouped;
use crate::eval::Events;
use crate::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};

/// What `cvl diff` was asked to do.
pub(crate) struct Options<'a> {
    pub old: &'a Path,
    pub new: &'a Path,
    pub events: Option<Events<'a>>,
    pub until: Option<NaiveDate>,
    /// `--version`: the texts of the other amendments the events hold.
    pub versions: &'a [PathBuf],
    pub json: bool,
    pub libs: &'a [PathBuf],
    pub color: bool,
}

pub(crate) fn run(options: &Options<'_>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let what = &cvl_syntax::text!("cli-nothing-compared");
    let old = match load_in(options.old, options.libs, options.color, None, what, err) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let new = match load_in(options.new, options.libs, options.color, None, what, err) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    // The other amendments' texts, each checked as a version of OLD; OLD and NEW themselves (a directory may hold
    // them) are not others.
    let given = match crate::versions::load_versions(
        options.versions,
        &old,
        options.libs,
        options.color,
        None,
        what,
        err,
    ) {
        Ok(given) => given,
        Err(code) => return code,
    };
    let others: Vec<cvl_eval::Version<'_>> = crate::versions::given(&old, &given)
        .amended
        .into_iter()
        .filter(|v| v.sha256 != old.sha256_hex() && v.sha256 != new.sha256_hex())
        .collect();
    let money = match &options.events {
        None => None,
        Some(events) => match read(&old, events, err) {
            Err(code) => return code,
            Ok((name, events)) => {
                let found = cvl_diff::money(
                    &old.contract,
                    &new.contract,
                    (&new.name, new.sha256_hex()),
                    &others,
                    &events,
                    options.until,
                );
                match found {
                    Ok(money) => Some((name, money)),
                    Err(two @ cvl_diff::NotCompared::Currencies { .. }) => {
                        let _ = writeln!(err, "error: {two}");
                        let _ = writeln!(err, "help: {}", crate::versions::CURRENCY);
                        let _ = writeln!(err, "{}", what.show(cvl_syntax::Lang::En));
                        return EXIT_PROBLEMS;
                    }
                    Err(cvl_diff::NotCompared::Refused(refusal)) => {
                        // A decision that cannot be made is no event's fault (spec 4.8).
                        let _ = if refusal.is_decision() {
                            writeln!(err, "error: {}", crate::eval::undecidable(&refusal))
                        } else {
                            writeln!(err, "error: `{}` is refused: {refusal}", shown(&name))
                        };
                        if refusal.kind == cvl_event::RefusalKind::Amendment
                            && refusal.reason.contains("no text given")
                        {
                            let _ = writeln!(
                                err,
                                "help: give the text of each other amendment the events hold with `--version FILE` (a file, or a directory of them)"
                            );
                        }
                        let _ = writeln!(err, "{}", what.show(cvl_syntax::Lang::En));
                        return EXIT_PROBLEMS;
                    }
                }
            }
        },
    };
    let effective = money.as_ref().and_then(|(_, m)| m.effective);
    let terms = cvl_diff::compare(&old.contract, &new.contract, effective);
    let written = if options.json {
        json(&old, &new, &terms, money.as_ref(), out)
    } else {
        table(&old, &new, &terms, money.as_ref(), out)
    };
    match written {
        Ok(()) => EXIT_OK,
        Err(error) => {
            let _ = writeln!(
                err,
                "error: cannot write the output: {}",
                io_message(&error)
            );
            EXIT_USAGE
        }
    }
}

/// Every event of the file, or of the log verified against OLD; the first that does not read or verify is
/// refused.
fn read(
    old: &Loaded,
    events: &Events<'_>,
    err: &mut dyn Write,
) -> Result<(String, Vec<Event>), i32> {
    let path = match events {
        Events::Unsigned(path) | Events::Log(path) => *path,
    };
    let name = display_name(path);
    let file = fs::File::open(path).map_err(|error| {
        let _ = writeln!(
            err,
            "error: cannot read `{}`: {}",
            shown(&name),
            io_message(&error)
        );
        EXIT_USAGE
    })?;
    let input = BufReader::new(file);
    let read: Result<Vec<Event>, Refusal> = match events {
        Events::Log(_) => old.verifier(input).collect(),
        Events::Unsigned(_) => Reader::new(input).collect(),
    };
    read.map(|events| (name.clone(), events))
        .map_err(|refusal| {
            let _ = writeln!(err, "error: `{}` is refused: {refusal}", shown(&name));
            let _ = writeln!(err, "nothing was compared");
            EXIT_PROBLEMS
        })
}

/// `+2,000.00`, `-903.22`, `0.00`.
fn signed(amount: Decimal) -> String {
    if amount > Decimal::ZERO {
        format!("+{}", grouped(amount))
    } else {
        grouped(amount)
    }
}

fn table(
    old: &Loaded,
    new: &Loaded,
    terms: &[cvl_diff::Term],
    money: Option<&(String, cvl_diff::Money)>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(
        out,
        "old  {}  sha256:{}",
        shown(&old.name),
        old.sha256_hex()
    )?;
    writeln!(
        out,
        "new  {}  sha256:{}",
        shown(&new.name),
        new.sha256_hex()
    )?;
    if let Some((_, m)) = money
        && let Some(day) = m.effective
    {
        writeln!(
            out,
            "     amended by {}, effective {day}",
            shown(&m.amended_by.join(" "))
        )?;
    }
    writeln!(out)?;
    writeln!(out, "terms that changed")?;
    if terms.is_empty() {
        writeln!(out, "  none: the two texts have the same terms")?;
    }
    for term in terms {
        writeln!(out, "  {}", shown(&term.words))?;
    }
    let Some((events, m)) = money else {
        return Ok(());
    };
    writeln!(out)?;
    writeln!(
        out,
        "money under the new text instead of the old, from {}",
        shown(events)
    )?;
    if m.months.is_empty() {
        writeln!(out, "  none: every month is paid the same")?;
        return Ok(());
    }
    let width = m
        .months
        .iter()
        .flat_map(|d| [grouped(d.old), grouped(d.new)])
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(10);
    // Every column aligned across payees (spec 8.10): the payee's name padded to the longest, the amounts and
    // differences right-aligned.
    let names = m
        .months
        .iter()
        .map(|d| shown(&d.payee.0).chars().count())
        .max()
        .unwrap_or(0);
    let differences = m
        .months
        .iter()
        .map(|d| signed(d.difference).chars().count())
        .max()
        .unwrap_or(0);
    for d in &m.months {
        writeln!(
            out,
            "  {:<n$} {}  {:>w$} → {:>w$}  {:>s$}",
            shown(&d.payee.0),
            d.month,
            grouped(d.old),
            grouped(d.new),
            signed(d.difference),
            n = names,
            w = width,
            s = differences
        )?;
    }
    let names = m
        .payees
        .iter()
        .map(|p| shown(&p.payee.0).chars().count())
        .max()
        .unwrap_or(0);
    for p in &m.payees {
        writeln!(
            out,
            "  {:<n$} in all  {}",
            shown(&p.payee.0),
            signed(p.difference),
            n = names
        )?;
    }
    writeln!(out, "  in all  {}", signed(m.total))
}

#[derive(Serialize)]
struct JsonText<'a> {
    file: &'a str,
    sha256: &'a str,
}

#[derive(Serialize)]
struct JsonTerm<'a> {
    kind: &'static str,
    name: &'a str,
    change: &'static str,
    field: Option<&'static str>,
    old: Option<&'a str>,
    new: Option<&'a str>,
    words: &'a str,
}

#[derive(Serialize)]
struct JsonMonth<'a> {
    payee: &'a str,
    month: String,
    old: String,
    new: String,
    difference: String,
}

#[derive(Serialize)]
struct JsonPayee<'a> {
    payee: &'a str,
    difference: String,
}

#[derive(Serialize)]
struct JsonMoney<'a> {
    events: &'a str,
    amended_by: &'a [String],
    effective: Option<String>,
    months: Vec<JsonMonth<'a>>,
    payees: Vec<JsonPayee<'a>>,
    total: String,
}

#[derive(Serialize)]
struct JsonDiff<'a> {
    old: JsonText<'a>,
    new: JsonText<'a>,
    changes: Vec<JsonTerm<'a>>,
    money: Option<JsonMoney<'a>>,
}

fn json(
    old: &Loaded,
    new: &Loaded,
    terms: &[cvl_diff::Term],
    money: Option<&(String, cvl_diff::Money)>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let amount = |d: Decimal| format!("{:.2}", d);
    let value = JsonDiff {
        old: JsonText {
            file: &old.name,
            sha256: old.sha256_hex(),
        },
        new: JsonText {
            file: &new.name,
            sha256: new.sha256_hex(),
        },
        changes: terms
            .iter()
            .map(|t| JsonTerm {
                kind: t.kind.as_str(),
                name: &t.name,
                change: t.change.as_str(),
                field: t.field,
                old: t.old.as_deref(),
                new: t.new.as_deref(),
                words: &t.words,
            })
            .collect(),
        money: money.map(|(events, m)| JsonMoney {
            events,
            amended_by: &m.amended_by,
            effective: m.effective.map(|d| d.to_string()),
            months: m
                .months
                .iter()
                .map(|d| JsonMonth {
                    payee: &d.payee.0,
                    month: d.month.to_string(),
                    old: amount(d.old),
                    new: amount(d.new),
                    difference: amount(d.difference),
                })
                .collect(),
            payees: m
                .payees
                .iter()
                .map(|p| JsonPayee {
                    payee: &p.payee.0,
                    difference: amount(p.difference),
                })
                .collect(),
            total: amount(m.total),
        }),
    };
    crate::json::write(out, &value)
}
