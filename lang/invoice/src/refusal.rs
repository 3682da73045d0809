//! Refusals: why a file is not read as an e-invoice — a kind a program can act on, the element it concerns (a
//! path such as `Invoice/cac:InvoiceLine[3]/cbc:LineExtensionAmount`), the line and column in the file, and the
//! words a person reads, with advice in a help line where there is any.

use std::fmt;

use cvl_syntax::text::shown;

/// What kind of thing is wrong with a refused file: coarse, so that a program can tell cases apart without
/// reading the words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum RefusalKind {
    /// The file cannot be read: it does not exist, or reading it failed.
    Unreadable,
    /// The file is larger than [`MAX_BYTES`](crate::MAX_BYTES).
    TooLarge,
    /// The file is not UTF-8, or declares another encoding.
    Encoding,
    /// The file is not well-formed XML.
    Malformed,
    /// The file has a document type declaration (`<!DOCTYPE`): no DTD, and so no entity, is ever read.
    Doctype,
    /// Elements are nested deeper than [`MAX_DEPTH`](crate::MAX_DEPTH).
    TooDeep,
    /// The root element is not a UBL `Invoice` or `CreditNote` in its namespace.
    NotUbl,
    /// The `cbc:CustomizationID` names no profile that is read.
    Profile,
    /// An element or attribute that is needed is missing or empty.
    Missing,
    /// An element that is written once is written more than once.
    Repeated,
    /// A value is not what its element holds: a decimal, a date, a currency code, a period whose end is before its
    /// start; an amount with more decimals than Peppol BIS 3 allows or beyond the largest read; a base quantity not
    /// above zero; a type code of the other kind of document.
    BadValue,
    /// The document is larger than what one approval records: more lines, or a longer number (spec 7).
    Limit,
    /// The document's number or a line's id holds what looks like a CPR number, which is never recorded (spec 6).
    Personal,
}

/// Where in the file: a line and a column (in characters), both from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The position of the byte `offset` in `text`; an offset past the end is the end.
    pub fn of_offset(text: &str, offset: usize) -> Position {
        let before = text.get(..offset).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let start = before.rfind('\n').map_or(0, |at| at + 1);
        let column = before.get(start..).map_or(0, |s| s.chars().count()) + 1;
        Position { line, column }
    }
}

/// Why a file is not read as an e-invoice.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct Refusal {
    pub kind: RefusalKind,
    /// The element concerned, as a path from the root with the conventional prefixes `cac:` and `cbc:`.
    pub path: Option<String>,
    /// Where in the file, when the file was read that far.
    pub position: Option<Position>,
    /// What is wrong, lowercase, the file's own text in backticks.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl Refusal {
    pub fn new(kind: RefusalKind, message: impl Into<String>) -> Refusal {
        Refusal {
            kind,
            path: None,
            position: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn at(mut self, path: &str, position: Option<Position>) -> Refusal {
        self.path = Some(path.to_string());
        self.position = position;
        self
    }

    pub(crate) fn position(mut self, position: Position) -> Refusal {
        self.position = Some(position);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Refusal {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Refusal {
    /// The refusal in one line, without its help: the element, where it is, and what is wrong. Text from the file
    /// goes through [`shown`]: hidden characters are escaped and a CPR-like number is masked.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = match (&self.path, self.position) {
            (Some(path), Some(p)) => format!("`{path}` (line {}, column {}): ", p.line, p.column),
            (Some(path), None) => format!("`{path}`: "),
            (None, Some(p)) => format!("line {}, column {}: ", p.line, p.column),
            (None, None) => String::new(),
        };
        write!(f, "{}{}", shown(&place), shown(&self.message))
    }
}
