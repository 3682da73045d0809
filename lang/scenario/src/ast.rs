//! What a scenario file says, as the parser reads it: the contract it tests, and its scenarios, each with the
//! events it starts from, its own events, the date it is decided as of and what must follow.

use std::ops::Range;

use chrono::NaiveDate;
use cvl_eval::{Month, Status};
use rust_decimal::Decimal;

use crate::words::Lang;

/// A scenario file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    pub lang: Lang,
    /// The contract's file, as written (relative to the scenario file's directory), and where.
    pub contract: Named,
    pub scenarios: Vec<Scenario>,
}

/// A name, a path or other text as written, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    pub text: String,
    pub span: Range<usize>,
}

/// One scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    pub name: Named,
    /// The line of its `scenario` line, from 1.
    pub line: usize,
    /// `events "FILE"` or `log "FILE"`: what it starts from.
    pub base: Option<Base>,
    /// `as of DATE`.
    pub as_of: Option<(NaiveDate, Range<usize>)>,
    pub events: Vec<EventLine>,
    pub expects: Vec<Expect>,
}

/// The events file or log a scenario starts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Base {
    /// Whether it is a signed log (`log`), verified as `cvl eval --log` verifies it.
    pub signed: bool,
    pub path: Named,
}

/// An event written on one line: `2019-11-20 ostervold status_report`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventLine {
    pub line: usize,
    pub span: Range<usize>,
    pub date: NaiveDate,
    pub actor: Named,
    pub kind: Named,
    pub fields: Vec<(Named, Value)>,
}

/// The value of an event's field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Date(NaiveDate),
    Month(Month),
    /// A number; `whole` when written as digits alone, which the event gets as a JSON number (a `year`, say).
    Number {
        value: Decimal,
        whole: bool,
    },
    /// A name (`school_support`) or a string (`"RX-2019-05"`).
    Text(String),
    /// Values with commas between them: `months 2019-10, 2019-11`.
    List(Vec<Value>),
}

/// What must follow, on one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expect {
    pub line: usize,
    pub span: Range<usize>,
    pub what: What,
}

/// A payee's month, as an expectation names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PayeeMonth {
    pub payee: Named,
    pub month: Month,
    pub month_span: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum What {
    /// `ostervold 2019-10 pays 0.00`: the month's total.
    Total { at: PayeeMonth, amount: Decimal },
    /// `ostervold 2019-01 stay pays 32,903.23`: the item's line in the month (0.00 when it has none).
    Line {
        at: PayeeMonth,
        item: Named,
        amount: Decimal,
    },
    /// `ostervold 2019-10 withheld 90,000.00`.
    Withheld { at: PayeeMonth, amount: Decimal },
    /// `ostervold 2019-11 released 90,000.00`.
    Released { at: PayeeMonth, amount: Decimal },
    /// `firm 2019-10 is flagged "visits"`: the month has a flag (containing the words, when given).
    Flagged {
        at: PayeeMonth,
        words: Option<String>,
    },
    /// `status_report due 2019-10-15 is missed`.
    Status {
        obligation: Named,
        due: NaiveDate,
        due_span: Range<usize>,
        status: Status,
    },
    /// `refused "not a party"`: the events are refused (with these words in the reason, when given).
    Refused { words: Option<String> },
}
