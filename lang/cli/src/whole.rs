//! Writing a file the tool makes beside its inputs (a report, an Invoice Response): whole or not at all, and never
//! in place of something that is not a file. The bytes go to a new temporary file beside the target, which is
//! renamed into place, so that nothing is ever half written and a link at the target's name is replaced, not
//! followed. What is at the name must be nothing, a regular file, or a link (to a file or to nothing): a rename
//! would put a file in place of a device, a pipe or a socket (`/dev/null`, say, for a command run as root), and a
//! directory cannot be replaced.

use std::fs;
use std::io::Write;
use std::path::Path;

/// Why a file must not be written at `path`, if it must not: what is there is a directory, or a device, pipe or
/// socket. A link is judged by what it points to; one to nothing may be replaced.
pub(crate) fn unwritable(path: &Path) -> Option<&'static str> {
    let meta = fs::metadata(path)
        .or_else(|_| fs::symlink_metadata(path))
        .ok()?;
    if meta.is_file() || meta.file_type().is_symlink() {
        None
    } else if meta.is_dir() {
        Some("a directory")
    } else {
        Some("not a regular file (a device, a pipe or a socket)")
    }
}

/// Writes `bytes` whole at `path`, through a temporary file renamed into place; the temporary file is removed
/// when anything fails.
pub(crate) fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(what) = unwritable(path) {
        return Err(std::io::Error::other(format!(
            "it is {what}, which a file is never written in place of"
        )));
    }
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy());
    let temporary = path.with_file_name(format!(".{name}.tmp"));
    let written = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .and_then(|mut file| file.write_all(bytes))
        .and_then(|()| fs::rename(&temporary, path));
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}
