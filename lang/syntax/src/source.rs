//! Source files and the mapping from byte offsets to lines and columns.
//!
//! [`Sources`] owns the text of every file a run reads, under a [`FileId`]. Files are read as bytes: text that is
//! not UTF-8 is kept (lossily decoded, so that it can still be shown) together with the offset of the first bad
//! byte, which the caller reports as a diagnostic rather than parsing.
//!
//! A file has two names: [`Source::name`], the one every output shows (through [`crate::text::shown`], so that a
//! file name with a terminal escape or a CPR-like number is shown harmlessly, spec section 6), and
//! [`Source::path`], where it was read from, which only the file system ever sees.

use std::path::{Path, PathBuf};

use crate::span::{FileId, Span};

/// One source file: its name as outputs show it, where it was read from, its text, and where its lines start.
#[derive(Clone, Debug)]
pub struct Source {
    /// The name as the user gave it, through [`crate::text::shown`]: what every message and format prints.
    pub name: String,
    /// The file it was read from, for reading what it imports; `None` for text that is no file (standard input,
    /// the bundled stdlib, an unsaved editor buffer).
    pub path: Option<PathBuf>,
    pub text: String,
    /// Byte offset of the first byte that was not valid UTF-8, if any.
    pub invalid_utf8_at: Option<usize>,
    line_starts: Vec<u32>,
}

/// A line and column, both counted from 1; the column counts characters (Unicode scalar values).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = line_starts(&text);
        Source {
            name: crate::text::shown(&name.into()).into_owned(),
            path: None,
            text,
            invalid_utf8_at: None,
            line_starts,
        }
    }

    /// A source from raw bytes: invalid UTF-8 is replaced for display and its first offset remembered.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Self {
        match String::from_utf8(bytes) {
            Ok(text) => Source::new(name, text),
            Err(err) => {
                let at = err.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
                let mut source = Source::new(name, text);
                source.invalid_utf8_at = Some(at);
                source
            }
        }
    }

    /// The same source, read from the file at `path`.
    pub fn with_path(mut self, path: &Path) -> Self {
        self.path = Some(path.to_path_buf());
        self
    }

    /// The line (from 1) and character column (from 1) of a byte offset; offsets past the end map to the end.
    pub fn line_col(&self, offset: u32) -> LineCol {
        let offset = offset.min(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
        let line_index = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let line_start = self.line_starts.get(line_index).copied().unwrap_or(0);
        let prefix = self
            .text
            .get(line_start as usize..offset as usize)
            .unwrap_or("");
        LineCol {
            line: u32::try_from(line_index + 1).unwrap_or(u32::MAX),
            column: u32::try_from(prefix.chars().count() + 1).unwrap_or(u32::MAX),
        }
    }

    /// The byte offsets at which each line starts; the first is always 0.
    pub fn line_starts(&self) -> &[u32] {
        &self.line_starts
    }

    /// The text a span covers, or "" when the span does not fall on character boundaries of this file.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }
}

fn line_starts(text: &str) -> Vec<u32> {
    std::iter::once(0)
        .chain(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| u32::try_from(i + 1).unwrap_or(u32::MAX)),
        )
        .collect()
}

/// Every source file of a run, addressed by [`FileId`].
#[derive(Clone, Debug, Default)]
pub struct Sources {
    files: Vec<Source>,
}

impl Sources {
    pub fn new() -> Self {
        Sources::default()
    }

    pub fn add(&mut self, source: Source) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(source);
        id
    }

    pub fn get(&self, id: FileId) -> Option<&Source> {
        self.files.get(id.0 as usize)
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &Source)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, s)| (FileId(u32::try_from(i).unwrap_or(u32::MAX)), s))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let s = Source::new("t.cvl", "ab\nØster x\n");
        assert_eq!(s.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(s.line_col(3), LineCol { line: 2, column: 1 });
        // "Øster " is 7 bytes but 6 characters.
        assert_eq!(s.line_col(10), LineCol { line: 2, column: 7 });
        assert_eq!(s.line_col(999), LineCol { line: 3, column: 1 });
    }

    #[test]
    fn a_name_is_kept_for_showing_and_the_path_for_reading() {
        let raw = "d/c\u{1b}[2J0102031234.cvl";
        let s = Source::new(raw, "").with_path(Path::new(raw));
        assert_eq!(s.name, "d/c\\u{1b}[2J**********.cvl");
        assert_eq!(s.path.as_deref(), Some(Path::new(raw)));
    }

    #[test]
    fn invalid_utf8_is_remembered_at_its_first_byte() {
        let s = Source::from_bytes("t.cvl", b"ab\xffcd".to_vec());
        assert_eq!(s.invalid_utf8_at, Some(2));
        assert_eq!(s.text, "ab\u{fffd}cd");
    }
}
