//! `cvl key gen NAME`: a new ed25519 key pair for a party, as two files: `NAME.key`, the secret key, readable by
//! its owner only, and `NAME.pub`, the public key's text, which goes into the party's declaration in a contract.
//! Neither file is ever overwritten. NAME is a plain file name: no path separator, no control or bidirectional
//! character, no leading dot and no CPR-like number (spec section 10.1); the files are named in the output as
//! every file is (`display_name`: the `--dir` path escaped and masked).
//!
//! Each file is first written in full to a temporary file in the same directory (created exclusively, readable
//! by its owner only when secret) and flushed to the disk, then hard-linked to its name: a link is never made over
//! an existing file, so a key that appeared meanwhile is not overwritten either. The temporary files are removed
//! whatever happens, and if the second link fails the first is undone, so a failure (a full disk, say) leaves
//! nothing behind that blocks the retry.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use cvl_log::SecretKey;

use crate::check::{display_name, io_message};
use crate::{EXIT_OK, EXIT_USAGE};

/// A file to put in place: its final path, its text, and whether it is secret.
struct Planned<'a> {
    path: &'a Path,
    text: &'a str,
    secret: bool,
}

/// Writes `text` to the new file `file`, flushed to the disk.
fn write_synced(file: &mut File, text: &[u8]) -> io::Result<()> {
    file.write_all(text)?;
    file.sync_all()
}

/// A new temporary file beside `path`, created exclusively, readable by its owner only when `secret`.
fn temporary(path: &Path, secret: bool) -> io::Result<(PathBuf, File)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut attempt = 0u32;
    loop {
        let candidate =
            path.with_file_name(format!(".{name}.{}.{attempt}.tmp", std::process::id()));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if secret {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        #[cfg(not(unix))]
        let _ = secret;
        match options.open(&candidate) {
            Ok(file) => return Ok((candidate, file)),
            // One left by a crashed run: take another name, never that file.
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1
            }
            Err(error) => return Err(error),
        }
    }
}

/// Puts every planned file in place, or none: see the module's documentation.
fn install(
    files: &[Planned<'_>],
    write: &dyn Fn(&mut File, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
    let mut temporaries = Vec::new();
    let mut linked: Vec<&Path> = Vec::new();
    let result = (|| {
        for planned in files {
            let (path, mut file) = temporary(planned.path, planned.secret)?;
            temporaries.push(path.clone());
            write(&mut file, planned.text.as_bytes())?;
        }
        for (planned, temporary) in files.iter().zip(&temporaries) {
            fs::hard_link(temporary, planned.path)?;
            linked.push(planned.path);
        }
        Ok(())
    })();
    for temporary in &temporaries {
        let _ = fs::remove_file(temporary);
    }
    if result.is_err() {
        for path in linked {
            let _ = fs::remove_file(path);
        }
    }
    result
}

/// Why `name` cannot name a key's files, or `None` for a plain file name. What the refusal says of the name is
/// shown through `cvl_syntax::text::shown`, and a CPR-like number in it is not repeated at all.
fn refused_name(name: &str) -> Option<String> {
    let shown = cvl_syntax::text::shown(name);
    if name.is_empty() {
        return Some("the key name is empty".to_string());
    }
    if !cvl_syntax::cpr::find(name).is_empty() {
        return Some(
            "the key name holds what looks like a CPR number, which must not name a file (spec section 6)"
                .to_string(),
        );
    }
    if name.chars().any(cvl_syntax::text::is_hidden) {
        return Some(format!(
            "`{shown}` is not a key name: it holds a control or bidirectional character"
        ));
    }
    if name.contains(['/', '\\']) {
        return Some(format!(
            "`{shown}` is not a key name: it holds a path separator (`--dir` says where the files go)"
        ));
    }
    if name.starts_with('.') {
        return Some(format!(
            "`{shown}` is not a key name: a name starting with a dot makes a hidden file"
        ));
    }
    None
}

pub(crate) fn generate(name: &str, dir: &Path, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    if let Some(reason) = refused_name(name) {
        let _ = writeln!(err, "error: {reason}");
        let _ = writeln!(
            err,
            "help: name the key with a plain file name such as the party's (`cvl key gen ostervold`)"
        );
        return EXIT_USAGE;
    }
    let key = match SecretKey::generate() {
        Ok(key) => key,
        Err(reason) => {
            let _ = writeln!(err, "error: cannot make a key: {reason}");
            return EXIT_USAGE;
        }
    };
    let secret_path = dir.join(format!("{name}.key"));
    let public_path = dir.join(format!("{name}.pub"));
    for path in [&secret_path, &public_path] {
        if fs::symlink_metadata(path).is_ok() {
            let _ = writeln!(
                err,
                "error: `{}` already exists: a key is never overwritten",
                display_name(path)
            );
            return EXIT_USAGE;
        }
    }
    let public = key.public().text();
    let (secret_text, public_text) = (key.text(), format!("{public}\n"));
    let files = [
        Planned {
            path: &secret_path,
            text: &secret_text,
            secret: true,
        },
        Planned {
            path: &public_path,
            text: &public_text,
            secret: false,
        },
    ];
    if let Err(error) = install(&files, &write_synced) {
        let _ = writeln!(err, "error: cannot write the key: {}", io_message(&error));
        return EXIT_USAGE;
    }
    let _ = writeln!(
        out,
        "wrote {} (the secret key: keep it, and share it with no one) and {}",
        display_name(&secret_path),
        display_name(&public_path)
    );
    let _ = writeln!(out, "the party's declaration in the contract carries:");
    let _ = writeln!(out, "    key \"{public}\"");
    EXIT_OK
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("cvl-key-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// The key pair of `ana`: the secret `s` and the public `p`.
    fn ana<'a>(secret: &'a Path, public: &'a Path) -> [Planned<'a>; 2] {
        [
            Planned {
                path: secret,
                text: "s",
                secret: true,
            },
            Planned {
                path: public,
                text: "p",
                secret: false,
            },
        ]
    }

    #[test]
    fn a_failed_write_leaves_nothing_and_the_retry_succeeds() {
        let dir = scratch("full");
        let (secret, public) = (dir.join("ana.key"), dir.join("ana.pub"));
        let files = ana(&secret, &public);
        let full = |_: &mut File, _: &[u8]| Err(io::Error::from(io::ErrorKind::StorageFull));
        assert!(install(&files, &full).is_err());
        assert!(entries(&dir).is_empty(), "{:?}", entries(&dir));
        install(&files, &write_synced).unwrap();
        assert_eq!(entries(&dir), ["ana.key", "ana.pub"]);
        assert_eq!(fs::read_to_string(&secret).unwrap(), "s");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&secret).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_key_that_appears_meanwhile_is_not_overwritten_and_nothing_is_left() {
        let dir = scratch("race");
        let (secret, public) = (dir.join("ana.key"), dir.join("ana.pub"));
        fs::write(&public, "theirs").unwrap();
        let files = ana(&secret, &public);
        let error = install(&files, &write_synced).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(entries(&dir), ["ana.pub"]);
        assert_eq!(fs::read_to_string(&public).unwrap(), "theirs");
        fs::remove_dir_all(&dir).unwrap();
    }
}
