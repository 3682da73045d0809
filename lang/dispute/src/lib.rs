//! CVL's reconciliation of a decision against the payments made (spec 9.11) and the interest on what is paid late
//! (spec 9.12), on top of cvl-eval: per payee and month, what was decided, what was paid and when, what is still
//! outstanding or was overpaid, and when it fell due; and, as of the date decided, the interest on each amount paid
//! late or still outstanding, at the Interest Act's rate (the reference rates the user keeps, rates.rs, plus 8
//! percentage points, never below 0) or the contract's own. Payments are spread in the order of their dates
//! (ties in the log's order); what is unpaid is either fallen due (owed, with interest) or not yet due (no
//! interest); nothing is counted past the date reconciled as of, itself never past the evaluation's reach
//! ([`as_of`]). Everything is exact: no floats, one rounding to the øre per amount.

pub mod rates;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use cvl_check::model::{Contract, PartyId};
use cvl_eval::{Decision, Month, due_date, round_money};

pub use rates::{Rates, RatesError};

/// The Interest Act's margin over the reference rate, in percentage points a year (renteloven § 5, stk. 1).
pub const INTEREST_ACT_MARGIN: Decimal = Decimal::from_parts(8, 0, 0, false, 0);

/// Days in the year interest is counted over.
pub const DAYS_IN_YEAR: u32 = 365;

/// The rate interest is counted at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis<'r> {
    /// The contract's own rate (`interest P % per year`), in percent a year.
    Contract(Decimal),
    /// The Interest Act's: each half-year's reference rate plus [`INTEREST_ACT_MARGIN`].
    InterestAct(&'r Rates),
    /// No rate is known: no interest is counted.
    None,
}

/// Part of a month's payment and how it stands: paid on a date by an event, owed (fallen due and unpaid), or
/// not yet due (unpaid, its due date after the date reconciled as of).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub amount: Decimal,
    /// The day it was paid, `None` while it is unpaid.
    pub paid_on: Option<NaiveDate>,
    /// The `paid` event, when paid.
    pub event: Option<String>,
    /// Unpaid and not yet due as of the date reconciled: it bears no interest and is not owed yet.
    pub not_yet_due: bool,
    /// The days interest runs on it: after the due date, through the day it was paid or the date decided as of.
    pub days: u32,
    /// Its interest, rounded to the øre once; `None` when no rate is known or it is not yet due.
    pub interest: Option<Decimal>,
}

/// One payee's month: decided, paid, outstanding or overpaid, when it fell due, and the interest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthAccount {
    pub month: Month,
    /// The payment's total: lines less withheld plus released.
    pub decided: Decimal,
    pub paid: Decimal,
    /// Unpaid and fallen due (its due date on or before the date reconciled as of): owed.
    pub outstanding: Decimal,
    /// Unpaid and not yet due: kept apart from what is owed, no interest.
    pub not_yet_due: Decimal,
    /// Paid beyond what the month decides (kept against the last month a payment names).
    pub overpaid: Decimal,
    pub due: NaiveDate,
    /// What was paid of it, in the order of the payments' dates, then what is unpaid.
    pub parts: Vec<Part>,
    /// The sum of its parts' interest.
    pub interest: Option<Decimal>,
}

/// An unpaid amount of one month, with the day it fell (or falls) due.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tranche {
    pub month: Month,
    pub amount: Decimal,
    pub due: NaiveDate,
    /// Its interest as of the date reconciled; `None` when no rate is known or it is not yet due.
    pub interest: Option<Decimal>,
}

/// One payee's account and its totals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PayeeAccount {
    pub payee: PartyId,
    pub months: Vec<MonthAccount>,
    pub decided: Decimal,
    pub paid: Decimal,
    /// Owed: unpaid and fallen due.
    pub outstanding: Decimal,
    /// Unpaid and not yet due.
    pub not_yet_due: Decimal,
    pub overpaid: Decimal,
    /// All interest: on what was paid late and on what is outstanding.
    pub interest: Option<Decimal>,
    /// What is owed, month by month, each from its due date: the claim's tranches.
    pub tranches: Vec<Tranche>,
    /// What is unpaid and not yet due, month by month, with the day each falls due.
    pub upcoming: Vec<Tranche>,
}

/// How interest is counted: the rate (the contract's, the Interest Act's, or none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rate {
    /// The contract's own, in percent a year.
    Contract(Decimal),
    /// The Interest Act's, with where the reference rates come from (the rates file's `source`).
    InterestAct { source: String },
    /// No rate is known.
    None,
}

/// The reconciliation of a decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reconciliation {
    /// The date interest is counted to: `--until`, or as the log stands (the date decided as of, or the last
    /// payment's); never after the evaluation's reach ([`as_of`]).
    pub as_of: NaiveDate,
    /// The rate, in words: `the contract's own rate of 10 % a year`.
    pub basis: String,
    /// The rate, for a reader that words it itself (the report, in Danish or English).
    pub rate: Rate,
    /// The half-years (their first days) on which interest ran at the Interest Act's rate and the reference
    /// rate plus 8 points was below 0: the rate was 0 on them (spec 9.12).
    pub floored: Vec<NaiveDate>,
    pub payees: Vec<PayeeAccount>,
}

/// The date to reconcile `decision` as of, given `--until` (`None`: as the log stands): `until`; else the date
/// decided as of, or the last payment's date when later (payments go on after a contract ends). Never after the
/// evaluation's reach (spec 9.3): the one bound for what is paid, owed and the interest. `None` when nothing was
/// decided as of any date.
pub fn as_of(decision: &Decision, until: Option<NaiveDate>) -> Option<NaiveDate> {
    let date = match until {
        Some(until) => until,
        None => decision
            .payments_made
            .iter()
            .map(|p| p.date)
            .fold(decision.until?, NaiveDate::max),
    };
    Some(decision.reach.map_or(date, |reach| date.min(reach)))
}

/// Why interest cannot be counted: a day it runs on has no reference rate in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoRate {
    pub half_year: NaiveDate,
}

impl std::fmt::Display for NoRate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the rates file gives no reference rate for the half-year from {}, on which interest runs",
            self.half_year
        )
    }
}

/// Reconciles `decision` (of `contract`) against its payments made, counting interest to `as_of` at `basis`.
/// `as_of` is cut back to the evaluation's reach if it is later; a payment dated after it is not counted (it was
/// not made as of that date).
pub fn reconcile(
    contract: &Contract,
    decision: &Decision,
    as_of: NaiveDate,
    basis: Basis<'_>,
) -> Result<Reconciliation, NoRate> {
    let as_of = decision.reach.map_or(as_of, |reach| as_of.min(reach));
    let mut floored = BTreeSet::new();
    let mut payees: Vec<PayeeAccount> = Vec::new();
    for party in &contract.parties {
        let mut months: Vec<MonthAccount> = decision
            .payments
            .iter()
            .filter(|p| p.payee == party.id)
            .map(|p| MonthAccount {
                month: p.period,
                decided: p.total,
                paid: Decimal::ZERO,
                outstanding: p.total,
                not_yet_due: Decimal::ZERO,
                overpaid: Decimal::ZERO,
                due: due_date(contract, p.period),
                parts: Vec::new(),
                interest: None,
            })
            .collect();
        // By the day paid, ties in the log's order (a stable sort): money paid first pays first, whatever order the
        // log recorded it in, so that a payment made on time is never counted as paying late.
        let mut made: Vec<_> = decision
            .payments_made
            .iter()
            .filter(|m| m.payee == party.id && m.date <= as_of)
            .collect();
        made.sort_by_key(|m| m.date);
        if months.is_empty() && made.is_empty() {
            continue;
        }
        for payment in made {
            let mut left = payment.amount;
            for month in &payment.months {
                // The months are in order (the decision's, and each inserted in its place): found by halving.
                let index = match months.binary_search_by_key(month, |m| m.month) {
                    Ok(i) => i,
                    Err(i) => {
                        months.insert(i, empty(contract, *month));
                        i
                    }
                };
                let Some(account) = months.get_mut(index) else {
                    continue;
                };
                let take = left.min(account.outstanding).max(Decimal::ZERO);
                if take > Decimal::ZERO {
                    account.paid += take;
                    account.outstanding -= take;
                    account.parts.push(Part {
                        amount: take,
                        paid_on: Some(payment.date),
                        event: Some(payment.event.clone()),
                        not_yet_due: false,
                        days: 0,
                        interest: None,
                    });
                    left -= take;
                }
                if Some(month) == payment.months.last() && left > Decimal::ZERO {
                    account.paid += left;
                    account.overpaid += left;
                    left = Decimal::ZERO;
                }
            }
        }
        for account in &mut months {
            // What is unpaid has fallen due on its due date (and is owed from then), or is not yet due.
            let not_yet_due = account.due > as_of;
            if account.outstanding > Decimal::ZERO {
                account.parts.push(Part {
                    amount: account.outstanding,
                    paid_on: None,
                    event: None,
                    not_yet_due,
                    days: 0,
                    interest: None,
                });
                if not_yet_due {
                    account.not_yet_due = account.outstanding;
                    account.outstanding = Decimal::ZERO;
                }
            }
            let mut sum = Some(Decimal::ZERO);
            for part in account.parts.iter_mut().filter(|p| !p.not_yet_due) {
                // A part paid is counted through its day; one outstanding through the date reconciled as of.
                let end = part.paid_on.unwrap_or(as_of).min(as_of);
                let (days, interest) = count(part.amount, account.due, end, basis, &mut floored)?;
                part.days = days;
                part.interest = interest;
                sum = sum.zip(interest).map(|(a, b)| a + b);
            }
            account.interest = sum.filter(|_| !matches!(basis, Basis::None));
        }
        let total = |f: fn(&MonthAccount) -> Decimal| months.iter().map(f).sum::<Decimal>();
        let (decided, paid) = (total(|m| m.decided), total(|m| m.paid));
        let (outstanding, not_yet_due) = (total(|m| m.outstanding), total(|m| m.not_yet_due));
        let overpaid = total(|m| m.overpaid);
        let interest = if matches!(basis, Basis::None) {
            None
        } else {
            Some(months.iter().filter_map(|m| m.interest).sum())
        };
        let unpaid = |m: &MonthAccount, amount: Decimal| Tranche {
            month: m.month,
            amount,
            due: m.due,
            interest: m
                .parts
                .last()
                .filter(|p| p.paid_on.is_none())
                .and_then(|p| p.interest),
        };
        let tranches = months
            .iter()
            .filter(|m| m.outstanding > Decimal::ZERO)
            .map(|m| unpaid(m, m.outstanding))
            .collect();
        let upcoming = months
            .iter()
            .filter(|m| m.not_yet_due > Decimal::ZERO)
            .map(|m| unpaid(m, m.not_yet_due))
            .collect();
        payees.push(PayeeAccount {
            payee: party.id.clone(),
            months,
            decided,
            paid,
            outstanding,
            not_yet_due,
            overpaid,
            interest,
            tranches,
            upcoming,
        });
    }
    Ok(Reconciliation {
        as_of,
        basis: describe(basis),
        rate: match basis {
            Basis::Contract(p) => Rate::Contract(p),
            Basis::InterestAct(rates) => Rate::InterestAct {
                source: rates.source.clone(),
            },
            Basis::None => Rate::None,
        },
        floored: floored.into_iter().collect(),
        payees,
    })
}

fn empty(contract: &Contract, month: Month) -> MonthAccount {
    MonthAccount {
        month,
        decided: Decimal::ZERO,
        paid: Decimal::ZERO,
        outstanding: Decimal::ZERO,
        not_yet_due: Decimal::ZERO,
        overpaid: Decimal::ZERO,
        due: due_date(contract, month),
        parts: Vec::new(),
        interest: None,
    }
}

fn describe(basis: Basis<'_>) -> String {
    match basis {
        Basis::Contract(p) => format!("the contract's own rate of {} % a year", p.normalize()),
        Basis::InterestAct(rates) => format!(
            "the Interest Act's: the reference rate plus 8 percentage points a year, never below 0 (rates: {})",
            rates.source
        ),
        Basis::None => "no rate: give --rates FILE for the Interest Act's".to_string(),
    }
}

/// The days interest runs on `amount` due on `due` and paid (or counted) to `end`: each day after `due`
/// through `end`; and the interest, `amount × Σ(days × percent) / (100 × 365)`, rounded once to the øre. The
/// Interest Act's percent for a half-year is its reference rate plus 8 points, and 0 when that is below 0: the
/// Act's rate compensates the creditor, it never credits a late payer.
pub fn interest(
    amount: Decimal,
    due: NaiveDate,
    end: NaiveDate,
    basis: Basis<'_>,
) -> Result<(u32, Option<Decimal>), NoRate> {
    count(amount, due, end, basis, &mut BTreeSet::new())
}

/// [`interest`], adding to `floored` each half-year whose rate was floored at 0 on a day counted.
fn count(
    amount: Decimal,
    due: NaiveDate,
    end: NaiveDate,
    basis: Basis<'_>,
    floored: &mut BTreeSet<NaiveDate>,
) -> Result<(u32, Option<Decimal>), NoRate> {
    if end <= due {
        return Ok((
            0,
            if matches!(basis, Basis::None) {
                None
            } else {
                Some(Decimal::ZERO)
            },
        ));
    }
    let days = u32::try_from((end - due).num_days()).unwrap_or(0);
    let day_percent = match basis {
        Basis::None => return Ok((days, None)),
        Basis::Contract(p) => p * Decimal::from(days),
        Basis::InterestAct(rates) => {
            // Day by half-year: the days after `due` through `end`, split at each 1 January and 1 July.
            let mut sum = Decimal::ZERO;
            let mut from = due.succ_opt().unwrap_or(due);
            while from <= end {
                let Some(half) = rates::half_year_of(from) else {
                    break;
                };
                let next = rates::next_half_year(half).unwrap_or(end);
                let to = end.min(next.pred_opt().unwrap_or(end));
                let Some(reference) = rates.for_half_year(half) else {
                    return Err(NoRate { half_year: half });
                };
                let n = (to - from).num_days() + 1;
                let percent = reference + INTEREST_ACT_MARGIN;
                if percent < Decimal::ZERO {
                    floored.insert(half);
                }
                sum += percent.max(Decimal::ZERO) * Decimal::from(n);
                if to >= end {
                    break;
                }
                from = next;
            }
            sum
        }
    };
    let year = Decimal::from(100 * DAYS_IN_YEAR);
    // Exact until the one division; a product beyond the decimal type divides first (28 digits still).
    let exact = match amount.checked_mul(day_percent) {
        Some(product) => product / year,
        None => amount.saturating_mul(day_percent / year),
    };
    Ok((days, Some(round_money(exact))))
}

#[cfg(test)]
mod tests;
