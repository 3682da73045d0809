//! Reading an events file one line at a time, in constant memory: [`Reader`] is an iterator of owned events, and
//! [`Reader::read_into`] fills one event again and again, so that reading a file allocates nothing per line once
//! the event's strings have grown to fit.

use std::io::{BufRead, Read};

use crate::{Event, MAX_LINE, Refusal, RefusalKind};

/// Reads events one line at a time. Blank lines are skipped; a line that is not an event stops the reading
/// with its refusal, as does an I/O error.
pub struct Reader<R> {
    input: R,
    line: usize,
    buffer: String,
    /// The lines read that are not blank: the events read or refused.
    events: usize,
}

impl<R: BufRead> Reader<R> {
    pub fn new(input: R) -> Self {
        Reader {
            input,
            line: 0,
            buffer: String::new(),
            events: 0,
        }
    }

    /// How many events have been read (or refused) so far: the lines that are not blank.
    pub fn events(&self) -> usize {
        self.events
    }

    /// Reads the next event into `event`, reusing its strings: `None` at the end, else what [`Iterator::next`]
    /// would give, the event being written into `event` instead of returned.
    pub fn read_into(&mut self, event: &mut Event) -> Option<Result<(), Refusal>> {
        Some(match self.next_line()? {
            Ok(line) => Event::parse_into(event, line, self.buffer.trim()),
            Err(refusal) => Err(refusal),
        })
    }

    /// Reads the next line that is not blank into the buffer: its number, or why it cannot be read.
    fn next_line(&mut self) -> Option<Result<usize, Refusal>> {
        loop {
            self.buffer.clear();
            self.line += 1;
            let limit = u64::try_from(MAX_LINE)
                .unwrap_or(u64::MAX)
                .saturating_add(1);
            match (&mut self.input).take(limit).read_line(&mut self.buffer) {
                Ok(0) => return None,
                Ok(_) if self.buffer.len() > MAX_LINE => {
                    return Some(Err(Refusal::of_line(
                        RefusalKind::Limit,
                        self.line,
                        "is longer than 1 MiB, which no event is",
                    )));
                }
                Ok(_) => {
                    if self.buffer.trim().is_empty() {
                        continue;
                    }
                    self.events += 1;
                    return Some(Ok(self.line));
                }
                Err(error) => {
                    return Some(Err(Refusal::of_line(
                        RefusalKind::Unreadable,
                        self.line,
                        format!("cannot be read: {error}"),
                    )));
                }
            }
        }
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Event, Refusal>;

    fn next(&mut self) -> Option<Self::Item> {
        Some(match self.next_line()? {
            Ok(line) => Event::parse(line, self.buffer.trim()),
            Err(refusal) => Err(refusal),
        })
    }
}
