//! The part of a file that one human report shows, with long lines cut to a window around what the report points
//! at, so that a report's size does not grow with its file's lines.
//!
//! ariadne prints every line a report touches whole. An [`Excerpt`] holds only the lines from the first place the
//! report points at to the last; a line longer than [`WIDTH`] characters keeps [`CONTEXT`] characters on each
//! side of each place on it, and `…` stands for what is cut. [`Excerpt::map`] moves an offset of the file to the
//! excerpt. ariadne numbers the excerpt's lines from 1 in its margin (0.6 applies a line offset to the header
//! only), so [`renumber`] puts the file's line numbers into the margin of the finished report.

use cvl_syntax::Source;
use cvl_syntax::text;

/// The longest line shown whole, in characters.
pub(crate) const WIDTH: usize = 120;
/// How many characters a cut line keeps on each side of a place the report points at.
pub(crate) const CONTEXT: usize = 40;
/// What stands for the text cut from a line.
const CUT: &str = "…";

/// A stretch of the file copied into the excerpt: file offsets `from..=to` are at `at..` in the excerpt.
#[derive(Clone, Copy, Debug)]
struct Piece {
    from: usize,
    to: usize,
    at: usize,
}

/// The lines of one file that one report shows.
#[derive(Debug)]
pub(crate) struct Excerpt {
    pub(crate) text: String,
    /// The index (from 0) of the file's line that is the excerpt's first.
    pub(crate) first_line: usize,
    pieces: Vec<Piece>,
}

impl Excerpt {
    /// The excerpt of `source` around `points` (byte offsets on character boundaries; at least one).
    pub(crate) fn of(source: &Source, points: &[usize]) -> Excerpt {
        let text = source.text.as_str();
        let starts = source.line_starts();
        let line_of = |offset: usize| {
            let offset = u32::try_from(offset).unwrap_or(u32::MAX);
            match starts.binary_search(&offset) {
                Ok(i) => i,
                Err(i) => i.saturating_sub(1),
            }
        };
        let line_start = |line: usize| {
            starts
                .get(line)
                .map_or(text.len(), |&s| usize::try_from(s).unwrap_or(text.len()))
        };
        let lowest = points.iter().copied().min().unwrap_or(0);
        let highest = points.iter().copied().max().unwrap_or(0);
        let (first_line, last_line) = (line_of(lowest), line_of(highest));
        let mut excerpt = Excerpt {
            text: String::new(),
            first_line,
            pieces: Vec::new(),
        };
        for line in first_line..=last_line {
            let start = line_start(line);
            let end = line_start(line + 1).max(start);
            let whole = text.get(start..end).unwrap_or("");
            let body = whole.strip_suffix('\n').unwrap_or(whole);
            let on_line: Vec<usize> = points
                .iter()
                .copied()
                .filter(|&p| p >= start && p <= start + body.len())
                .collect();
            excerpt.add_line(text, start, body, whole.len() > body.len(), &on_line);
        }
        excerpt
    }

    /// Adds one line (`body`, starting at file offset `start`), cut around `points` if it is long.
    fn add_line(&mut self, file: &str, start: usize, body: &str, newline: bool, points: &[usize]) {
        if body.chars().nth(WIDTH).is_none() {
            self.copy(file, start, body);
        } else if points.is_empty() {
            // A line inside a span that runs over several lines: its beginning is enough.
            let end = body
                .char_indices()
                .nth(WIDTH)
                .map_or(body.len(), |(i, _)| i);
            self.copy(file, start, body.get(..end).unwrap_or(""));
            self.text.push_str(CUT);
        } else {
            let mut windows: Vec<(usize, usize)> = Vec::new();
            for &point in points {
                let at = point - start;
                let from = back(body, at, CONTEXT);
                let to = forward(body, at, CONTEXT);
                match windows.last_mut() {
                    Some(last) if from <= last.1 => last.1 = last.1.max(to),
                    _ => windows.push((from, to)),
                }
            }
            let mut shown_to = 0;
            for (from, to) in windows {
                if from > shown_to {
                    self.text.push_str(CUT);
                }
                self.copy(file, start + from, body.get(from..to).unwrap_or(""));
                shown_to = to;
            }
            if shown_to < body.len() {
                self.text.push_str(CUT);
            }
        }
        if newline {
            self.text.push('\n');
        }
    }

    /// Copies `part`, which is at offset `from` of `file`, to the end of the excerpt, as a snippet shows it
    /// (cvl-syntax's `text::for_snippet`: a CPR-like number masked, hidden characters replaced, every offset
    /// kept). The masking looks a CPR number's length beyond each end of the part, so that a number the cut
    /// runs through is masked too.
    fn copy(&mut self, file: &str, from: usize, part: &str) {
        const REACH: usize = 12;
        let to = from + part.len();
        let mut lo = from.saturating_sub(REACH);
        while !file.is_char_boundary(lo) {
            lo -= 1;
        }
        let mut hi = (to + REACH).min(file.len());
        while !file.is_char_boundary(hi) {
            hi += 1;
        }
        let around = file.get(lo..hi).unwrap_or(part);
        let shown = text::for_snippet(around);
        let masked = shown.get(from - lo..to - lo).unwrap_or(part);
        self.pieces.push(Piece {
            from,
            to,
            at: self.text.len(),
        });
        self.text.push_str(masked);
    }

    /// Where file offset `offset` (one of the points the excerpt was made for) is in the excerpt.
    pub(crate) fn map(&self, offset: usize) -> usize {
        self.pieces
            .iter()
            .find(|piece| piece.from <= offset && offset <= piece.to)
            .map_or(self.text.len(), |piece| piece.at + (offset - piece.from))
    }

    /// The column (from 1, in characters) at which ariadne shows excerpt offset `at`.
    pub(crate) fn column(&self, at: usize) -> usize {
        let before = self.text.get(..at).unwrap_or("");
        let line = before
            .rfind('\n')
            .map_or(before, |i| before.get(i + 1..).unwrap_or(""));
        line.chars().count() + 1
    }
}

/// Puts the file's line numbers into the margin of `report`, one ariadne report whose excerpts start at line
/// `first_lines[name]` (from 0) of the file shown as `name`; ariadne numbered each excerpt from 1. The margin is
/// widened if the file's numbers need more digits.
pub(crate) fn renumber(report: &str, first_lines: &[(&str, usize)]) -> String {
    let lines: Vec<&str> = report.lines().collect();
    // The header under the message is indented by the margin's width and two.
    let Some(width) = lines
        .get(1)
        .map(|header| header.len() - header.trim_start_matches(' ').len())
        .and_then(|indent| indent.checked_sub(2))
    else {
        return report.to_string();
    };
    let mut offset = 0;
    let mut numbered: Vec<Option<usize>> = Vec::with_capacity(lines.len());
    for line in &lines {
        let plain = plain(line);
        let trimmed = plain.trim_start();
        if trimmed.starts_with(['╭', '├']) {
            offset = first_lines
                .iter()
                .find(|(name, _)| plain.contains(&format!(" {name}:")))
                .map_or(0, |(_, first)| *first);
        }
        // A numbered line is ` {pad}{number} │`, the number right-aligned in the margin's width.
        let number = plain
            .get(1..=width)
            .filter(|_| {
                plain
                    .get(width + 1..)
                    .is_some_and(|rest| rest.starts_with(" │"))
            })
            .and_then(|field| field.trim_start().parse::<usize>().ok());
        numbered.push(number.map(|n| n + offset));
    }
    let digits = |n: usize| n.to_string().len();
    let new_width = numbered
        .iter()
        .flatten()
        .map(|&n| digits(n))
        .fold(width, usize::max);
    let wider = new_width - width;
    let mut out = String::with_capacity(report.len());
    for (i, (line, number)) in lines.iter().zip(&numbered).enumerate() {
        if i == 0 {
            out.push_str(line);
        } else {
            match number {
                Some(n) => {
                    let (escape, rest) = split_escape(line.get(1..).unwrap_or(""));
                    out.push(' ');
                    out.push_str(escape);
                    out.push_str(&format!("{n:>new_width$}"));
                    out.push_str(rest.get(width..).unwrap_or(""));
                }
                None if plain(line).starts_with('─') => {
                    let (escape, rest) = split_escape(line);
                    out.push_str(escape);
                    out.push_str(&"─".repeat(wider));
                    out.push_str(rest);
                }
                None => {
                    out.push_str(&" ".repeat(wider));
                    out.push_str(line);
                }
            }
        }
        out.push('\n');
    }
    out
}

/// A line without its colour escapes.
fn plain(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find('\u{1b}') {
        out.push_str(rest.get(..at).unwrap_or(""));
        let after = rest.get(at..).unwrap_or("");
        rest = after
            .find('m')
            .map_or("", |m| after.get(m + 1..).unwrap_or(""));
    }
    out.push_str(rest);
    out
}

/// A line's leading colour escape, if any, and the rest.
fn split_escape(line: &str) -> (&str, &str) {
    if line.starts_with('\u{1b}')
        && let Some(m) = line.find('m')
    {
        return (
            line.get(..=m).unwrap_or(""),
            line.get(m + 1..).unwrap_or(""),
        );
    }
    ("", line)
}

/// The offset `n` characters before `at` in `text`, or 0.
fn back(text: &str, at: usize, n: usize) -> usize {
    text.get(..at)
        .and_then(|before| before.char_indices().rev().nth(n.saturating_sub(1)))
        .map_or(0, |(i, _)| i)
}

/// The offset `n` characters after `at` in `text`, or its end.
fn forward(text: &str, at: usize, n: usize) -> usize {
    text.get(at..)
        .and_then(|after| after.char_indices().nth(n))
        .map_or(text.len(), |(i, _)| at + i)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A report without its colour escapes, as the uncoloured one.
    pub(crate) fn plain(report: &str) -> String {
        report
            .lines()
            .map(|l| super::plain(l).trim_end().to_string() + "\n")
            .collect()
    }

    #[test]
    fn short_lines_are_copied_and_long_ones_cut_around_the_points() {
        let long = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let text = format!("first\n{long}\nlast\n");
        let source = Source::new("t.cvl", text.clone());
        let x = text.find('X').unwrap();
        let excerpt = Excerpt::of(&source, &[x, x + 1]);
        assert_eq!(excerpt.first_line, 1);
        let expected = format!("…{}X{}…\n", "a".repeat(40), "b".repeat(40));
        assert_eq!(excerpt.text, expected);
        let at = excerpt.map(x);
        assert_eq!(excerpt.text.get(at..at + 1), Some("X"));
        assert_eq!(excerpt.column(at), 42);
    }

    #[test]
    fn far_apart_points_on_one_line_get_a_window_each() {
        let text = format!("{}{}", "x".repeat(1000), "y".repeat(1000));
        let source = Source::new("t.cvl", text.clone());
        let excerpt = Excerpt::of(&source, &[0, 2000]);
        assert_eq!(
            excerpt.text,
            format!("{}…{}", "x".repeat(40), "y".repeat(40))
        );
        assert_eq!(excerpt.map(0), 0);
        assert_eq!(excerpt.map(2000), excerpt.text.len());
    }

    #[test]
    fn lines_between_the_points_are_kept_and_shortened() {
        let text = format!("a\n{}\nb\n", "é".repeat(300));
        let source = Source::new("t.cvl", text.clone());
        let excerpt = Excerpt::of(&source, &[0, text.find('b').unwrap()]);
        assert_eq!(excerpt.text, format!("a\n{}…\nb\n", "é".repeat(WIDTH)));
        assert_eq!(excerpt.map(text.find('b').unwrap()), excerpt.text.len() - 2);
    }
}
