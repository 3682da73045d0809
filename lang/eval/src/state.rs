//! Applying events to a contract, one at a time: what has been signed, started, adjusted, delivered and met.
//!
//! [`State::apply`] checks that an event fits the contract (its kind, its actor's authority, the shape of its
//! data, its date after the one before) and folds it into a state whose size grows with the contract's terms and
//! the months it runs, not with the number of events. An event that does not fit is refused with its line and
//! the reason; the caller then decides nothing.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use cvl_check::model::{Contract, Item, ItemKind, PartyId, Start, TermId};
use cvl_check::types::Per;
use cvl_check::value::add_duration;
use cvl_event::{At, Event, Refusal};

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
    pub events: Vec<String>,
}

/// A running or past supplement.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Supplement {
    /// The amount segments, in order; the last one runs to the current term's end.
    pub segments: Vec<Segment>,
    /// The ends of each term (the day after its last day), in order, with the event that set it.
    pub term_ends: Vec<(NaiveDate, String)>,
}

impl Supplement {
    /// The day after the current term's last day.
    fn term_end(&self) -> Option<NaiveDate> {
        self.term_ends.last().map(|(d, _)| *d)
    }
}

/// Hours delivered and confirmed in one month for an hourly item.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Hours {
    pub reported: Decimal,
    pub confirmed: Decimal,
    pub events: Vec<String>,
}

/// Everything the events have said, so far.
pub(crate) struct State<'c> {
    pub contract: &'c Contract,
    last: Option<(At, usize)>,
    pub signatures: BTreeMap<PartyId, Signed>,
    /// The start, once known: the contract's date, or the date of the event it starts with.
    pub start: Option<NaiveDate>,
    pub start_event: Option<String>,
    pub termination: BTreeMap<PartyId, (Signed, NaiveDate)>,
    /// When every termination signatory has signed: the date of the last signature, the effective end, and the
    /// line of the last signature. Events dated after the effective end are refused.
    pub terminated: Option<(NaiveDate, NaiveDate, usize)>,
    pub supplements: BTreeMap<TermId, Supplement>,
    /// Reviews of supplements: the supplement, the date and the event.
    pub reviews: BTreeMap<TermId, Vec<(NaiveDate, String)>>,
    /// The events that meet each obligation, in order: their date and id.
    pub met: BTreeMap<TermId, Vec<(NaiveDate, String)>>,
    pub hours: BTreeMap<(TermId, Month), Hours>,
}

impl<'c> State<'c> {
    pub fn new(contract: &'c Contract) -> Self {
        let start = match &contract.start {
            Some(Start::On(date)) => Some(*date),
            _ => None,
        };
        State {
            contract,
            last: None,
            signatures: BTreeMap::new(),
            start,
            start_event: None,
            termination: BTreeMap::new(),
            terminated: None,
            supplements: BTreeMap::new(),
            reviews: BTreeMap::new(),
            met: BTreeMap::new(),
            hours: BTreeMap::new(),
        }
    }

    /// Folds one event in, or refuses it.
    pub fn apply(&mut self, event: &Event) -> Result<(), Refusal> {
        if let Some((last, line)) = self.last
            && event.at.key() < last.key()
        {
            return Err(event.refusal(format!(
                "dated {}, before the event on line {line} ({last}): events must be in the order they happened",
                event.at
            )));
        }
        if let Some((_, effective, line)) = self.terminated
            && event.at.date > effective
        {
            return Err(event.refusal(format!(
                "dated after {effective}, when the contract ended by the termination on line {line}"
            )));
        }
        let actor = PartyId(event.actor.clone());
        if self.contract.party(&actor).is_none() {
            return Err(event.refusal(format!("`{}` is not a party of the contract", event.actor)));
        }
        let date = event.at.date;
        match event.kind.as_str() {
            "signed" => self.signed(event, actor, date)?,
            "terminated" => self.terminate(event, actor, date)?,
            "supplement_started"
            | "supplement_adjusted"
            | "supplement_renewed"
            | "supplement_reviewed" => {
                self.supplement(event, &actor, date)?;
            }
            "hours" | "hours_confirmed" => self.hours(event, &actor, date)?,
            kind if matches!(&self.contract.start, Some(Start::When(k)) if k == kind) => {
                event.only(&[])?;
                if self.start.is_some() {
                    return Err(event.refusal("the contract has already started"));
                }
                self.start = Some(date);
                self.start_event = Some(event.id.clone());
            }
            kind => {
                let Some(obligation) = self.contract.obligations.iter().find(|o| o.id.0 == kind)
                else {
                    return Err(event.refusal(format!("unknown kind `{kind}`: {}", self.kinds())));
                };
                if !obligation.by.contains(&actor) {
                    return Err(event.refusal(format!(
                        "`{}` cannot meet `{kind}`: it binds {}",
                        event.actor,
                        names(&obligation.by)
                    )));
                }
                event.only(&[])?;
                self.met
                    .entry(obligation.id.clone())
                    .or_default()
                    .push((date, event.id.clone()));
            }
        }
        self.last = Some((event.at, event.line));
        Ok(())
    }

    /// The event kinds this contract knows, for a refusal's reason.
    fn kinds(&self) -> String {
        let mut kinds: Vec<String> = ["signed", "terminated"]
            .iter()
            .map(|k| format!("`{k}`"))
            .collect();
        if let Some(Start::When(k)) = &self.contract.start {
            kinds.push(format!("`{k}`"));
        }
        if self
            .contract
            .items
            .iter()
            .any(|i| i.kind == ItemKind::Supplement)
        {
            kinds.extend(
                [
                    "supplement_started",
                    "supplement_adjusted",
                    "supplement_renewed",
                    "supplement_reviewed",
                ]
                .iter()
                .map(|k| format!("`{k}`")),
            );
        }
        if self.contract.items.iter().any(is_hourly) {
            kinds.extend(["`hours`".to_string(), "`hours_confirmed`".to_string()]);
        }
        kinds.extend(
            self.contract
                .obligations
                .iter()
                .map(|o| format!("`{}`", o.id.0)),
        );
        format!("this contract knows {}", kinds.join(", "))
    }

    fn signed(&mut self, event: &Event, actor: PartyId, date: NaiveDate) -> Result<(), Refusal> {
        event.only(&[])?;
        if !self.contract.signatories.contains(&actor) {
            return Err(event.refusal(format!(
                "`{}` does not sign this contract: its signatories are {}",
                event.actor,
                names(&self.contract.signatories)
            )));
        }
        if let Some(first) = self.signatures.get(&actor) {
            return Err(event.refusal(format!(
                "`{}` already signed, by event `{}`",
                event.actor, first.event
            )));
        }
        self.signatures.insert(
            actor,
            Signed {
                date,
                event: event.id.clone(),
            },
        );
        Ok(())
    }

    fn terminate(&mut self, event: &Event, actor: PartyId, date: NaiveDate) -> Result<(), Refusal> {
        event.only(&["effective"])?;
        let Some(termination) = &self.contract.termination else {
            return Err(event.refusal("the contract has no termination clause"));
        };
        if !termination.signatories.contains(&actor) {
            return Err(event.refusal(format!(
                "`{}` cannot sign the termination: it is signed by {}",
                event.actor,
                names(&termination.signatories)
            )));
        }
        let effective = event.date("effective")?;
        if effective < date {
            return Err(event.refusal(format!(
                "the effective end {effective} is before the termination is signed"
            )));
        }
        if let Some((first, agreed)) = self.termination.values().next()
            && *agreed != effective
        {
            return Err(event.refusal(format!(
                "the effective end {effective} differs from {agreed}, signed by event `{}`",
                first.event
            )));
        }
        if self.termination.contains_key(&actor) {
            return Err(event.refusal(format!("`{}` already signed the termination", event.actor)));
        }
        self.termination.insert(
            actor,
            (
                Signed {
                    date,
                    event: event.id.clone(),
                },
                effective,
            ),
        );
        if termination
            .signatories
            .iter()
            .all(|p| self.termination.contains_key(p))
        {
            self.terminated = Some((date, effective, event.line));
        }
        Ok(())
    }

    fn supplement(
        &mut self,
        event: &Event,
        actor: &PartyId,
        date: NaiveDate,
    ) -> Result<(), Refusal> {
        let reviewing = event.kind == "supplement_reviewed";
        let fields: &[&str] = match event.kind.as_str() {
            "supplement_started" | "supplement_adjusted" => &["supplement", "amount", "from"],
            _ => &["supplement"],
        };
        event.only(fields)?;
        let name = event.text("supplement")?;
        let Some(item) = self
            .contract
            .items
            .iter()
            .find(|i| i.kind == ItemKind::Supplement && i.id.0 == name)
        else {
            return Err(event.refusal(format!("`{name}` is not a supplement of this contract")));
        };
        let allowed = if reviewing {
            &item.review_by
        } else {
            &item.adjustable_by
        };
        if !allowed.contains(actor) {
            return Err(event.refusal(format!(
                "`{}` may not {} `{name}`: only {} may",
                event.actor,
                if reviewing { "review" } else { "adjust" },
                names(allowed)
            )));
        }
        if reviewing {
            self.reviews
                .entry(item.id.clone())
                .or_default()
                .push((date, event.id.clone()));
            return Ok(());
        }
        let Some(term) = item.term else {
            return Err(event.refusal(format!("`{name}` has no term")));
        };
        let default_amount = item.rate.as_ref().map(|r| r.amount);
        let state = self.supplements.entry(item.id.clone()).or_default();
        let running = state.term_end().is_some_and(|end| date < end);
        match event.kind.as_str() {
            "supplement_started" => {
                let from = event.date("from")?;
                let amount = amount_or(event, default_amount)?;
                if running {
                    return Err(event.refusal(format!(
                        "`{name}` is already running, until {}",
                        state
                            .term_end()
                            .map(day_before)
                            .map_or_else(String::new, |d| d.to_string())
                    )));
                }
                let end = add_duration(from, term.amount, term.calendar)
                    .ok_or_else(|| event.refusal("the term's end falls outside the calendar"))?;
                state.segments.push(Segment {
                    from,
                    to: day_before(end),
                    amount,
                    events: vec![event.id.clone()],
                });
                state.term_ends.push((end, event.id.clone()));
            }
            "supplement_adjusted" => {
                let from = event.date("from")?;
                let amount = amount_or(event, default_amount)?;
                let end = state.term_end();
                let (Some(last), Some(end)) = (state.segments.last_mut(), end) else {
                    return Err(event.refusal(format!("`{name}` has not been started")));
                };
                if from < last.from || from >= end {
                    return Err(event.refusal(format!(
                        "`{name}` runs from {} until {}; an adjustment from {from} falls outside that",
                        last.from,
                        day_before(end)
                    )));
                }
                let to = last.to;
                last.to = day_before(from);
                let mut events = last.events.clone();
                events.push(event.id.clone());
                if last.to < last.from {
                    state.segments.pop();
                }
                state.segments.push(Segment {
                    from,
                    to,
                    amount,
                    events,
                });
            }
            _ => {
                let Some(end) = state.term_end() else {
                    return Err(event.refusal(format!("`{name}` has not been started")));
                };
                if date >= end {
                    return Err(event.refusal(format!(
                        "`{name}` lapsed on {}: renew it before its term ends, or start it again",
                        day_before(end)
                    )));
                }
                let new_end = add_duration(end, term.amount, term.calendar)
                    .ok_or_else(|| event.refusal("the term's end falls outside the calendar"))?;
                if let Some(last) = state.segments.last_mut() {
                    last.to = day_before(new_end);
                    last.events.push(event.id.clone());
                }
                state.term_ends.push((new_end, event.id.clone()));
            }
        }
        Ok(())
    }

    fn hours(&mut self, event: &Event, actor: &PartyId, date: NaiveDate) -> Result<(), Refusal> {
        event.only(&["item", "hours", "date"])?;
        let name = event.text("item")?;
        let Some(item) = self
            .contract
            .items
            .iter()
            .find(|i| i.id.0 == name && is_hourly(i))
        else {
            return Err(event.refusal(format!("`{name}` is not an item paid by the hour")));
        };
        let confirming = event.kind == "hours_confirmed";
        if confirming && !item.confirmed_by.contains(actor) {
            return Err(event.refusal(format!(
                "`{}` cannot confirm hours of `{name}`: {}",
                event.actor,
                if item.confirmed_by.is_empty() {
                    "its hours need no confirmation".to_string()
                } else {
                    format!("they are confirmed by {}", names(&item.confirmed_by))
                }
            )));
        }
        if !confirming && item.payee.as_ref() != Some(actor) {
            return Err(event.refusal(format!(
                "`{}` cannot report hours of `{name}`: they are reported by the party paid for them",
                event.actor
            )));
        }
        let hours = event.decimal("hours")?;
        if hours.is_sign_negative() && !hours.is_zero() {
            return Err(event.refusal("hours cannot be negative"));
        }
        let worked = if event.data.contains_key("date") {
            event.date("date")?
        } else {
            date
        };
        if worked > date {
            return Err(event.refusal(format!(
                "the hours are dated {worked}, after the event itself"
            )));
        }
        let entry = self
            .hours
            .entry((item.id.clone(), Month::of(worked)))
            .or_default();
        if confirming {
            entry.confirmed += hours;
        } else {
            entry.reported += hours;
        }
        entry.events.push(event.id.clone());
        Ok(())
    }
}

fn amount_or(event: &Event, default: Option<Decimal>) -> Result<Decimal, Refusal> {
    let amount = if event.data.contains_key("amount") {
        event.decimal("amount")?
    } else {
        default.ok_or_else(|| event.refusal("`data.amount` is missing"))?
    };
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(event.refusal("a supplement's amount cannot be negative"));
    }
    Ok(amount)
}

/// Whether an item is paid by the hour.
pub(crate) fn is_hourly(item: &Item) -> bool {
    item.rate.as_ref().is_some_and(|r| r.per == Per::Hour)
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
