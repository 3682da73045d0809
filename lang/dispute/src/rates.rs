//! The reference rates the user keeps: a file with its source and, for each half-year, the central bank's rate in
//! force on its first day (1 January or 1 July), read by `cvl eval --rates FILE` (spec 9.12). The file is TOML, read
//! by the `toml` crate (with the place of every key and value, so that a refusal names its line), holding only:
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

/// The most decimals a reference rate may have, trailing zeros dropped.
const MAX_DECIMALS: u32 = 4;

fn error(line: usize, reason: impl Into<String>) -> RatesError {
    RatesError {
        line,
        reason: reason.into(),
    }
}

fn unknown(line: usize, key: &str) -> RatesError {
    error(
        line,
        format!(
            "unknown key `{}`: the file has `source`, and each `[[rate]]` has `from` and `percent`",
            escaped(key)
        ),
    )
}

fn not_tables(line: usize) -> RatesError {
    error(
        line,
        "`rate` must be written as `[[rate]]` tables, one per half-year, each with `from` and `percent`",
    )
}

/// Text from the file as a message shows it: its control characters escaped.
fn escaped(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            shown.extend(c.escape_debug());
        } else {
            shown.push(c);
        }
    }
    shown
}

/// `from = 2019-01-01`: a TOML date (no time, no offset), the first day of a half-year.
fn read_from(
    line: usize,
    value: &toml::de::DeValue<'_>,
    shown: &str,
) -> Result<NaiveDate, RatesError> {
    let date = match value {
        toml::de::DeValue::Datetime(toml::value::Datetime {
            date: Some(date),
            time: None,
            offset: None,
        }) => NaiveDate::from_ymd_opt(
            i32::from(date.year),
            u32::from(date.month),
            u32::from(date.day),
        ),
        _ => None,
    };
    let Some(date) = date else {
        return Err(error(
            line,
            format!(
                "`from` is `{}`, which is not a date (`2019-01-01`, without quotes)",
                escaped(shown)
            ),
        ));
    };
    if date.day() != 1 || !matches!(date.month(), 1 | 7) {
        return Err(error(
            line,
            format!(
                "`from` is {date}: a reference rate is the one in force on 1 January or 1 July, and applies for the half-year from it"
            ),
        ));
    }
    Ok(date)
}

/// `percent = "0.05"`: a decimal in a string (never a TOML float: read exactly), from -100 to 100, with at most
/// [`MAX_DECIMALS`] decimals once trailing zeros are dropped (`"1.00000"` is 1).
fn read_percent(
    line: usize,
    value: &toml::de::DeValue<'_>,
    shown: &str,
) -> Result<Decimal, RatesError> {
    let read = match value {
        toml::de::DeValue::String(t) => {
            let t = t.trim();
            let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
            let ok = !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && digits.bytes().filter(|b| *b == b'.').count() <= 1
                && !digits.starts_with('.')
                && !digits.ends_with('.');
            if ok {
                Decimal::from_str_exact(t.strip_prefix('+').unwrap_or(t))
                    .ok()
                    .map(|d| d.normalize())
            } else {
                None
            }
        }
        _ => None,
    };
    read.filter(|r| r.abs() <= MAX_PERCENT && r.scale() <= MAX_DECIMALS)
        .ok_or_else(|| {
            error(
                line,
                format!(
                    "`percent` is `{}`: write the rate in percent a year as a decimal in double quotes, from -100 to 100 with at most {MAX_DECIMALS} decimals (`\"0.05\"`)",
                    escaped(shown)
                ),
            )
        })
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
    /// Reads a file of rates: TOML (read by the `toml` crate, so that what TOML allows, a byte-order mark,
    /// comments after a value, escapes and literal strings, is read as TOML reads it), then the keys this file has,
    /// each refusal naming the line it is on.
    pub fn parse(text: &str) -> Result<Rates, RatesError> {
        let line_of = |offset: usize| {
            text.get(..offset)
                .map_or(0, |before| before.matches('\n').count())
                + 1
        };
        let document = toml::de::DeTable::parse(text).map_err(|e| {
            let line = e.span().map_or(0, |span| line_of(span.start));
            let why: Vec<&str> = e
                .message()
                .lines()
                .filter(|l| !l.trim().is_empty())
                .collect();
            error(line, format!("this is not TOML: {}", why.join("; ")))
        })?;
        let raw = |span: std::ops::Range<usize>| text.get(span).unwrap_or("").trim().to_string();
        let mut source: Option<String> = None;
        // Each `[[rate]]`: its line, `from` and `percent`.
        let mut entries: Vec<(usize, Option<NaiveDate>, Option<Decimal>)> = Vec::new();
        // The keys in the order they stand in the file, so that the first problem in the file is the one named.
        let mut keys: Vec<_> = document.get_ref().iter().collect();
        keys.sort_by_key(|(key, _)| key.span().start);
        for (key, value) in keys {
            let number = line_of(key.span().start);
            match (key.get_ref().as_ref(), value.get_ref()) {
                ("source", toml::de::DeValue::String(text)) if !text.trim().is_empty() => {
                    source = Some(text.to_string());
                }
                ("source", _) => {
                    return Err(error(
                        number,
                        "`source` must be a non-empty string in double quotes: where the figures come from",
                    ));
                }
                ("rate", toml::de::DeValue::Array(tables)) => {
                    for table in tables.iter() {
                        let toml::de::DeValue::Table(rate) = table.get_ref() else {
                            return Err(not_tables(line_of(table.span().start)));
                        };
                        let line = line_of(table.span().start);
                        let mut from = None;
                        let mut percent = None;
                        let mut keys: Vec<_> = rate.iter().collect();
                        keys.sort_by_key(|(key, _)| key.span().start);
                        for (key, value) in keys {
                            let number = line_of(key.span().start);
                            let shown = raw(value.span());
                            match key.get_ref().as_ref() {
                                "from" => from = Some(read_from(number, value.get_ref(), &shown)?),
                                "percent" => {
                                    percent = Some(read_percent(number, value.get_ref(), &shown)?);
                                }
                                "source" => {
                                    return Err(error(
                                        number,
                                        "`source` belongs before the first `[[rate]]`",
                                    ));
                                }
                                other => return Err(unknown(number, other)),
                            }
                        }
                        entries.push((line, from, percent));
                    }
                }
                ("rate", _) => return Err(not_tables(number)),
                ("from" | "percent", _) => {
                    return Err(error(
                        number,
                        format!("`{}` belongs in a `[[rate]]`", key.get_ref()),
                    ));
                }
                (other, _) => return Err(unknown(number, other)),
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
                if from == *before {
                    return Err(error(
                        line,
                        format!("the half-year from {from} is given a rate twice"),
                    ));
                }
                if from < *before {
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
