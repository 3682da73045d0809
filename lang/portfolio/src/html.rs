//! The portfolio as one self-contained HTML file (spec 14.4): inline CSS and inline SVG, no script, nothing fetched.
//! Per currency, a chart of the spend per month stacked by provider (what was decided, for the months up to the
//! date's), a chart of the commitments ahead, the cases whose supplements lapse or whose obligations are missed in
//! the month of the date, the cases left out with their reasons, and the totals per provider. Every string that is
//! not the page's own is shown as every output of `cvl` shows it and then escaped for HTML; no coordinate is a
//! float (heights are exact ratios rounded to whole pixels).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use cvl_eval::Month;
use cvl_syntax::text::shown;

use crate::render::{FORECAST_NOTE, grouped};
use crate::{Figures, Portfolio};

/// The colours of the providers in the spend chart, the largest first; the rest share the last ("others").
const COLOURS: [&str; 8] = [
    "#1f5f8b", "#d9822b", "#3a8f5c", "#b8423c", "#7a5ba6", "#8c6d46", "#c85e9b", "#7f7f7f",
];

const CHART_HEIGHT: i64 = 220;
const BAR: i64 = 40;

/// Text for HTML: shown safely, then with `&`, `<`, `>`, `"` and `'` as character references.
fn esc(text: &str) -> String {
    let mut out = String::new();
    for c in shown(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `value` of `max` as whole pixels of `height`, rounded; 0 when `max` is not positive.
fn pixels(value: Decimal, max: Decimal, height: i64) -> i64 {
    if max <= Decimal::ZERO || value <= Decimal::ZERO {
        return 0;
    }
    (value * Decimal::from(height) / max)
        .round()
        .to_i64()
        .unwrap_or(0)
}

/// One bar chart: per label a stack of (colour, value) drawn bottom up, with the label below each bar; `names`
/// says what each colour stands for, in each segment's tooltip. Each segment ends where the running total ends,
/// rounded, so that a stack is as tall as its total rounded once.
fn chart(
    out: &mut String,
    title: &str,
    names: &[String],
    bars: &[(String, Vec<(usize, Decimal)>)],
) {
    let max = bars
        .iter()
        .map(|(_, stack)| stack.iter().map(|(_, v)| *v).sum::<Decimal>())
        .max()
        .unwrap_or_default();
    let width = (bars.len() as i64) * (BAR + 8) + 16;
    let _ = write!(
        out,
        "<figure><figcaption>{} (highest bar {})</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{}\" role=\"img\">",
        esc(title),
        grouped(max),
        CHART_HEIGHT + 40
    );
    for (i, (label, stack)) in bars.iter().enumerate() {
        let x = 8 + (i as i64) * (BAR + 8);
        let mut running = Decimal::ZERO;
        let mut below = 0;
        for (colour, value) in stack {
            running += *value;
            let reached = pixels(running, max, CHART_HEIGHT);
            let h = reached - below;
            if h <= 0 {
                continue;
            }
            below = reached;
            let top = CHART_HEIGHT + 10 - reached;
            let fill = COLOURS.get(*colour).unwrap_or(&"#7f7f7f");
            let name = names.get(*colour).map_or("", String::as_str);
            let _ = write!(
                out,
                "<rect x=\"{x}\" y=\"{top}\" width=\"{BAR}\" height=\"{h}\" fill=\"{fill}\"><title>{}, {}: {}</title></rect>",
                esc(label),
                esc(name),
                grouped(*value)
            );
        }
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"9\" text-anchor=\"middle\">{}</text>",
            x + BAR / 2,
            CHART_HEIGHT + 26,
            esc(label)
        );
    }
    out.push_str("</svg></figure>\n");
}

/// The spend chart's providers, the largest first: the first seven by their own colour, the rest as "others".
fn providers(portfolio: &Portfolio, currency: &str) -> Vec<(String, String)> {
    let mut all: Vec<(&String, &String, Decimal)> = portfolio
        .totals
        .payees
        .iter()
        .filter(|((_, c), _)| c == currency)
        .map(|((key, _), (name, m))| (key, name, m.decided))
        .collect();
    all.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
    all.into_iter()
        .map(|(key, name, _)| (key.clone(), name.clone()))
        .collect()
}

/// The page.
pub fn page(portfolio: &Portfolio, dir: &str) -> String {
    let totals = &portfolio.totals;
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Portfolio as of {}</title><style>{STYLE}</style></head><body>\n<h1>Portfolio as of {}</h1>\n<p>{} · {} cases, {} decided, {} left out of every total. Forecast {} to {}: {}.</p>\n",
        portfolio.as_of,
        portfolio.as_of,
        esc(dir),
        portfolio.cases.len(),
        totals.decided,
        totals.left_out,
        portfolio.first,
        portfolio.last,
        esc(FORECAST_NOTE)
    );
    for currency in totals.all.keys() {
        let ranked = providers(portfolio, currency);
        let colour_of = |key: &str| {
            ranked
                .iter()
                .position(|(k, _)| k == key)
                .unwrap_or(usize::MAX)
                .min(COLOURS.len() - 1)
        };
        // Spend per month and provider, from every decided case's rows.
        let mut spend: BTreeMap<Month, BTreeMap<usize, Decimal>> = BTreeMap::new();
        let mut ahead: BTreeMap<Month, Decimal> = BTreeMap::new();
        for figures in cases_in(portfolio, currency) {
            for row in &figures.rows {
                let key = figures.payees.get(row.payee).map_or("", |p| p.key.as_str());
                if row.month <= portfolio.first {
                    *spend
                        .entry(row.month)
                        .or_default()
                        .entry(colour_of(key))
                        .or_default() += row.measures.decided;
                }
                if row.month >= portfolio.first {
                    *ahead.entry(row.month).or_default() += row.measures.committed;
                }
            }
        }
        let c = esc(currency);
        let _ = write!(out, "<h2>Spend per month ({c})</h2>\n<p class=\"legend\">");
        // What each colour stands for: a provider, the last one "others" when there are more.
        let names: Vec<String> = ranked
            .iter()
            .enumerate()
            .take(COLOURS.len())
            .map(|(i, (key, name))| {
                if i + 1 == COLOURS.len() && ranked.len() > COLOURS.len() {
                    "others".to_string()
                } else {
                    let cvr = key
                        .strip_prefix("cvr:")
                        .map(|c| format!(" (CVR {c})"))
                        .unwrap_or_default();
                    format!("{name}{cvr}")
                }
            })
            .collect();
        for (i, name) in names.iter().enumerate() {
            let name = esc(name);
            let fill = COLOURS.get(i).unwrap_or(&"#7f7f7f");
            let _ = write!(
                out,
                "<span><i style=\"background:{fill}\"></i>{name}</span> "
            );
        }
        out.push_str("</p>\n");
        let bars: Vec<(String, Vec<(usize, Decimal)>)> = spend
            .into_iter()
            .map(|(month, stack)| (month.to_string(), stack.into_iter().collect()))
            .collect();
        chart(
            &mut out,
            &format!("decided per month, {currency}"),
            &names,
            &bars,
        );
        let _ = writeln!(out, "<h2>Commitments ahead ({c})</h2>");
        let bars: Vec<(String, Vec<(usize, Decimal)>)> = ahead
            .into_iter()
            .map(|(month, value)| (month.to_string(), vec![(0, value)]))
            .collect();
        chart(
            &mut out,
            &format!("committed per month, {currency}"),
            &["committed".to_string()],
            &bars,
        );
    }
    attention(&mut out, portfolio);
    let warned: Vec<String> = portfolio
        .notes
        .iter()
        .map(|note| esc(note))
        .chain(portfolio.cases.iter().flat_map(|case| {
            case.warnings
                .iter()
                .map(|w| format!("<b>{}</b>: {}", esc(&case.folder), esc(w)))
        }))
        .collect();
    if !warned.is_empty() {
        out.push_str("<h2>Warnings</h2>\n<ul>");
        for line in warned {
            let _ = write!(out, "<li>{line}</li>");
        }
        out.push_str("</ul>\n");
    }
    if totals.left_out > 0 {
        out.push_str("<h2>Left out of every total</h2>\n<ul>");
        for case in &portfolio.cases {
            if let Err(reason) = &case.outcome {
                let _ = write!(
                    out,
                    "<li><b>{}</b>: {}</li>",
                    esc(&case.folder),
                    esc(reason)
                );
            }
        }
        out.push_str("</ul>\n");
    }
    out.push_str("<h2>Per provider</h2>\n<table><tr><th>provider</th><th>currency</th><th>decided</th><th>withheld</th><th>paid</th><th>outstanding</th><th>committed</th></tr>");
    for ((key, currency), (name, m)) in &totals.payees {
        let cvr = key
            .strip_prefix("cvr:")
            .map(|c| format!(" (CVR {c})"))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<tr><td>{}{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(name),
            esc(&cvr),
            esc(currency),
            grouped(m.decided),
            grouped(m.withheld),
            grouped(m.paid),
            grouped(m.outstanding),
            grouped(m.committed)
        );
    }
    out.push_str("</table>\n</body></html>\n");
    out
}

fn cases_in<'p>(portfolio: &'p Portfolio, currency: &'p str) -> impl Iterator<Item = &'p Figures> {
    portfolio
        .cases
        .iter()
        .filter_map(|c| c.outcome.as_ref().ok())
        .filter(move |f| f.currency == currency)
}

/// The cases to look at this month: supplements that lapse, obligations missed.
fn attention(out: &mut String, portfolio: &Portfolio) {
    let _ = write!(
        out,
        "<h2>This month ({})</h2>\n<table><tr><th>case</th><th>supplements that lapse</th><th>obligations missed</th></tr>",
        portfolio.first
    );
    let mut any = false;
    for case in &portfolio.cases {
        let Ok(figures) = &case.outcome else { continue };
        if figures.lapsing.is_empty() && figures.missed.is_empty() {
            continue;
        }
        any = true;
        let lapsing: Vec<String> = figures.lapsing.iter().map(|s| esc(s)).collect();
        let missed: Vec<String> = figures
            .missed
            .iter()
            .map(|(kind, party, due)| format!("{} by {} due {due}", esc(kind), esc(party)))
            .collect();
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&case.folder),
            lapsing.join(", "),
            missed.join("; ")
        );
    }
    if !any {
        out.push_str("<tr><td colspan=\"3\">none</td></tr>");
    }
    out.push_str("</table>\n");
}

const STYLE: &str = "body{font-family:sans-serif;margin:2em;color:#222}h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.6em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;font-size:12px}td.n{text-align:right}td:first-child{white-space:nowrap}figure{margin:0}figcaption{font-size:12px;color:#555}.legend span{margin-right:1em;font-size:12px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}";

#[cfg(test)]
mod tests {
    use super::*;

    /// The heights of the segments of the bar labelled `label`, and their tooltips.
    fn segments(svg: &str, label: &str) -> Vec<(i64, String)> {
        svg.split("<rect ")
            .skip(1)
            .filter(|r| r.contains(&format!("<title>{label},")))
            .map(|r| {
                let h = r
                    .split("height=\"")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap();
                let title = r
                    .split("<title>")
                    .nth(1)
                    .unwrap()
                    .split("</title>")
                    .next()
                    .unwrap();
                (h.parse().unwrap(), title.to_string())
            })
            .collect()
    }

    #[test]
    fn a_stack_is_as_tall_as_its_total_rounded_once() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let names: Vec<String> = ["A & Co", "B", "C", "D", "E"].map(String::from).to_vec();
        // Against a highest bar of 440, each 1.2 is 0.6 pixels: five rounded apart would be 5 pixels; the total,
        // 6, is 3.
        let small: Vec<(usize, Decimal)> = (0..5).map(|i| (i, d("1.2"))).collect();
        let bars = vec![
            ("2026-01".to_string(), vec![(0, d("440"))]),
            ("2026-02".to_string(), small),
        ];
        let mut out = String::new();
        chart(&mut out, "decided", &names, &bars);
        let small = segments(&out, "2026-02");
        assert_eq!(small.iter().map(|(h, _)| h).sum::<i64>(), 3, "{out}");
        assert_eq!(
            segments(&out, "2026-01"),
            [(220, "2026-01, A &amp; Co: 440.00".to_string())]
        );
        assert!(
            small.iter().all(|(_, t)| t.ends_with(": 1.20")),
            "{small:?}"
        );
        assert_eq!(small[0].1, "2026-02, A &amp; Co: 1.20");
    }
}
