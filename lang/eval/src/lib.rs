//! CVL's evaluator: from a checked contract and its events to each month's payment to each party, with reasons.
//!
//! [`evaluate`] streams the events: each is checked against the contract and folded into a small state
//! (state.rs), and nothing is decided unless every event fits. Then decide.rs works out each payee's lines for
//! each calendar month, what is withheld for a missed obligation and when it is released, and the status of every
//! obligation. The evaluator reads no files: the caller gives it the contract and an iterator of events, and
//! renders the [`Decision`] it returns.

mod admit;
mod approve;
mod basis;
mod bound;
mod calendar;
mod cited;
pub mod dates;
mod decide;
mod index;
mod money;
mod paid;
mod personal;
mod said;
mod state;
mod versions;
mod withhold;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use cvl_check::model::{Contract, PartyId, TermId, UseSite};
use cvl_event::{Event, Refusal};
use cvl_syntax::Span;

pub use admit::{Binding, MAX_REFERENCE, admit};
pub use basis::{Basis, HoursPaid, Money};
pub use calendar::{Month, prorate, round_money};
pub use cited::EventIds;
pub use index::{INDEX_DECIMALS, IndexValue, IndexValues, MAX_INDEX_VALUE};
pub use paid::{MAX_PAID_MONTHS, PaymentMade, due_date};
pub use said::Said;
pub use versions::{InForce, Version, Versions, check_kept, currency_kept};

/// What evaluation decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// The date the decision is as of.
    pub until: Option<NaiveDate>,
    /// The last day any decision about the contract may cover (100 years from its start, spec 9.3), when the
    /// start is known: what is reconciled and the interest on it are never counted past it either (spec 9.12).
    pub reach: Option<NaiveDate>,
    /// One per payee and month, payees in the contract's order, months in order.
    pub payments: Vec<Payment>,
    /// Every occurrence of every obligation that has fallen due, by due date.
    pub obligations: Vec<ObligationRow>,
    /// The acts that take more than one signature: signing, termination and amendments, done or pending.
    pub acts: Vec<Act>,
    /// Every line of every `invoice_approved` event counted, in the order of the events (spec 9.9).
    pub approvals: Vec<Approval>,
    /// The expenses of reimbursed items approved by `expense_approved` events, in the order of the events.
    pub expenses: Vec<Expense>,
    /// The payments made to payees (`paid` events), in the order of the log (spec 9.2).
    pub payments_made: Vec<PaymentMade>,
    /// The values of the indexes rates are regulated by (`index_value` events), by index and year (spec 9.2).
    pub index_values: IndexValues,
    /// The versions of the text in force, in order of their days, when an amendment is in force on a day decided
    /// (spec 9.13); empty when the contract's own text is in force throughout, and then no line cites a version.
    pub versions: Vec<InForce>,
    pub warnings: Vec<Said>,
}

/// An expense of a reimbursed item, approved by an `expense_approved` event (spec 9.2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expense {
    pub item: TermId,
    /// The party reimbursed: the item's `reimburse to`.
    pub payee: PartyId,
    /// The party that approved it: the event's actor.
    pub approved_by: PartyId,
    pub amount: Decimal,
    /// The date of the expense (`data.date`).
    pub date: NaiveDate,
    /// The approval's or receipt's reference (`data.reference`).
    pub reference: String,
    /// The id of the approving event.
    pub event: String,
}

/// One line of an invoice, approved by the payer for one item and month (an `invoice_approved` event, spec 9.2):
/// what has been approved against what is decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Approval {
    /// The invoice's number, as the event gives it.
    pub invoice: String,
    /// The SHA-256 of the invoice's file, in lowercase hex.
    pub sha256: String,
    /// The id of the event that approved it.
    pub event: String,
    /// The event's date.
    pub date: NaiveDate,
    /// The invoice line's id.
    pub line: String,
    pub item: TermId,
    /// The item's payee.
    pub payee: PartyId,
    pub month: Month,
    /// What is approved; negative for a credit note's line, which reduces what was approved.
    pub amount: Decimal,
}

/// A missed occurrence of an obligation that holds a month back (spec 9.7): per obligation, the occurrence whose
/// meeting releases the month, which is the latest one that holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hold {
    pub obligation: TermId,
    /// The party it binds, whose payment it holds.
    pub party: PartyId,
    pub due: NaiveDate,
    /// Due plus grace: the last day it could have been met late rather than missed.
    pub grace_end: NaiveDate,
    /// The obligation's clause.
    pub clause: Span,
    /// The month the held payment is released in, when that is within the decision.
    pub released_in: Option<Month>,
    /// The event that met the occurrence and released the month.
    pub released_by: Option<String>,
    /// The `when missed withhold` statement that imposes the hold.
    pub consequence: Option<Span>,
    /// The `use` statements the obligation came through, the contract's own first; empty when the contract
    /// declares the obligation itself (spec 9.7).
    pub uses: Vec<UseSite>,
    /// The meeting event that released the month: its id, date and actor (its signer), with `released_by`.
    pub release: Option<Meeting>,
    /// The version of the text whose obligation the spans above are in: its place in [`Decision::versions`], when
    /// amendments are in force (spec 9.13).
    pub version: Option<usize>,
    /// The items whose lines it holds (`when missed withhold fee, …`); empty when it holds every line of the month.
    pub items: Vec<TermId>,
}

impl Hold {
    /// Whether the hold covers a line of `item`.
    pub fn holds(&self, item: &TermId) -> bool {
        self.items.is_empty() || self.items.contains(item)
    }
}

/// An event that met an occurrence of an obligation: its id, its date and its actor, who signs it in a signed log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meeting {
    pub event: String,
    pub date: NaiveDate,
    pub actor: PartyId,
}

/// What an act does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActKind {
    Signing,
    Termination,
    Amendment,
}

impl ActKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActKind::Signing => "signing",
            ActKind::Termination => "termination",
            ActKind::Amendment => "amendment",
        }
    }
}

/// An act that every named signatory signs: done on the date of the last signature, pending until then.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Act {
    pub kind: ActKind,
    /// What is signed beyond the act itself: a termination's effective end, an amendment's SHA-256.
    pub subject: Option<String>,
    /// Who signed, when, by which event; in the order of the signatories.
    pub signed: Vec<(PartyId, NaiveDate, String)>,
    /// Who has not signed yet.
    pub missing: Vec<PartyId>,
    /// When the last signature arrived, if every signatory has signed.
    pub done: Option<NaiveDate>,
}

/// What one payee is paid for one month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payment {
    pub payee: PartyId,
    pub period: Month,
    pub lines: Vec<Line>,
    /// Held back this month, for a missed obligation.
    pub withheld: Decimal,
    /// Held back in earlier months and paid this month, now that the obligation is met.
    pub released: Decimal,
    /// The months whose held amounts are released this month.
    pub released_from: Vec<Month>,
    /// The events that met the obligations and so released them, in order of the months released.
    pub released_by: Vec<String>,
    /// The same events with their dates and actors, in the same order.
    pub released_meetings: Vec<Meeting>,
    /// What holds this month back: each obligation's missed occurrence, with its release, if any.
    pub held: Vec<Hold>,
    /// What the payer has approved for this payee and month, over all items (the approvals' sum).
    pub approved: Decimal,
    /// The lines' sum, less what is withheld, plus what is released.
    pub total: Decimal,
    /// Obligations missed with `when missed flag`, and hours not paid: the month is paid but marked.
    pub flags: Vec<Said>,
    /// Hours reported for the month that are not paid, by item and why.
    pub unpaid_hours: Vec<UnpaidHours>,
    /// Whether the month is decided only in part: the date decided as of falls before the month's last day (and
    /// before the contract's), so the days after it are not decided yet and the total may still grow.
    pub provisional: bool,
}

/// Hours reported for a month on an hourly item that are not paid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnpaidHours {
    pub item: TermId,
    pub hours: Decimal,
    pub reason: Unpaid,
}

/// Why reported hours are not paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unpaid {
    /// Worked on a day the contract is not in force: before its start or its last signature, or after its end
    /// or the date decided as of (spec 9.3).
    OutsideContract,
    /// Worked on a day in the contract's period but outside the item's own: before its `starts on`, after its
    /// `ends on`, or after its `for the first` (spec 4.8).
    OutsideItem,
    /// Reported by the payee but not confirmed by the party the item names in `confirmed by`.
    NotConfirmed,
    /// Above the item's `cap` for the month.
    OverCap,
}

impl Unpaid {
    pub fn as_str(self) -> &'static str {
        match self {
            Unpaid::OutsideContract => "outside the contract's period",
            Unpaid::OutsideItem => "outside the item's period",
            Unpaid::NotConfirmed => "not confirmed",
            Unpaid::OverCap => "over the cap",
        }
    }
}

/// One amount on a payment, and how it was computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub item: TermId,
    pub amount: Decimal,
    /// How the amount was computed, in words when shown: `60,000.00 DKK/month × 17/31 days`.
    pub basis: Basis,
    /// The `pay` statement the amount comes from.
    pub clause: Option<Span>,
    /// The ids of the events behind the amount, kept end to end ([`EventIds`]: read them with `iter`).
    pub events: EventIds,
    /// The version of the text the line comes from: its place in [`Decision::versions`], when amendments are in
    /// force.
    pub version: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Met on or before the due date.
    Met,
    /// Met after the due date, within the grace period.
    Late,
    /// Not met within the grace period (the meeting event, if any, came later).
    Missed,
    /// Not met yet, and the grace period has not run out.
    Pending,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Late => "late",
            Status::Missed => "missed",
            Status::Pending => "pending",
        }
    }
}

/// One occurrence of an obligation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObligationRow {
    pub party: PartyId,
    pub kind: TermId,
    pub due: NaiveDate,
    pub status: Status,
    /// The event that met it, if one did.
    pub event: Option<String>,
    pub met_on: Option<NaiveDate>,
    /// The meeting event's actor.
    pub met_by: Option<PartyId>,
    /// Whether the row is a supplement's review at the end of a term (spec 9.6): `kind` is then the supplement,
    /// `party` its reviewer, and the meeting event a `supplement_reviewed`.
    pub review: bool,
}

/// Evaluates `contract` against `events`, as of `until` (events dated after it are not read). The first event
/// that does not fit the contract is refused, and nothing is decided.
pub fn evaluate<I>(
    contract: &Contract,
    events: I,
    until: Option<NaiveDate>,
) -> Result<Decision, Refusal>
where
    I: IntoIterator<Item = Result<Event, Refusal>>,
{
    evaluate_bound(contract, Binding::default(), events, until)
}

/// [`evaluate`], for events bound to the contract's text: `signed` events that name another contract are refused
/// (and, from a signed log, one that names none).
pub fn evaluate_bound<I>(
    contract: &Contract,
    binding: Binding<'_>,
    events: I,
    until: Option<NaiveDate>,
) -> Result<Decision, Refusal>
where
    I: IntoIterator<Item = Result<Event, Refusal>>,
{
    evaluate_versions(contract, binding, Versions::default(), events, until)
}

/// [`evaluate_bound`], with the amended texts the events may name (spec 9.13): a done amendment whose text is not
/// among `versions` is refused, and each day is decided by the version in force on it.
pub fn evaluate_versions<'c, I>(
    contract: &'c Contract,
    binding: Binding<'_>,
    versions: Versions<'c>,
    events: I,
    until: Option<NaiveDate>,
) -> Result<Decision, Refusal>
where
    I: IntoIterator<Item = Result<Event, Refusal>>,
{
    let mut fold = Fold::new(contract, binding, until).with_versions(versions);
    for event in events {
        fold.apply(&event?)?;
    }
    fold.decide()
}

/// [`evaluate_versions`] over an events file read by `reader`, into one event filled line after line, so that
/// reading allocates nothing per event ([`cvl_event::Reader::read_into`]): the same decision, or the same refusal.
pub fn evaluate_reader<'c, R: std::io::BufRead>(
    contract: &'c Contract,
    binding: Binding<'_>,
    versions: Versions<'c>,
    reader: &mut cvl_event::Reader<R>,
    until: Option<NaiveDate>,
) -> Result<Decision, Refusal> {
    let mut fold = Fold::new(contract, binding, until).with_versions(versions);
    let mut event = Event::empty();
    while let Some(read) = reader.read_into(&mut event) {
        read?;
        fold.apply(&event)?;
    }
    fold.decide()
}

/// Evaluation one event at a time, for a caller that must check an event against all before it before it
/// commits to it: [`evaluate_bound`] is a loop of [`Fold::apply`] and then [`Fold::decide`], and `cvl log
/// append` and `cvl log verify` apply every entry of a log to a [`Fold::admitting`], so that each refuses exactly
/// the entries `cvl eval --log` refuses, with the same words. A fold is cloned to try an event without committing to
/// it (the log service keeps each log's fold and admits the next entry against a copy).
#[derive(Clone)]
pub struct Fold<'c> {
    state: state::State<'c>,
    until: Option<NaiveDate>,
    last_event: Option<NaiveDate>,
    /// The texts a done amendment may name, in a fold that decides; `None` in one that only admits, which does not
    /// ask for the amended texts.
    versions: Option<Versions<'c>>,
}

impl<'c> Fold<'c> {
    /// The same fold, with the amended texts `versions` (spec 9.13): once an amendment to one of them is done, an
    /// event only its text knows is admitted by it, in a fold that only admits too (`cvl log verify` and `cvl log
    /// append` with `--version`); a fold that decides also decides each day by the version in force.
    pub fn with_versions(mut self, versions: Versions<'c>) -> Self {
        self.state.texts = versions
            .amended
            .iter()
            .map(|v| (v.sha256, v.contract))
            .collect();
        if !versions.sha256.is_empty() {
            self.state.own_sha256 = Some(versions.sha256.to_string());
        }
        if self.versions.is_some() {
            self.versions = Some(versions);
        }
        self
    }

    /// A fold for deciding, as of `until` (or of the end, or the last event).
    pub fn new(contract: &'c Contract, binding: Binding<'_>, until: Option<NaiveDate>) -> Self {
        Fold {
            state: state::State::new(contract, binding, true),
            until,
            last_event: None,
            versions: Some(Versions::default()),
        }
    }

    /// A fold that only admits or refuses events, as [`Fold::new`] without `until` does, keeping nothing a
    /// decision would cite (the ids behind lines and meetings): its memory grows with the contract's terms and
    /// the months its events fall in, not with the number of events. What it decides cites no events.
    pub fn admitting(contract: &'c Contract, binding: Binding<'_>) -> Self {
        Fold {
            state: state::State::new(contract, binding, false),
            until: None,
            last_event: None,
            versions: None,
        }
    }

    /// Folds in the next event, or refuses it (and then nothing should be decided from the events). An event
    /// dated after the date decided as of is not counted, but it must still be in date order and fit the
    /// contract on its own.
    pub fn apply(&mut self, event: &Event) -> Result<(), Refusal> {
        if self.until.is_some_and(|u| event.at.date > u) {
            self.state.in_order(event)?;
            return self.state.admitted(event).map(|_| ());
        }
        self.state.apply(event)?;
        if let Some(versions) = &self.versions {
            versions::text_given(&self.state, versions, event)?;
        }
        self.last_event = Some(event.at.date);
        Ok(())
    }

    /// What the events folded in so far decide. Within the limits of spec section 7 every sum fits; a decision
    /// whose sum would not (a regulated rate risen past the amount limit, say) is refused as a decision, naming
    /// what overflows (the item and the day, the payee and the month), never an event: each event fits, and the
    /// last one counted is no more at fault than the first (spec 4.8, 9.3).
    pub fn decide(&self) -> Result<Decision, Refusal> {
        let none = Versions::default();
        let versions = self.versions.as_ref().unwrap_or(&none);
        decide::decide(&self.state, versions, self.until, self.last_event)
            .map_err(|o| Refusal::of_decision(o.to_string()))
    }
}

#[cfg(test)]
mod tests;
