//! Showing text that someone else wrote: the one place that decides how a string from a contract, an event or a
//! log reaches a terminal, an editor or a CI log.
//!
//! Two dangers, one function each for the two ways text is shown:
//!
//! - characters that a terminal or viewer acts on instead of showing: the C0 controls, DEL and the C1 controls
//!   (an escape sequence can move the cursor, clear a line and write "999,999.00" over an amount), and the
//!   bidirectional formatting characters and line separators ([`is_hidden`]), which reorder or break what a
//!   reader sees;
//! - numbers that look like a CPR number (cpr.rs), which must not spread into outputs and logs.
//!
//! [`shown`] is for a party's string printed on its own (an event id, a data value, a refusal's reason): it masks
//! CPR-like numbers and escapes hidden characters as `\u{1b}`, `\n`, `\u{202e}`. [`for_snippet`] is for a whole
//! source file shown in a diagnostic's snippet: it masks the same numbers and replaces the hidden characters
//! byte for byte with `?`, keeping every offset (tabs and line breaks are kept: they are the layout).

use std::borrow::Cow;

use crate::cpr;

/// Whether a terminal or viewer would act on `c` rather than show it, or show nothing for it: a control character
/// (C0, DEL, C1), a bidirectional mark, embedding, override or isolate (U+061C, U+200E, U+200F, U+202A–U+202E,
/// U+2066–U+2069), a line or paragraph separator (U+2028, U+2029), or an invisible format character that would make
/// two different strings look the same (a soft hyphen U+00AD, the Mongolian vowel separator U+180E, zero-width
/// spaces and joiners U+200B–U+200D, the word joiner and invisible operators U+2060–U+2064, the byte order mark
/// U+FEFF, and the tag characters U+E0000–U+E007F).
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00ad}'
                | '\u{061c}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
                | '\u{e0000}'..='\u{e007f}'
        )
}

/// A party's string as the tool prints it: CPR-like numbers masked (`**********`), hidden characters escaped
/// (`\u{1b}`, `\n`, `\u{202e}`).
pub fn shown(text: &str) -> Cow<'_, str> {
    let masked = cpr::mask(text);
    if !masked.chars().any(is_hidden) {
        return masked;
    }
    let mut out = String::with_capacity(masked.len() + 8);
    for c in masked.chars() {
        if is_hidden(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A source file's text as a diagnostic's snippet shows it: CPR-like numbers masked and hidden characters other
/// than tab and line ends (`\n`, and `\r` before `\n`) replaced by `?`, one per byte, so that every span still
/// points at the same place.
pub fn for_snippet(text: &str) -> Cow<'_, str> {
    let masked = cpr::mask(text);
    let keep = |c: char, next: Option<char>| {
        !is_hidden(c) || matches!(c, '\t' | '\n') || (c == '\r' && next == Some('\n'))
    };
    let mut chars = masked.chars().peekable();
    let mut all_kept = true;
    while let Some(c) = chars.next() {
        if !keep(c, chars.peek().copied()) {
            all_kept = false;
            break;
        }
    }
    if all_kept {
        return masked;
    }
    let mut out = String::with_capacity(masked.len());
    let mut chars = masked.chars().peekable();
    while let Some(c) = chars.next() {
        if keep(c, chars.peek().copied()) {
            out.push(c);
        } else {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_shown_so_that_two_ids_never_look_alike() {
        for (text, expected) in [
            ("sig\u{200b}-1", "sig\\u{200b}-1"),
            ("sig\u{00ad}-1", "sig\\u{ad}-1"),
            ("sig\u{feff}-1", "sig\\u{feff}-1"),
            ("sig\u{2060}-1", "sig\\u{2060}-1"),
            ("sig\u{180e}-1", "sig\\u{180e}-1"),
            ("sig\u{e0041}-1", "sig\\u{e0041}-1"),
        ] {
            assert_eq!(shown(text), expected);
            assert_ne!(shown(text), shown("sig-1"));
        }
        // Letters of other scripts are shown as they are.
        assert_eq!(shown("Østervold ØÆÅ"), "Østervold ØÆÅ");
    }

    #[test]
    fn a_fake_line_over_an_amount_is_shown_harmlessly() {
        assert_eq!(
            shown("sig-1\u{1b}[2K\r999,999.00 FAKE"),
            "sig-1\\u{1b}[2K\\r999,999.00 FAKE"
        );
        assert_eq!(shown("a\u{9b}2Kb\u{7f}"), "a\\u{9b}2Kb\\u{7f}");
        assert_eq!(shown("pay\u{202e}00.1"), "pay\\u{202e}00.1");
        assert_eq!(
            shown("x\u{2066}y\u{2069}\u{2028}"),
            "x\\u{2066}y\\u{2069}\\u{2028}"
        );
        assert_eq!(shown("case 010203-1234"), "case ******-****");
        assert!(matches!(shown("plain æøå 2019-01-10"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_snippet_keeps_its_offsets_and_layout() {
        let text = "a\u{1b}b\u{202e}c\td\r\n// 0102031234\re\n";
        let shown = for_snippet(text);
        assert_eq!(shown, "a?b???c\td\r\n// **********?e\n");
        assert_eq!(shown.len(), text.len());
    }
}
