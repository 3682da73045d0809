//! The days a contract's durations mean, as the evaluator decides them: the first days an item's `for the first`
//! covers, an obligation's due days and their grace, the last day of `ends after`. The evaluator itself decides
//! with these functions (decide/lines.rs, decide/obligations.rs, decide.rs), and the language server's hover
//! (spec 11.4) shows their answers, so that what hover says a duration means is what `cvl eval` decides.

use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;

use cvl_check::model::{Duration, Weekday};
use cvl_check::value::add_duration;

use crate::calendar::day_before;

/// The days `for the first D` covers counted from `base`: `base` to the day before `base + D`. None when the sum
/// is outside the calendar.
pub fn first_days(base: NaiveDate, first: &Duration) -> Option<(NaiveDate, NaiveDate)> {
    add_duration(base, first.amount, first.calendar).map(|after| (base, day_before(after)))
}

/// The last day in force of a contract that starts on `start` and `ends after D`.
pub fn last_day_after(start: NaiveDate, length: &Duration) -> Option<NaiveDate> {
    add_duration(start, length.amount, length.calendar).map(day_before)
}

/// The `k`th due day (from 1) of an obligation `every D [on DAY]` in a contract that started on `start`: `start +
/// k × D`, moved on to the next DAY when there is one. None when it is outside the calendar.
pub fn due_day(
    start: NaiveDate,
    every: &Duration,
    on: Option<Weekday>,
    k: u32,
) -> Option<NaiveDate> {
    let due = every
        .amount
        .checked_mul(Decimal::from(k))
        .and_then(|n| add_duration(start, n, every.calendar))?;
    Some(match on {
        Some(day) => next_weekday(due, day),
        None => due,
    })
}

/// The last day on which an occurrence due on `due` is late rather than missed, with a grace of `grace`.
pub fn grace_end(due: NaiveDate, grace: &Duration) -> NaiveDate {
    crate::withhold::grace_end(due, Some((grace.amount, grace.calendar)))
}

/// `date`, or the first `day` of the week after it.
fn next_weekday(date: NaiveDate, day: Weekday) -> NaiveDate {
    let target = match day {
        Weekday::Monday => chrono::Weekday::Mon,
        Weekday::Tuesday => chrono::Weekday::Tue,
        Weekday::Wednesday => chrono::Weekday::Wed,
        Weekday::Thursday => chrono::Weekday::Thu,
        Weekday::Friday => chrono::Weekday::Fri,
        Weekday::Saturday => chrono::Weekday::Sat,
        Weekday::Sunday => chrono::Weekday::Sun,
    };
    let ahead = (7 + target.num_days_from_monday() - date.weekday().num_days_from_monday()) % 7;
    date.checked_add_days(Days::new(u64::from(ahead)))
        .unwrap_or(date)
}
