//! What an output says about where it came from and why an amount is held: the version of `cvl` that decided it,
//! the files it was decided from with their SHA-256 (spec 12.8), and for a month held back, the clause that
//! imposes the hold (the `when missed withhold`, and the `use` statements it came through) and the signed event
//! that released it (spec 9.7). `cvl eval`, `cvl invoice check` and `cvl log verify` print these the same way.

use serde::Serialize;

use cvl_eval::{Hold, Meeting};
use cvl_syntax::text::shown;
use cvl_syntax::{Sources, Text, text};

use crate::decision::place;

/// The version of `cvl`, as Cargo gives it when it is built.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The commit `cvl` was built from, when the build says so: a packager sets `CVL_GIT_COMMIT` while building. No
/// build script asks git, so that a copy of the sources without `.git` builds the same way.
pub const COMMIT: Option<&str> = option_env!("CVL_GIT_COMMIT");

/// `cvl 0.1.0`, or `cvl 0.1.0 (commit 1a2b3c)` when the commit is known.
pub fn version() -> String {
    match COMMIT {
        Some(commit) if !commit.is_empty() => format!("cvl {VERSION} (commit {commit})"),
        _ => format!("cvl {VERSION}"),
    }
}

/// What an output's JSON names as its maker: `"cvl": {"version": "0.1.0", "commit": null}`.
#[derive(Serialize)]
pub(crate) struct JsonCvl {
    version: &'static str,
    commit: Option<&'static str>,
}

pub(crate) fn json_cvl() -> JsonCvl {
    JsonCvl {
        version: VERSION,
        commit: COMMIT.filter(|c| !c.is_empty()),
    }
}

/// One file a contract is made of, in JSON.
#[derive(Serialize)]
pub(crate) struct JsonSource {
    file: String,
    /// `contract`, `module` or `file`.
    role: &'static str,
    /// The name it is imported by: a module's name, or a file's path from the contract's directory.
    import: Option<String>,
    sha256: String,
}

/// Each file the contract is made of, the contract first, then each import.
pub(crate) fn json_sources(files: &[cvl_log::SourceFile]) -> Vec<JsonSource> {
    files
        .iter()
        .map(|f| JsonSource {
            file: f.shown.clone(),
            role: match f.role {
                cvl_log::Role::Contract => "contract",
                cvl_log::Role::Module => "module",
                cvl_log::Role::File => "file",
            },
            import: (f.role != cvl_log::Role::Contract).then(|| f.name.clone()),
            sha256: cvl_log::hex(&f.sha256),
        })
        .collect()
}

/// A `use` a held obligation came through, in JSON: the statement's place, the clause as it names it, and the
/// clause's own place.
#[derive(Serialize)]
pub(crate) struct JsonUse {
    #[serde(rename = "use")]
    use_at: String,
    clause: String,
    clause_at: String,
}

/// The event that released a month, in JSON.
#[derive(Serialize)]
pub(crate) struct JsonMeeting {
    event: String,
    date: String,
    /// The event's actor: when the output's `verified` is true, the party whose key signed it.
    actor: String,
}

/// The `use` statements a hold came through, outermost first.
pub(crate) fn json_uses(sources: &Sources, hold: &Hold) -> Vec<JsonUse> {
    hold.uses
        .iter()
        .map(|u| JsonUse {
            use_at: place(sources, Some(u.span)),
            clause: u.clause.clone(),
            clause_at: place(sources, Some(u.clause_span)),
        })
        .collect()
}

pub(crate) fn json_meeting(meeting: &Meeting) -> JsonMeeting {
    JsonMeeting {
        event: meeting.event.clone(),
        date: meeting.date.to_string(),
        actor: meeting.actor.0.clone(),
    }
}

/// Where a hold is imposed, for the table: the `when missed withhold`, then each clause it is in with the `use`
/// of that clause, innermost first: ``imposed by `when missed withhold` at <stdlib>/care.cvl:10, in the clause
/// `care.status_report` (<stdlib>/care.cvl:5) used at placement.cvl:63``; `…, in the contract` when the contract
/// declares the obligation itself.
pub(crate) fn imposed(sources: &Sources, hold: &Hold) -> Text {
    let at = place(sources, hold.consequence);
    let mut text = if at.is_empty() {
        text!("eval-imposed")
    } else {
        text!("eval-imposed-at", at = at)
    };
    if hold.uses.is_empty() {
        text = text!("eval-imposed-in-contract", imposed = text);
    }
    for site in hold.uses.iter().rev() {
        text = text!(
            "eval-imposed-in-clause",
            imposed = text,
            clause = shown(&site.clause),
            clause_at = place(sources, Some(site.clause_span)),
            used_at = place(sources, Some(site.span))
        );
    }
    text
}

/// The event that released a month, for the table: `rep-3 dated 2019-11-04, signed by ostervold`, or `rep-3
/// dated 2019-11-04 from ostervold (unsigned)` for an events file of which nothing was verified.
pub(crate) fn meeting(meeting: &Meeting, signed: bool) -> Text {
    let (event, date, actor) = (
        shown(&meeting.event),
        meeting.date.to_string(),
        meeting.actor.0.as_str(),
    );
    if signed {
        text!(
            "eval-meeting-signed",
            event = event,
            date = date,
            actor = actor
        )
    } else {
        text!(
            "eval-meeting-unsigned",
            event = event,
            date = date,
            actor = actor
        )
    }
}

/// What happened to a held month, for the table: released in which month by which event, or not yet.
pub(crate) fn release(hold: &Hold, signed: bool) -> Text {
    match (hold.released_in, &hold.release) {
        (Some(at), Some(by)) => text!(
            "eval-released-in",
            month = at.to_string(),
            by = meeting(by, signed)
        ),
        _ => text!("eval-not-released"),
    }
}
