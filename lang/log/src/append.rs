//! Appending to a log so that it always verifies: one writer at a time, and a crash leaves the old log or the new
//! one, never half of an entry.
//!
//! [`lock`] takes an exclusive lock on a file beside the log (`LOG.lock`), held until the returned guard is
//! dropped; a second appender waits for it. [`replace_with_line`] writes the old log and the new line to a
//! temporary file in the same directory, flushes it to the disk, and renames it over the log: a rename is atomic,
//! so a reader, or a crash at any moment, sees either the log before the append or the log after it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// An exclusive lock on a log, released when dropped.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

fn beside(log: &Path, suffix: &str) -> PathBuf {
    let mut name = log
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(suffix);
    log.with_file_name(name)
}

/// Waits for, and takes, the exclusive lock on `log`.
pub fn lock(log: &Path) -> io::Result<Lock> {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(beside(log, ".lock"))?;
    file.lock()?;
    Ok(Lock { _file: file })
}

/// Replaces `log` by its bytes followed by `line` and a newline, atomically. Hold the [`Lock`] while reading the
/// log and calling this.
pub fn replace_with_line(log: &Path, _lock: &Lock, line: &str) -> io::Result<()> {
    let temporary = beside(log, ".append");
    let result = (|| {
        let mut file = File::create(&temporary)?;
        let mut old = File::open(log)?;
        io::copy(&mut old, &mut file)?;
        file.write_all(line.as_bytes())?;
        file.write_all(b"\n")?;
        file.sync_all()?;
        fs::rename(&temporary, log)?;
        if let Some(dir) = log.parent() {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            File::open(dir)?.sync_all()?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}
