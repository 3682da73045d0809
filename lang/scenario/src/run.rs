//! Running a scenario: its events (those of the file it starts from, with its own merged in by date) are decided
//! by the evaluator as `cvl eval` decides them, as of its date, and each expectation is set against the decision:
//! what was expected, what was decided, and the basis of what was decided (each line's basis, clause and events,
//! as `cvl eval`'s table shows them).

use std::path::Path;

use cvl_eval::{Decision, Payment, Status};
use cvl_event::{At, Event, Refusal};
use rust_decimal::Decimal;
use serde_json::{Map, Value as Json};

use crate::amount::written;
use crate::ast::{EventLine, Expect, PayeeMonth, Scenario, Value, What};
use crate::load::{self, Loaded};
use crate::words::{Lang, Word};
use cvl_messages::{Text, text};

/// What one expectation came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    /// The expectation's line in the scenario file.
    pub line: usize,
    pub holds: bool,
    pub expected: String,
    pub actual: String,
    /// The basis of the actual value, one line each.
    pub basis: Vec<String>,
}

/// What one scenario came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub name: String,
    pub line: usize,
    pub checks: Vec<Check>,
}

impl Outcome {
    pub fn holds(&self) -> bool {
        self.checks.iter().all(|c| c.holds)
    }
}

/// The event an event line stands for: its id is `line-N`, after its line in the scenario file, and it is read
/// as being on that line, so that a refusal of it names the line.
pub fn event(line: &EventLine) -> Event {
    let data: Map<String, Json> = line
        .fields
        .iter()
        .map(|(name, value)| (name.text.clone(), json(value)))
        .collect();
    Event {
        line: line.line,
        seq: None,
        id: format!("line-{}", line.line),
        at: At {
            date: line.date,
            time: None,
        },
        kind: line.kind.text.clone(),
        actor: line.actor.text.clone(),
        data: data.into(),
    }
}

fn json(value: &Value) -> Json {
    match value {
        Value::Date(date) => Json::String(date.format("%Y-%m-%d").to_string()),
        Value::Month(month) => Json::String(month.to_string()),
        Value::Number { value, whole } => {
            match whole.then(|| value.to_string().parse::<u64>().ok()) {
                Some(Some(n)) => Json::from(n),
                _ => Json::String(value.to_string()),
            }
        }
        Value::Text(text) => Json::String(text.clone()),
        Value::List(values) => Json::Array(values.iter().map(json).collect()),
    }
}

/// Runs `scenario` of a file in `lang` whose directory is `dir`, against `loaded`.
pub fn run(scenario: &Scenario, lang: Lang, dir: &Path, loaded: &Loaded) -> Outcome {
    let decided = decide(scenario, dir, loaded);
    let checks = scenario
        .expects
        .iter()
        .map(|expect| check(expect, lang, loaded, &decided))
        .collect();
    Outcome {
        name: scenario.name.text.clone(),
        line: scenario.line,
        checks,
    }
}

/// The decision, or the words of the refusal.
fn decide(scenario: &Scenario, dir: &Path, loaded: &Loaded) -> Result<Decision, Text> {
    let signed = scenario.base.as_ref().is_some_and(|b| b.signed);
    let (base, refused, base_name) = match &scenario.base {
        None => (Vec::new(), None, String::new()),
        Some(base) => {
            let path = dir.join(&base.path.text);
            let (events, refused) = load::events(&path, base.signed, loaded)
                .map_err(|reason| text!("scenario-words", words = reason))?;
            (events, refused, base.path.text.clone())
        }
    };
    let mut stream: Vec<Result<Event, Refusal>> = Vec::new();
    let mut own = scenario.events.iter().map(event).peekable();
    for event in base {
        while let Some(next) = own.next_if(|o| o.at.key() < event.at.key()) {
            stream.push(Ok(next));
        }
        stream.push(Ok(event));
    }
    if let Some(refusal) = refused {
        stream.push(Err(refusal));
    }
    stream.extend(own.map(Ok));
    let until = scenario.as_of.as_ref().map(|(d, _)| *d);
    cvl_eval::evaluate_bound(&loaded.contract, loaded.binding(signed), stream, until).map_err(
        |refusal| {
            if refusal.is_decision() {
                text!("scenario-cannot-decide", reason = refusal.to_string())
            } else if scenario.events.iter().any(|e| {
                refusal.id.as_deref() == Some(format!("line-{}", e.line).as_str())
                    && refusal.seq.is_none()
            }) {
                text!(
                    "scenario-event-refused-line",
                    line = refusal.line,
                    reason = &refusal.reason
                )
            } else {
                text!(
                    "scenario-event-refused",
                    name = cvl_syntax::text::shown(&base_name),
                    reason = refusal.to_string()
                )
            }
        },
    )
}

fn check(expect: &Expect, lang: Lang, loaded: &Loaded, decided: &Result<Decision, Text>) -> Check {
    let line = expect.line;
    let shown_in = lang.messages();
    let decision = match (decided, &expect.what) {
        (Err(reason), What::Refused { words }) => {
            // The words may be those of either language's message.
            let holds = words.as_ref().is_none_or(|w| {
                [cvl_messages::Lang::En, shown_in]
                    .iter()
                    .any(|l| reason.show(*l).contains(w.as_str()))
            });
            return Check {
                line,
                holds,
                expected: refused_words(lang, words.as_deref()),
                actual: reason.show(shown_in),
                basis: Vec::new(),
            };
        }
        (Ok(_), What::Refused { words }) => {
            return Check {
                line,
                holds: false,
                expected: refused_words(lang, words.as_deref()),
                actual: text!("scenario-none-refused").show(shown_in),
                basis: Vec::new(),
            };
        }
        (Err(reason), _) => {
            return Check {
                line,
                holds: false,
                expected: expected_text(expect, lang),
                actual: text!("scenario-nothing-decided", reason = reason.clone()).show(shown_in),
                basis: Vec::new(),
            };
        }
        (Ok(decision), _) => decision,
    };
    let expected = expected_text(expect, lang);
    let (holds, actual, basis) = match &expect.what {
        What::Total { at, amount } => {
            let p = payment(decision, at);
            let total = p.map_or(Decimal::ZERO, |p| p.total);
            (
                total == *amount,
                written(lang, total),
                basis(p, at, lang, loaded),
            )
        }
        What::Withheld { at, amount } => {
            let p = payment(decision, at);
            let got = p.map_or(Decimal::ZERO, |p| p.withheld);
            (
                got == *amount,
                written(lang, got),
                basis(p, at, lang, loaded),
            )
        }
        What::Released { at, amount } => {
            let p = payment(decision, at);
            let got = p.map_or(Decimal::ZERO, |p| p.released);
            (
                got == *amount,
                written(lang, got),
                basis(p, at, lang, loaded),
            )
        }
        What::Line { at, item, amount } => {
            let p = payment(decision, at);
            let got: Decimal = p
                .iter()
                .flat_map(|p| &p.lines)
                .filter(|l| l.item.0 == item.text)
                .map(|l| l.amount)
                .sum();
            (
                got == *amount,
                written(lang, got),
                basis(p, at, lang, loaded),
            )
        }
        What::Flagged { at, words } => {
            let p = payment(decision, at);
            let flags: Vec<String> = p
                .map(|p| p.flags.iter().map(ToString::to_string).collect())
                .unwrap_or_default();
            let holds = match words {
                None => !flags.is_empty(),
                Some(w) => flags.iter().any(|f| f.contains(w.as_str())),
            };
            let actual = if flags.is_empty() {
                text!("scenario-not-flagged")
            } else {
                text!("scenario-flagged", flags = flags.join("; "))
            }
            .show(shown_in);
            (holds, actual, Vec::new())
        }
        What::Status {
            obligation,
            due,
            status,
            ..
        } => {
            let rows: Vec<_> = decision
                .obligations
                .iter()
                .filter(|r| r.kind.0 == obligation.text)
                .collect();
            match rows.iter().find(|r| r.due == *due) {
                Some(row) => {
                    let basis = match (&row.event, row.met_on, &row.met_by) {
                        (Some(event), Some(on), Some(by)) => vec![
                            text!(
                                "scenario-meets-it",
                                event = event,
                                date = on.to_string(),
                                actor = &by.0
                            )
                            .show(shown_in),
                        ],
                        _ => vec![text!("scenario-none-met-it").show(shown_in)],
                    };
                    (
                        row.status == *status,
                        status_word(lang, row.status).to_string(),
                        basis,
                    )
                }
                None => {
                    let dues: Vec<String> =
                        rows.iter().take(12).map(|r| r.due.to_string()).collect();
                    let basis = if dues.is_empty() {
                        text!("scenario-never-due", obligation = &obligation.text)
                    } else {
                        text!(
                            "scenario-falls-due",
                            obligation = &obligation.text,
                            dates = dues.join(", ")
                        )
                    };
                    let actual = text!(
                        "scenario-not-due-then",
                        obligation = &obligation.text,
                        due = due.to_string()
                    );
                    (false, actual.show(shown_in), vec![basis.show(shown_in)])
                }
            }
        }
        What::Refused { .. } => (true, String::new(), Vec::new()),
    };
    Check {
        line,
        holds,
        expected,
        actual,
        basis,
    }
}

fn refused_words(lang: Lang, words: Option<&str>) -> String {
    let refused = Word::Refused.spelled(lang);
    match words {
        None => refused.to_string(),
        Some(w) => format!("{refused} \"{w}\""),
    }
}

fn expected_text(expect: &Expect, lang: Lang) -> String {
    match &expect.what {
        What::Total { amount, .. }
        | What::Withheld { amount, .. }
        | What::Released { amount, .. }
        | What::Line { amount, .. } => written(lang, *amount),
        What::Flagged { words, .. } => {
            let flagged = Word::Flagged.spelled(lang);
            match words {
                None => flagged.to_string(),
                Some(w) => format!("{flagged} \"{w}\""),
            }
        }
        What::Status { status, .. } => status_word(lang, *status).to_string(),
        What::Refused { words } => refused_words(lang, words.as_deref()),
    }
}

fn status_word(lang: Lang, status: Status) -> &'static str {
    match status {
        Status::Met => Word::Met,
        Status::Late => Word::Late,
        Status::Missed => Word::Missed,
        Status::Pending => Word::Pending,
    }
    .spelled(lang)
}

fn payment<'d>(decision: &'d Decision, at: &PayeeMonth) -> Option<&'d Payment> {
    decision
        .payments
        .iter()
        .find(|p| p.payee.0 == at.payee.text && p.period == at.month)
}

/// The basis of a month's amounts, as `cvl eval`'s table shows it: each line, what is withheld and why, what is
/// released and by what; in the file's language, the basis of a line in Danish words and notation as `cvl eval`'s
/// Danish table writes it.
fn basis(payment: Option<&Payment>, at: &PayeeMonth, lang: Lang, loaded: &Loaded) -> Vec<String> {
    let shown_in = lang.messages();
    let Some(p) = payment else {
        return vec![
            text!(
                "scenario-nothing-paid",
                payee = &at.payee.text,
                month = at.month.to_string()
            )
            .show(shown_in),
        ];
    };
    let mut out = Vec::new();
    for line in &p.lines {
        let clause = line.clause.map(|s| loaded.place(s)).unwrap_or_default();
        let events = line
            .events
            .iter()
            .map(|e| cvl_syntax::text::shown(e))
            .collect::<Vec<_>>()
            .join(" ");
        let cited = match (clause.is_empty(), events.is_empty()) {
            (false, false) => format!("  [{clause}; {events}]"),
            (false, true) => format!("  [{clause}]"),
            (true, false) => format!("  [{events}]"),
            (true, true) => String::new(),
        };
        out.push(format!(
            "{}  {}  {}{cited}",
            line.item.0,
            written(lang, line.amount),
            cvl_syntax::text::shown(&line_basis(lang, &line.basis))
        ));
    }
    if !p.withheld.is_zero() {
        for hold in &p.held {
            let held = text!(
                "scenario-held-back",
                amount = written(lang, -p.withheld),
                obligation = &hold.obligation.0,
                due = hold.due.to_string(),
                grace = hold.grace_end.to_string(),
                clause = loaded.place(hold.clause)
            );
            out.push(held.show(shown_in));
        }
    }
    if !p.released.is_zero() {
        let from: Vec<String> = p.released_from.iter().map(ToString::to_string).collect();
        let by: Vec<String> = p
            .released_meetings
            .iter()
            .map(|m| {
                text!(
                    "scenario-meeting",
                    event = cvl_syntax::text::shown(&m.event),
                    date = m.date.to_string(),
                    actor = &m.actor.0
                )
                .show(shown_in)
            })
            .collect();
        let released = text!(
            "scenario-released",
            amount = written(lang, p.released),
            months = from.join(", "),
            meetings = by.join("; ")
        );
        out.push(released.show(shown_in));
    }
    if p.provisional {
        out.push(text!("scenario-provisional").show(shown_in));
    }
    out
}

/// How a line's amount was computed, as evaluation writes it; in Danish with the words and notation of `cvl
/// eval`'s Danish table (`60.000,00 kr./måned × 17/31 dage`).
fn line_basis(lang: Lang, basis: &cvl_eval::Basis) -> String {
    match lang {
        Lang::English => basis.to_string(),
        Lang::Danish => cvl_report::Lang::Da.basis(&basis.to_string()),
    }
}
