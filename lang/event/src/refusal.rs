//! Refusals: why an event, an entry of a signed log, or the file they are in is refused — a kind that a program
//! can act on (a log service answering a party, say) and the words a person reads — and the one date-order rule
//! that events files, logs and appending share ([`in_order`]).
//!
//! The words are the refusal's [`Display`](fmt::Display), unchanged by its kind: outputs show the words only.

use std::fmt;

use crate::{At, Event};

/// What kind of thing is wrong with a refused event or entry: coarse, so that a program can tell cases apart
/// (a line to fix, an actor without the right, a log that was tampered with) without reading the words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum RefusalKind {
    /// The line cannot be read as text: an I/O error, bytes that are not UTF-8, or a log's last line cut short.
    Unreadable,
    /// The line is not one JSON object (or, in a log, is blank).
    NotJson,
    /// The event or entry has not the fields it must have: one missing, unknown, written twice or of the wrong
    /// type, an `at` that is not a date or a UTC time, a malformed `seq`, `prev` or `sig`.
    Shape,
    /// A log's line is not the canonical bytes of its entry (RFC 8785).
    Canonical,
    /// A log's entry is not in its place in the chain: its `seq` repeats or skips one, or its `prev` is not the
    /// previous entry's digest.
    Chain,
    /// The events are bound to another contract: a log's first `prev`, or a `signed` event's `data.contract` or
    /// `data.sources`, names other text than this contract's.
    Binding,
    /// The entry's signature is not its actor's, or its actor declares no key to check it with.
    Signature,
    /// The event is dated before the one before it.
    OutOfOrder,
    /// The entry is dated more than a day after the clock of the machine that is to sign it.
    Clock,
    /// The actor is not a party of the contract.
    NotAParty,
    /// The contract knows no event of this kind (a `terminated` event where it has no termination clause, too).
    UnknownKind,
    /// The actor is a party, but not one that may sign, meet, adjust, review, report or confirm this.
    NoAuthority,
    /// The event's `data` does not fit its kind: a field missing, unknown or of the wrong type, a number or date
    /// not spelled as spec 9.1 says, an item the contract does not have, a date that contradicts the event's own.
    DataShape,
    /// A value beyond the limits of spec section 7, or a line longer than any event.
    Limit,
    /// The event holds what looks like a CPR number (spec section 6).
    PersonalIdentifier,
    /// The event is dated after the contract ended by its termination.
    AfterTermination,
    /// The event does again what is done once: a signature, an amendment's or a termination's, a start, an end;
    /// or a termination names another effective end than the one already signed.
    Repeated,
    /// A supplement event that its supplement's state does not allow: started while running or into its lapsed
    /// term, adjusted or renewed when not running.
    Supplement,
    /// An amendment that cannot take effect: effective before the contract is signed or after it ends, or done
    /// (signed by all) while its text is not among those given.
    Amendment,
    /// A sum the events lead to is more than CVL can hold exactly: nothing is decided rather than decided wrongly.
    /// The refusal is the decision's ([`Refusal::of_decision`]): it names no event, for each one fits.
    Overflow,
}

impl RefusalKind {
    /// Every kind, in order.
    pub const ALL: [RefusalKind; 20] = [
        RefusalKind::Unreadable,
        RefusalKind::NotJson,
        RefusalKind::Shape,
        RefusalKind::Canonical,
        RefusalKind::Chain,
        RefusalKind::Binding,
        RefusalKind::Signature,
        RefusalKind::OutOfOrder,
        RefusalKind::Clock,
        RefusalKind::NotAParty,
        RefusalKind::UnknownKind,
        RefusalKind::NoAuthority,
        RefusalKind::DataShape,
        RefusalKind::Limit,
        RefusalKind::PersonalIdentifier,
        RefusalKind::AfterTermination,
        RefusalKind::Repeated,
        RefusalKind::Supplement,
        RefusalKind::Amendment,
        RefusalKind::Overflow,
    ];

    /// A stable name for the kind, for a program's logs and answers: `out-of-order`.
    pub fn name(self) -> &'static str {
        match self {
            RefusalKind::Unreadable => "unreadable",
            RefusalKind::NotJson => "not-json",
            RefusalKind::Shape => "shape",
            RefusalKind::Canonical => "canonical",
            RefusalKind::Chain => "chain",
            RefusalKind::Binding => "binding",
            RefusalKind::Signature => "signature",
            RefusalKind::OutOfOrder => "out-of-order",
            RefusalKind::Clock => "clock",
            RefusalKind::NotAParty => "not-a-party",
            RefusalKind::UnknownKind => "unknown-kind",
            RefusalKind::NoAuthority => "no-authority",
            RefusalKind::DataShape => "data-shape",
            RefusalKind::Limit => "limit",
            RefusalKind::PersonalIdentifier => "personal-identifier",
            RefusalKind::AfterTermination => "after-termination",
            RefusalKind::Repeated => "repeated",
            RefusalKind::Supplement => "supplement",
            RefusalKind::Amendment => "amendment",
            RefusalKind::Overflow => "overflow",
        }
    }
}

/// Why an event, or the file it is in, is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// What kind of thing is wrong.
    pub kind: RefusalKind,
    /// The line of the bad event, counted from 1.
    pub line: usize,
    /// The bad entry's sequence number, when it is an entry of a signed log: the refusal names it instead of the
    /// line.
    pub seq: Option<u64>,
    /// The event's id, when it has one.
    pub id: Option<String>,
    /// The words: what is wrong, for a person.
    pub reason: String,
}

impl Refusal {
    /// The refusal of line `line`, which is no event with an id (yet).
    pub fn of_line(kind: RefusalKind, line: usize, reason: impl Into<String>) -> Refusal {
        Refusal {
            kind,
            line,
            seq: None,
            id: None,
            reason: reason.into(),
        }
    }

    /// The refusal of a decision that cannot be made from events that each fit (a sum beyond what CVL can hold
    /// exactly, spec section 7): of the kind [`RefusalKind::Overflow`], and of no event, for no event is at fault.
    /// Its words are the reason alone.
    pub fn of_decision(reason: impl Into<String>) -> Refusal {
        Refusal::of_line(RefusalKind::Overflow, 0, reason)
    }

    /// Whether this is the refusal of a decision ([`Refusal::of_decision`]), not of an event or a line.
    pub fn is_decision(&self) -> bool {
        self.kind == RefusalKind::Overflow
            && self.line == 0
            && self.seq.is_none()
            && self.id.is_none()
    }
}

impl fmt::Display for Refusal {
    /// The refusal in one line, through [`shown`](crate::shown): control and bidirectional characters from the
    /// input (in an id, say) are escaped, so that a hostile file cannot move the cursor or start a line of its own,
    /// and a CPR-like number is masked, so that a refusal never repeats one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_decision() {
            return write!(f, "{}", crate::shown(&self.reason));
        }
        let place = match (self.seq, &self.id) {
            (Some(seq), Some(id)) => format!("entry {seq} (line {}, event `{id}`)", self.line),
            (Some(seq), None) => format!("entry {seq} (line {})", self.line),
            (None, Some(id)) => format!("line {} (event `{id}`)", self.line),
            (None, None) => format!("line {}", self.line),
        };
        write!(
            f,
            "{}: {}",
            crate::shown(&place),
            crate::shown(&self.reason)
        )
    }
}

impl std::error::Error for Refusal {}

/// Where an event stood: a line of an events file, or an entry of a signed log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Line(usize),
    Entry(u64),
}

impl Place {
    /// Where `event` stands: its entry, when it was read from a signed log, or else its line.
    pub fn of(event: &Event) -> Place {
        match event.seq {
            Some(seq) => Place::Entry(seq),
            None => Place::Line(event.line),
        }
    }
}

/// The date-order rule, the one place it is written: `event` must not be dated before `last`, the event before it
/// (its date, and where it stood), if there is one. A date alone counts as the start of its day. Evaluation
/// (cvl-eval's state.rs), verifying a log (cvl-log's verify.rs) and appending to one (`cvl log append`) all
/// check it here, so that the three refuse the same events with the same words.
pub fn in_order(event: &Event, last: Option<(At, Place)>) -> Result<(), Refusal> {
    let Some((last, place)) = last else {
        return Ok(());
    };
    if event.at.key() >= last.key() {
        return Ok(());
    }
    let reason = match place {
        Place::Line(line) => format!(
            "dated {}, before the event on line {line} ({last}): events must be in the order they happened",
            event.at
        ),
        Place::Entry(seq) => format!(
            "dated {}, before entry {seq} ({last}): entries must be in the order they happened",
            event.at
        ),
    };
    Err(event.refusal(RefusalKind::OutOfOrder, reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(line: usize, seq: Option<u64>, at: &str) -> Event {
        let mut event = Event::parse(
            line,
            &format!(r#"{{"id":"e{line}","at":"{at}","kind":"k","actor":"a"}}"#),
        )
        .unwrap();
        event.seq = seq;
        event
    }

    #[test]
    fn an_event_dated_before_the_one_before_is_refused_naming_where_that_stood() {
        let at = |text| At::parse(text).unwrap();
        let later = event(4, None, "2019-02-27");
        let refusal = in_order(&later, Some((at("2019-03-01"), Place::Line(3)))).unwrap_err();
        assert_eq!(refusal.kind, RefusalKind::OutOfOrder);
        assert_eq!(
            refusal.to_string(),
            "line 4 (event `e4`): dated 2019-02-27, before the event on line 3 (2019-03-01): events must be in the order they happened"
        );
        let entry = event(2, Some(2), "2019-01-01");
        let refusal = in_order(
            &entry,
            Some((
                at("2019-01-01T00:00:01Z"),
                Place::of(&event(1, Some(1), "2019-01-01")),
            )),
        )
        .unwrap_err();
        assert_eq!(
            refusal.to_string(),
            "entry 2 (line 2, event `e2`): dated 2019-01-01, before entry 1 (2019-01-01T00:00:01Z): entries must be in the order they happened"
        );
        // The same moment, a date and its midnight, or nothing before: in order.
        assert!(in_order(&later, Some((at("2019-02-27"), Place::Line(3)))).is_ok());
        assert!(in_order(&later, Some((at("2019-02-26T23:59:59Z"), Place::Line(3)))).is_ok());
        assert!(
            in_order(
                &event(1, None, "2019-02-27T00:00:00Z"),
                Some((at("2019-02-27"), Place::Line(3)))
            )
            .is_ok()
        );
        assert!(in_order(&later, None).is_ok());
    }

    #[test]
    fn every_kind_has_its_own_name() {
        let mut names: Vec<&str> = RefusalKind::ALL.iter().map(|k| k.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RefusalKind::ALL.len());
    }
}
