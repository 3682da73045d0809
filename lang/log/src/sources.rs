//! What a contract is, for what signatures bind: its own text and the text of every file it imports.
//!
//! A contract's SHA-256 (spec section 10.2) is the SHA-256 of its listing: one line per source file used, the
//! contract first and then each imported file in the order the checker first reaches it (depth-first, each file's
//! imports in the order written, a file listed once), each line the file's own SHA-256 in lowercase hex, a space,
//! its role and, for an import, a space and its import name, ending in a newline:
//!
//! ```text
//! 5d1e…c2 contract
//! 9a0b…71 module care
//! 44f2…0e file terms/local.cvl
//! ```
//!
//! A module's name is the one it is imported by (`care`, `care.reports`); a file's is its path from the
//! contract's directory. The contract's own file name is not listed, so that renaming the file changes nothing;
//! a changed byte in any file used, or a module found elsewhere with other text, changes the SHA-256.

use crate::{Digest, hex};

/// What a source file is to the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Contract,
    /// Imported by name (`import care`), from a library directory or the bundled stdlib.
    Module,
    /// Imported by path (`import "terms/local.cvl"`).
    File,
}

/// One source file used by a contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    pub role: Role,
    /// The import name: the module's (`care`) or the path from the contract's directory; empty for the contract.
    pub name: String,
    /// The file as messages name it (`examples/placement/placement.cvl`, `<stdlib>/care.cvl`).
    pub shown: String,
    /// The SHA-256 of the file's bytes.
    pub sha256: Digest,
}

impl SourceFile {
    /// The file's line of the listing, without its newline.
    pub fn line(&self) -> String {
        match self.role {
            Role::Contract => format!("{} contract", hex(&self.sha256)),
            Role::Module => format!("{} module {}", hex(&self.sha256), self.name),
            Role::File => format!("{} file {}", hex(&self.sha256), self.name),
        }
    }

    /// How outputs describe the file: its name, and what imports it as.
    pub fn described(&self) -> String {
        match self.role {
            Role::Contract => self.shown.clone(),
            Role::Module => format!("{} (module `{}`)", self.shown, self.name),
            Role::File => format!("{} (file `{}`)", self.shown, self.name),
        }
    }

    /// The file as a message names it: its name in backticks, and what imports it as; a contract's text that
    /// came from no file (`shown` empty: a contract registered with `cvl serve`) is "the registered contract".
    pub fn quoted(&self) -> String {
        match self.role {
            Role::Contract if self.shown.is_empty() => "the registered contract".to_string(),
            Role::Contract => format!("`{}`", self.shown),
            Role::Module => format!("`{}` (module `{}`)", self.shown, self.name),
            Role::File => format!("`{}` (file `{}`)", self.shown, self.name),
        }
    }
}

/// The SHA-256 of the text `lines` make, each followed by a newline.
pub fn listing_digest<S: AsRef<str>>(lines: &[S]) -> Digest {
    use sha2::{Digest as _, Sha256};
    let mut hasher = Sha256::new();
    for line in lines {
        hasher.update(line.as_ref().as_bytes());
        hasher.update(b"\n");
    }
    hasher.finalize().into()
}

/// The contract's SHA-256: the SHA-256 of the listing of `files`, the contract first.
pub fn contract_sha256(files: &[SourceFile]) -> Digest {
    let lines: Vec<String> = files.iter().map(SourceFile::line).collect();
    listing_digest(&lines)
}

/// How the files `used` now differ from the listing `signed` (its lines): each file whose text changed, that is
/// new, or that is no longer used, named; empty when they are the same.
pub fn differences<S: AsRef<str>>(signed: &[S], used: &[SourceFile]) -> Vec<String> {
    // A line is `HASH ROLE[ NAME]`: what follows the hash says which file it is.
    let which = |line: &str| {
        line.split_once(' ')
            .map_or(String::new(), |(_, w)| w.to_string())
    };
    let hash = |line: &str| {
        line.split_once(' ')
            .map_or(String::new(), |(h, _)| h.to_string())
    };
    let mut found = Vec::new();
    for file in used {
        let line = file.line();
        match signed.iter().find(|s| which(s.as_ref()) == which(&line)) {
            Some(s) if s.as_ref() == line => {}
            Some(s) => found.push(format!(
                "{} has SHA-256 `{}`, where the signed contract's had `{}`",
                file.quoted(),
                hex(&file.sha256),
                hash(s.as_ref())
            )),
            None => found.push(format!(
                "{} is used here, but the signed contract did not use it",
                file.quoted()
            )),
        }
    }
    for s in signed {
        let w = which(s.as_ref());
        if !used.iter().any(|f| which(&f.line()) == w) {
            found.push(format!(
                "the signed contract also used `{w}`, which is not used here"
            ));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(role: Role, name: &str, byte: u8) -> SourceFile {
        SourceFile {
            role,
            name: name.to_string(),
            shown: format!("dir/{name}.cvl"),
            sha256: [byte; 32],
        }
    }

    #[test]
    fn the_listing_names_each_file_by_role_and_import_name() {
        let files = [
            file(Role::Contract, "", 1),
            file(Role::Module, "care", 2),
            file(Role::File, "terms/local.cvl", 3),
        ];
        let lines: Vec<String> = files.iter().map(SourceFile::line).collect();
        assert_eq!(lines[0], format!("{} contract", "01".repeat(32)));
        assert_eq!(lines[1], format!("{} module care", "02".repeat(32)));
        assert_eq!(
            lines[2],
            format!("{} file terms/local.cvl", "03".repeat(32))
        );
        let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
        assert_eq!(
            contract_sha256(&files),
            crate::contract_digest(text.as_bytes())
        );
        assert!(differences(&lines, &files).is_empty());
        let mut changed = files.to_vec();
        changed[1].sha256 = [9; 32];
        changed.pop();
        assert_eq!(
            differences(&lines, &changed),
            [
                format!(
                    "`dir/care.cvl` (module `care`) has SHA-256 `{}`, where the signed contract's had `{}`",
                    "09".repeat(32),
                    "02".repeat(32)
                ),
                "the signed contract also used `file terms/local.cvl`, which is not used here"
                    .to_string()
            ]
        );
    }
}
