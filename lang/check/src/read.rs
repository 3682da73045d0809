//! Reading a file the tool is given, within a size: the one reader behind every contract, module and key file
//! (spec section 7), so that a file that never ends (`/dev/zero`, a FIFO fed forever) or a huge one is refused
//! after reading at most its limit, never read into memory whole.
//!
//! A contract or module file is at most [`MAX_SOURCE`] bytes (10 MiB), standard input given to `cvl fmt -`
//! likewise; a key file, one line, at most [`MAX_KEY`] bytes (4 KiB). The refusal names the file and the limit,
//! through the same words as a file that cannot be read: `cannot read `c.cvl`: it is larger than 10 MiB …`.
//!
//! A file the tool finds by itself (a module an import names, a `.cvl` file found by walking a directory, the
//! stdlib the language server compares) is read only if it is a regular file, or a link to one
//! ([`read_regular_file`]): a FIFO, a device or a socket is refused by its metadata before it is opened, and opened
//! without blocking, so that a FIFO planted where a file is expected never hangs the tool.

use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use crate::loader::io_message;

/// The most bytes a contract or module file may hold: 10 MiB (10,485,760 bytes).
pub const MAX_SOURCE: u64 = 10 << 20;

/// The most bytes a key file may hold: 4 KiB (4,096 bytes). A key file is one line of some 60 characters.
pub const MAX_KEY: u64 = 4 << 10;

/// The most bytes a kept checkpoint (`LOG.checkpoint`) may hold: 64 KiB (65,536 bytes); one with one signature
/// is some 250 bytes.
pub const MAX_CHECKPOINT: u64 = 64 << 10;

/// What a bounded read is reading, for the refusal's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A contract or module file, or standard input given to `cvl fmt -`.
    Source,
    /// A key file (`cvl log append --key`).
    Key,
    /// A checkpoint a party kept from a log service (`LOG.checkpoint`, `cvl log verify --checkpoint`).
    Checkpoint,
}

impl Kind {
    /// The most bytes a file of this kind may hold.
    pub fn limit(self) -> u64 {
        match self {
            Kind::Source => MAX_SOURCE,
            Kind::Key => MAX_KEY,
            Kind::Checkpoint => MAX_CHECKPOINT,
        }
    }
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// The system could not open or read it.
    Io(io::Error),
    /// It holds more than its kind's limit.
    TooLarge(Kind),
    /// It is not a regular file (a FIFO, a device, a socket, a directory), and was found, not named.
    NotRegular,
}

impl fmt::Display for ReadError {
    /// The reason, to follow `cannot read `NAME`: `.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(error) => f.write_str(&io_message(error)),
            ReadError::NotRegular => f.write_str(
                "it is not a regular file (a pipe, a device or a socket), and only a regular file is read \
                 where a contract or module is expected (spec section 7)",
            ),
            ReadError::TooLarge(Kind::Source) => f.write_str(
                "it is larger than 10 MiB (10,485,760 bytes), the most a contract or module file may hold \
                 (spec section 7)",
            ),
            ReadError::TooLarge(Kind::Checkpoint) => {
                f.write_str("it is larger than 64 KiB (65,536 bytes), which no checkpoint is")
            }
            ReadError::TooLarge(Kind::Key) => f.write_str(
                "it is larger than 4 KiB (4,096 bytes), the most a key file may hold: a key file is one line \
                 (spec section 7)",
            ),
        }
    }
}

/// The bytes of the file at `path`, if it holds at most `kind`'s limit.
pub fn read_file(path: &Path, kind: Kind) -> Result<Vec<u8>, ReadError> {
    let file = File::open(path).map_err(ReadError::Io)?;
    read_from(file, kind)
}

/// The bytes of the file at `path`, if it is a regular file (or a link to one) and holds at most `kind`'s limit.
/// Anything else is refused by its metadata before it is opened; the file is then opened without blocking (a
/// FIFO put in its place meanwhile does not hang the open) and its metadata checked again on the open file.
pub fn read_regular_file(path: &Path, kind: Kind) -> Result<Vec<u8>, ReadError> {
    if !std::fs::metadata(path).map_err(ReadError::Io)?.is_file() {
        return Err(ReadError::NotRegular);
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(ReadError::Io)?;
    if !file.metadata().map_err(ReadError::Io)?.is_file() {
        return Err(ReadError::NotRegular);
    }
    read_from(file, kind)
}

/// Whether `path` is a regular file or a link to one, without opening it.
pub fn is_regular(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|meta| meta.is_file())
}

/// The bytes of `input` (a file, or standard input), if it holds at most `kind`'s limit: reads at most one byte
/// more than the limit, whatever `input` is.
pub fn read_from(input: impl Read, kind: Kind) -> Result<Vec<u8>, ReadError> {
    let limit = kind.limit();
    let mut bytes = Vec::new();
    input
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limit {
        return Err(ReadError::TooLarge(kind));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn only_a_regular_file_is_read_when_found() {
        let dir = std::env::temp_dir().join(format!("cvl-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let zero = dir.join("zero.cvl");
        let _ = std::fs::remove_file(&zero);
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        let error = read_regular_file(&zero, Kind::Source).unwrap_err();
        assert!(matches!(error, ReadError::NotRegular));
        assert_eq!(
            error.to_string(),
            "it is not a regular file (a pipe, a device or a socket), and only a regular file is read where a \
             contract or module is expected (spec section 7)"
        );
        let fifo = dir.join("fifo.cvl");
        let _ = std::fs::remove_file(&fifo);
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        assert!(matches!(
            read_regular_file(&fifo, Kind::Source),
            Err(ReadError::NotRegular)
        ));
        assert!(!is_regular(&fifo) && !is_regular(&zero));
        let file = dir.join("file.cvl");
        std::fs::write(&file, "x").unwrap();
        let link = dir.join("link.cvl");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert_eq!(read_regular_file(&link, Kind::Source).unwrap(), b"x");
        assert!(is_regular(&link));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn at_most_the_limit_is_read() {
        let exactly = vec![b'x'; 4096];
        assert_eq!(read_from(&exactly[..], Kind::Key).unwrap().len(), 4096);
        let over = io::repeat(b'x');
        let error = read_from(over, Kind::Key).unwrap_err();
        assert_eq!(
            error.to_string(),
            "it is larger than 4 KiB (4,096 bytes), the most a key file may hold: a key file is one line \
             (spec section 7)"
        );
        assert!(matches!(
            read_from(io::repeat(0), Kind::Source),
            Err(ReadError::TooLarge(Kind::Source))
        ));
    }
}
