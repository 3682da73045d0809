//! Reading an events file one line at a time, in constant memory: [`Reader`] is an iterator of owned events, and
//! [`Reader::read_into`] fills one event again and again, so that reading a file allocates nothing per line once
//! the event's strings have grown to fit. A line is found by the memchr crate's search for its newline (the
//! vector instructions of the machine, several times fewer instructions than the standard library's portable
//! search on lines of about 130 bytes), and is checked to be UTF-8 once.

use std::io::BufRead;

use crate::{Event, MAX_LINE, Refusal, RefusalKind};

/// Reads events one line at a time. Blank lines are skipped; a line that is not an event stops the reading
/// with its refusal, as does an I/O error.
pub struct Reader<R> {
    input: R,
    line: usize,
    /// The line read: its bytes are read into the same allocation, then made text by one check that they are
    /// UTF-8 (`String::from_utf8`, which takes them over without a copy).
    buffer: String,
    /// Where the line without its surrounding white space starts and ends in `buffer`.
    trimmed: (usize, usize),
    /// The lines read that are not blank: the events read or refused.
    events: usize,
}

impl<R: BufRead> Reader<R> {
    pub fn new(input: R) -> Self {
        Reader {
            input,
            line: 0,
            buffer: String::new(),
            trimmed: (0, 0),
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
            Ok(line) => Event::parse_into(event, line, self.text()),
            Err(refusal) => Err(refusal),
        })
    }

    /// The line read last, without its surrounding white space.
    fn text(&self) -> &str {
        let (start, end) = self.trimmed;
        self.buffer.get(start..end).unwrap_or_default()
    }

    /// Reads the next line that is not blank into the buffer: its number, or why it cannot be read. A line is read
    /// as `BufRead::read_line` over at most 1 MiB and a byte would: up to and with its newline, then checked to be
    /// UTF-8 (refused with the same words), then its length.
    fn next_line(&mut self) -> Option<Result<usize, Refusal>> {
        loop {
            let mut bytes = std::mem::take(&mut self.buffer).into_bytes();
            bytes.clear();
            self.line += 1;
            match self.read_line(&mut bytes) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(error) => {
                    return Some(Err(Refusal::of_line(
                        RefusalKind::Unreadable,
                        self.line,
                        format!("cannot be read: {error}"),
                    )));
                }
            }
            self.buffer = match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(_) => {
                    return Some(Err(Refusal::of_line(
                        RefusalKind::Unreadable,
                        self.line,
                        "cannot be read: stream did not contain valid UTF-8",
                    )));
                }
            };
            let text = self.buffer.as_str();
            if self.buffer.len() > MAX_LINE {
                return Some(Err(Refusal::of_line(
                    RefusalKind::Limit,
                    self.line,
                    "is longer than 1 MiB, which no event is",
                )));
            }
            let trimmed = text.trim();
            if trimmed.is_empty() {
                continue;
            }
            let start = text.len() - text.trim_start().len();
            self.trimmed = (start, start + trimmed.len());
            self.events += 1;
            return Some(Ok(self.line));
        }
    }

    /// Reads bytes into the buffer up to and with the next newline, or to the end, or to one byte past
    /// [`MAX_LINE`]: how many were read.
    fn read_line(&mut self, buffer: &mut Vec<u8>) -> std::io::Result<usize> {
        let limit = MAX_LINE + 1;
        loop {
            let available = match self.input.fill_buf() {
                Ok(available) => available,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(error),
            };
            let room = limit - buffer.len();
            let window = available
                .get(..room.min(available.len()))
                .unwrap_or_default();
            let (taken, done) = match memchr::memchr(b'\n', window) {
                Some(at) => (at + 1, true),
                None => (window.len(), window.is_empty() || window.len() == room),
            };
            buffer.extend_from_slice(window.get(..taken).unwrap_or_default());
            self.input.consume(taken);
            if done {
                return Ok(buffer.len());
            }
        }
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Event, Refusal>;

    fn next(&mut self) -> Option<Self::Item> {
        Some(match self.next_line()? {
            Ok(line) => Event::parse(line, self.text()),
            Err(refusal) => Err(refusal),
        })
    }
}

#[cfg(test)]
mod tests {
    use std::io::{BufRead, BufReader};

    use super::*;

    /// What the reader gives for `text`, as words, with the input given `capacity` bytes at a time.
    fn read(text: &[u8], capacity: usize) -> Vec<String> {
        Reader::new(BufReader::with_capacity(capacity, text))
            .map(|r| match r {
                Ok(event) => format!("{} {}", event.line, event.id),
                Err(refusal) => refusal.to_string(),
            })
            .collect()
    }

    #[test]
    fn a_line_is_read_the_same_whatever_the_size_of_the_input_buffer() {
        let text = b"\n{\"id\":\"a\",\"at\":\"2019-01-01\",\"kind\":\"k\",\"actor\":\"p\"}\r\n  \n \t{\"id\":\"b\",\"at\":\"2019-01-02\",\"kind\":\"k\",\"actor\":\"p\"} \n{\"id\":\"c\",\"at\":\"2019-01-03\",\"kind\":\"k\",\"actor\":\"p\"}";
        let whole = read(text, 8192);
        assert_eq!(whole, ["2 a", "4 b", "5 c"]);
        for capacity in 1..70 {
            assert_eq!(read(text, capacity), whole, "{capacity}");
        }
    }

    #[test]
    fn a_line_that_is_not_utf8_is_refused_in_the_words_of_read_line() {
        let text = b"{\"id\":\"a\xff\",\"at\":\"2019-01-01\",\"kind\":\"k\",\"actor\":\"p\"}\n";
        let mut line = String::new();
        let Err(error) = (&text[..]).read_line(&mut line) else {
            panic!("read_line read it");
        };
        let refused = read(text, 8192);
        assert_eq!(
            refused.first(),
            Some(&format!("line 1: cannot be read: {error}"))
        );
    }

    #[test]
    fn a_line_over_the_limit_cut_inside_a_character_is_refused_as_not_utf8_as_read_line_refuses_it()
    {
        // `ø` is two bytes; the limit falls between them.
        let text = format!("{}ø\n", "x".repeat(MAX_LINE));
        let refused = read(text.as_bytes(), 8192);
        assert_eq!(
            refused.first().map(String::as_str),
            Some("line 1: cannot be read: stream did not contain valid UTF-8")
        );
    }
}
