//! Applying events to a contract, one at a time: what has been signed, started, adjusted, delivered and met.
//!
//! [`State::apply`] checks that an event fits the contract (on its own, by admit.rs; then its date after the one
//! before, and what earlier events allow) and folds it into a state that grows with the contract's terms and the
//! months it runs, and with the events only by the ids a decision cites: at most two per event (spec 9). A state
//! made only to admit events (a verifier's) keeps no ids, and of each supplement only its current segment and
//! term. An event that does not fit is refused with its line and the reason; the caller then decides nothing.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use cvl_check::limits::MAX_MONTH_HOURS;
use cvl_check::model::{Contract, Item, ItemKind, PartyId, Start, TermId};
use cvl_check::types::Per;
use cvl_check::value::{Value, add_duration};
use cvl_event::{At, Event, Place, Refusal, RefusalKind};

use crate::Approval;
mod amend;
mod expenses;

use crate::admit::{Admitted, Binding, SupplementChange, admitted, ends_when};
use crate::approve::Bounds;
use crate::calendar::{Month, day_before};

/// A signature: when, and by which event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Signed {
    pub date: NaiveDate,
    pub event: String,
}

/// A stretch of a supplement's life with one amount: from a day through another, both included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Segment {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub amount: Decimal,
    /// Whether the amount is the supplement's own rate (its event names none): then each version of the text in
    /// force pays its own rate for it (spec 9.13).
    pub own: bool,
    /// The events behind its amount: the one that started its term, and the adjustment that set it.
    pub events: Vec<String>,
    /// The renewals whose terms hold its days: the first day each adds, and its event, in order. A line cites those
    /// whose terms hold its own days (from the first day a renewal adds to the day before the next one's), so that
    /// a renewal changes no month before its own date and a month cites no earlier renewal.
    pub renewed: Vec<(NaiveDate, String)>,
}

/// A running or past supplement.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Supplement {
    /// The amount segments, in order; the last one runs to the current term's end.
    pub segments: Vec<Segment>,
    /// The end of the current (or lapsed) term: the day after its last day.
    pub ends: Option<NaiveDate>,
    /// The last day of each term, started or renewed, in order: when a review falls due (spec 9.6). Kept only by a
    /// state that cites events.
    pub term_ends: Vec<NaiveDate>,
    /// Each `supplement_reviewed` event: its date, id and actor, in the order of the log. Kept only by a state that
    /// cites events.
    pub reviews: Vec<(NaiveDate, String, PartyId)>,
}

impl Supplement {
    /// The day after the current term's last day.
    fn term_end(&self) -> Option<NaiveDate> {
        self.ends
    }
}

/// Hours delivered and confirmed in one month for an hourly item.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Hours {
    pub reported: Decimal,
    pub confirmed: Decimal,
    /// The same hours by the day worked (reported, confirmed), in order of the days: an item pays only for days it
    /// is in force (spec 9.4). At most one entry per day of the month, whatever the number of events; kept in a
    /// list, since the day worked is mostly the last one or a new one after it.
    pub days: Vec<(NaiveDate, (Decimal, Decimal))>,
    /// The ids of its events, in order, kept in one string: folding an event copies its id without an allocation
    /// of its own.
    pub events: crate::EventIds,
}

/// An amendment: the SHA-256 of the amended text, and who has signed it (decide.rs's acts say when it is done).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Amendment {
    pub contract: String,
    /// The first day the amended text is in force, as its first signature names it (every other must agree).
    pub effective: NaiveDate,
    pub signatures: BTreeMap<PartyId, Signed>,
}

impl Amendment {
    /// When every signatory of `contract` has signed it: the date of the last signature.
    pub fn done(&self, contract: &Contract) -> Option<NaiveDate> {
        let mut last = None;
        for party in &contract.signatories {
            let signed = self.signatures.get(party)?;
            last = last.max(Some(signed.date));
        }
        last
    }
}

/// Everything the events have said, so far.
#[derive(Clone)]
pub(crate) struct State<'c> {
    pub contract: &'c Contract,
    /// The amended texts given, by SHA-256 (spec 9.13): once an amendment to one is done, an event the contract's
    /// own text does not know is admitted by it (a term only the amended text has).
    pub texts: Vec<(&'c str, &'c Contract)>,
    /// The SHA-256 of the contract's own text, when known (from the binding, or the versions given): an amendment
    /// back to it is an amendment to a known text (spec 9.13).
    pub own_sha256: Option<String>,
    contract_sha256: Option<String>,
    sources: Vec<cvl_log::SourceFile>,
    signed_log: bool,
    /// Whether the state keeps what a decision cites (the events behind each line and each meeting)
    /// or only what admitting the next event needs, for a verifier whose memory must not grow with the log.
    cite: bool,
    /// The last event's date and where it stood, for the date-order check.
    last: Option<(At, Place)>,
    pub signatures: BTreeMap<PartyId, Signed>,
    /// The start, once known: the contract's date, or the date of the event it starts with.
    pub start: Option<NaiveDate>,
    pub start_event: Option<String>,
    /// The end set by the first event of the `ends when` kind (its date is the last day in force), and that event.
    pub ended: Option<Signed>,
    pub termination: BTreeMap<PartyId, (Signed, NaiveDate)>,
    /// When every termination signatory has signed: the effective end, and the line of the last signature. Events
    /// dated after the effective end are refused.
    pub terminated: Option<(NaiveDate, usize)>,
    pub supplements: BTreeMap<TermId, Supplement>,
    /// The events that meet each obligation, in order: their date, id and actor.
    pub met: BTreeMap<TermId, Vec<(NaiveDate, String, PartyId)>>,
    /// The hours of each hourly item, by month: by item first, so that folding an hours event looks its item up
    /// by reference and copies no name.
    pub hours: BTreeMap<TermId, BTreeMap<Month, Hours>>,
    /// Amendments in the order they were first signed, and where each is by its SHA-256 and effective day: one
    /// proposal per text and day, so that a contract may be amended back to a text it had (spec 9.13).
    pub amendments: Vec<Amendment>,
    amendment_index: BTreeMap<(String, NaiveDate), usize>,
    /// Every approved line, in the order of the events (only in a state that cites).
    pub approvals: Vec<Approval>,
    /// The expenses approved, in the order of their events (kept only by a state that cites).
    pub expenses: Vec<crate::Expense>,
    /// The payments made (`paid` events), in the order of the log (kept only by a state that cites).
    pub payments_made: Vec<crate::PaymentMade>,
    /// The values of the indexes rates are regulated by, by index and year: kept by every state, for a second
    /// value of the same index and year is refused (index.rs).
    pub index_values: crate::IndexValues,
    /// What has been approved of each reimbursed item in each of its limit periods (state/expenses.rs).
    approved: BTreeMap<(TermId, expenses::LimitPeriodKey), Decimal>,
}

impl<'c> State<'c> {
    /// A state for deciding (`cite`), or for admitting events only.
    pub fn new(contract: &'c Contract, binding: Binding<'_>, cite: bool) -> Self {
        let start = match &contract.start {
            Some(Start::On(date)) => Some(*date),
            _ => None,
        };
        State {
            contract,
            texts: Vec::new(),
            own_sha256: binding.contract_sha256.map(str::to_string),
            contract_sha256: binding.contract_sha256.map(str::to_string),
            sources: binding.sources.to_vec(),
            signed_log: binding.signed_log,
            cite,
            last: None,
            signatures: BTreeMap::new(),
            start,
            start_event: None,
            ended: None,
            termination: BTreeMap::new(),
            terminated: None,
            supplements: BTreeMap::new(),
            met: BTreeMap::new(),
            hours: BTreeMap::new(),
            amendments: Vec::new(),
            amendment_index: BTreeMap::new(),
            approvals: Vec::new(),
            expenses: Vec::new(),
            payments_made: Vec::new(),
            index_values: crate::IndexValues::default(),
            approved: BTreeMap::new(),
        }
    }

    /// What the events are bound to.
    pub fn binding(&self) -> Binding<'_> {
        Binding {
            contract_sha256: self.contract_sha256.as_deref(),
            sources: &self.sources,
            signed_log: self.signed_log,
        }
    }

    /// Refuses an event dated before the one before it (by cvl-event's [`cvl_event::in_order`], the rule a log's
    /// verifier and appending check too), and otherwise notes its date as the last: evaluation checks it for every
    /// event, counted or not.
    pub fn in_order(&mut self, event: &Event) -> Result<(), Refusal> {
        cvl_event::in_order(event, self.last)?;
        self.last = Some((event.at, Place::of(event)));
        Ok(())
    }

    /// What `event` is, by the contract's own text, or else by the first done amendment's text that admits it; the
    /// refusal is the contract's own.
    pub fn admitted(&self, event: &Event) -> Result<Admitted<'c>, Refusal> {
        // A termination is the contract's, not an item's: who may terminate, and with what notice, are as the
        // version in force on its date writes the termination clause (spec 4.12, 9.13).
        if event.kind == "terminated" {
            return admitted(self.text_on(event.at.date), self.binding(), event);
        }
        let own = admitted(self.contract, self.binding(), event);
        let Err(refusal) = own else {
            return own;
        };
        for (sha256, text) in &self.texts {
            let done = self
                .amendments
                .iter()
                .any(|a| a.contract == *sha256 && a.done(self.contract).is_some());
            if done && let Ok(found) = admitted(text, self.binding(), event) {
                return Ok(found);
            }
        }
        Err(refusal)
    }

    /// The text whose SHA-256 is `sha256`: the contract's own, or an amended text given.
    pub fn text_of(&self, sha256: &str) -> Option<&'c Contract> {
        if self.own_sha256.as_deref() == Some(sha256) {
            return Some(self.contract);
        }
        self.texts
            .iter()
            .find(|(sha, _)| *sha == sha256)
            .map(|(_, text)| *text)
    }

    /// The text in force on `day` by the amendments done so far whose text is given (spec 9.13): the one with the
    /// latest effective day on or before it (of two on one day, the one done last), or else the contract's own.
    pub fn text_on(&self, day: NaiveDate) -> &'c Contract {
        let mut best: Option<((NaiveDate, NaiveDate, usize), &'c Contract)> = None;
        for (i, amendment) in self.amendments.iter().enumerate() {
            let Some(on) = amendment.done(self.contract) else {
                continue;
            };
            let Some(text) = self.text_of(&amendment.contract) else {
                continue;
            };
            let key = (amendment.effective, on, i);
            if amendment.effective <= day && best.is_none_or(|(k, _)| key > k) {
                best = Some((key, text));
            }
        }
        best.map_or(self.contract, |(_, text)| text)
    }

    /// The term of the supplement `item` as the text in force on `day` writes it; the admitting text's when that
    /// text does not write one.
    fn term_on(&self, item: &Item, day: NaiveDate) -> Option<cvl_check::model::Duration> {
        self.text_on(day)
            .items
            .iter()
            .find(|i| i.kind == ItemKind::Supplement && i.id == item.id)
            .and_then(|i| i.term)
            .or(item.term)
    }

    /// Folds one event in, or refuses it.
    pub fn apply(&mut self, event: &Event) -> Result<(), Refusal> {
        self.in_order(event)?;
        // Approving invoices and expenses, paying, and giving an index's value settle what the contract decided, and
        // go on after it ends.
        let settles = matches!(
            event.kind.as_str(),
            "invoice_approved" | "expense_approved" | "paid" | "index_value"
        );
        if let Some((effective, line)) = self.terminated
            && event.at.date > effective
            && !settles
        {
            return Err(event.refusal(RefusalKind::AfterTermination, format!(
                "dated after {effective}, when the contract ended by the termination on line {line}"
            )));
        }
        let admitted = self.admitted(event)?;
        // Made only for the acts that record who signed, not for every event.
        let actor = || PartyId(event.actor.clone());
        let date = event.at.date;
        let signed = || Signed {
            date,
            event: event.id.clone(),
        };
        match admitted {
            Admitted::Signed => {
                if let Some(first) = self.signatures.get(&actor()) {
                    return Err(event.refusal(
                        RefusalKind::Repeated,
                        format!(
                            "`{}` already signed, by event `{}`",
                            event.actor, first.event
                        ),
                    ));
                }
                self.signatures.insert(actor(), signed());
            }
            Admitted::Amended {
                contract,
                effective,
            } => self.amend(event, actor(), signed(), contract, effective)?,
            Admitted::Terminated { effective } => {
                self.terminate(event, actor(), signed(), effective)?
            }
            Admitted::Supplement { item, change } => self.supplement(event, item, change, date)?,
            Admitted::Hours {
                item,
                hours,
                worked,
                confirming,
            } => {
                let month = Month::of(worked);
                let months = match self.hours.get_mut(&item.id) {
                    Some(months) => months,
                    None => self.hours.entry(item.id.clone()).or_default(),
                };
                let entry = months.entry(month).or_default();
                let (sum, what) = if confirming {
                    (&mut entry.confirmed, "confirmed")
                } else {
                    (&mut entry.reported, "reported")
                };
                *sum = sum
                    .checked_add(hours)
                    .filter(|total| *total <= MAX_MONTH_HOURS)
                    .ok_or_else(|| {
                        event.refusal(RefusalKind::Limit, format!(
                            "with this event the hours of `{}` {what} for {month} come to more than {}, the most one month of an item may count (spec section 7)",
                            item.id.0,
                            Value::Hours(MAX_MONTH_HOURS)
                        ))
                    })?;
                // Within the month's total, which is checked above, so the day's sum cannot overflow.
                if let Some(day) = day_entry(&mut entry.days, worked) {
                    let on_day = if confirming { &mut day.1 } else { &mut day.0 };
                    *on_day = on_day.saturating_add(hours);
                }
                if self.cite {
                    entry.events.push(&event.id);
                }
            }
            Admitted::Start => {
                if self.start.is_some() {
                    return Err(
                        event.refusal(RefusalKind::Repeated, "the contract has already started")
                    );
                }
                self.start = Some(date);
                self.start_event = Some(event.id.clone());
            }
            Admitted::End => {
                if let Some(ended) = &self.ended {
                    return Err(event.refusal(
                        RefusalKind::Repeated,
                        format!(
                            "the contract has already ended, by event `{}` on {}",
                            ended.event, ended.date
                        ),
                    ));
                }
            }
            Admitted::Approved {
                invoice,
                sha256,
                lines,
            } => {
                crate::approve::within(event, &lines, &self.bounds())?;
                if self.cite {
                    self.approvals.extend(lines.into_iter().map(|l| Approval {
                        invoice: invoice.clone(),
                        sha256: sha256.clone(),
                        event: event.id.clone(),
                        date,
                        line: l.line,
                        item: l.item.id.clone(),
                        payee: l.payee.clone(),
                        month: l.month,
                        amount: l.amount,
                    }));
                }
            }
            Admitted::Paid(payment) => {
                crate::paid::within(event, &payment.months, &self.bounds())?;
                if self.cite {
                    self.payments_made.push(payment);
                }
            }
            Admitted::IndexValue(value) => self.index_values.insert(event, value)?,
            Admitted::Expense {
                item,
                reimburse,
                amount,
                spent,
                reference,
            } => self.expense(event, item, reimburse, amount, spent, reference)?,
            Admitted::Met { obligation } => {
                if self.cite {
                    self.met.entry(obligation.id.clone()).or_default().push((
                        date,
                        event.id.clone(),
                        PartyId(event.actor.clone()),
                    ));
                }
            }
        }
        // `ends when terminated` ends the contract by its termination (`terminated`, above), not by one signature.
        if self.ended.is_none()
            && event.kind != "terminated"
            && ends_when(self.text_on(date), &event.kind)
        {
            self.ended = Some(Signed {
                date,
                event: event.id.clone(),
            });
        }
        Ok(())
    }

    /// The days an approval's months must fall in, as the events so far fix them (spec 9.2).
    fn bounds(&self) -> Bounds {
        let mut bounds = Bounds::of(self.contract, self.start);
        // Once an amendment is done, the end is the one the texts in force state (spec 9.13), not the own text's.
        if let Some(start) = self.start
            && self
                .amendments
                .iter()
                .any(|a| a.done(self.contract).is_some())
        {
            let reach = cvl_check::horizon::reach(start);
            bounds.last = Some(match crate::decide::texts_end(self, start, false) {
                Some(end) if end <= reach => (end, "the contract's end".to_string()),
                _ => (reach, "the contract's reach (spec 9.3)".to_string()),
            });
        }
        if let (None, Some(Start::When(kind))) = (self.start, &self.contract.start) {
            bounds.not_started = Some(format!(
                "the contract has not started: it starts when `{kind}` happens"
            ));
        }
        if let Some((effective, _)) = self.terminated {
            bounds.end_by(effective, "the termination's effective end".to_string());
        }
        if let Some(ended) = &self.ended {
            bounds.end_by(
                ended.date,
                format!("the contract's end by event `{}`", ended.event),
            );
        }
        bounds
    }

    fn terminate(
        &mut self,
        event: &Event,
        actor: PartyId,
        signed: Signed,
        effective: NaiveDate,
    ) -> Result<(), Refusal> {
        // The termination clause of the version in force on the event's date (spec 9.13).
        let clause = self.text_on(signed.date).termination.as_ref();
        let alone = clause.is_some_and(|t| t.alone);
        if alone && let Some((first, agreed)) = self.termination.values().next() {
            // One party's termination ends the contract (spec 4.12): there is nothing left to sign.
            return Err(event.refusal(
                RefusalKind::Repeated,
                format!(
                    "the contract is already terminated, effective {agreed}, by event `{}`",
                    first.event
                ),
            ));
        }
        if let Some((first, agreed)) = self.termination.values().next()
            && *agreed != effective
        {
            return Err(event.refusal(
                RefusalKind::Repeated,
                format!(
                    "the effective end {effective} differs from {agreed}, signed by event `{}`",
                    first.event
                ),
            ));
        }
        if self.termination.contains_key(&actor) {
            return Err(event.refusal(
                RefusalKind::Repeated,
                format!("`{}` already signed the termination", event.actor),
            ));
        }
        self.termination.insert(actor, (signed, effective));
        if let Some(termination) = clause
            && (termination.alone
                || termination
                    .signatories
                    .iter()
                    .all(|p| self.termination.contains_key(p)))
        {
            self.terminated = Some((effective, event.line));
        }
        Ok(())
    }

    fn supplement(
        &mut self,
        event: &Event,
        item: &Item,
        change: SupplementChange,
        date: NaiveDate,
    ) -> Result<(), Refusal> {
        let name = &item.id.0;
        let cite = self.cite;
        // A review is admitted (by a party of `review by`) and changes nothing that is paid: it meets the review
        // that falls due at the end of a term (decide/reviews.rs).
        if let SupplementChange::Reviewed = change {
            if cite {
                self.supplements
                    .entry(item.id.clone())
                    .or_default()
                    .reviews
                    .push((date, event.id.clone(), PartyId(event.actor.clone())));
            }
            return Ok(());
        }
        let id = || {
            if cite {
                vec![event.id.clone()]
            } else {
                Vec::new()
            }
        };
        // A term is as the text in force on its first day writes it (spec 9.13): a start's on its `from`, a
        // renewal's on the day after the old term's last.
        let first_day = match &change {
            SupplementChange::Started { from, .. } => Some(*from),
            SupplementChange::Renewed => self.supplements.get(&item.id).and_then(|s| s.ends),
            _ => None,
        };
        let Some(term) = first_day.map_or(item.term, |day| self.term_on(item, day)) else {
            return Err(event.refusal(RefusalKind::Supplement, format!("`{name}` has no term")));
        };
        let state = self.supplements.entry(item.id.clone()).or_default();
        let running = state.term_end().is_some_and(|end| date < end);
        match change {
            SupplementChange::Started { from, amount, own } => {
                if running {
                    return Err(event.refusal(
                        RefusalKind::Supplement,
                        format!(
                            "`{name}` is already running, until {}",
                            state
                                .term_end()
                                .map(day_before)
                                .map_or_else(String::new, cvl_check::horizon::shown)
                        ),
                    ));
                }
                // A day is paid at most once: a new term starts after the lapsed one ends.
                if let Some(lapsed) = state.term_end()
                    && from < lapsed
                {
                    return Err(event.refusal(RefusalKind::Supplement, format!(
                        "`{name}` was paid through {}, the last day of its lapsed term, so a new start from {from} would pay those days twice: start it from {lapsed} or later",
                        day_before(lapsed)
                    )));
                }
                let end = add_duration(from, term.amount, term.calendar).ok_or_else(|| {
                    event.refusal(
                        RefusalKind::Limit,
                        "the term's end falls outside the calendar",
                    )
                })?;
                if !cite {
                    state.segments.clear();
                }
                state.segments.push(Segment {
                    from,
                    to: day_before(end),
                    amount,
                    own,
                    events: id(),
                    renewed: Vec::new(),
                });
                state.ends = Some(end);
                if cite {
                    state.term_ends.push(day_before(end));
                }
            }
            SupplementChange::Adjusted { from, amount, own } => {
                let end = state.term_end();
                let (Some(last), Some(end)) = (state.segments.last_mut(), end) else {
                    return Err(event.refusal(
                        RefusalKind::Supplement,
                        format!("`{name}` has not been started"),
                    ));
                };
                if from < last.from || from >= end {
                    return Err(event.refusal(RefusalKind::Supplement, format!(
                        "`{name}` runs from {} until {}; an adjustment from {from} falls outside that",
                        last.from,
                        day_before(end)
                    )));
                }
                let to = last.to;
                last.to = day_before(from);
                // The new amount's days come from the term's start (and later renewals), its amount from this
                // event: it cites those, not every earlier adjustment again, so the ids kept grow linearly. A state
                // that does not cite keeps the current segment only.
                let mut events: Vec<String> = last.events.first().cloned().into_iter().collect();
                events.extend(id());
                // The renewals whose terms hold the new amount's days go with them: the one in force on `from`
                // and every later one (spec 9.5); the earlier segment keeps those of its own days.
                let split = last
                    .renewed
                    .partition_point(|(adds, _)| *adds <= from)
                    .saturating_sub(1);
                let renewed = last.renewed.get(split..).unwrap_or_default().to_vec();
                last.renewed.retain(|(adds, _)| *adds <= last.to);
                if last.to < last.from || !cite {
                    state.segments.pop();
                }
                state.segments.push(Segment {
                    from,
                    to,
                    amount,
                    own,
                    events,
                    renewed,
                });
            }
            SupplementChange::Renewed | SupplementChange::Reviewed => {
                let Some(end) = state.term_end() else {
                    return Err(event.refusal(
                        RefusalKind::Supplement,
                        format!("`{name}` has not been started"),
                    ));
                };
                if date >= end {
                    return Err(event.refusal(RefusalKind::Supplement, format!(
                        "`{name}` lapsed on {}: renew it before its term ends, or start it again",
                        day_before(end)
                    )));
                }
                let new_end = add_duration(end, term.amount, term.calendar).ok_or_else(|| {
                    event.refusal(
                        RefusalKind::Limit,
                        "the term's end falls outside the calendar",
                    )
                })?;
                if let Some(last) = state.segments.last_mut() {
                    last.to = day_before(new_end);
                    if cite {
                        last.renewed.push((end, event.id.clone()));
                    }
                }
                state.ends = Some(new_end);
                if cite {
                    state.term_ends.push(day_before(new_end));
                }
            }
        }
        Ok(())
    }
}

/// The entry of `day` in `days` (in order of their days), made if missing: the last one and a new last one are
/// found without a search.
fn day_entry(
    days: &mut Vec<(NaiveDate, (Decimal, Decimal))>,
    day: NaiveDate,
) -> Option<&mut (Decimal, Decimal)> {
    let found = match days.last() {
        Some((last, _)) if *last == day => Ok(days.len() - 1),
        Some((last, _)) if *last > day => days.binary_search_by_key(&day, |(d, _)| *d),
        _ => Err(days.len()),
    };
    let at = found.unwrap_or_else(|at| {
        days.insert(at, (day, Default::default()));
        at
    });
    days.get_mut(at).map(|(_, hours)| hours)
}

/// Whether `item` is paid by the hour: an item, never a supplement (the checker refuses a supplement per hour,
/// E0019, spec 4.9), so hours events naming a supplement are refused.
pub(crate) fn is_hourly(item: &Item) -> bool {
    item.kind == ItemKind::Item && item.rate.as_ref().is_some_and(|r| r.per == Per::Hour)
}

/// Parties who may each act alone, as a message lists them: `a`, `a or b`.
pub(crate) fn names_or(parties: &[PartyId]) -> String {
    let quoted: Vec<String> = parties.iter().map(|p| format!("`{}`", p.0)).collect();
    match quoted.split_last() {
        None => "no party".to_string(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// Parties as a message lists them, in the language it is shown in: `a`, `a and b` (`a og b`).
pub(crate) fn names_text(parties: &[PartyId]) -> cvl_syntax::Text {
    let quoted: Vec<String> = parties.iter().map(|p| format!("`{}`", p.0)).collect();
    match quoted.split_last() {
        None => cvl_syntax::text!("eval-no-party"),
        Some((last, [])) => cvl_syntax::text!("eval-year", year = last.as_str()),
        Some((last, rest)) => {
            cvl_syntax::text!("eval-and", first = rest.join(", "), last = last.as_str())
        }
    }
}

/// Parties as a message lists them: `a`, `a and b`.
pub(crate) fn names(parties: &[PartyId]) -> String {
    let quoted: Vec<String> = parties.iter().map(|p| format!("`{}`", p.0)).collect();
    match quoted.split_last() {
        None => "no party".to_string(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}
