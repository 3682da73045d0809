//! The reference rates the user keeps: a file with its source and, for each half-year, the central bank's rate in
//! force on its first day (1 January or 1 July), read by `cvl eval --rates FILE` (spec 9.12). The file is a small
//! subset of TOML, read line by line so that a refusal names its line:
//!
//! ```toml
//! source = "Danmarks Nationalbank, udlånsrente"
//! [[rate]]
//! from = 2019-01-01
//! percent = "0.05"
//! ```

use std::fmt;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// The reference rates, one per half-year, in date order, each half-year after the one before.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rates {
    /// Where the figures come from, as the file says.
    pub source: String,
    /// The first day of each half-year and the rate in force on it, in percent a year.
    pub rates: Vec<(NaiveDate, Decimal)>,
}

/// Why a file of rates is refused: the line (counted from 1, 0 for the file as a whole) and the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RatesError {
    pub line: usize,
    pub reason: String,
}

impl fmt::Display for RatesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            f.write_str(&self.reason)
        } else {
            write!(f, "line {}: {}", self.line, self.reason)
        }
    }
}

/// The most a reference rate may be, in percent a year.
const MAX_PERCENT: Decimal = Decimal::ONE_HUNDRED;

fn error(line: usize, reason: impl Into<String>) -> RatesError {
    RatesError {
        line,
        reason: reason.into(),
    }
}

/// The first day of the half-year after the one starting on `from`.
pub fn next_half_year(from: NaiveDate) -> Option<NaiveDate> {
    if from.month() < 7 {
        NaiveDate::from_ymd_opt(from.year(), 7, 1)
    } else {
        NaiveDate::from_ymd_opt(from.year().checked_add(1)?, 1, 1)
    }
}

/// The first day of the half-year `date` falls in: its 1 January or 1 July.
pub fn half_year_of(date: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(date.year(), if date.month() < 7 { 1 } else { 7 }, 1)
}

impl Rates {
    /// Reads a file of rates.
    pub fn parse(text: &str) -> Result<Rates, RatesError> {
        let mut source: Option<String> = None;
        // Each `[[rate]]`: its line, `from` and `percent` as read so far.
        let mut entries: Vec<(usize, Option<NaiveDate>, Option<Decimal>)> = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            let number = index + 1;
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line == "[[rate]]" {
                entries.push((number, None, None));
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                return Err(error(
                    number,
                    format!(
                        "`{line}` is not `[[rate]]`, `source = \"…\"`, `from = YYYY-MM-DD` or `percent = \"0.05\"`"
                    ),
                ));
            };
            let (key, value) = (key.trim(), value.trim());
            let quoted = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .filter(|v| !v.contains('"') && !v.contains('\\'));
            match (key, entries.last_mut()) {
                ("source", None) => {
                    let Some(text) = quoted.filter(|t| !t.trim().is_empty()) else {
                        return Err(error(
                            number,
                            "`source` must be a non-empty string in double quotes: where the figures come from",
                        ));
                    };
                    if source.is_some() {
                        return Err(error(number, "`source` is given twice"));
                    }
                    source = Some(text.to_string());
                }
                ("from", Some((_, from, _))) => {
                    let date = NaiveDate::parse_from_str(value, "%Y-%m-%d")
                        .ok()
                        .filter(|d| d.format("%Y-%m-%d").to_string() == value);
                    let Some(date) = date else {
                        return Err(error(
                            number,
                            format!("`from` is `{value}`, which is not a date (`2019-01-01`)"),
                        ));
                    };
                    if date.day() != 1 || !matches!(date.month(), 1 | 7) {
                        return Err(error(
                            number,
                            format!(
                                "`from` is {date}: a reference rate is the one in force on 1 January or 1 July, and applies for the half-year from it"
                            ),
                        ));
                    }
                    if from.replace(date).is_some() {
                        return Err(error(number, "`from` is given twice in one `[[rate]]`"));
                    }
                }
                ("percent", Some((_, _, percent))) => {
                    let read = quoted.and_then(|t| {
                        let ok = !t.is_empty()
                            && t.bytes()
                                .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
                            && !t.starts_with('.')
                            && !t.ends_with('.');
                        if ok {
                            Decimal::from_str_exact(t).ok()
                        } else {
                            None
                        }
                    });
                    let Some(rate) = read.filter(|r| r.abs() <= MAX_PERCENT && r.scale() <= 4)
                    else {
                        return Err(error(
                            number,
                            format!(
                                "`percent` is `{value}`: write the rate in percent a year as a decimal in double quotes, from -100 to 100 with at most 4 decimals (`\"0.05\"`)"
                            ),
                        ));
                    };
                    if percent.replace(rate).is_some() {
                        return Err(error(number, "`percent` is given twice in one `[[rate]]`"));
                    }
                }
                ("source", Some(_)) => {
                    return Err(error(
                        number,
                        "`source` belongs before the first `[[rate]]`",
                    ));
                }
                ("from" | "percent", None) => {
                    return Err(error(number, format!("`{key}` belongs in a `[[rate]]`")));
                }
                (other, _) => {
                    return Err(error(
                        number,
                        format!(
                            "unknown key `{other}`: the file has `source`, and each `[[rate]]` has `from` and `percent`"
                        ),
                    ));
                }
            }
        }
        let Some(source) = source else {
            return Err(error(
                0,
                "the file does not say where its figures come from: give `source = \"…\"` first",
            ));
        };
        let mut rates: Vec<(NaiveDate, Decimal)> = Vec::with_capacity(entries.len());
        for (line, from, percent) in entries {
            let (Some(from), Some(percent)) = (from, percent) else {
                return Err(error(
                    line,
                    "this `[[rate]]` needs both `from` and `percent`",
                ));
            };
            if let Some((before, _)) = rates.last() {
                if from <= *before {
                    return Err(error(
                        line,
                        format!(
                            "the rate from {from} is not in date order: it follows the rate from {before}"
                        ),
                    ));
                }
                let expected = next_half_year(*before);
                if expected != Some(from) {
                    let gap = expected.map_or_else(String::new, |d| d.to_string());
                    return Err(error(
                        line,
                        format!(
                            "no rate is given for the half-year from {gap}: the rate from {before} is followed by one from {from}"
                        ),
                    ));
                }
            }
            rates.push((from, percent));
        }
        if rates.is_empty() {
            return Err(error(0, "the file gives no `[[rate]]`"));
        }
        Ok(Rates { source, rates })
    }

    /// The reference rate for the half-year that starts on `from`, if the file gives it.
    pub fn for_half_year(&self, from: NaiveDate) -> Option<Decimal> {
        self.rates
            .binary_search_by_key(&from, |(d, _)| *d)
            .ok()
            .and_then(|i| self.rates.get(i))
            .map(|(_, r)| *r)
    }
}
