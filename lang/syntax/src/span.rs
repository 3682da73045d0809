//! Byte spans into source files.
//!
//! A [`Span`] is a half-open range of byte offsets into one file, named by its [`FileId`]. Spans are small and
//! `Copy`; lines and columns are computed only at the edges (the CLI's renderer and the language server), from
//! the file's [`crate::source::Source`].

use std::fmt;
use std::ops::Range;

/// Names one file among the [`crate::source::Sources`] of a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FileId(pub u32);

/// A half-open byte range `start..end` in one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: u32, end: u32) -> Self {
        Span { file, start, end }
    }

    /// A span from byte offsets as `usize`, saturating at `u32::MAX` (sources are limited far below that).
    pub fn from_range(file: FileId, range: Range<usize>) -> Self {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Span::new(file, clamp(range.start), clamp(range.end))
    }

    /// The empty span just after this one.
    pub fn after(self) -> Self {
        Span::new(self.file, self.end, self.end)
    }

    /// The smallest span that covers both `self` and `other` (which must be in the same file).
    pub fn to(self, other: Span) -> Self {
        Span::new(
            self.file,
            self.start.min(other.start),
            self.end.max(other.end),
        )
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(self) -> u32 {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    pub fn contains(self, offset: u32) -> bool {
        self.start <= offset && offset < self.end
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_covers_both_spans_in_either_order() {
        let a = Span::new(FileId(0), 4, 8);
        let b = Span::new(FileId(0), 1, 5);
        assert_eq!(a.to(b), Span::new(FileId(0), 1, 8));
        assert_eq!(b.to(a), Span::new(FileId(0), 1, 8));
    }

    #[test]
    fn from_range_saturates_instead_of_wrapping() {
        let s = Span::from_range(FileId(0), 3..usize::MAX);
        assert_eq!((s.start, s.end), (3, u32::MAX));
    }
}
