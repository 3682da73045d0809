//! The timeline, drawn as inline SVG: the period in force; each item and supplement as a bar over the months it
//! pays, with its starts, adjustments and renewals marked (a bar that stops is a lapse or an end); each
//! obligation's due dates marked met, late or missed, with the grace used or run out; the withheld and released
//! amounts; the acts' signatures; and the payments made (crate::Paid). Positions are whole numbers computed from
//! days (no floating point), so the drawing is the same bytes on every run.

use chrono::NaiveDate;

use cvl_eval::{Month, Status};

use crate::html::Html;
use crate::sections::{Cx, act_word, status_word};
use crate::words as w;

/// The drawing's width, and where the plot starts (the labels are left of it) and how wide it is.
const WIDTH: i64 = 1000;
const X0: i64 = 200;
const PLOT: i64 = 780;
const ROW: i64 = 28;
const AXIS: i64 = 30;

/// The days drawn: from the contract's start or its first signature, whichever is earlier, to the date decided as
/// of, within the months chosen; and the first day in force (the later of the start and the last signature).
struct Scale {
    first: NaiveDate,
    last: NaiveDate,
    days: i64,
    in_force: NaiveDate,
}

impl Scale {
    fn x(&self, date: NaiveDate) -> i64 {
        let day = (date - self.first).num_days().clamp(0, self.days);
        X0 + day * PLOT / self.days.max(1)
    }

    fn shows(&self, date: NaiveDate) -> bool {
        self.first <= date && date <= self.last
    }
}

fn scale(cx: &Cx<'_>) -> Option<Scale> {
    let decision = cx.input.decision;
    let started = match &cx.input.contract.start {
        Some(cvl_check::model::Start::On(date)) => Some(*date),
        _ => None,
    };
    let first_paid = decision.payments.first().map(|p| p.period.first_day());
    let signing = decision
        .acts
        .iter()
        .find(|a| a.kind == cvl_eval::ActKind::Signing);
    let start = started.or(first_paid)?;
    let in_force = signing.and_then(|a| a.done).map_or(start, |d| d.max(start));
    let first_signature = signing.and_then(|a| a.signed.iter().map(|(_, d, _)| *d).min());
    let mut first = first_signature.map_or(start, |d| d.min(start));
    let mut last = decision
        .until
        .or_else(|| decision.payments.last().map(|p| p.period.last_day()))?;
    if let Some((from, to)) = cx.input.months {
        first = first.max(from.first_day());
        last = last.min(to.last_day());
    }
    let days = (last - first).num_days();
    (days >= 0).then_some(Scale {
        first,
        last,
        days: days + 1,
        in_force: in_force.max(first),
    })
}

fn num(h: &mut Html, name: &'static str, value: i64) {
    h.attr(name, &value.to_string());
}

/// A rectangle with a tooltip.
fn rect(
    h: &mut Html,
    class: &'static str,
    (x, y, width, height): (i64, i64, i64, i64),
    title: &str,
) {
    h.raw("<rect").attr("class", class);
    num(h, "x", x);
    num(h, "y", y);
    num(h, "width", width.max(2));
    num(h, "height", height);
    h.raw("><title>").text(title).raw("</title></rect>\n");
}

fn label(h: &mut Html, class: &'static str, x: i64, y: i64, text: &str) {
    h.raw("<text").attr("class", class);
    num(h, "x", x);
    num(h, "y", y);
    h.raw(">").text(text).raw("</text>\n");
}

fn mark(h: &mut Html, class: &'static str, x: i64, y: i64, title: &str) {
    h.raw("<circle").attr("class", class);
    num(h, "cx", x);
    num(h, "cy", y);
    num(h, "r", 4);
    h.raw("><title>").text(title).raw("</title></circle>\n");
}

fn tick(h: &mut Html, class: &'static str, x: i64, y: i64, height: i64, title: &str) {
    h.raw("<line").attr("class", class);
    num(h, "x1", x);
    num(h, "y1", y);
    num(h, "x2", x);
    num(h, "y2", y + height);
    h.raw("><title>").text(title).raw("</title></line>\n");
}

fn span_line(h: &mut Html, class: &'static str, (x1, x2, y): (i64, i64, i64), title: &str) {
    h.raw("<line").attr("class", class);
    num(h, "x1", x1);
    num(h, "y1", y);
    num(h, "x2", x2);
    num(h, "y2", y);
    h.raw("><title>").text(title).raw("</title></line>\n");
}

/// The items and supplements with a line in the payments shown, in the contract's order.
fn items<'a>(cx: &Cx<'a>) -> Vec<&'a cvl_check::model::Item> {
    cx.input
        .contract
        .items
        .iter()
        .filter(|item| {
            cx.payments().any(|p| {
                p.lines
                    .iter()
                    .any(|l| l.item == item.id && !l.amount.is_zero())
            })
        })
        .collect()
}

pub(crate) fn section(cx: &Cx<'_>, h: &mut Html) {
    h.raw("<section id=\"timeline\">\n<h2>")
        .text(cx.w(&w::TIMELINE))
        .raw("</h2>\n");
    let Some(scale) = scale(cx) else {
        h.raw("<p class=\"none\">")
            .text(cx.w(&w::NOT_IN_FORCE))
            .raw("</p>\n</section>\n");
        return;
    };
    let items = items(cx);
    let obligations = &cx.input.contract.obligations;
    // In force, the items, the obligations, withheld and released (two rows), the signatures, the payments.
    let rows = i64::try_from(1 + items.len() + obligations.len() + 4).unwrap_or(i64::MAX / ROW / 2);
    let height = AXIS + rows * ROW + 8;
    h.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" role=\"img\"");
    h.attr("viewBox", &format!("0 0 {WIDTH} {height}"));
    h.raw("><title>").text(cx.w(&w::TIMELINE)).raw("</title>\n");
    axis(h, &scale, height);
    let mut y = AXIS;

    label(h, "row", 4, y + 18, cx.w(&w::IN_FORCE));
    let title = format!("{} {} – {}", cx.w(&w::IN_FORCE), scale.in_force, scale.last);
    let (a, b) = (scale.x(scale.in_force), scale.x(scale.last));
    rect(h, "force", (a, y + 6, b - a, 14), &title);
    y += ROW;

    for item in &items {
        item_row(cx, h, &scale, item, y);
        y += ROW;
    }
    for obligation in obligations {
        obligation_row(cx, h, &scale, obligation, y);
        y += ROW;
    }
    money_rows(cx, h, &scale, y);
    y += 2 * ROW;
    acts_row(cx, h, &scale, y);
    y += ROW;
    paid_row(cx, h, &scale, y);
    h.raw("</svg>\n");
    legend(cx, h);
    h.raw("</section>\n");
}

fn axis(h: &mut Html, scale: &Scale, height: i64) {
    let first = Month::of(scale.first);
    let last = Month::of(scale.last);
    // A month is labelled where its label does not run into the one before.
    let mut free = 0;
    for month in Month::range(first, last) {
        let day = month.first_day().max(scale.first);
        let x = scale.x(day);
        tick(h, "grid", x, AXIS - 6, height - AXIS, &month.to_string());
        if x >= free && x <= X0 + PLOT - 40 {
            label(h, "axis", x + 2, AXIS - 10, &month.to_string());
            free = x + 48;
        }
    }
}

fn item_row(cx: &Cx<'_>, h: &mut Html, scale: &Scale, item: &cvl_check::model::Item, y: i64) {
    label(h, "row", 4, y + 18, &item.id.0);
    // Runs of months with a line, each drawn as one bar.
    let mut runs: Vec<(Month, Month)> = Vec::new();
    for payment in cx.payments() {
        if !payment
            .lines
            .iter()
            .any(|l| l.item == item.id && !l.amount.is_zero())
        {
            continue;
        }
        match runs.last_mut() {
            Some((_, last)) if last.next() == payment.period || *last == payment.period => {
                *last = payment.period;
            }
            _ => runs.push((payment.period, payment.period)),
        }
    }
    let class = match item.kind {
        cvl_check::model::ItemKind::Item => "item",
        cvl_check::model::ItemKind::Supplement => "supplement",
    };
    for (first, last) in runs {
        let from = first.first_day().max(scale.first);
        let to = last.last_day().min(scale.last);
        let (a, b) = (scale.x(from), scale.x(to));
        rect(
            h,
            class,
            (a, y + 6, b - a, 14),
            &format!("{} {from} – {to}", item.id.0),
        );
    }
    for entry in cx.all_entries() {
        if entry.about.as_deref() != Some(item.id.0.as_str()) || !scale.shows(entry.date) {
            continue;
        }
        let word = match entry.kind.as_str() {
            "supplement_adjusted" => &w::ADJUSTED,
            "supplement_renewed" => &w::RENEWED,
            _ => continue,
        };
        let x = scale.x(entry.date);
        let title = format!("{} {} ({})", cx.w(word), entry.date, entry.id);
        tick(h, "change", x, y + 2, 22, &title);
    }
}

fn obligation_row(
    cx: &Cx<'_>,
    h: &mut Html,
    scale: &Scale,
    obligation: &cvl_check::model::Obligation,
    y: i64,
) {
    label(h, "row", 4, y + 18, &obligation.id.0);
    let mid = y + 13;
    span_line(
        h,
        "lane",
        (scale.x(scale.first), scale.x(scale.last), mid),
        &obligation.id.0,
    );
    let holds: Vec<&cvl_eval::Hold> = cx
        .input
        .decision
        .payments
        .iter()
        .flat_map(|p| &p.held)
        .filter(|hold| hold.obligation == obligation.id)
        .collect();
    for row in cx
        .input
        .decision
        .obligations
        .iter()
        .filter(|o| o.kind == obligation.id && scale.shows(o.due))
    {
        let x = scale.x(row.due);
        let mut title = format!(
            "{} {} {}: {}",
            obligation.id.0,
            cx.w(&w::DUE),
            row.due,
            cx.w(status_word(row.status))
        );
        if let Some(on) = row.met_on {
            title.push_str(&format!(", {} {on}", cx.w(&w::MET_ON).to_lowercase()));
        }
        if let Some(hold) = holds.iter().find(|hold| hold.due == row.due) {
            let end = scale.x(hold.grace_end);
            let grace = format!("{} {}", cx.w(&w::GRACE_END), hold.grace_end);
            span_line(h, "grace missed", (x, end, mid), &grace);
        }
        if let Some(on) = row.met_on
            && row.status != Status::Met
        {
            let class = if row.status == Status::Late {
                "grace late"
            } else {
                "after"
            };
            span_line(h, class, (x, scale.x(on), mid), &title);
            if row.status == Status::Missed {
                mark(h, "metlate", scale.x(on), mid, &title);
            }
        }
        let class = match row.status {
            Status::Met => "met",
            Status::Late => "late",
            Status::Missed => "missed",
            Status::Pending => "pending",
        };
        mark(h, class, x, mid, &title);
    }
}

fn money_rows(cx: &Cx<'_>, h: &mut Html, scale: &Scale, y: i64) {
    label(h, "row", 4, y + 18, cx.w(&w::WITHHELD));
    label(h, "row", 4, y + ROW + 18, cx.w(&w::RELEASED));
    for payment in cx.payments() {
        let from = payment.period.first_day().max(scale.first);
        let to = payment.period.last_day().min(scale.last);
        let (a, b) = (scale.x(from), scale.x(to));
        if !payment.withheld.is_zero() {
            let text = format!("−{}", cx.money(payment.withheld));
            let title = format!(
                "{} {} {}: {text}",
                payment.payee.0,
                payment.period,
                cx.w(&w::WITHHELD)
            );
            rect(h, "held", (a, y + 4, b - a, 8), &title);
            label(h, "amount held", a, y + 24, &text);
        }
        if !payment.released.is_zero() {
            let text = format!("+{}", cx.money(payment.released));
            let title = format!(
                "{} {} {}: {text}",
                payment.payee.0,
                payment.period,
                cx.w(&w::RELEASED)
            );
            rect(h, "rel", (a, y + ROW + 4, b - a, 8), &title);
            label(h, "amount rel", a, y + ROW + 24, &text);
        }
    }
}

fn acts_row(cx: &Cx<'_>, h: &mut Html, scale: &Scale, y: i64) {
    label(h, "row", 4, y + 18, cx.w(&w::ROW_ACTS));
    for act in &cx.input.decision.acts {
        let mut labelled = false;
        for (party, date, event) in &act.signed {
            if !scale.shows(*date) {
                continue;
            }
            let x = scale.x(*date);
            let title = format!("{}: {} {date} ({event})", cx.w(act_word(act.kind)), party.0);
            tick(h, "act", x, y + 4, 18, &title);
            if !labelled {
                // Near the right edge the word ends at the mark instead of starting there.
                if x > X0 + PLOT - 90 {
                    h.raw("<text class=\"small end\"");
                    num(h, "x", x - 3);
                    num(h, "y", y + 12);
                    h.raw(">").text(cx.w(act_word(act.kind))).raw("</text>\n");
                } else {
                    label(h, "small", x + 3, y + 12, cx.w(act_word(act.kind)));
                }
                labelled = true;
            }
        }
    }
}

fn paid_row(cx: &Cx<'_>, h: &mut Html, scale: &Scale, y: i64) {
    label(h, "row", 4, y + 18, cx.w(&w::ROW_PAID));
    for payment in &cx.input.paid.payments {
        if !cx.payee_shown(&payment.payee) || !scale.shows(payment.date) {
            continue;
        }
        let title = format!(
            "{} {} {} ({})",
            payment.date,
            payment.payee.0,
            cx.money(payment.amount),
            payment.event
        );
        mark(h, "pay", scale.x(payment.date), y + 13, &title);
    }
}

fn legend(cx: &Cx<'_>, h: &mut Html) {
    h.raw("<p class=\"legend\">");
    for (class, word) in [
        ("met", &w::LEGEND_MET),
        ("late", &w::LEGEND_LATE),
        ("missed", &w::LEGEND_MISSED),
        ("grace", &w::LEGEND_GRACE),
        ("held", &w::LEGEND_HELD),
        ("rel", &w::LEGEND_RELEASED),
        ("act", &w::LEGEND_ACT),
        ("pay", &w::LEGEND_PAID),
    ] {
        h.raw("<span")
            .attr("class", &format!("key {class}"))
            .raw("></span>");
        h.text(cx.w(word)).raw(" ");
    }
    h.raw("</p>\n");
}
