//! The syntax tree.
//!
//! Every node carries the byte span of the text it was parsed from. The tree is what the parser could read: a
//! statement it could not read is left out (and reported), and an expression it could not read is an
//! [`ExprKind::Error`], so that later phases and the editor can still work on the intact parts of a broken file.
//! Comments are not in the tree; [`crate::Parsed::comments`] lists their spans, in order, for the formatter.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::span::Span;

/// A whole file: imports, contracts and clause definitions, in source order.
#[derive(Clone, Debug, PartialEq)]
pub struct File {
    pub items: Vec<TopItem>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TopItem {
    Import(Import),
    Contract(Contract),
    Clause(ClauseDef),
}

/// A name as written, with its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// A string literal with its escapes resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StrLit {
    pub value: String,
    pub span: Span,
}

/// A dotted name: `care.status_report`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Path {
    pub segments: Vec<Ident>,
    pub span: Span,
}

/// `import care` (a stdlib module) or `import "terms/local.cvl"` (a file relative to the importing one).
#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    pub target: ImportTarget,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ImportTarget {
    Module(Path),
    File(StrLit),
}

/// `contract NAME "title" { … }`
#[derive(Clone, Debug, PartialEq)]
pub struct Contract {
    pub name: Ident,
    pub title: Option<StrLit>,
    pub body: Block,
    pub span: Span,
}

/// `clause NAME(param: type, …) "title" { … }`: a piece of contract that `use` copies in with arguments.
#[derive(Clone, Debug, PartialEq)]
pub struct ClauseDef {
    pub name: Ident,
    pub params: Vec<Param>,
    pub title: Option<StrLit>,
    pub body: Block,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub name: Ident,
    /// The type's name as written (`party`, `duration`, `money`, …); the checker gives it a meaning.
    pub ty: Ident,
    pub span: Span,
}

/// `{ statement … }`
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

/// A statement; each starts with its own keyword. Which statements a block may hold is the checker's concern.
#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// `party`, `item`, `supplement`, `obligation` or `termination` with a block of its own.
    Decl(Decl),
    /// `case "REF"`: the pseudonymous case reference.
    Case(StrLit),
    /// `role payer`
    Role(Ident),
    /// `key "ed25519:…"`
    Key(StrLit),
    /// `signed by a and b`
    SignedBy(Vec<Ident>),
    /// `starts on DATE` or `starts when EVENT`
    Starts(Moment),
    /// `ends on DATE`, `ends after DURATION` or `ends when EVENT`
    Ends(EndRule),
    /// `pay AMOUNT to PARTY`
    Pay { amount: Expr, payee: Ident },
    /// `for the first DURATION`
    ForFirst(Expr),
    /// `adjustable by a`
    AdjustableBy(Vec<Ident>),
    /// `term DURATION`
    Term(Expr),
    /// `review by a`
    ReviewBy(Vec<Ident>),
    /// `by a`: who an obligation binds; in a termination, `by a` or `by a or b`: who may terminate alone (spec 4.12).
    /// `and` and `or` are the spans of the first of each word joining the parties, if any.
    By {
        parties: Vec<Ident>,
        and: Option<Span>,
        or: Option<Span>,
    },
    /// `every INTERVAL [on WEEKDAY]`
    Every { interval: Expr, on: Option<Ident> },
    /// `lasting DURATION`
    Lasting(Expr),
    /// `grace DURATION`
    Grace(Expr),
    /// `when missed withhold [ITEM, …]` or `when missed flag`; the items a withhold holds (none: every payment to
    /// the bound party).
    WhenMissed {
        consequence: Consequence,
        items: Vec<Ident>,
    },
    /// `cap QUANTITY`
    Cap(Expr),
    /// `confirmed by a`
    ConfirmedBy(Vec<Ident>),
    /// `notice DURATION [to the end of a month]`
    Notice { length: Expr, month_end: bool },
    /// `paid monthly [in arrears][, due on day N]`: the due day is the day of the following month a month's
    /// payment falls due on.
    PaidMonthly {
        in_arrears: bool,
        due_day: Option<Expr>,
    },
    /// `interest PERCENT % per year`: the contract's own rate of interest on late payment.
    Interest { percent: Expr, per: UnitWord },
    /// `use path.to.clause(name: value, …)`
    Use { clause: Path, args: Vec<Arg> },
    /// `cvr "29189587"`: a party's number in the Danish business register.
    Cvr(StrLit),
    /// `covers "board and lodging", "pocket money"`: what an item's price covers.
    Covers(Vec<StrLit>),
    /// `reimburse to PARTY`: an item paid as invoiced, against approvals.
    Reimburse { payee: Ident },
    /// `up to AMOUNT [per month|year]`: the most a reimbursed item pays.
    UpTo(Expr),
    /// `approved by a`: who approves a reimbursed item's expenses.
    ApprovedBy(Vec<Ident>),
    /// `once on start` or `once on DATE`: the item's `pay` is paid once, in the month of that day.
    Once(OnceDay),
    /// `regulated by P % each year from DATE` or `regulated by index NAME each year from DATE`: the item's rate is
    /// regulated on DATE and on the same day each year after, by P % or by the index's values (spec 4.8).
    Regulated { by: RegulatedBy, from: Expr },
}

/// What a yearly regulation follows.
#[derive(Clone, Debug, PartialEq)]
pub enum RegulatedBy {
    /// `P %`: a fixed percentage.
    Percent(Expr),
    /// `index NAME`: the values of an index, given by the payer's `index_value` events.
    Index(Ident),
}

/// The day a one-off payment falls on: the item's first day in force (`start`, the word's span) or a date.
#[derive(Clone, Debug, PartialEq)]
pub enum OnceDay {
    Start(Span),
    On(Expr),
}

/// The kind of a declaration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DeclKind {
    Party,
    Item,
    Supplement,
    Obligation,
    Termination,
}

impl DeclKind {
    pub fn keyword(self) -> &'static str {
        match self {
            DeclKind::Party => "party",
            DeclKind::Item => "item",
            DeclKind::Supplement => "supplement",
            DeclKind::Obligation => "obligation",
            DeclKind::Termination => "termination",
        }
    }
}

/// A declaration inside a contract or clause: `item taxi "Taxi to school" { … }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Decl {
    pub kind: DeclKind,
    /// Every kind has a name but `termination`, which has none.
    pub name: Option<Ident>,
    pub title: Option<StrLit>,
    pub body: Block,
}

/// When something starts: on a date (an expression) or when an event of a kind happens.
#[derive(Clone, Debug, PartialEq)]
pub enum Moment {
    On(Expr),
    When(Ident),
}

#[derive(Clone, Debug, PartialEq)]
pub enum EndRule {
    On(Expr),
    After(Expr),
    When(Ident),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Consequence {
    Withhold,
    Flag,
}

/// `name: value` in a `use`.
#[derive(Clone, Debug, PartialEq)]
pub struct Arg {
    pub name: Ident,
    pub value: Expr,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A number with an optional unit: `60_000 DKK`, `3 months`, `4 hours`, `2`.
    Quantity {
        value: Decimal,
        unit: Option<UnitWord>,
    },
    Date(NaiveDate),
    Str(String),
    Bool(bool),
    Name(String),
    Unary(UnaryOp, Box<Expr>),
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `AMOUNT per UNIT`: a rate.
    Per(Box<Expr>, UnitWord),
    /// Something that could not be read; a diagnostic has been reported for it.
    Error,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Not,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Or,
    And,
    Eq,
    NotEq,
    Lt,
    LtEq,
    Gt,
    GtEq,
    Add,
    Sub,
    Mul,
    Div,
}

impl BinaryOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Or => "or",
            BinaryOp::And => "and",
            BinaryOp::Eq => "==",
            BinaryOp::NotEq => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::LtEq => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::GtEq => ">=",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
        }
    }
}

/// A unit as written after a number or `per`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitWord {
    pub unit: Unit,
    /// Whether the word was written in the plural (`months`), so that the formatter keeps it.
    pub plural: bool,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
    Hour,
    /// A currency by its three-letter code (`DKK`).
    Currency(String),
}

impl Unit {
    /// The unit a word names: a time unit in the singular or plural, or three upper-case ASCII letters.
    pub fn from_word(word: &str) -> Option<(Unit, bool)> {
        let unit = match word {
            "day" | "days" => Unit::Day,
            "week" | "weeks" => Unit::Week,
            "month" | "months" => Unit::Month,
            "year" | "years" => Unit::Year,
            "hour" | "hours" => Unit::Hour,
            w if w.len() == 3 && w.bytes().all(|b| b.is_ascii_uppercase()) => {
                return Some((Unit::Currency(w.to_string()), false));
            }
            _ => return None,
        };
        Some((unit, word.ends_with('s')))
    }

    /// The unit's word, singular or plural.
    pub fn word(&self, plural: bool) -> &str {
        match (self, plural) {
            (Unit::Day, false) => "day",
            (Unit::Day, true) => "days",
            (Unit::Week, false) => "week",
            (Unit::Week, true) => "weeks",
            (Unit::Month, false) => "month",
            (Unit::Month, true) => "months",
            (Unit::Year, false) => "year",
            (Unit::Year, true) => "years",
            (Unit::Hour, false) => "hour",
            (Unit::Hour, true) => "hours",
            (Unit::Currency(code), _) => code,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_words_round_trip() {
        for word in [
            "day", "days", "week", "months", "year", "hours", "DKK", "EUR",
        ] {
            let (unit, plural) = Unit::from_word(word).unwrap();
            assert_eq!(unit.word(plural), word);
        }
        assert_eq!(Unit::from_word("Dkk"), None);
        assert_eq!(Unit::from_word("DKKK"), None);
        assert_eq!(Unit::from_word("fortnight"), None);
    }
}
