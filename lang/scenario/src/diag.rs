//! The diagnostics of a scenario file: a stable code (`S0001`…), the place (a byte range of the file), a message
//! in the house style (lowercase, no final period, the user's text in backticks) and a help line; and their
//! rendering for a person, as `cvl check` renders a contract's (`error[S0004]: …`, `--> file:line:col`, the line
//! and a caret under the place). The words come from the catalogue (`scenario.ftl`) and are shown in the scenario
//! file's language; `message` and `help` hold them in English, as `--format json` and the language server give
//! them.

use std::fmt::Write as _;
use std::ops::Range;

use cvl_messages::{Lang, Text};

macro_rules! codes {
    ($($code:ident => $title:literal),* $(,)?) => {
        /// The stable code of a scenario diagnostic; never reused or renumbered.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($code),* }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$code),*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$code => stringify!($code)),* }
            }

            /// A few words that name what the code is about.
            pub fn title(self) -> &'static str {
                match self { $(Code::$code => $title),* }
            }
        }
    };
}

codes! {
    S0001 => "unexpected character",
    S0002 => "unterminated string",
    S0003 => "invalid date or month",
    S0004 => "invalid amount",
    S0005 => "line not understood",
    S0006 => "word of the other language",
    S0007 => "missing or repeated statement",
    S0008 => "scenario without expectations",
    S0009 => "unknown name",
    S0010 => "outside the contract",
    S0011 => "event does not fit the contract",
    S0012 => "contract or events cannot be used",
}

/// One problem of a scenario file. Every diagnostic is an error: a scenario that has one is not run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diag {
    pub code: Code,
    /// Byte offsets in the file.
    pub span: Range<usize>,
    /// The message in English.
    pub message: String,
    /// The help line in English.
    pub help: Option<String>,
    /// The message, to be shown in a language (boxed, so that a `Result` with a diagnostic stays small).
    pub text: Box<Text>,
    /// The help line, to be shown in a language.
    pub help_text: Option<Box<Text>>,
}

impl Diag {
    pub fn new(code: Code, span: Range<usize>, message: Text) -> Self {
        Diag {
            code,
            span,
            message: message.show(Lang::En),
            help: None,
            text: Box::new(message),
            help_text: None,
        }
    }

    pub fn help(mut self, help: Text) -> Self {
        self.help = Some(help.show(Lang::En));
        self.help_text = Some(Box::new(help));
        self
    }

    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        self.text.show(lang)
    }

    /// The help line in `lang`, if there is one.
    pub fn help_in(&self, lang: Lang) -> Option<String> {
        self.help_text.as_ref().map(|h| h.show(lang))
    }
}

/// The line (from 1) and column (in characters, from 1) of byte `offset` of `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

/// `diag` as a person reads it, in `lang`: the code and message, the place, the line with a caret under the place,
/// and the help line.
pub fn render(diag: &Diag, file: &str, text: &str, lang: Lang) -> String {
    let (line, column) = line_col(text, diag.span.start);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "error[{}]: {}",
        diag.code.as_str(),
        diag.message_in(lang)
    );
    let _ = writeln!(out, "  --> {file}:{line}:{column}");
    let source_line = text.lines().nth(line - 1).unwrap_or("");
    let shown_line = cvl_syntax::text::shown(source_line);
    let number = line.to_string();
    let pad = " ".repeat(number.len());
    let width = text
        .get(diag.span.clone())
        .map_or(1, |s| s.lines().next().unwrap_or("").chars().count().max(1));
    let _ = writeln!(out, "{pad} |");
    let _ = writeln!(out, "{number} | {shown_line}");
    let _ = writeln!(
        out,
        "{pad} | {}{}",
        " ".repeat(column - 1),
        "^".repeat(width)
    );
    if let Some(help) = diag.help_in(lang) {
        let _ = writeln!(out, "{pad} = help: {help}");
    }
    out
}
