//! Output that cannot be written is a failure: every byte a command prints goes through a [`Tracked`] writer,
//! which remembers the first error, and [`finish`] turns it into exit code 2 once the command is done.
//!
//! Commands print with `let _ = writeln!(…)` or `?` as suits them; none of them has to decide what a failed write
//! means. After the first failure a tracked writer writes nothing more (each later write fails at once), so a
//! command writing to a full device stops early instead of trying every line. Standard output that fails is
//! reported on standard error; a closed pipe (the reader went away, as `cvl eval … | head` does) is reported by
//! the exit code only, and a failure of standard error itself can only be reported by the exit code.

use std::io::{self, ErrorKind, Write};

use cvl_check::loader::io_message;

use crate::EXIT_USAGE;

/// A writer that remembers its first error and writes nothing after it.
pub(crate) struct Tracked<'a> {
    inner: &'a mut dyn Write,
    failed: Option<io::Error>,
}

impl<'a> Tracked<'a> {
    pub(crate) fn new(inner: &'a mut dyn Write) -> Self {
        Tracked {
            inner,
            failed: None,
        }
    }

    /// Flushes what is buffered and returns the first error, if anything failed.
    fn finish(mut self) -> Option<io::Error> {
        let _ = self.flush();
        self.failed
    }

    fn record<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        if let Err(error) = &result
            && self.failed.is_none()
        {
            self.failed = Some(io::Error::new(error.kind(), error.to_string()));
        }
        result
    }

    fn check(&self) -> io::Result<()> {
        match &self.failed {
            Some(error) => Err(io::Error::new(error.kind(), error.to_string())),
            None => Ok(()),
        }
    }
}

impl Write for Tracked<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.check()?;
        let result = self.inner.write(buf);
        // A writer that accepts nothing would make `write_all` loop for ever; it is a failure like any other.
        let result = match result {
            Ok(0) if !buf.is_empty() => Err(io::Error::from(ErrorKind::WriteZero)),
            other => other,
        };
        self.record(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.check()?;
        let result = self.inner.flush();
        self.record(result)
    }
}

/// Ends a command: flushes both streams and gives the exit code, which is [`EXIT_USAGE`] whatever the command
/// decided when either stream could not be written. A failed standard output is reported on standard error
/// (unless it is a closed pipe).
pub(crate) fn finish(code: i32, out: Tracked<'_>, err: Tracked<'_>) -> i32 {
    let out_failed = out.finish();
    let mut err = err;
    if let Some(error) = &out_failed
        && error.kind() != ErrorKind::BrokenPipe
    {
        let _ = writeln!(err, "error: cannot write the output: {}", io_message(error));
    }
    let err_failed = err.finish();
    if out_failed.is_some() || err_failed.is_some() {
        EXIT_USAGE
    } else {
        code
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer like `/dev/full`: every write fails.
    struct Full(ErrorKind);

    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(self.0))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failed_output_is_reported_on_stderr_and_exits_2() {
        let mut full = Full(ErrorKind::StorageFull);
        let mut err = Vec::new();
        let mut out = Tracked::new(&mut full);
        assert!(writeln!(out, "one").is_err());
        assert!(writeln!(out, "two").is_err());
        let code = finish(0, out, Tracked::new(&mut err));
        assert_eq!(code, EXIT_USAGE);
        let err = String::from_utf8(err).unwrap();
        assert!(err.starts_with("error: cannot write the output: "), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }

    #[test]
    fn a_closed_pipe_exits_2_quietly() {
        let mut pipe = Full(ErrorKind::BrokenPipe);
        let mut err = Vec::new();
        let mut out = Tracked::new(&mut pipe);
        let _ = writeln!(out, "one");
        assert_eq!(finish(0, out, Tracked::new(&mut err)), EXIT_USAGE);
        assert!(err.is_empty());
    }

    #[test]
    fn both_streams_failing_still_exits_2() {
        let mut full_out = Full(ErrorKind::StorageFull);
        let mut full_err = Full(ErrorKind::StorageFull);
        let mut out = Tracked::new(&mut full_out);
        let _ = writeln!(out, "one");
        assert_eq!(finish(1, out, Tracked::new(&mut full_err)), EXIT_USAGE);
    }

    #[test]
    fn a_clean_run_keeps_its_code() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let mut out = Tracked::new(&mut a);
        writeln!(out, "fine").unwrap();
        assert_eq!(finish(1, out, Tracked::new(&mut b)), 1);
        assert_eq!(a, b"fine\n");
    }
}
