//! Diagnostics: what every phase reports, and the stable codes that name them.
//!
//! A [`Diagnostic`] is a kind (its [`Code`]) plus a span, a one-line message, optional secondary labels and an
//! optional help line. Rendering happens at the edges: the CLI turns a diagnostic into an ariadne report, JSON
//! or a CI annotation, and the language server into a protocol diagnostic. Messages follow one style: lowercase,
//! no final period, the user's own text in backticks, advice in the help line, never a line break.

use std::fmt;

use cvl_messages::{Lang, Text, text};

use crate::span::Span;

/// How bad a diagnostic is. Errors fail `cvl check`; warnings fail it only with `--deny-warnings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which part of the language a code belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// The text is not a sentence of the grammar (the pest grammar rejects it too).
    Grammar,
    /// The text is grammatical but a literal in it is not valid (a date that does not exist, say).
    Literal,
    /// A limit of the implementation, not of the grammar (nesting depth, file encoding).
    Limit,
    /// A rule about the text's content that needs no names or types (personal identifiers, an empty file).
    Content,
    /// A rule of the checker: names, types with units, what a contract must say, and lints.
    Check,
}

macro_rules! codes {
    ($($code:ident => ($severity:ident, $class:ident, $title:literal)),* $(,)?) => {
        /// The stable code of a diagnostic. Codes are never reused or renumbered; `cvl explain CODE` prints the
        /// explanation that ships with each one.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($code),*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$code),*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$code => stringify!($code)),*
                }
            }

            /// The severity a diagnostic of this code has.
            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$code => Severity::$severity),*
                }
            }

            pub fn class(self) -> Class {
                match self {
                    $(Code::$code => Class::$class),*
                }
            }

            /// A few words that name what the code is about.
            pub fn title(self) -> &'static str {
                match self {
                    $(Code::$code => $title),*
                }
            }

            /// The long explanation, with an example, that `cvl explain` prints.
            pub fn explanation(self) -> &'static str {
                match self {
                    $(Code::$code => include_str!(concat!("../explain/", stringify!($code), ".md"))),*
                }
            }
        }
    };
}

codes! {
    E0001 => (Error, Grammar, "unexpected character"),
    E0002 => (Error, Grammar, "unterminated string"),
    E0003 => (Error, Grammar, "invalid escape in a string"),
    E0004 => (Error, Grammar, "unexpected token"),
    E0005 => (Error, Grammar, "unclosed delimiter"),
    E0006 => (Error, Literal, "invalid date"),
    E0007 => (Error, Literal, "invalid number"),
    E0008 => (Error, Limit, "nested too deeply"),
    E0009 => (Error, Limit, "file is not UTF-8"),
    E0010 => (Error, Content, "personal identification number"),
    E0011 => (Error, Grammar, "chained comparison"),
    E0012 => (Error, Grammar, "unknown unit"),
    W0001 => (Warning, Content, "file declares nothing"),
    E0013 => (Error, Check, "unknown name"),
    E0014 => (Error, Check, "duplicate name"),
    E0015 => (Error, Check, "not a party"),
    E0016 => (Error, Check, "operands do not fit the operator"),
    E0017 => (Error, Check, "value cannot be computed"),
    E0018 => (Error, Check, "wrong type"),
    E0019 => (Error, Check, "amount not payable monthly"),
    E0020 => (Error, Check, "negative amount"),
    E0021 => (Error, Check, "ends before it starts"),
    E0022 => (Error, Check, "no case reference"),
    E0023 => (Error, Check, "obligation without interval"),
    E0024 => (Error, Check, "adjuster does not sign"),
    E0025 => (Error, Check, "statement out of place"),
    E0026 => (Error, Check, "statement given twice"),
    E0027 => (Error, Check, "module not found"),
    E0028 => (Error, Check, "circular import or use"),
    E0029 => (Error, Check, "imported module has errors"),
    E0030 => (Error, Check, "required statement missing"),
    E0031 => (Error, Check, "unknown clause"),
    E0032 => (Error, Check, "arguments do not fit the clause"),
    E0033 => (Error, Check, "unknown type"),
    E0034 => (Error, Check, "unknown weekday"),
    E0035 => (Error, Check, "unknown role"),
    E0036 => (Error, Check, "unknown event kind"),
    E0037 => (Error, Check, "invalid key"),
    E0038 => (Error, Check, "key declared twice"),
    E0039 => (Error, Limit, "too many clause uses"),
    E0040 => (Error, Limit, "reaches too far in time"),
    E0041 => (Error, Check, "import path not allowed"),
    E0042 => (Error, Limit, "amount beyond the limits"),
    E0043 => (Error, Limit, "too many problems"),
    E0044 => (Error, Check, "invalid CVR number"),
    E0045 => (Error, Check, "CVR number declared twice"),
    E0046 => (Error, Check, "empty covered item"),
    E0047 => (Error, Check, "covered twice"),
    E0048 => (Error, Check, "statement unfit for a reimbursed item"),
    E0049 => (Error, Check, "reimbursement limit not above zero"),
    E0050 => (Error, Check, "invalid due day"),
    E0051 => (Error, Check, "invalid rate of interest"),
    E0052 => (Error, Check, "statement unfit for a one-off payment"),
    E0053 => (Error, Check, "not an item the obligation can withhold"),
    E0054 => (Error, Check, "invalid yearly regulation"),
    E0055 => (Error, Check, "unclear who may act"),
    E0056 => (Error, Check, "two currencies in one contract"),
    E0057 => (Error, Grammar, "word of the other language"),
    E0058 => (Error, Check, "placeholder not filled in"),
    W0002 => (Warning, Check, "unused clause"),
    W0003 => (Warning, Check, "never in force"),
    W0004 => (Warning, Check, "obligation without consequence"),
    W0005 => (Warning, Check, "supplement without review"),
}

impl Code {
    /// The code named by `text`, case-insensitively (`e0004` finds [`Code::E0004`]).
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a diagnostic says in one of its places: always a catalogue's message ([`Text`], put in words in the
/// language it is shown in), never a string made in the code, so that every diagnostic has its Danish words (the
/// catalogue's tests fail on a message without them).
pub type Words = Text;

/// A secondary place that a diagnostic points at, with what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One problem found in the input. Its `message`, `label`, `secondary` labels and `help` are in English, as made;
/// [`Diagnostic::in_language`] puts them in another language from the words they were made of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// The exact place of the problem.
    pub span: Span,
    /// What to say at the primary span; empty means the renderer repeats nothing there.
    pub label: String,
    /// Other places involved in the problem.
    pub secondary: Vec<Label>,
    /// Advice on how to fix it, where a fix is known.
    pub help: Option<String>,
    /// The words each of the texts above was made from, to put them in another language.
    words: Box<Said>,
}

/// The words of a diagnostic's texts, in the order of its fields.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Said {
    message: Words,
    label: Option<Words>,
    secondary: Vec<Words>,
    help: Option<Words>,
}

impl Diagnostic {
    pub fn new(code: Code, span: Span, message: impl Into<Words>) -> Self {
        let message = message.into();
        Diagnostic {
            code,
            severity: code.severity(),
            message: said(message.show(Lang::En)),
            span,
            label: String::new(),
            secondary: Vec::new(),
            help: None,
            words: Box::new(Said {
                message,
                label: None,
                secondary: Vec::new(),
                help: None,
            }),
        }
    }

    pub fn with_label(mut self, label: impl Into<Words>) -> Self {
        let label = label.into();
        self.label = said(label.show(Lang::En));
        self.words.label = Some(label);
        self
    }

    pub fn with_secondary(mut self, span: Span, message: impl Into<Words>) -> Self {
        let message = message.into();
        self.secondary.push(Label {
            span,
            message: said(message.show(Lang::En)),
        });
        self.words.secondary.push(message);
        self
    }

    pub fn with_help(mut self, help: impl Into<Words>) -> Self {
        let help = help.into();
        self.help = Some(said(help.show(Lang::En)));
        self.words.help = Some(help);
        self
    }

    /// The message made again by `reword` from the words it was made of (a message that wraps the one made
    /// first: `… (in clause `x`)`).
    pub fn reword_message(mut self, reword: impl FnOnce(Words) -> Words) -> Self {
        let message = reword(self.words.message.clone());
        self.message = said(message.show(Lang::En));
        self.words.message = message;
        self
    }

    /// The secondary labels for which `keep` holds; the others are dropped with their words.
    pub fn retain_secondary(&mut self, mut keep: impl FnMut(&Label) -> bool) {
        let labels = std::mem::take(&mut self.secondary);
        let words = std::mem::take(&mut self.words.secondary);
        for (label, words) in labels.into_iter().zip(words) {
            if keep(&label) {
                self.secondary.push(label);
                self.words.secondary.push(words);
            }
        }
    }

    /// The diagnostic with its texts in `lang`: each made again from its words (those made of plain English
    /// words stay as they are).
    pub fn in_language(&self, lang: Lang) -> Diagnostic {
        if lang == Lang::En {
            return self.clone();
        }
        let words = &self.words;
        let mut shown = self.clone();
        shown.message = said(words.message.show(lang));
        if let Some(label) = &words.label {
            shown.label = said(label.show(lang));
        }
        for (label, words) in shown.secondary.iter_mut().zip(&words.secondary) {
            label.message = said(words.show(lang));
        }
        if let Some(help) = &words.help {
            shown.help = Some(said(help.show(lang)));
        }
        shown
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A diagnostic's text as every format shows it (text.rs): a CPR-like number from the input masked and hidden
/// characters escaped, here where every diagnostic is made, so that no renderer or the language server can
/// repeat one; and each quoted part shortened ([`shorten_quoted`]), so that a message's length does not grow with
/// the input's.
fn said(text: String) -> String {
    let shown = match crate::text::shown(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(shown) => shown,
    };
    shorten_quoted(shown)
}

/// The longest quoted part, in characters, that a diagnostic repeats whole.
pub const MAX_QUOTED: usize = 60;
/// How much of a longer quoted part is kept: its first 40 and last 10 characters, with `…` between.
const QUOTED_HEAD: usize = 40;
const QUOTED_TAIL: usize = 10;

/// Shortens every part of `text` between a pair of backticks (the user's own text, by the message style) that is
/// longer than [`MAX_QUOTED`] characters to its first 40 and last 10 with `…` between: ``unknown unit `XXXX…XX` ``.
/// A backtick without its pair ends nothing and is left as it is.
pub fn shorten_quoted(text: String) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    let quoted_long = |(i, part): (usize, &&str)| {
        i % 2 == 1 && i + 1 < parts.len() && part.chars().nth(MAX_QUOTED).is_some()
    };
    if !parts.iter().enumerate().any(quoted_long) {
        return text;
    }
    let mut out = String::with_capacity(text.len().min(1024));
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push('`');
        }
        if quoted_long((i, part)) {
            let count = part.chars().count();
            out.extend(part.chars().take(QUOTED_HEAD));
            out.push('…');
            out.extend(part.chars().skip(count.saturating_sub(QUOTED_TAIL)));
        } else {
            out.push_str(part);
        }
    }
    out
}

/// How many diagnostics one file may have; past it, the rest are counted and one E0043 says how many.
pub const MAX_PER_FILE: usize = 100;

/// Errors and warnings collected by a phase; a phase reports all it finds rather than stopping at the first.
///
/// At most [`MAX_PER_FILE`] are kept, the first in source order: memory stays bounded whatever the input, and the
/// rest are only counted. [`Problems::into_sorted`] then ends with one E0043 that says how many were left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems {
    diagnostics: Vec<Diagnostic>,
    /// The diagnostics left out past the cap.
    omitted: Omitted,
    /// Once the cap is reached: the span of the last diagnostic kept. A diagnostic after it can never be shown
    /// (what is kept only moves earlier), so nothing need be worked out for it, such as a "did you mean".
    bar: Option<Span>,
}

/// What is known of the diagnostics left out: how many, how many of them are errors, and where the first is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Omitted {
    count: usize,
    errors: usize,
    first: Option<Span>,
}

impl Problems {
    pub fn new() -> Self {
        Problems::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
        // Sorting every twice-the-cap pushes keeps the work per push logarithmic and the memory bounded.
        if self.diagnostics.len() >= 2 * MAX_PER_FILE {
            self.trim();
        }
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        for diagnostic in other {
            self.push(diagnostic);
        }
    }

    /// Takes in another phase's problems, with what it left out.
    pub fn merge(&mut self, other: Problems) {
        let omitted = other.omitted;
        self.extend(other.diagnostics);
        self.omit(omitted);
    }

    /// Whether a diagnostic at `span` may still be among those shown: false once [`MAX_PER_FILE`] diagnostics
    /// before it are known, so that its help (a "did you mean", which compares names) need not be worked out.
    /// Exact in that direction: a diagnostic this refuses is never shown.
    pub fn may_show(&self, span: Span) -> bool {
        self.bar.is_none_or(|bar| span <= bar)
    }

    pub fn has_errors(&self) -> bool {
        self.omitted.errors > 0 || self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// How many errors and how many warnings were left out past the cap (so far: [`Problems::into_sorted`] may
    /// leave out more).
    pub fn left_out(&self) -> (usize, usize) {
        let mut whole = self.clone();
        whole.trim();
        let Omitted { count, errors, .. } = whole.omitted;
        (errors, count.saturating_sub(errors))
    }

    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty() && self.omitted.count == 0
    }

    /// Keeps only the diagnostics for which `keep` holds (those left out past the cap stay counted).
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.diagnostics.retain(keep);
    }

    /// The diagnostics kept (not the count of those left out past the cap).
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter()
    }

    /// Sorts and deduplicates, and leaves out (counting them) all but the first [`MAX_PER_FILE`].
    fn trim(&mut self) {
        self.diagnostics
            .sort_by(|a, b| (a.span, a.code, &a.message).cmp(&(b.span, b.code, &b.message)));
        // A clause used twice can report the same problem twice; say it once.
        self.diagnostics.dedup();
        if self.diagnostics.len() > MAX_PER_FILE {
            let left_out: Vec<Diagnostic> = self.diagnostics.drain(MAX_PER_FILE..).collect();
            self.bar = self.diagnostics.last().map(|d| d.span);
            self.omit(Omitted {
                count: left_out.len(),
                errors: left_out.iter().filter(|d| d.is_error()).count(),
                first: left_out.first().map(|d| d.span),
            });
        }
    }

    fn omit(&mut self, more: Omitted) {
        self.omitted.count = self.omitted.count.saturating_add(more.count);
        self.omitted.errors = self.omitted.errors.saturating_add(more.errors);
        self.omitted.first = match (self.omitted.first, more.first) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }

    /// The diagnostics in source order (then by code), which is the order every output shows them in: at most
    /// [`MAX_PER_FILE`], then one E0043 if any were left out.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.trim();
        if let Some(first) = self.omitted.first {
            let count = self.omitted.count;
            let mut note = Diagnostic::new(
                Code::E0043,
                Span::new(first.file, first.start, first.start),
                text!("syntax-problems-left-out", count = count),
            )
            .with_label(text!("syntax-problems-left-out-first"))
            .with_help(text!("syntax-problems-left-out-help", max = MAX_PER_FILE));
            // It is as bad as the worst it stands for: warnings alone fail nothing.
            if self.omitted.errors == 0 {
                note.severity = Severity::Warning;
            }
            self.diagnostics.push(note);
        }
        self.diagnostics
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::FileId;

    #[test]
    fn every_code_has_an_explanation_with_an_example() {
        for code in Code::ALL {
            let text = code.explanation();
            assert!(
                text.contains("```"),
                "{code}'s explanation has no example block"
            );
        }
    }

    #[test]
    fn long_quoted_text_is_shortened_and_short_text_is_not() {
        let nines = "9".repeat(100_000);
        let d = Diagnostic::new(
            Code::E0007,
            Span::new(FileId(0), 0, 0),
            text!("syntax-too-many-digits", written = nines.as_str()),
        );
        assert_eq!(
            d.message,
            format!(
                "`{}…{}` has more digits than a number can hold",
                "9".repeat(40),
                "9".repeat(10)
            )
        );
        let exact = "x".repeat(MAX_QUOTED);
        assert_eq!(
            shorten_quoted(format!("a `{exact}` b")),
            format!("a `{exact}` b")
        );
        let over = format!("{}é{}", "x".repeat(MAX_QUOTED - 10), "ø".repeat(10));
        assert_eq!(
            shorten_quoted(format!("`{over}` and `{over}`, then `")),
            format!(
                "`{0}…{1}` and `{0}…{1}`, then `",
                "x".repeat(40),
                "ø".repeat(10)
            )
        );
        // Text outside backticks, and after a backtick without its pair, is the message's own.
        let plain = "y".repeat(200);
        assert_eq!(
            shorten_quoted(format!("{plain} `{plain}")),
            format!("{plain} `{plain}")
        );
        // A CPR-like number is masked before it is shortened, so no part of it survives a cut.
        let d = Diagnostic::new(
            Code::E0013,
            Span::new(FileId(0), 0, 0),
            text!(
                "syntax-not-a-word",
                written = format!("{} 0102031234 {}", "a".repeat(35), "b".repeat(40))
            ),
        );
        assert!(!d.message.contains("01020"), "{}", d.message);
    }

    #[test]
    fn a_diagnostic_is_put_in_danish_from_its_words() {
        let mut problems = Problems::new();
        for at in 0..(MAX_PER_FILE as u32) + 2 {
            problems.push(Diagnostic::new(
                Code::E0001,
                Span::new(FileId(0), at, at + 1),
                text!("syntax-problems-left-out-first"),
            ));
        }
        let sorted = problems.into_sorted();
        let note = sorted.last().expect("the note of those left out");
        assert_eq!(note.message, "and 2 more problems in this file, not shown");
        let danish = note.in_language(Lang::Da);
        assert_eq!(danish.message, "og 2 problemer mere i filen, ikke vist");
        assert_eq!(danish.label, "det første, der ikke vises, er her");
        assert_eq!(
            danish.help.as_deref(),
            Some("højst 100 problemer vises for én fil: ret disse, og tjek igen")
        );
        assert_eq!(
            sorted[0].in_language(Lang::Da).message,
            "det første, der ikke vises, er her"
        );
    }

    #[test]
    fn codes_parse_back_case_insensitively() {
        for code in Code::ALL {
            assert_eq!(Code::parse(&code.as_str().to_lowercase()), Some(*code));
        }
        assert_eq!(Code::parse("E9999"), None);
    }

    fn at(start: u32) -> Diagnostic {
        Diagnostic::new(
            Code::E0001,
            Span::new(FileId(0), start, start + 1),
            text!("syntax-unexpected-character", found = "`x`"),
        )
    }

    #[test]
    fn past_the_cap_the_first_in_source_order_are_kept_and_the_rest_counted() {
        let mut problems = Problems::new();
        // Pushed from the end backwards: the kept ones are still the first in the file.
        for start in (0..1000).rev() {
            problems.push(at(start));
        }
        assert!(problems.diagnostics.len() < 2 * MAX_PER_FILE);
        let sorted = problems.into_sorted();
        assert_eq!(sorted.len(), MAX_PER_FILE + 1);
        assert_eq!(sorted.first().map(|d| d.span.start), Some(0));
        let last = sorted.last().unwrap();
        assert_eq!(last.code, Code::E0043);
        assert_eq!(
            last.message,
            "and 900 more problems in this file, not shown"
        );
        assert_eq!(last.span.start, 100);
    }

    #[test]
    fn merged_problems_keep_what_they_left_out() {
        let mut checker = Problems::new();
        checker.extend((0..150).map(at));
        let mut all = Problems::new();
        all.push(at(500));
        all.merge(checker);
        assert!(all.has_errors());
        let sorted = all.into_sorted();
        assert_eq!(sorted.len(), MAX_PER_FILE + 1);
        assert_eq!(
            sorted.last().map(|d| d.message.as_str()),
            Some("and 51 more problems in this file, not shown")
        );
    }
}
