//! The three ways `cvl check` prints diagnostics: `human` (ariadne reports that show the source), `json` (one
//! array, for tools) and `github` (workflow commands that GitHub Actions shows as annotations).
//!
//! Spans are byte offsets; ariadne is told so, and lines and columns (from 1, columns in characters) are computed
//! here, at the edge, from each file's [`Source`]. An end position is the one just after the span, so an empty
//! span starts and ends at the same column. Nothing here reads a clock or the environment: the same diagnostics
//! render to the same bytes on every run.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Write};
use std::ops::Range;

use ariadne::{Color, Config, IndexType, Label, Report, ReportKind};
use cvl_syntax::source::LineCol;
use cvl_syntax::{Diagnostic, FileId, Lang, Severity, Source, Sources, Span, text};
use serde::Serialize;

use crate::excerpt::{self, Excerpt};

/// Writes one ariadne report per diagnostic, each followed by an empty line. Each report shows an [`Excerpt`] of
/// its files, so that a long line costs no more than a short one, and ends by naming `cvl explain CODE`. Each
/// diagnostic comes with the language it is in (lang.rs), which the note is put in too.
pub(crate) fn human(
    diagnostics: &[(Diagnostic, Lang)],
    sources: &Sources,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let config = Config::default()
        .with_index_type(IndexType::Byte)
        .with_color(color);
    for (diagnostic, lang) in diagnostics {
        let cache = Cache::of(diagnostic, sources);
        let mut buffer = Vec::new();
        report(diagnostic, *lang, &cache, config).write(&cache, &mut buffer)?;
        let mut text = cache.renumber(&String::from_utf8_lossy(&buffer));
        cache.correct_headers(diagnostic, &mut text);
        // ariadne pads some lines with spaces; dropping them keeps logs and snapshots clean.
        for line in text.lines() {
            writeln!(out, "{}", line.trim_end())?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn report<'a>(
    diagnostic: &Diagnostic,
    lang: Lang,
    cache: &Cache<'_>,
    config: Config,
) -> Report<'a, (FileId, Range<usize>)> {
    let (kind, color) = match diagnostic.severity {
        Severity::Error => (ReportKind::Error, Color::Red),
        Severity::Warning => (ReportKind::Warning, Color::Yellow),
    };
    let primary = (diagnostic.span.file, cache.range(diagnostic.span));
    let text = if diagnostic.label.is_empty() {
        &diagnostic.message
    } else {
        &diagnostic.label
    };
    let mut builder = Report::build(kind, primary.clone())
        .with_config(config)
        .with_code(diagnostic.code)
        .with_message(&diagnostic.message);
    // ariadne starts a new group (with the primary's position in its header) whenever a label lies on an earlier
    // line than the one before it, so the labels go in in source order.
    let mut labels = vec![(
        diagnostic.span,
        Label::new(primary).with_message(text).with_color(color),
    )];
    for label in &diagnostic.secondary {
        let mut secondary =
            Label::new((label.span.file, cache.range(label.span))).with_color(Color::Blue);
        if !label.message.is_empty() {
            secondary = secondary.with_message(&label.message);
        }
        labels.push((label.span, secondary));
    }
    labels.sort_by_key(|(span, _)| (span.file, span.start));
    for (_, label) in labels {
        builder = builder.with_label(label);
    }
    if let Some(help) = &diagnostic.help {
        builder = builder.with_help(help);
    }
    builder
        .with_note(text!("cli-explain-note", code = diagnostic.code.as_str()).show(lang))
        .finish()
}

/// Gives ariadne the excerpt of each file that one report points into.
struct Cache<'a> {
    sources: &'a Sources,
    excerpts: BTreeMap<FileId, (Excerpt, ariadne::Source<String>)>,
}

impl<'a> Cache<'a> {
    /// The excerpts for `diagnostic`: of each file it points into, around every place it points at.
    fn of(diagnostic: &Diagnostic, sources: &'a Sources) -> Self {
        let mut points: BTreeMap<FileId, Vec<usize>> = BTreeMap::new();
        let spans =
            std::iter::once(diagnostic.span).chain(diagnostic.secondary.iter().map(|l| l.span));
        for span in spans {
            let range = byte_range(sources, span);
            points
                .entry(span.file)
                .or_default()
                .extend([range.start, range.end]);
        }
        let excerpts = points
            .into_iter()
            .filter_map(|(file, points)| {
                let source = sources.get(file)?;
                let excerpt = Excerpt::of(source, &points);
                let shown = ariadne::Source::from(excerpt.text.clone())
                    .with_display_line_offset(excerpt.first_line);
                Some((file, (excerpt, shown)))
            })
            .collect();
        Cache { sources, excerpts }
    }

    /// The report with each file's line numbers in the margin (excerpt.rs).
    fn renumber(&self, report: &str) -> String {
        let first_lines: Vec<(&str, usize)> = self
            .excerpts
            .iter()
            .filter_map(|(file, (excerpt, _))| {
                Some((self.sources.get(*file)?.name.as_str(), excerpt.first_line))
            })
            .collect();
        excerpt::renumber(report, &first_lines)
    }

    /// A span's byte range in its file's excerpt.
    fn range(&self, span: Span) -> Range<usize> {
        let range = byte_range(self.sources, span);
        match self.excerpts.get(&span.file) {
            Some((excerpt, _)) => excerpt.map(range.start)..excerpt.map(range.end),
            None => range,
        }
    }

    /// ariadne's header of each file (`name:line:column`) counts the column in the excerpt; where a cut line
    /// moved it, this puts back the file's column. The header names the primary span's start in its own file and
    /// the first label's start in another.
    fn correct_headers(&self, diagnostic: &Diagnostic, text: &mut String) {
        let mut firsts: BTreeMap<FileId, Span> = BTreeMap::new();
        for label in &diagnostic.secondary {
            let first = firsts.entry(label.span.file).or_insert(label.span);
            if label.span.start < first.start {
                *first = label.span;
            }
        }
        firsts.insert(diagnostic.span.file, diagnostic.span);
        for (file, span) in firsts {
            let (Some(source), Some((excerpt, _))) =
                (self.sources.get(file), self.excerpts.get(&file))
            else {
                continue;
            };
            let at = byte_range(self.sources, span).start;
            let true_position = source.line_col(offset(at));
            let shown_column = excerpt.column(excerpt.map(at));
            if usize::try_from(true_position.column).is_ok_and(|c| c == shown_column) {
                continue;
            }
            let shown = format!(" {}:{}:{shown_column} ", source.name, true_position.line);
            let right = format!(
                " {}:{}:{} ",
                source.name, true_position.line, true_position.column
            );
            if let Some(i) = text.find(&shown) {
                text.replace_range(i..i + shown.len(), &right);
            }
        }
    }
}

impl ariadne::Cache<FileId> for &Cache<'_> {
    type Storage = String;

    fn fetch(&mut self, id: &FileId) -> Result<&ariadne::Source<String>, impl fmt::Debug> {
        match self.excerpts.get(id) {
            Some((_, shown)) => Ok(shown),
            None => Err(format!("no source for file {}", id.0)),
        }
    }

    fn display<'b>(&self, id: &'b FileId) -> Option<impl fmt::Display + 'b> {
        self.sources.get(*id).map(|source| source.name.clone())
    }
}

/// One diagnostic as `--format json` prints it.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    code: &'static str,
    severity: &'static str,
    message: &'a str,
    /// What the report says at the primary span, if anything beyond the message.
    label: Option<&'a str>,
    help: Option<&'a str>,
    labels: Vec<JsonLabel<'a>>,
}

/// A secondary place a diagnostic points at.
#[derive(Serialize)]
struct JsonLabel<'a> {
    file: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    message: &'a str,
}

/// Writes every diagnostic as one pretty-printed JSON array (`[]` when there are none).
pub(crate) fn json(
    diagnostics: &[(Diagnostic, Lang)],
    sources: &Sources,
    out: &mut dyn Write,
) -> io::Result<()> {
    let array: Vec<JsonDiagnostic<'_>> = diagnostics
        .iter()
        .map(|(diagnostic, _)| {
            let at = Position::of(sources, diagnostic.span);
            JsonDiagnostic {
                file: at.file,
                line: at.start.line,
                column: at.start.column,
                end_line: at.end.line,
                end_column: at.end.column,
                code: diagnostic.code.as_str(),
                severity: diagnostic.severity.as_str(),
                message: &diagnostic.message,
                label: Some(diagnostic.label.as_str()).filter(|label| !label.is_empty()),
                help: diagnostic.help.as_deref(),
                labels: diagnostic
                    .secondary
                    .iter()
                    .map(|label| {
                        let at = Position::of(sources, label.span);
                        JsonLabel {
                            file: at.file,
                            line: at.start.line,
                            column: at.start.column,
                            end_line: at.end.line,
                            end_column: at.end.column,
                            message: &label.message,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    crate::json::write(out, &array)
}

/// Writes one GitHub Actions workflow command per diagnostic:
/// `::error file=F,line=L,col=C,endLine=L,endColumn=C,title=E0004::message (help: …)`.
pub(crate) fn github(
    diagnostics: &[(Diagnostic, Lang)],
    sources: &Sources,
    out: &mut dyn Write,
) -> io::Result<()> {
    for (diagnostic, lang) in diagnostics {
        let at = Position::of(sources, diagnostic.span);
        let mut message = diagnostic.message.clone();
        if let Some(help) = &diagnostic.help {
            message.push_str(&text!("cli-github-help", help = help.as_str()).show(*lang));
        }
        writeln!(
            out,
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            diagnostic.severity.as_str(),
            escape_property(at.file),
            at.start.line,
            at.start.column,
            at.end.line,
            at.end.column,
            escape_property(diagnostic.code.as_str()),
            escape_data(&message),
        )?;
    }
    Ok(())
}

/// Escapes the message of a workflow command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command, where `:` and `,` also have a meaning.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Where a span is, in the terms people and tools use: the file's name and lines and columns from 1.
struct Position<'a> {
    file: &'a str,
    start: LineCol,
    end: LineCol,
}

impl<'a> Position<'a> {
    fn of(sources: &'a Sources, span: Span) -> Self {
        let range = byte_range(sources, span);
        match sources.get(span.file) {
            Some(source) => Position {
                file: &source.name,
                start: source.line_col(offset(range.start)),
                end: source.line_col(offset(range.end)),
            },
            None => {
                let first = LineCol { line: 1, column: 1 };
                Position {
                    file: "",
                    start: first,
                    end: first,
                }
            }
        }
    }
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A span's byte range, kept inside its file's text and widened to whole characters, so that no renderer is ever
/// handed an offset that splits a character or runs past the end.
fn byte_range(sources: &Sources, span: Span) -> Range<usize> {
    let text = sources
        .get(span.file)
        .map_or("", |source: &Source| source.text.as_str());
    let mut start = span.range().start.min(text.len());
    while !text.is_char_boundary(start) {
        start = start.saturating_sub(1);
    }
    if span.is_empty() {
        return start..start;
    }
    let mut end = span.range().end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end = end.saturating_add(1);
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;
    use cvl_syntax::Code;

    fn one_file(text: &str) -> (Sources, FileId) {
        let mut sources = Sources::new();
        let file = sources.add(Source::new("t.cvl", text));
        (sources, file)
    }

    /// One of the renderers: `json` or `github`.
    type Renderer = fn(&[(Diagnostic, Lang)], &Sources, &mut dyn Write) -> io::Result<()>;

    fn render(format: Renderer, d: &Diagnostic, s: &Sources) -> String {
        let mut out = Vec::new();
        format(&[(d.clone(), Lang::En)], s, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn human_text(d: &Diagnostic, s: &Sources, color: bool) -> String {
        let mut out = Vec::new();
        human(&[(d.clone(), Lang::En)], s, color, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn spans_after_non_ascii_text_point_at_the_right_characters() {
        // "Østervold" starts with a two-byte character: byte offsets and character offsets differ after it.
        let text = "party Østervold x\n";
        let (sources, file) = one_file(text);
        let start = text.find('x').unwrap();
        let d = Diagnostic::new(
            Code::E0004,
            Span::from_range(file, start..start + 1),
            text!("syntax-not-a-word", written = "x"),
        )
        .with_label(text!(
            "syntax-expected",
            what = text!("syntax-want-expression")
        ));
        let shown = human_text(&d, &sources, false);
        let underline = shown.lines().find(|line| line.contains('┬')).unwrap();
        let source_line = shown
            .lines()
            .find(|line| line.contains("Østervold"))
            .unwrap();
        let column_of = |line: &str, c: char| line.chars().position(|x| x == c).unwrap();
        assert_eq!(
            column_of(underline, '┬'),
            column_of(source_line, 'x'),
            "{shown}"
        );
        assert!(shown.contains("t.cvl:1:17"), "{shown}");

        let github_line = render(github, &d, &sources);
        assert!(
            github_line.contains("line=1,col=17,endLine=1,endColumn=18"),
            "{github_line}"
        );
    }

    #[test]
    fn line_numbers_are_the_files_and_the_margin_widens_for_them() {
        let text = "a\nb\nc\nd\ne\nf\ng\nh\nfirst\nx\nsecond\n";
        let (sources, file) = one_file(text);
        let at = |word: &str| {
            let start = u32::try_from(text.find(word).unwrap()).unwrap();
            Span::new(file, start, start + u32::try_from(word.len()).unwrap())
        };
        let d = Diagnostic::new(
            Code::E0011,
            at("second"),
            text!("syntax-chained-comparison"),
        )
        .with_label(text!("syntax-chained-comparison-label"))
        .with_secondary(at("first"), text!("syntax-chained-comparison-first"));
        let shown = human_text(&d, &sources, false);
        assert!(shown.contains("t.cvl:11:1"), "{shown}");
        assert!(shown.contains("\n  9 │ first\n"), "{shown}");
        assert!(shown.contains("\n 11 │ second\n"), "{shown}");
        assert!(shown.contains("\n────╯\n"), "{shown}");
        assert!(
            shown.contains("Note: run `cvl explain E0011` for more"),
            "{shown}"
        );
        // Colour changes nothing but the escapes.
        let coloured = human_text(&d, &sources, true);
        assert_eq!(crate::excerpt::tests::plain(&coloured), shown);
    }

    #[test]
    fn a_long_line_is_cut_and_the_header_keeps_the_files_column() {
        let text = format!("{}bad{}\n", "x ".repeat(5000), " y".repeat(5000));
        let (sources, file) = one_file(&text);
        let start = u32::try_from(text.find("bad").unwrap()).unwrap();
        let d = Diagnostic::new(
            Code::E0004,
            Span::new(file, start, start + 3),
            text!("syntax-not-a-word", written = "bad"),
        );
        let shown = human_text(&d, &sources, false);
        assert!(shown.contains("t.cvl:1:10001"), "{shown}");
        assert!(shown.len() < 1000, "{shown}");
        assert!(shown.contains("…x x"), "{shown}");
    }

    #[test]
    fn colour_is_off_unless_asked_for() {
        let (sources, file) = one_file("contract c {}\n");
        let d = Diagnostic::new(
            Code::W0001,
            Span::new(file, 0, 8),
            text!("syntax-declares-nothing"),
        );
        assert!(!human_text(&d, &sources, false).contains('\u{1b}'));
        assert!(human_text(&d, &sources, true).contains('\u{1b}'));
    }

    #[test]
    fn spans_that_split_a_character_or_overrun_are_widened_and_clamped() {
        let (sources, file) = one_file("Ø");
        assert_eq!(byte_range(&sources, Span::new(file, 1, 1)), 0..0);
        assert_eq!(byte_range(&sources, Span::new(file, 0, 1)), 0..2);
        assert_eq!(byte_range(&sources, Span::new(file, 5, 9)), 2..2);
    }

    #[test]
    fn workflow_commands_escape_their_data_and_properties() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
