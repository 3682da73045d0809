//! The lexer: source text to tokens, with logos.
//!
//! CVL has one lexical mode. White space (including a byte-order mark anywhere) separates tokens and is dropped;
//! line comments (`// …` to the end of the line) are tokens of their own, so that the parser can keep them for
//! the formatter and the editor. A line ends with `\n` or `\r\n`.
//!
//! Some characters are refused wherever they stand, in code, strings and comments alike ([`hidden_kind`],
//! reported by the parser from [`hidden_characters`]): the other characters an editor takes for a line end (a
//! lone `\r`, U+0085, U+2028, U+2029), after which text that a reader sees as code would be comment to CVL, and
//! the bidirectional marks, embeddings, overrides and isolates, which make text read in another order than CVL
//! reads it ("Trojan Source"). To the token rules they are white space that also ends a comment (the line
//! breaks) or white space (the direction marks), so that one such character is one problem and the text around
//! it reads as an editor shows it. Keywords are reserved words; the words that name units (`DKK`, `months`, …) are
//! ordinary identifiers that the parser gives a meaning after a number or `per`.
//!
//! A file in Danish ([`crate::danish`]) is lexed as English first, and its words are then read as their Danish
//! meaning ([`lex_in`]).
//!
//! Literals are recognised here but not valued: the parser turns a [`Token::Number`] into an exact decimal and a
//! [`Token::Date`] into a calendar date, and reports the ones that are not valid. A string that is not closed
//! before the end of its line is a [`Token::UnterminatedString`]; any other character that starts no token is an
//! error, which the lexer reports as [`Lexeme::error`] and steps over.

use logos::Logos;

use crate::danish::{DANISH_FIRST_WORDS, Language};
use crate::span::{FileId, Span};

/// One token kind. The text of a token is its span in the source.
#[derive(Logos, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[logos(skip r"[ \t\r\n\x{FEFF}\x{85}\x{2028}\x{2029}\x{61C}\x{200E}\x{200F}\x{202A}-\x{202E}\x{2066}-\x{2069}]+")]
pub enum Token {
    #[regex(r"//[^\n\r\x{85}\x{2028}\x{2029}]*", allow_greedy = true)]
    Comment,

    // Literals.
    #[regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", priority = 3)]
    Date,
    /// A number, and also text that a number is mistaken for (`22,500`, `1.234.567`, `01.03.2024`, `5.`): the
    /// parser refuses those with a help line that says how CVL writes them (see [`crate::misread`]).
    #[regex(r"[0-9][0-9_]*([.,][0-9]+)*\.?")]
    Number,
    #[regex(r#""([^"\\\n]|\\[^\n])*""#)]
    String,
    #[regex(r#""([^"\\\n]|\\[^\n])*"#)]
    UnterminatedString,
    #[regex(r"[\p{XID_Start}_]\p{XID_Continue}*")]
    Ident,

    // Punctuation and operators.
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token(",")]
    Comma,
    #[token(":")]
    Colon,
    #[token(".")]
    Dot,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("/")]
    Slash,
    #[token("==")]
    EqEq,
    #[token("!=")]
    NotEq,
    #[token("<")]
    Lt,
    #[token("<=")]
    LtEq,
    #[token(">")]
    Gt,
    #[token(">=")]
    GtEq,
    /// `%`, in `interest 10 % per year` only.
    #[token("%")]
    Percent,

    // Keywords, in alphabetical order; KEYWORDS below lists their text.
    #[token("adjustable")]
    Adjustable,
    #[token("after")]
    After,
    #[token("and")]
    And,
    #[token("approved")]
    Approved,
    #[token("arrears")]
    Arrears,
    #[token("by")]
    By,
    #[token("cap")]
    Cap,
    #[token("case")]
    Case,
    #[token("clause")]
    Clause,
    #[token("confirmed")]
    Confirmed,
    #[token("contract")]
    Contract,
    #[token("covers")]
    Covers,
    #[token("cvr")]
    Cvr,
    #[token("due")]
    Due,
    #[token("ends")]
    Ends,
    #[token("every")]
    Every,
    #[token("false")]
    False,
    #[token("first")]
    First,
    #[token("flag")]
    Flag,
    #[token("for")]
    For,
    #[token("grace")]
    Grace,
    #[token("import")]
    Import,
    #[token("in")]
    In,
    #[token("interest")]
    Interest,
    #[token("item")]
    Item,
    #[token("key")]
    Key,
    #[token("lasting")]
    Lasting,
    #[token("missed")]
    Missed,
    #[token("monthly")]
    Monthly,
    #[token("not")]
    Not,
    #[token("notice")]
    Notice,
    #[token("obligation")]
    Obligation,
    #[token("on")]
    On,
    #[token("once")]
    Once,
    #[token("or")]
    Or,
    #[token("paid")]
    Paid,
    #[token("party")]
    Party,
    #[token("pay")]
    Pay,
    #[token("per")]
    Per,
    #[token("regulated")]
    Regulated,
    #[token("reimburse")]
    Reimburse,
    #[token("review")]
    Review,
    #[token("role")]
    Role,
    #[token("signed")]
    Signed,
    #[token("starts")]
    Starts,
    #[token("supplement")]
    Supplement,
    #[token("term")]
    Term,
    #[token("termination")]
    Termination,
    #[token("the")]
    The,
    #[token("to")]
    To,
    #[token("true")]
    True,
    #[token("up")]
    Up,
    #[token("use")]
    Use,
    #[token("when")]
    When,
    #[token("withhold")]
    Withhold,

    /// The end of the input; the lexer adds it once, with an empty span at the end.
    Eof,
}

/// Every keyword with its token, in alphabetical order. The editor grammars and the spec list the same words.
pub const KEYWORDS: &[(&str, Token)] = &[
    ("adjustable", Token::Adjustable),
    ("after", Token::After),
    ("and", Token::And),
    ("approved", Token::Approved),
    ("arrears", Token::Arrears),
    ("by", Token::By),
    ("cap", Token::Cap),
    ("case", Token::Case),
    ("clause", Token::Clause),
    ("confirmed", Token::Confirmed),
    ("contract", Token::Contract),
    ("covers", Token::Covers),
    ("cvr", Token::Cvr),
    ("due", Token::Due),
    ("ends", Token::Ends),
    ("every", Token::Every),
    ("false", Token::False),
    ("first", Token::First),
    ("flag", Token::Flag),
    ("for", Token::For),
    ("grace", Token::Grace),
    ("import", Token::Import),
    ("in", Token::In),
    ("interest", Token::Interest),
    ("item", Token::Item),
    ("key", Token::Key),
    ("lasting", Token::Lasting),
    ("missed", Token::Missed),
    ("monthly", Token::Monthly),
    ("not", Token::Not),
    ("notice", Token::Notice),
    ("obligation", Token::Obligation),
    ("on", Token::On),
    ("once", Token::Once),
    ("or", Token::Or),
    ("paid", Token::Paid),
    ("party", Token::Party),
    ("pay", Token::Pay),
    ("per", Token::Per),
    ("regulated", Token::Regulated),
    ("reimburse", Token::Reimburse),
    ("review", Token::Review),
    ("role", Token::Role),
    ("signed", Token::Signed),
    ("starts", Token::Starts),
    ("supplement", Token::Supplement),
    ("term", Token::Term),
    ("termination", Token::Termination),
    ("the", Token::The),
    ("to", Token::To),
    ("true", Token::True),
    ("up", Token::Up),
    ("use", Token::Use),
    ("when", Token::When),
    ("withhold", Token::Withhold),
];

impl Token {
    /// The keyword's text, if this token is a keyword.
    pub fn keyword_text(self) -> Option<&'static str> {
        KEYWORDS.iter().find(|(_, t)| *t == self).map(|(w, _)| *w)
    }

    /// How the token is named in a message: keywords and punctuation in backticks, others by what they are.
    pub fn describe(self) -> &'static str {
        match self {
            Token::Comment => "a comment",
            Token::Date => "a date",
            Token::Number => "a number",
            Token::String | Token::UnterminatedString => "a string",
            Token::Ident => "a name",
            Token::LBrace => "`{`",
            Token::RBrace => "`}`",
            Token::LParen => "`(`",
            Token::RParen => "`)`",
            Token::Comma => "`,`",
            Token::Colon => "`:`",
            Token::Dot => "`.`",
            Token::Plus => "`+`",
            Token::Minus => "`-`",
            Token::Star => "`*`",
            Token::Slash => "`/`",
            Token::EqEq => "`==`",
            Token::NotEq => "`!=`",
            Token::Lt => "`<`",
            Token::LtEq => "`<=`",
            Token::Gt => "`>`",
            Token::GtEq => "`>=`",
            Token::Percent => "`%`",
            Token::Eof => "the end of the file",
            keyword => keyword_description(keyword),
        }
    }
}

impl Token {
    /// What [`Token::describe`] says, as a message of the catalogue, put in words in the language it is shown in.
    pub fn described(self) -> cvl_messages::Text {
        use cvl_messages::text;
        match self {
            Token::Comment => text!("lexer-token-comment"),
            Token::Date => text!("lexer-token-date"),
            Token::Number => text!("lexer-token-number"),
            Token::String | Token::UnterminatedString => text!("lexer-token-string"),
            Token::Ident => text!("lexer-token-name"),
            Token::Eof => text!("lexer-token-end"),
            other => text!("lexer-token-as-written", token = other.describe()),
        }
    }
}

fn keyword_description(token: Token) -> &'static str {
    macro_rules! quoted {
        ($($tok:ident => $text:literal),* $(,)?) => {
            match token {
                $(Token::$tok => concat!("`", $text, "`"),)*
                _ => "a token",
            }
        };
    }
    quoted! {
        Adjustable => "adjustable", After => "after", And => "and", Approved => "approved", Arrears => "arrears", By => "by",
        Cap => "cap", Case => "case", Clause => "clause", Confirmed => "confirmed", Contract => "contract", Covers => "covers", Cvr => "cvr",
        Due => "due", Ends => "ends", Every => "every", False => "false", First => "first", Flag => "flag", For => "for",
        Grace => "grace", Import => "import", In => "in", Interest => "interest", Item => "item", Key => "key", Lasting => "lasting",
        Missed => "missed", Monthly => "monthly", Not => "not", Notice => "notice", Obligation => "obligation",
        On => "on", Once => "once", Or => "or", Paid => "paid", Party => "party", Pay => "pay", Per => "per", Regulated => "regulated", Reimburse => "reimburse",
        Review => "review", Role => "role", Signed => "signed", Starts => "starts", Supplement => "supplement",
        Term => "term", Termination => "termination", The => "the", To => "to", True => "true", Up => "up", Use => "use",
        When => "when", Withhold => "withhold",
    }
}

/// Why a character is refused wherever it stands (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hidden {
    /// A line end other than `\n` and `\r\n`: a lone `\r`, U+0085, U+2028 or U+2029.
    LineBreak,
    /// A bidirectional mark, embedding, override or isolate: U+061C, U+200E, U+200F, U+202A–U+202E,
    /// U+2066–U+2069.
    Direction,
}

/// Whether `c` is refused wherever it stands, and why. A `\r` counts only when no `\n` follows it, which
/// [`hidden_characters`] decides.
pub fn hidden_kind(c: char) -> Option<Hidden> {
    match c {
        '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => Some(Hidden::LineBreak),
        '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            Some(Hidden::Direction)
        }
        _ => None,
    }
}

/// Every refused character in `text`, in code, strings and comments alike, with its byte offset, in order. A
/// `\r` followed by `\n` is a line end and not reported.
pub fn hidden_characters(text: &str) -> impl Iterator<Item = (usize, char, Hidden)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some((at, c)) = chars.next() {
            if c == '\r' && chars.peek().is_some_and(|&(_, next)| next == '\n') {
                continue;
            }
            if let Some(kind) = hidden_kind(c) {
                return Some((at, c, kind));
            }
        }
        None
    })
}

/// A token with its span, or a stretch of text that starts no token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lexeme {
    /// `None` for text that is not a token (the lexer's error).
    pub token: Option<Token>,
    pub span: Span,
}

impl Lexeme {
    pub fn is_error(&self) -> bool {
        self.token.is_none()
    }
}

/// Splits `text` into lexemes, ending with one [`Token::Eof`], in the file's language ([`lex_in`]).
pub fn lex(file: FileId, text: &str) -> Vec<Lexeme> {
    lex_in(file, text).1
}

/// The language of `text`, by its first word as [`lex_in`] decides it: Danish when its first token, comments
/// aside, is one of [`DANISH_FIRST_WORDS`], English otherwise (also for a file that does not lex or parse far).
pub fn language_of(text: &str) -> Language {
    let mut lexer = Token::lexer(text);
    while let Some(result) = lexer.next() {
        match result {
            Ok(Token::Comment) => {}
            Ok(Token::Ident) if DANISH_FIRST_WORDS.contains(&lexer.slice()) => {
                return Language::Danish;
            }
            _ => return Language::English,
        }
    }
    Language::English
}

/// The language of `text` and its lexemes. A file is Danish when its first token, comments aside, is one of
/// [`DANISH_FIRST_WORDS`]; its words are then read as the tokens of [`crate::danish`]: a Danish keyword is the
/// token of its English twin, an English keyword is a name, `pr.` (with its point, written without a space) is
/// `per`, and `kr.` right after a number or `pr.` is one name, the unit word for Danish kroner.
pub fn lex_in(file: FileId, text: &str) -> (Language, Vec<Lexeme>) {
    let lexemes = lex_english(file, text);
    if language_of(text) == Language::English {
        return (Language::English, lexemes);
    }
    let mut out: Vec<Lexeme> = Vec::with_capacity(lexemes.len());
    let mut iter = lexemes.into_iter().peekable();
    while let Some(mut lexeme) = iter.next() {
        let word = text.get(lexeme.span.range()).unwrap_or("");
        // `kr.` is one word only where a unit stands: right after a number or `pr.`.
        let unit_place = out
            .iter()
            .rev()
            .find(|l| l.token != Some(Token::Comment))
            .is_some_and(|l| matches!(l.token, Some(Token::Number | Token::Per)));
        if lexeme.token == Some(Token::Ident)
            && (word == "pr" || (word == "kr" && unit_place))
            && let Some(dot) = iter.peek()
            && dot.token == Some(Token::Dot)
            && dot.span.start == lexeme.span.end
        {
            lexeme.span = lexeme.span.to(dot.span);
            lexeme.token = Some(if word == "pr" {
                Token::Per
            } else {
                Token::Ident
            });
            iter.next();
        } else if let Some(token) = Language::Danish.keyword_token(word) {
            lexeme.token = Some(token);
        } else if lexeme.token.is_some_and(|t| t.keyword_text().is_some()) {
            lexeme.token = Some(Token::Ident);
        }
        out.push(lexeme);
    }
    (Language::Danish, out)
}

/// Splits `text` into lexemes as English reads it. Never fails: characters that start no token
/// become an error lexeme and lexing goes on after them. A run of such characters on one line, with nothing but
/// white space between them, is one error lexeme, so that a line of stray bytes is one problem and not thousands.
fn lex_english(file: FileId, text: &str) -> Vec<Lexeme> {
    let mut out: Vec<Lexeme> = Vec::with_capacity(text.len() / 4 + 1);
    let mut lexer = Token::lexer(text);
    while let Some(result) = lexer.next() {
        let span = Span::from_range(file, lexer.span());
        let token = result.ok();
        if token.is_none()
            && let Some(last) = out.last_mut()
            && last.is_error()
            && !text
                .get(last.span.range().end..span.range().start)
                .is_some_and(|between| between.contains('\n'))
        {
            last.span = last.span.to(span);
            continue;
        }
        out.push(Lexeme { token, span });
    }
    out.push(Lexeme {
        token: Some(Token::Eof),
        span: Span::from_range(file, text.len()..text.len()),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<Option<Token>> {
        lex(FileId(0), text).into_iter().map(|l| l.token).collect()
    }

    #[test]
    fn keywords_are_whole_words() {
        assert_eq!(
            tokens("party partyx _party"),
            vec![
                Some(Token::Party),
                Some(Token::Ident),
                Some(Token::Ident),
                Some(Token::Eof)
            ]
        );
    }

    #[test]
    fn the_keyword_table_matches_the_lexer() {
        for (word, token) in KEYWORDS {
            assert_eq!(tokens(word), vec![Some(*token), Some(Token::Eof)], "{word}");
            assert_eq!(token.keyword_text(), Some(*word));
            assert_eq!(token.describe(), format!("`{word}`"));
        }
    }

    #[test]
    fn a_date_is_one_token_and_a_partial_date_is_not() {
        assert_eq!(
            tokens("2019-01-15"),
            vec![Some(Token::Date), Some(Token::Eof)]
        );
        assert_eq!(
            tokens("2019-01"),
            vec![
                Some(Token::Number),
                Some(Token::Minus),
                Some(Token::Number),
                Some(Token::Eof)
            ]
        );
    }

    #[test]
    fn numbers_strings_and_comments() {
        assert_eq!(
            tokens("60_000.50 \"Øster\\\"vold\" // note"),
            vec![
                Some(Token::Number),
                Some(Token::String),
                Some(Token::Comment),
                Some(Token::Eof)
            ]
        );
        assert_eq!(
            tokens("\"open\nx"),
            vec![
                Some(Token::UnterminatedString),
                Some(Token::Ident),
                Some(Token::Eof)
            ]
        );
    }

    #[test]
    fn a_number_written_as_text_writes_it_is_one_token() {
        for text in ["22,500", "1.234.567", "1.234,50", "01.03.2024", "5."] {
            assert_eq!(
                tokens(text),
                vec![Some(Token::Number), Some(Token::Eof)],
                "{text}"
            );
        }
        // A comma that separates arguments is not part of the number before it.
        assert_eq!(
            tokens("1,b 1, 2 1,)"),
            vec![
                Some(Token::Number),
                Some(Token::Comma),
                Some(Token::Ident),
                Some(Token::Number),
                Some(Token::Comma),
                Some(Token::Number),
                Some(Token::Number),
                Some(Token::Comma),
                Some(Token::RParen),
                Some(Token::Eof)
            ]
        );
    }

    #[test]
    fn unknown_characters_are_errors_and_lexing_goes_on() {
        assert_eq!(
            tokens("a @ b"),
            vec![
                Some(Token::Ident),
                None,
                Some(Token::Ident),
                Some(Token::Eof)
            ]
        );
    }

    #[test]
    fn a_run_of_unknown_characters_on_one_line_is_one_error() {
        let lexemes = lex(FileId(0), "a @#$ ^ b\n@@ c");
        let errors: Vec<(u32, u32)> = lexemes
            .iter()
            .filter(|l| l.is_error())
            .map(|l| (l.span.start, l.span.end))
            .collect();
        assert_eq!(errors, vec![(2, 7), (10, 12)]);
    }

    /// Lexes `text` on a thread with a small stack (a test thread's 2 MB, less than the main thread's 8 MB).
    fn lex_on_small_stack(text: String) -> Vec<Option<Token>> {
        std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || tokens(&text))
            .expect("spawn")
            .join()
            .expect("the lexer overflowed the stack")
    }

    #[test]
    fn a_long_run_of_any_characters_lexes_without_recursion() {
        const LEN: usize = 10 << 20;
        for ch in ["é", "ø", "€", "éø€x", "\u{1F600}", "@"] {
            let run = ch.repeat(LEN / ch.len());
            let comment = lex_on_small_stack(format!("// {run}"));
            assert_eq!(
                comment,
                vec![Some(Token::Comment), Some(Token::Eof)],
                "{ch} in a comment"
            );
            let string = lex_on_small_stack(format!("\"{run}\""));
            assert_eq!(
                string,
                vec![Some(Token::String), Some(Token::Eof)],
                "{ch} in a string"
            );
            let open = lex_on_small_stack(format!("\"{run}"));
            assert_eq!(
                open,
                vec![Some(Token::UnterminatedString), Some(Token::Eof)],
                "{ch} in an open string"
            );
            let bare = lex_on_small_stack(run);
            assert_eq!(bare.last(), Some(&Some(Token::Eof)), "{ch} bare");
            if ch.chars().count() == 1 {
                assert!(bare.len() <= 3, "{ch} bare: {} lexemes", bare.len());
            }
        }
    }

    #[test]
    fn hidden_characters_are_found_everywhere_and_crlf_is_a_line_end() {
        let text = "a\r\nb // c\rd \"e\u{202e}f\" \u{2066}g\u{2028}\u{85}\u{2029}\u{200f}\u{61c}\r";
        let found: Vec<(usize, char, Hidden)> = hidden_characters(text).collect();
        let chars: Vec<char> = found.iter().map(|(_, c, _)| *c).collect();
        assert_eq!(
            chars,
            vec![
                '\r', '\u{202e}', '\u{2066}', '\u{2028}', '\u{85}', '\u{2029}', '\u{200f}',
                '\u{61c}', '\r'
            ]
        );
        for (at, c, kind) in found {
            assert_eq!(text.get(at..).and_then(|t| t.chars().next()), Some(c));
            assert_eq!(hidden_kind(c), Some(kind));
        }
        assert_eq!(hidden_characters("a\r\n\r\nb // c\r\n").count(), 0);
    }

    #[test]
    fn a_line_break_ends_a_comment_as_an_editor_shows_it() {
        for brk in ["\r", "\u{85}", "\u{2028}", "\u{2029}", "\r\n", "\n"] {
            assert_eq!(
                tokens(&format!("// taxi:{brk}for the first")),
                vec![
                    Some(Token::Comment),
                    Some(Token::For),
                    Some(Token::The),
                    Some(Token::First),
                    Some(Token::Eof)
                ],
                "{brk:?}"
            );
        }
        // A direction mark does not end a comment, and is white space between tokens.
        assert_eq!(
            tokens("// a\u{202e}b\nx\u{2067}y"),
            vec![
                Some(Token::Comment),
                Some(Token::Ident),
                Some(Token::Ident),
                Some(Token::Eof)
            ]
        );
    }

    #[test]
    fn danish_letters_are_identifier_characters() {
        assert_eq!(
            tokens("østervold"),
            vec![Some(Token::Ident), Some(Token::Eof)]
        );
    }
}
