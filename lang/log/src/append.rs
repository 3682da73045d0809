//! Appending to a log so that it always verifies: one writer at a time, and a crash leaves the old log or the new
//! one, never half of an entry.
//!
//! [`Appender::lock`] resolves the log's path (a symbolic link is followed to the file it names, so that every
//! path to one log shares one lock and the link stays a link) and takes an exclusive lock on a file beside it
//! (`LOG.lock`), held until the appender is dropped; a second appender waits for it. The lock file is opened
//! without following a link (`O_NOFOLLOW`): a link planted at `LOG.lock` is refused, never written through, so
//! that appending cannot create or touch a file elsewhere. [`Appender::append`] writes
//! the old log and the new line to a new temporary file in the same directory (created exclusively, never through
//! a link left there), with the log's own permissions, flushes it to the disk, and renames it over the log: a
//! rename is atomic, so a reader, or a crash at any moment, sees either the log before the append or the log
//! after it. Then it flushes the directory, so that the rename itself survives a crash.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The exclusive right to append to one log, until dropped.
#[derive(Debug)]
pub struct Appender {
    /// The log's file, links resolved.
    log: PathBuf,
    _lock: File,
}

/// What went wrong in an append, and whether the log changed.
#[derive(Debug, thiserror::Error)]
pub enum AppendError {
    /// Nothing was appended.
    #[error("nothing was appended")]
    NotAppended(#[source] io::Error),
    /// The new log is in place, but the directory could not be flushed: a crash now might lose the append.
    #[error("appended, but the directory could not be flushed to the disk")]
    NotFlushed(#[source] io::Error),
}

fn beside(log: &Path, suffix: &str) -> PathBuf {
    let mut name = log
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(suffix);
    log.with_file_name(name)
}

impl Appender {
    /// Waits for, and takes, the exclusive lock on the existing log at `log`.
    pub fn lock(log: &Path) -> io::Result<Appender> {
        let log = fs::canonicalize(log)?;
        if !log.is_file() {
            return Err(io::Error::other("it is not a file"));
        }
        let lock = beside(&log, ".lock");
        let mut options = OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NOFOLLOW);
        }
        let file = options.open(&lock).map_err(|error| {
            // Elsewhere the lock file may already be a link, which the open above still follows.
            if fs::symlink_metadata(&lock).is_ok_and(|meta| meta.file_type().is_symlink()) {
                io::Error::other(format!(
                    "its lock file `{}` is a symbolic link, which is never followed: remove it",
                    lock.display()
                ))
            } else {
                error
            }
        })?;
        #[cfg(not(unix))]
        if fs::symlink_metadata(&lock).is_ok_and(|meta| meta.file_type().is_symlink()) {
            return Err(io::Error::other(format!(
                "its lock file `{}` is a symbolic link, which is never followed: remove it",
                lock.display()
            )));
        }
        file.lock()?;
        Ok(Appender { log, _lock: file })
    }

    /// The log's file, links resolved: read it through this path while the lock is held.
    pub fn path(&self) -> &Path {
        &self.log
    }

    /// Replaces the log by its bytes followed by `line` and a newline, atomically.
    pub fn append(&self, line: &str) -> Result<(), AppendError> {
        let temporary = beside(&self.log, ".append");
        let written = (|| {
            // A file left by a crashed append, or a link planted there, is removed, never written through.
            match fs::remove_file(&temporary) {
                Err(error) if error.kind() != io::ErrorKind::NotFound => return Err(error),
                _ => {}
            }
            let mut file = OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&temporary)?;
            let mut old = File::open(&self.log)?;
            file.set_permissions(old.metadata()?.permissions())?;
            io::copy(&mut old, &mut file)?;
            file.write_all(line.as_bytes())?;
            file.write_all(b"\n")?;
            file.sync_all()?;
            fs::rename(&temporary, &self.log)
        })();
        if let Err(error) = written {
            let _ = fs::remove_file(&temporary);
            return Err(AppendError::NotAppended(error));
        }
        let dir = self.log.parent().unwrap_or(Path::new("."));
        File::open(dir)
            .and_then(|dir| dir.sync_all())
            .map_err(AppendError::NotFlushed)
    }
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("cvl-append-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_link_planted_at_the_lock_file_is_refused_and_not_followed() {
        let dir = scratch("link");
        let log = dir.join("log.jsonl");
        fs::write(&log, "").unwrap();
        let elsewhere = dir.join("elsewhere");
        std::os::unix::fs::symlink(&elsewhere, dir.join("log.jsonl.lock")).unwrap();
        let error = Appender::lock(&log).unwrap_err().to_string();
        assert!(
            error.contains("is a symbolic link, which is never followed: remove it"),
            "{error}"
        );
        assert!(!elsewhere.exists(), "the link was followed");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_plain_lock_file_is_taken_and_the_append_lands() {
        let dir = scratch("plain");
        let log = dir.join("log.jsonl");
        fs::write(&log, "one\n").unwrap();
        let appender = Appender::lock(&log).unwrap();
        appender.append("two").unwrap();
        drop(appender);
        assert_eq!(fs::read_to_string(&log).unwrap(), "one\ntwo\n");
        assert!(
            fs::symlink_metadata(dir.join("log.jsonl.lock"))
                .unwrap()
                .is_file()
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
