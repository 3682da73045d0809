//! The clock rule of appending: no entry is signed into a log dated more than one day after the machine's clock.
//!
//! Entries must be in the order they happened, so one entry dated far ahead (9999-12-31) would stop every party
//! from appending anything dated earlier: the pending termination could never be co-signed. A day of slack allows
//! for time zones and clocks a little ahead. The rule applies where an entry is signed (`cvl log append`), not when
//! a log is verified or evaluated later, when the clock has moved on (spec 10.4).

use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, NaiveDateTime, TimeDelta};

use cvl_event::{Event, Refusal, RefusalKind};

/// How far ahead of the clock an entry may be dated.
pub const SLACK: TimeDelta = TimeDelta::days(1);

/// The machine's clock, in UTC; the start of 1970 if it cannot be read.
pub fn now() -> NaiveDateTime {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    DateTime::from_timestamp(seconds, 0)
        .unwrap_or(DateTime::UNIX_EPOCH)
        .naive_utc()
}

/// Refuses `event` if it is dated more than one day after `now` (a date alone counts as the start of its day).
pub fn not_ahead(event: &Event, now: NaiveDateTime) -> Result<(), Refusal> {
    let (date, time) = event.at.key();
    let latest = now.checked_add_signed(SLACK).unwrap_or(NaiveDateTime::MAX);
    if date.and_time(time) > latest {
        return Err(event.refusal(RefusalKind::Clock, format!(
            "dated {}, more than a day after this machine's clock ({}): an entry is signed when it happens, not ahead",
            event.at,
            now.format("%Y-%m-%dT%H:%M:%SZ")
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(at: &str) -> Event {
        Event::parse(
            3,
            &format!(r#"{{"id":"r","at":"{at}","kind":"report","actor":"home","data":{{}}}}"#),
        )
        .unwrap()
    }

    fn clock(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S").unwrap()
    }

    #[test]
    fn an_entry_may_be_dated_up_to_a_day_after_the_clock() {
        let now = clock("2024-05-01T10:00:00");
        for at in [
            "2019-01-10",
            "2024-05-01",
            "2024-05-02",
            "2024-05-02T10:00:00Z",
        ] {
            assert!(not_ahead(&event(at), now).is_ok(), "{at}");
        }
    }

    #[test]
    fn an_entry_dated_further_ahead_is_refused() {
        let now = clock("2024-05-01T10:00:00");
        let refusal = not_ahead(&event("2024-05-02T10:00:01Z"), now).unwrap_err();
        assert_eq!(refusal.kind, RefusalKind::Clock);
        assert_eq!(
            refusal.to_string(),
            "line 3 (event `r`): dated 2024-05-02T10:00:01Z, more than a day after this machine's clock (2024-05-01T10:00:00Z): an entry is signed when it happens, not ahead"
        );
        assert!(not_ahead(&event("2024-05-03"), now).is_err());
        assert!(not_ahead(&event("9999-12-31"), now).is_err());
        // A clock at the end of time refuses nothing, rather than overflowing.
        assert!(not_ahead(&event("9999-12-31"), NaiveDateTime::MAX).is_ok());
    }

    #[test]
    fn the_clock_reads_a_date_after_this_code_was_written() {
        assert!(now() > clock("2024-01-01T00:00:00"));
    }
}
