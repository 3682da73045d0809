//! The checked contract: what a contract says, with names resolved and values computed.
//!
//! This is what evaluation reads. Everything in it has passed the checker: parties named in it exist, amounts
//! are rates of money, durations are durations. Fields the contract left out are `None`; the checker has already
//! reported the ones that are required. Every part keeps the span of the text it came from, so that a decision
//! can cite its clause.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use cvl_syntax::Span;
use cvl_syntax::ast::Consequence;

use crate::types::{Calendar, Per};

/// A party's name as the contract declares it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartyId(pub String);

/// The name of an item, a supplement or an obligation.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TermId(pub String);

/// A length of time, counted in days or in months.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Duration {
    pub amount: Decimal,
    pub calendar: Calendar,
}

/// An amount of money per unit of time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MoneyRate {
    pub amount: Decimal,
    pub currency: String,
    pub per: Per,
}

/// The roles a party can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Payer,
    Provider,
    Citizen,
    Consultant,
}

impl Role {
    pub const ALL: &'static [(&'static str, Role)] = &[
        ("citizen", Role::Citizen),
        ("consultant", Role::Consultant),
        ("payer", Role::Payer),
        ("provider", Role::Provider),
    ];

    pub fn from_name(name: &str) -> Option<Role> {
        Role::ALL.iter().find(|(n, _)| *n == name).map(|(_, r)| *r)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: &'static [(&'static str, Weekday)] = &[
        ("monday", Weekday::Monday),
        ("tuesday", Weekday::Tuesday),
        ("wednesday", Weekday::Wednesday),
        ("thursday", Weekday::Thursday),
        ("friday", Weekday::Friday),
        ("saturday", Weekday::Saturday),
        ("sunday", Weekday::Sunday),
    ];

    pub fn from_name(name: &str) -> Option<Weekday> {
        Weekday::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, w)| *w)
    }

    pub fn name(self) -> &'static str {
        Weekday::ALL
            .iter()
            .find(|(_, w)| *w == self)
            .map_or("", |(n, _)| *n)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Party {
    pub id: PartyId,
    pub title: Option<String>,
    pub role: Option<Role>,
    pub key: Option<String>,
    /// Where the key is written.
    pub key_span: Option<Span>,
    /// The party's number in the Danish business register (CVR): 8 digits with a valid check digit, as written.
    pub cvr: Option<String>,
    /// Where the CVR number is written.
    pub cvr_span: Option<Span>,
    pub span: Span,
}

/// When the contract (or an item) starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Start {
    On(NaiveDate),
    /// When an event of this kind happens.
    When(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum End {
    On(NaiveDate),
    After(Duration),
    When(String),
}

/// Whether a payment term is fixed by the contract or a supplement started and adjusted by events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    Item,
    Supplement,
}

/// A payment term: an item or a supplement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub id: TermId,
    pub kind: ItemKind,
    pub title: Option<String>,
    pub payee: Option<PartyId>,
    pub rate: Option<MoneyRate>,
    /// The span of the `pay` statement: the clause an amount cites.
    pub pay_span: Option<Span>,
    /// `for the first …`, counted from the item's own start when it has one, else from the contract's.
    pub first: Option<Duration>,
    pub starts: Option<NaiveDate>,
    pub ends: Option<NaiveDate>,
    /// `cap 10 hours per month`: the most hours paid in one month.
    pub cap: Option<Decimal>,
    pub confirmed_by: Vec<PartyId>,
    pub adjustable_by: Vec<PartyId>,
    pub term: Option<Duration>,
    pub review_by: Vec<PartyId>,
    /// `covers "board and lodging", …`: what the item's price covers, each as written (trimmed), in order.
    pub covers: Vec<Covered>,
    /// `reimburse to …`: the item pays approved expenses, up to a limit, instead of a rate. Its payee is in
    /// `payee`, its `reimburse` statement in `pay_span`, and `rate` is `None`.
    pub reimburse: Option<Reimburse>,
    /// `once on start|DATE` with a `pay` of an amount: the item pays that amount once, in the month of that day.
    /// Its payee is in `payee`, its `pay` statement in `pay_span`, and `rate` is `None`.
    pub once: Option<OneOff>,
    /// `regulated by P % each year from DATE` or `regulated by index NAME …`: the rate rises on that day and on the
    /// same day each year.
    pub regulation: Option<Regulation>,
    pub span: Span,
}

/// A yearly regulation of an item's rate (spec 4.8).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Regulation {
    /// What each rise follows: a fixed percentage, or an index's values.
    pub by: RegulatedBy,
    /// The first day the first rise applies; each later rise applies on this day of a later year (29 February
    /// falls on 28 February in a year without one).
    pub from: NaiveDate,
    /// The `regulated` statement.
    pub span: Span,
}

/// What a yearly regulation follows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegulatedBy {
    /// The rise a year, in percent: above 0, at most 100, at most 4 decimals (`2.5` for 2.5 %).
    Percent(Decimal),
    /// An index, by its name: the rise on the day in year Y is value(Y) / value(Y − 1), the values given by the
    /// payer's `index_value` events (spec 4.8, 9.2).
    Index(String),
}

/// The values of the indexes a rate is regulated by: the value of an index (by its name) for a year, if known.
pub type IndexValue<'a> = &'a dyn Fn(&str, i32) -> Option<Decimal>;

/// Why a rise did not apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotRaised {
    /// An index's values for these years (one or both of Y − 1 and Y) are not known: the rate before stays.
    Missing(Vec<i32>),
    /// The raised rate is past the exact decimal type.
    Beyond,
}

impl Regulation {
    /// The day of rise `year` (0 for the first, on `from`): `from` plus that many years, clamped (spec 4.16).
    pub fn day(&self, year: u32) -> Option<NaiveDate> {
        crate::value::add_duration(
            self.from,
            Decimal::from(year) * Decimal::from(12),
            crate::types::Calendar::Months,
        )
    }

    /// `rate` after the rise on `day`, rounded by the one rounding rule (spec 4.8, 9.4): times (1 + P/100), or
    /// times value(Y) / value(Y − 1) for the year Y of `day` (the product divided, then rounded once).
    pub fn raise(
        &self,
        rate: Decimal,
        day: NaiveDate,
        values: IndexValue<'_>,
    ) -> Result<Decimal, NotRaised> {
        let raised = match &self.by {
            RegulatedBy::Percent(percent) => {
                let factor = Decimal::ONE + *percent / Decimal::ONE_HUNDRED;
                rate.checked_mul(factor)
            }
            RegulatedBy::Index(index) => {
                let year = chrono::Datelike::year(&day);
                let (this, before) = (values(index, year), values(index, year - 1));
                let (Some(this), Some(before)) = (this, before) else {
                    let missing = [(before, year - 1), (this, year)]
                        .into_iter()
                        .filter(|(v, _)| v.is_none())
                        .map(|(_, y)| y)
                        .collect();
                    return Err(NotRaised::Missing(missing));
                };
                rate.checked_mul(this).and_then(|p| p.checked_div(before))
            }
        };
        raised
            .map(crate::value::round_money)
            .ok_or(NotRaised::Beyond)
    }

    /// The rate in force on `day` for an item whose own rate is `base`: raised once for each rise on or before it,
    /// until a rise whose index values are not known (the rate before it stays, and no later rise applies on top
    /// of it); none past the exact decimal type. Rises are yearly and a contract reaches at most 100 years (spec
    /// 7), so for any day a contract pays this takes at most some 100 steps.
    pub fn rate_on(
        &self,
        base: Decimal,
        day: NaiveDate,
        values: IndexValue<'_>,
    ) -> Option<Decimal> {
        let mut rate = base;
        for year in 0u32.. {
            match self.day(year) {
                Some(rise) if rise <= day => match self.raise(rate, rise, values) {
                    Ok(raised) => rate = raised,
                    Err(NotRaised::Missing(_)) => break,
                    Err(NotRaised::Beyond) => return None,
                },
                _ => break,
            }
        }
        Some(rate)
    }
}

/// A one-off payment (spec 4.8): an amount paid once, on the item's first day in force or on a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OneOff {
    /// Not negative and at most the amount limit of spec 7.
    pub amount: Decimal,
    pub currency: String,
    pub on: OnceOn,
    /// The `once` statement.
    pub span: Span,
}

/// The day a one-off payment falls on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnceOn {
    /// `once on start`: the first day the item is in force (its own `starts on`, the contract's start, or its last
    /// signature, whichever is latest).
    Start,
    /// `once on DATE`.
    Date(NaiveDate),
}

/// One thing an item's price covers, as written in `covers` (trimmed), with the span of its string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Covered {
    pub text: String,
    pub span: Span,
}

/// The period a reimbursement limit counts over: a calendar month or a calendar year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LimitPeriod {
    Month,
    Year,
}

impl LimitPeriod {
    pub fn word(self) -> &'static str {
        match self {
            LimitPeriod::Month => "month",
            LimitPeriod::Year => "year",
        }
    }
}

/// A reimbursed item's terms: approved expenses are paid as invoiced, up to `limit` in `currency` per calendar
/// month or year (`per`), or over the whole contract when `per` is `None`, against an approval by one of
/// `approved_by`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reimburse {
    /// More than zero and at most the amount limit of spec 7.
    pub limit: Decimal,
    pub currency: String,
    pub per: Option<LimitPeriod>,
    pub approved_by: Vec<PartyId>,
    /// The span of the `up to` statement.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Obligation {
    pub id: TermId,
    pub title: Option<String>,
    pub by: Vec<PartyId>,
    pub every: Option<Duration>,
    pub on: Option<Weekday>,
    pub lasting: Option<Decimal>,
    pub grace: Option<Duration>,
    pub consequence: Option<Consequence>,
    /// The `when missed …` statement: where the consequence is imposed.
    pub consequence_span: Option<Span>,
    /// `when missed withhold fee, allowance`: the items and supplements whose payments a miss holds, each paid to a
    /// bound party; empty when it holds every payment to the bound party.
    pub withholds: Vec<TermId>,
    /// The `use` statements the obligation was expanded through, the contract's own first and the one in the
    /// clause that declares it last; empty when the contract declares it itself.
    pub uses: Vec<UseSite>,
    pub span: Span,
}

/// A `use` statement a term came through: where it is written, and the clause it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UseSite {
    /// The `use` statement.
    pub span: Span,
    /// The clause as the `use` names it: `care.status_report`.
    pub clause: String,
    /// The clause's definition.
    pub clause_span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Termination {
    /// The parties named: with `signed by`, every one must sign; with `by` (`alone`), any one of them terminates.
    pub signatories: Vec<PartyId>,
    /// `by a` or `by a or b`: one named party's `terminated` event suffices (spec 4.12).
    pub alone: bool,
    pub notice: Option<Duration>,
    /// `notice … to the end of a month`: the notice runs on to the last day of the month it ends in.
    pub notice_to_month_end: bool,
    pub span: Span,
}

/// The contract's own rate of interest on late payment: `interest 10 % per year` (spec 4.19).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interest {
    /// A percentage a year, from 0 to 100 (`10` for 10 %).
    pub percent: Decimal,
    /// The `interest` statement.
    pub span: Span,
}

/// A checked contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contract {
    pub name: String,
    pub title: Option<String>,
    pub case_ref: Option<String>,
    pub parties: Vec<Party>,
    pub signatories: Vec<PartyId>,
    pub start: Option<Start>,
    pub end: Option<End>,
    pub in_arrears: bool,
    /// `due on day N` (1 to 31): the day of the following month each month's payment falls due on; `None` when the
    /// contract names none, and the default of spec 4.7 (the following month's last day) applies.
    pub due_day: Option<u32>,
    /// `interest P % per year`: the contract's own rate of interest on late payment, replacing the Interest Act's.
    pub interest: Option<Interest>,
    pub items: Vec<Item>,
    pub obligations: Vec<Obligation>,
    pub termination: Option<Termination>,
    pub span: Span,
}

impl Contract {
    pub fn party(&self, id: &PartyId) -> Option<&Party> {
        self.parties.iter().find(|p| &p.id == id)
    }

    /// The one currency the contract pays in (spec 2.6: the checker refuses a second, E0056): that of its first
    /// rate, one-off amount or reimbursement limit; `None` when it pays nothing.
    pub fn currency(&self) -> Option<&str> {
        self.items.iter().find_map(|i| {
            i.rate
                .as_ref()
                .map(|r| r.currency.as_str())
                .or(i.once.as_ref().map(|o| o.currency.as_str()))
                .or(i.reimburse.as_ref().map(|r| r.currency.as_str()))
        })
    }
}
