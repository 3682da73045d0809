//! The files a directory given on the command line stands for, where a command takes "a file, or a directory of
//! them" (`cvl invoice check`'s invoices, `--version`'s amended texts): the directory's files with one extension,
//! in any case, in the order of their names. What in it could have been such a file and is not read (a
//! sub-directory, a link to nothing, a device or pipe, an entry that cannot be read) is named in a warning with
//! the reason; files with another extension (a README beside them) are passed over.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::EXIT_USAGE;
use crate::check::{display_name, io_message};

/// The files `paths` stand for: each path that is not a directory as it is, each directory's files with the
/// extension `ext` (`"xml"`, `"cvl"`) as described above; a directory that cannot be read is a usage problem,
/// said on `err`, and its exit code is returned.
pub(crate) fn files(
    paths: &[PathBuf],
    ext: &str,
    err: &mut dyn Write,
) -> Result<Vec<PathBuf>, i32> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            files.extend(directory(path, ext, err)?);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn directory(path: &Path, ext: &str, err: &mut dyn Write) -> Result<Vec<PathBuf>, i32> {
    let entries = fs::read_dir(path).map_err(|error| {
        let _ = writeln!(
            err,
            "error: cannot read the directory `{}`: {}",
            display_name(path),
            io_message(&error)
        );
        EXIT_USAGE
    })?;
    let mut found: Vec<PathBuf> = Vec::new();
    let mut skipped: Vec<(PathBuf, &str)> = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry.path(),
            Err(error) => {
                let _ = writeln!(
                    err,
                    "warning: an entry of `{}` cannot be read, and is skipped: {}",
                    display_name(path),
                    io_message(&error)
                );
                continue;
            }
        };
        let wanted = entry
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case(ext));
        // A link is followed: one to a file is read as the file; one to nothing is said.
        match fs::metadata(&entry) {
            Ok(meta) if meta.is_file() && wanted => found.push(entry),
            Ok(meta) if meta.is_file() => {}
            Ok(meta) if meta.is_dir() => skipped.push((
                entry,
                "it is a directory, and directories are not read within a directory",
            )),
            Ok(_) => skipped.push((entry, "it is not a regular file")),
            Err(_) if fs::symlink_metadata(&entry).is_ok() => {
                skipped.push((entry, "it is a link to nothing"))
            }
            Err(_) => skipped.push((entry, "it cannot be read")),
        }
    }
    skipped.sort();
    for (entry, why) in skipped {
        let _ = writeln!(err, "warning: `{}` is skipped: {why}", display_name(&entry));
    }
    found.sort();
    Ok(found)
}
