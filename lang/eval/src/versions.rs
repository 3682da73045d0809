//! Amendments evaluated (spec 9.13): the versions of a contract's text and the days each is in force.
//!
//! An amendment is a new text of the contract, signed by every signatory through `amended` events that bind its
//! SHA-256 and an effective day. The caller gives the texts it has ([`Versions`]); [`check_kept`] refuses a text
//! that changes the parties or the case reference, [`currency_kept`] one in another currency (spec 2.6); a done
//! amendment whose text is not given, or is in another currency, is refused when its last signature is folded in
//! (lib.rs). Deciding splits the days in force into [`Window`]s, one per version in force, from each done
//! amendment's effective day to the next one's (by [`windows`]); decide.rs pays each window by its version's
//! items, and every line cites the version it comes from ([`InForce`]).

use chrono::NaiveDate;

use cvl_check::model::{Contract, Party};
use cvl_event::{Event, Refusal, RefusalKind};

use crate::calendar::day_before;
use crate::state::State;

/// An amended text of the contract, checked, with the file it was read from and its SHA-256 (of its text and
/// every file it imports, as a `signed` event binds the contract's).
#[derive(Clone, Copy, Debug)]
pub struct Version<'c> {
    pub contract: &'c Contract,
    /// The file's name as messages show it.
    pub file: &'c str,
    /// The SHA-256 in lowercase hex.
    pub sha256: &'c str,
}

/// The texts a decision may apply: the contract's own (its file and SHA-256, for the lines to cite) and the
/// amended ones given (`cvl eval --version`).
#[derive(Clone, Debug, Default)]
pub struct Versions<'c> {
    pub file: &'c str,
    pub sha256: &'c str,
    pub amended: Vec<Version<'c>>,
}

/// A version as a decision cites it: its file and SHA-256, the days it is in force, and the events that amended
/// the contract to it (none for the contract's own text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InForce {
    pub file: String,
    pub sha256: String,
    /// Its first and last day in force in this decision.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The `amended` events, in the order of the signatories; empty for the contract's own text.
    pub events: Vec<String>,
}

/// A stretch of days with one version in force: `version` 0 is the contract's own text, `i` the `i`-th done
/// amendment in order of effective day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Window {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub version: usize,
}

/// The windows of the days from `first` through `last`: the contract's own text until the first effective day,
/// then each amendment's from its own effective day until the next one's. `effective` is each done amendment's
/// effective day, in the order they were done; of two with the same day, the one done last is in force. A version
/// whose days all fall outside `first..=last` has no window.
pub(crate) fn windows(first: NaiveDate, last: NaiveDate, effective: &[NaiveDate]) -> Vec<Window> {
    let mut order: Vec<(NaiveDate, usize)> = effective
        .iter()
        .enumerate()
        .map(|(i, day)| (*day, i + 1))
        .collect();
    // By day, then by the order done: the later of two on the same day replaces the earlier.
    order.sort();
    let mut starts: Vec<(NaiveDate, usize)> = vec![(NaiveDate::MIN, 0)];
    for (day, version) in order {
        match starts.last_mut() {
            Some(last) if last.0 == day => last.1 = version,
            _ => starts.push((day, version)),
        }
    }
    let mut windows = Vec::new();
    for (i, (from, version)) in starts.iter().enumerate() {
        let to = starts
            .get(i + 1)
            .map_or(last, |(next, _)| day_before(*next).min(last));
        let from = (*from).max(first);
        if from <= to {
            windows.push(Window {
                from,
                to,
                version: *version,
            });
        }
    }
    windows
}

/// The versions in force by the amendments done so far (spec 9.13): the contract's own text from the first day,
/// then each done amendment's text from its effective day, in order of days (of two on one day, the one done
/// last); `None` when a done amendment's text is not known, so that what the texts state cannot be told.
pub(crate) fn timeline<'c>(state: &State<'c>) -> Option<Vec<(NaiveDate, &'c Contract)>> {
    let mut done: Vec<((NaiveDate, NaiveDate, usize), &'c Contract)> = Vec::new();
    for (i, amendment) in state.amendments.iter().enumerate() {
        let Some(on) = amendment.done(state.contract) else {
            continue;
        };
        let text = state.text_of(&amendment.contract)?;
        done.push(((amendment.effective, on, i), text));
    }
    done.sort_by_key(|(key, _)| *key);
    let mut timeline: Vec<(NaiveDate, &'c Contract)> = vec![(NaiveDate::MIN, state.contract)];
    for ((effective, ..), text) in done {
        match timeline.last_mut() {
            Some(last) if last.0 == effective => last.1 = text,
            _ => timeline.push((effective, text)),
        }
    }
    Some(timeline)
}

/// Refuses the signature that completes an amendment whose text is not among `versions`: what it amends the
/// contract to cannot be decided.
pub(crate) fn text_given<'c>(
    state: &State<'c>,
    versions: &Versions<'c>,
    event: &Event,
) -> Result<(), Refusal> {
    if event.kind != "amended" {
        return Ok(());
    }
    let Ok(hash) = event.text("contract") else {
        return Ok(());
    };
    // The amendment this signature is of: the last one of this text first signed (state.rs keys them by text and
    // effective day, and adds a new one at the end).
    let Some(amendment) = state.amendments.iter().rev().find(|a| a.contract == hash) else {
        return Ok(());
    };
    if amendment.done(state.contract).is_none() {
        return Ok(());
    }
    if let Some(version) = versions.amended.iter().find(|v| v.sha256 == hash) {
        // Money in two currencies is never combined (spec 2.6): a text in another currency decides nothing.
        return currency_kept(state.contract, version.contract).map_err(|reason| {
            event.refusal(
                RefusalKind::Amendment,
                format!(
                    "the amendment effective {} is to the text `{}`, but {reason}",
                    amendment.effective,
                    cvl_syntax::text::shown(version.file)
                ),
            )
        });
    }
    // The contract's own text is always known (spec 9.13).
    if known(state, versions, hash).is_some() {
        return Ok(());
    }
    Err(event.refusal(
        RefusalKind::Amendment,
        format!(
            "the amendment effective {} is signed by all, but no text given has its SHA-256 `{hash}`",
            amendment.effective
        ),
    ))
}

/// The done amendments with their text, in the order they were done (by the date of the last signature, then by
/// the order first signed): each one's effective day, the version given, and its signatures' events. An amendment
/// whose text is not given was refused when it was done (`text_given`); in a fold without texts it is left out.
pub(crate) fn done<'c>(
    state: &State<'c>,
    versions: &Versions<'c>,
) -> Vec<(NaiveDate, Version<'c>, Vec<String>)> {
    let mut done: Vec<(NaiveDate, usize, NaiveDate, Version<'c>, Vec<String>)> = Vec::new();
    for (i, amendment) in state.amendments.iter().enumerate() {
        let Some(on) = amendment.done(state.contract) else {
            continue;
        };
        let Some(version) = known(state, versions, &amendment.contract) else {
            continue;
        };
        let events = state
            .contract
            .signatories
            .iter()
            .filter_map(|p| amendment.signatures.get(p).map(|s| s.event.clone()))
            .collect();
        done.push((on, i, amendment.effective, version, events));
    }
    done.sort_by_key(|(on, i, ..)| (*on, *i));
    done.into_iter()
        .map(|(_, _, effective, version, events)| (effective, version, events))
        .collect()
}

/// The text whose SHA-256 is `sha256`: the contract's own (always known, so that an amendment back to it needs no
/// `--version`, and its lines cite the contract's own file), or an amended one given.
fn known<'c>(state: &State<'c>, versions: &Versions<'c>, sha256: &str) -> Option<Version<'c>> {
    let own = (!versions.sha256.is_empty() && versions.sha256 == sha256).then_some(Version {
        contract: state.contract,
        file: versions.file,
        sha256: versions.sha256,
    });
    own.or_else(|| {
        versions
            .amended
            .iter()
            .find(|v| v.sha256 == sha256)
            .copied()
    })
}

/// Refuses a version that changes what an amendment may not: the parties (each by its name, title, role, CVR
/// number and key, in order), the case reference and the start (`starts on` or `starts when`). The reason names what changed.
pub fn check_kept(original: &Contract, version: &Contract) -> Result<(), String> {
    if original.case_ref != version.case_ref {
        return Err(format!(
            "it changes the case reference from {} to {}",
            quoted(original.case_ref.as_deref()),
            quoted(version.case_ref.as_deref())
        ));
    }
    // The start fixes the contract's months, its reach and what `ends after` counts from: a text that starts on
    // another day is another contract, not a version of this one.
    if original.start != version.start {
        return Err(format!(
            "it changes the start from {} to {}",
            start_words(original.start.as_ref()),
            start_words(version.start.as_ref())
        ));
    }
    let names =
        |c: &Contract| -> Vec<String> { c.parties.iter().map(|p| p.id.0.clone()).collect() };
    let (before, after) = (names(original), names(version));
    if before != after {
        return Err(format!(
            "it changes the parties from {} to {}",
            listed(&before),
            listed(&after)
        ));
    }
    for (old, new) in original.parties.iter().zip(&version.parties) {
        if let Some(what) = changed_party(old, new) {
            return Err(format!("it changes the {what} of the party `{}`", old.id.0));
        }
    }
    Ok(())
}

/// Refuses a version that pays in another currency than the contract (spec 2.6: one currency per contract, and
/// money in two is never combined), naming both; a text that pays nothing keeps any.
pub fn currency_kept(original: &Contract, version: &Contract) -> Result<(), String> {
    match (original.currency(), version.currency()) {
        (Some(was), Some(is)) if was != is => Err(format!(
            "it pays in `{is}` and the contract in `{was}`: money in two currencies is never combined"
        )),
        _ => Ok(()),
    }
}

/// What differs between two writings of one party, if anything.
fn changed_party(old: &Party, new: &Party) -> Option<&'static str> {
    if old.title != new.title {
        Some("title")
    } else if old.role != new.role {
        Some("role")
    } else if old.cvr != new.cvr {
        Some("CVR number")
    } else if old.key != new.key {
        Some("key")
    } else {
        None
    }
}

/// A start in words: `2019-01-01`, `when `placed``, `none`.
fn start_words(start: Option<&cvl_check::model::Start>) -> String {
    match start {
        Some(cvl_check::model::Start::On(date)) => date.to_string(),
        Some(cvl_check::model::Start::When(kind)) => format!("when `{kind}`"),
        None => "none".to_string(),
    }
}

fn quoted(text: Option<&str>) -> String {
    text.map_or_else(|| "none".to_string(), |t| format!("`{t}`"))
}

fn listed(names: &[String]) -> String {
    if names.is_empty() {
        return "none".to_string();
    }
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn w(from: &str, to: &str, version: usize) -> Window {
        Window {
            from: d(from),
            to: d(to),
            version,
        }
    }

    #[test]
    fn without_amendments_the_text_is_in_force_throughout() {
        assert_eq!(
            windows(d("2019-01-15"), d("2020-01-14"), &[]),
            vec![w("2019-01-15", "2020-01-14", 0)]
        );
    }

    #[test]
    fn an_amendment_is_in_force_from_its_effective_day() {
        assert_eq!(
            windows(d("2019-01-15"), d("2020-01-14"), &[d("2019-09-01")]),
            vec![
                w("2019-01-15", "2019-08-31", 0),
                w("2019-09-01", "2020-01-14", 1)
            ]
        );
    }

    #[test]
    fn each_amendment_runs_until_the_next_ones_effective_day_in_order_of_days() {
        // Done in the order: the later text first, effective 2019-11-16; then one effective 2019-09-15.
        assert_eq!(
            windows(
                d("2019-01-15"),
                d("2020-01-14"),
                &[d("2019-11-16"), d("2019-09-15")]
            ),
            vec![
                w("2019-01-15", "2019-09-14", 0),
                w("2019-09-15", "2019-11-15", 2),
                w("2019-11-16", "2020-01-14", 1)
            ]
        );
    }

    #[test]
    fn of_two_on_one_day_the_one_done_last_is_in_force() {
        assert_eq!(
            windows(
                d("2019-01-15"),
                d("2020-01-14"),
                &[d("2019-09-01"), d("2019-09-01")]
            ),
            vec![
                w("2019-01-15", "2019-08-31", 0),
                w("2019-09-01", "2020-01-14", 2)
            ]
        );
    }

    #[test]
    fn days_outside_the_decision_have_no_window() {
        // Decided as of 2019-08-31: the amendment effective 2019-09-01 is not in force yet.
        assert_eq!(
            windows(d("2019-01-15"), d("2019-08-31"), &[d("2019-09-01")]),
            vec![w("2019-01-15", "2019-08-31", 0)]
        );
        // Effective on the first day in force: the original text is never in force.
        assert_eq!(
            windows(d("2019-01-15"), d("2019-08-31"), &[d("2019-01-15")]),
            vec![w("2019-01-15", "2019-08-31", 1)]
        );
    }
}
