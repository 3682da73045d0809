//! `cvl key gen NAME`: a new ed25519 key pair for a party, as two files: `NAME.key`, the secret key, readable by
//! its owner only, and `NAME.pub`, the public key's text, which goes into the party's declaration in a contract.
//! Neither file is ever overwritten.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::Path;

use cvl_log::SecretKey;

use crate::check::io_message;
use crate::{EXIT_OK, EXIT_USAGE};

/// Writes `text` to a new file at `path` (an existing file is an error), readable by its owner only when
/// `secret`.
fn create(path: &Path, text: &str, secret: bool) -> std::io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if secret {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = secret;
    let mut file = options.open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

pub(crate) fn generate(name: &str, dir: &Path, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
        let _ = writeln!(
            err,
            "error: `{name}` is not a key name: use a plain file name such as the party's name"
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
                path.display()
            );
            return EXIT_USAGE;
        }
    }
    let public = key.public().text();
    if let Err(error) = create(&secret_path, &key.text(), true)
        .and_then(|()| create(&public_path, &format!("{public}\n"), false))
    {
        let _ = writeln!(err, "error: cannot write the key: {}", io_message(&error));
        return EXIT_USAGE;
    }
    let _ = writeln!(
        out,
        "wrote {} (the secret key: keep it, and share it with no one) and {}",
        secret_path.display(),
        public_path.display()
    );
    let _ = writeln!(out, "the party's declaration in the contract carries:");
    let _ = writeln!(out, "    key \"{public}\"");
    EXIT_OK
}
