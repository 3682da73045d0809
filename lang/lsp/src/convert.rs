//! Byte offsets and spans to and from the protocol's positions, and diagnostics to protocol diagnostics.
//!
//! CVL counts in UTF-8 bytes; the protocol counts lines from 0 and, within a line, UTF-16 code units (its default
//! position encoding, the only one every client supports). `ø` is two bytes and one unit; `𝄞` (outside the
//! basic plane) is four bytes and two units. A position the text does not have is clamped: a line past the end
//! goes to the end of the text, a column past the end of its line to the end of the line, and a column inside a
//! character (between the two halves of a surrogate pair) to the start of that character. Nothing here fails.

use cvl_syntax::{Diagnostic, Lang, Severity, Source, Span, text};
use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position, Range,
    Url,
};

/// The protocol position of byte `offset` in `source` (an offset past the end is the end).
pub fn position(source: &Source, offset: u32) -> Position {
    let text = source.text.as_str();
    let offset = (offset as usize).min(text.len());
    let starts = source.line_starts();
    let line = match starts.binary_search(&u32::try_from(offset).unwrap_or(u32::MAX)) {
        Ok(i) => i,
        Err(i) => i.saturating_sub(1),
    };
    let start = starts.get(line).map_or(0, |s| *s as usize);
    // An offset inside a character counts from the start of that character.
    let character: usize = text
        .get(start..)
        .unwrap_or("")
        .char_indices()
        .take_while(|(i, c)| start + i + c.len_utf8() <= offset)
        .map(|(_, c)| c.len_utf16())
        .sum();
    Position {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        character: u32::try_from(character).unwrap_or(u32::MAX),
    }
}

/// The byte offset of protocol position `position` in `source`, clamped to the text.
pub fn offset(source: &Source, position: Position) -> u32 {
    let text = source.text.as_str();
    let end = u32::try_from(text.len()).unwrap_or(u32::MAX);
    let Some(start) = source.line_starts().get(position.line as usize).copied() else {
        return end;
    };
    let line = text.get(start as usize..).unwrap_or("");
    let line = line.split_inclusive('\n').next().unwrap_or("");
    let line = line.strip_suffix('\n').unwrap_or(line);
    let line = line.strip_suffix('\r').unwrap_or(line);
    let mut units = 0usize;
    let mut bytes = 0usize;
    for c in line.chars() {
        if units + c.len_utf16() > position.character as usize {
            break;
        }
        units += c.len_utf16();
        bytes += c.len_utf8();
    }
    start.saturating_add(u32::try_from(bytes).unwrap_or(u32::MAX))
}

/// The protocol range of `span` in `source`.
pub fn range(source: &Source, span: Span) -> Range {
    Range {
        start: position(source, span.start),
        end: position(source, span.end),
    }
}

/// A CVL diagnostic as the protocol shows it: the same code, message and span as `cvl check`, the help line after
/// the message, and the secondary labels as related information, the words added here in `lang` (that of the
/// diagnostic's texts). `source` is the file the diagnostic is
/// published for and `locate` gives the protocol location of a span in any file of the run; a diagnostic whose
/// own span lies in another file is shown at the start of this one, with its real place as related information.
pub fn diagnostic(
    diagnostic: &Diagnostic,
    lang: Lang,
    source: &Source,
    uri: &Url,
    locate: &dyn Fn(Span) -> Option<Location>,
) -> lsp_types::Diagnostic {
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        message.push('\n');
        message.push_str(&text!("lsp-diagnostic-help", help = help.as_str()).show(lang));
    }
    let own_file = locate(diagnostic.span).is_some_and(|l| &l.uri == uri);
    let mut related = Vec::new();
    let range = if own_file {
        range(source, diagnostic.span)
    } else {
        if let Some(location) = locate(diagnostic.span) {
            related.push(DiagnosticRelatedInformation {
                location,
                message: if diagnostic.label.is_empty() {
                    text!("lsp-diagnostic-here").show(lang)
                } else {
                    diagnostic.label.clone()
                },
            });
        }
        Range::default()
    };
    for label in &diagnostic.secondary {
        if let Some(location) = locate(label.span) {
            related.push(DiagnosticRelatedInformation {
                location,
                message: label.message.clone(),
            });
        }
    }
    lsp_types::Diagnostic {
        range,
        severity: Some(match diagnostic.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(diagnostic.code.as_str().to_string())),
        code_description: None,
        source: Some("cvl".to_string()),
        message,
        related_information: if related.is_empty() {
            None
        } else {
            Some(related)
        },
        tags: None,
        data: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn danish_letters_are_two_bytes_and_one_unit() {
        // "Østervold": `Ø` is 2 bytes; `æ`, `ø`, `å` likewise.
        let source = Source::new("t.cvl", "party ø \"Østervold\"\nå æ x\n");
        let x = source.text.find('x').unwrap() as u32;
        assert_eq!(position(&source, x), pos(1, 4));
        assert_eq!(offset(&source, pos(1, 4)), x);
        let quote = source.text.find("\"Ø").unwrap() as u32;
        assert_eq!(position(&source, quote + 3), pos(0, 10));
        assert_eq!(offset(&source, pos(0, 10)), quote + 3);
    }

    #[test]
    fn astral_characters_are_four_bytes_and_two_units() {
        let source = Source::new("t.cvl", "a𝄞b\n");
        assert_eq!(position(&source, 1), pos(0, 1));
        assert_eq!(position(&source, 5), pos(0, 3));
        assert_eq!(offset(&source, pos(0, 3)), 5);
        // Between the two halves of the pair: the start of the character.
        assert_eq!(offset(&source, pos(0, 2)), 1);
        // An offset inside the character's bytes counts from its start.
        assert_eq!(position(&source, 3), pos(0, 1));
    }

    #[test]
    fn positions_the_text_does_not_have_are_clamped() {
        let source = Source::new("t.cvl", "ab\r\ncd");
        assert_eq!(offset(&source, pos(0, 99)), 2);
        assert_eq!(offset(&source, pos(1, 99)), 6);
        assert_eq!(offset(&source, pos(7, 0)), 6);
        assert_eq!(position(&source, 999), pos(1, 2));
        let empty = Source::new("t.cvl", "");
        assert_eq!(offset(&empty, pos(3, 3)), 0);
        assert_eq!(position(&empty, 3), pos(0, 0));
    }

    #[test]
    fn every_offset_round_trips_through_a_position() {
        let source = Source::new("t.cvl", "æ\n𝄞ø å\r\n\nx𝄞");
        // Between `\r` and `\n` is no position of its own: it is the end of the line.
        for (i, _) in source
            .text
            .char_indices()
            .filter(|(i, _)| !source.text[..*i].ends_with('\r'))
        {
            let i = i as u32;
            assert_eq!(offset(&source, position(&source, i)), i, "offset {i}");
        }
    }
}
