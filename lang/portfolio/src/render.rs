//! The portfolio's three renderings (spec 14.4): a table for people, CSV for a finance system (one row per month,
//! case, payee and measure) and JSON with everything. Each is a function of the [`Portfolio`] alone, so the bytes
//! do not depend on how many threads decided it. Text from contracts is shown through `shown` (CPR-like numbers
//! masked, hidden characters escaped) in the table and CSV; JSON keeps it as it is, escaped by its writer.

use std::io::{self, Write};

use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use cvl_eval::Month;
use cvl_syntax::text::shown;

use crate::{Case, Figures, MEASURES, Measures, Portfolio};

/// What the output says of the forecast and its holds, in every format.
pub const FORECAST_NOTE: &str = "committed: what the terms in force give for each whole month with no new events (supplements lapse at the end of their term, items end, regulation applies); holds are not subtracted, since a held amount is paid once the obligation is met";

/// An amount with two decimals and a dot, no grouping: as CSV and JSON write it.
pub fn plain(amount: Decimal) -> String {
    format!("{:.2}", amount)
}

/// An amount with two decimals and its thousands grouped by commas, for people.
pub fn grouped(amount: Decimal) -> String {
    let text = plain(amount.abs());
    let (whole, cents) = text.split_once('.').unwrap_or((&text, "00"));
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    let sign = if amount.is_sign_negative() && !amount.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}{out}.{cents}")
}

/// Which measures a month has: a month before the date's has what was decided and paid, a month after it only what
/// is committed, and the date's own month both.
fn measures_of(month: Month, current: Month) -> impl Iterator<Item = usize> {
    (0..MEASURES.len()).filter(move |&i| {
        let committed = i == MEASURES.len() - 1;
        if committed {
            month >= current
        } else {
            month <= current
        }
    })
}

fn value(measures: &Measures, i: usize) -> Decimal {
    measures.values().get(i).copied().unwrap_or_default()
}

/// CSV: a header, then per case (in the folders' order), month and payee one row per measure the month has; a case
/// left out is one `left_out` row with its reason in `note`.
pub fn csv(portfolio: &Portfolio, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "month,case,case_ref,payee,payee_cvr,currency,measure,amount,note"
    )?;
    for case in &portfolio.cases {
        match &case.outcome {
            Err(reason) => writeln!(
                out,
                ",{},,,,,left_out,,{}",
                field(&case.folder),
                field(reason)
            )?,
            Ok(figures) => {
                for row in &figures.rows {
                    let (payee, cvr) = figures
                        .payees
                        .get(row.payee)
                        .map(|p| (p.name.as_str(), p.cvr.as_deref().unwrap_or("")))
                        .unwrap_or(("", ""));
                    for i in measures_of(row.month, portfolio.first) {
                        writeln!(
                            out,
                            "{},{},{},{},{},{},{},{},",
                            row.month,
                            field(&case.folder),
                            field(figures.case_ref.as_deref().unwrap_or("")),
                            field(payee),
                            field(cvr),
                            field(&figures.currency),
                            MEASURES.get(i).unwrap_or(&""),
                            plain(value(&row.measures, i))
                        )?;
                    }
                }
            }
        }
    }
    Ok(())
}

/// A CSV field: text shown safely, quoted when it holds a comma, a quote or a line break, and, when it would start
/// a spreadsheet formula (`=`, `+`, `-`, `@`), led by an apostrophe (as `cvl invoice check --format csv`).
fn field(text: &str) -> String {
    let mut text = shown(text).into_owned();
    if text.starts_with(['=', '+', '-', '@']) {
        text.insert(0, '\'');
    }
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn measures_json(measures: &Measures) -> Value {
    let mut map = Map::new();
    for (name, amount) in MEASURES.iter().zip(measures.values()) {
        map.insert((*name).to_string(), Value::String(plain(amount)));
    }
    Value::Object(map)
}

fn case_json(case: &Case) -> Value {
    match &case.outcome {
        Err(reason) => json!({ "folder": case.folder, "left_out": reason }),
        Ok(figures) => {
            let mut value = figures_json(&case.folder, figures);
            if let Value::Object(map) = &mut value {
                map.insert("warnings".to_string(), json!(case.warnings));
            }
            value
        }
    }
}

fn figures_json(folder: &str, figures: &Figures) -> Value {
    let rows: Vec<Value> = figures
        .rows
        .iter()
        .map(|row| {
            json!({
                "month": row.month.to_string(),
                "payee": figures.payees.get(row.payee).map(|p| p.name.clone()),
                "payee_cvr": figures.payees.get(row.payee).and_then(|p| p.cvr.clone()),
                "measures": measures_json(&row.measures),
            })
        })
        .collect();
    json!({
        "folder": folder,
        "contract": figures.contract,
        "contract_sha256": figures.sha256,
        "amended": figures.amended,
        "case_ref": figures.case_ref,
        "currency": figures.currency,
        "entries": figures.entries,
        "head_sha256": figures.head,
        "lapsing": figures.lapsing,
        "missed": figures.missed.iter().map(|(kind, party, due)| json!({ "obligation": kind, "party": party, "due": due.to_string() })).collect::<Vec<_>>(),
        "rows": rows,
    })
}

/// JSON: everything, keys in sorted order.
pub fn json(portfolio: &Portfolio) -> Value {
    let totals = &portfolio.totals;
    let months: Vec<Value> = totals
        .months
        .iter()
        .map(|((month, currency), m)| {
            json!({ "month": month.to_string(), "currency": currency, "measures": measures_json(m) })
        })
        .collect();
    let payees: Vec<Value> = totals
        .payees
        .iter()
        .map(|((key, currency), (name, m))| {
            json!({ "payee": key, "name": name, "currency": currency, "measures": measures_json(m) })
        })
        .collect();
    let cases: Vec<Value> = totals
        .cases
        .iter()
        .map(|(folder, currency, m)| json!({ "folder": folder, "currency": currency, "measures": measures_json(m) }))
        .collect();
    let all: Vec<Value> = totals
        .all
        .iter()
        .map(|(currency, m)| json!({ "currency": currency, "measures": measures_json(m) }))
        .collect();
    json!({
        "as_of": portfolio.as_of.to_string(),
        "forecast": { "from": portfolio.first.to_string(), "to": portfolio.last.to_string(), "note": FORECAST_NOTE },
        "cases": portfolio.cases.iter().map(case_json).collect::<Vec<_>>(),
        "decided": totals.decided,
        "left_out": totals.left_out,
        "notes": portfolio.notes,
        "totals": { "per_month": months, "per_payee": payees, "per_case": cases, "all": all },
    })
}

/// Lines of cells, each column as wide as its widest cell: the first left-aligned, the rest right-aligned.
fn grid(out: &mut dyn Write, indent: &str, rows: &[Vec<String>]) -> io::Result<()> {
    let mut widths: Vec<usize> = Vec::new();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            let len = cell.chars().count();
            match widths.get_mut(i) {
                Some(w) => *w = (*w).max(len),
                None => widths.push(len),
            }
        }
    }
    for row in rows {
        let mut line = indent.to_string();
        for (i, cell) in row.iter().enumerate() {
            let width = widths.get(i).copied().unwrap_or(0);
            if i == 0 {
                line.push_str(&format!("{cell:<width$}"));
            } else {
                line.push_str(&format!("  {cell:>width$}"));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

fn header(first: &str) -> Vec<String> {
    std::iter::once(first.to_string())
        .chain(MEASURES.iter().map(|m| m.replace('_', " ")))
        .collect()
}

fn cells(first: String, m: &Measures) -> Vec<String> {
    std::iter::once(first)
        .chain(m.values().into_iter().map(grouped))
        .collect()
}

/// The table: what was decided, the cases left out with their reasons, and the totals per month, provider and case.
pub fn table(portfolio: &Portfolio, dir: &str, out: &mut dyn Write) -> io::Result<()> {
    let totals = &portfolio.totals;
    writeln!(
        out,
        "portfolio `{}` as of {}: {} case{}, {} decided, {} left out",
        shown(dir),
        portfolio.as_of,
        portfolio.cases.len(),
        if portfolio.cases.len() == 1 { "" } else { "s" },
        totals.decided,
        totals.left_out
    )?;
    writeln!(
        out,
        "forecast {} to {}; {FORECAST_NOTE}",
        portfolio.first, portfolio.last
    )?;
    let warned: Vec<String> = portfolio
        .notes
        .iter()
        .map(|note| shown(note).into_owned())
        .chain(portfolio.cases.iter().flat_map(|case| {
            case.warnings
                .iter()
                .map(|w| format!("{}: {}", shown(&case.folder), shown(w)))
        }))
        .collect();
    if !warned.is_empty() {
        writeln!(out, "\nwarnings:")?;
        for line in warned {
            writeln!(out, "  {line}")?;
        }
    }
    if totals.left_out > 0 {
        writeln!(out, "\nleft out of every total:")?;
        for case in &portfolio.cases {
            if let Err(reason) = &case.outcome {
                writeln!(out, "  {}: {}", shown(&case.folder), shown(reason))?;
            }
        }
    }
    let currencies: Vec<&String> = totals.all.keys().collect();
    for currency in currencies {
        let c = shown(currency);
        writeln!(out, "\nper month ({c}):")?;
        let mut rows = vec![header("month")];
        rows.extend(
            totals
                .months
                .iter()
                .filter(|((_, cur), _)| cur == currency)
                .map(|((month, _), m)| cells(month.to_string(), m)),
        );
        grid(out, "  ", &rows)?;
        writeln!(out, "\nper provider ({c}):")?;
        let mut rows = vec![header("provider")];
        rows.extend(
            totals
                .payees
                .iter()
                .filter(|((_, cur), _)| cur == currency)
                .map(|((key, _), (name, m))| {
                    let cvr = key
                        .strip_prefix("cvr:")
                        .map(|c| format!(" (CVR {c})"))
                        .unwrap_or_default();
                    cells(format!("{}{cvr}", shown(name)), m)
                }),
        );
        grid(out, "  ", &rows)?;
        writeln!(out, "\nper case ({c}):")?;
        let mut rows = vec![header("case")];
        rows.extend(
            totals
                .cases
                .iter()
                .filter(|(_, cur, _)| cur == currency)
                .map(|(folder, _, m)| cells(shown(folder).into_owned(), m)),
        );
        if let Some(all) = totals.all.get(currency) {
            rows.push(cells("total".to_string(), all));
        }
        grid(out, "  ", &rows)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn amounts_for_people_and_for_machines() {
        assert_eq!(grouped(d("0")), "0.00");
        assert_eq!(grouped(d("999.5")), "999.50");
        assert_eq!(grouped(d("1234.5")), "1,234.50");
        assert_eq!(grouped(d("-1234567.891")), "-1,234,567.89");
        assert_eq!(grouped(d("-0.00")), "0.00");
        assert_eq!(plain(d("52096.78")), "52096.78");
        assert_eq!(plain(d("-3")), "-3.00");
    }

    #[test]
    fn csv_fields_are_quoted_and_never_a_formula() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(field("-1"), "'-1");
        assert_eq!(field("line\nbreak"), "line\\nbreak");
    }

    #[test]
    fn which_measures_a_month_has() {
        let current = Month::parse("2026-01").unwrap();
        let names = |m: &str| -> Vec<&str> {
            measures_of(Month::parse(m).unwrap(), current)
                .map(|i| MEASURES[i])
                .collect()
        };
        assert!(!names("2025-12").contains(&"committed"));
        assert_eq!(names("2025-12").len(), 8);
        assert_eq!(names("2026-01").len(), 9);
        assert_eq!(names("2026-02"), ["committed"]);
    }
}
