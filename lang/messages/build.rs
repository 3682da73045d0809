//! Gathers the catalogues' files (`en/*.ftl`, `da/*.ftl`) into a table the crate includes, so that a new file
//! needs no line of code: each helper of a catalogue writes its own file.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".to_string());
    let mut out = String::new();
    for lang in ["en", "da"] {
        let dir = Path::new(&root).join(lang);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut names: Vec<String> = fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|name| name.ends_with(".ftl"))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        let _ = writeln!(
            out,
            "/// The `{lang}` catalogue's files, by name, in name order.\npub const {}: &[(&str, &str)] = &[",
            lang.to_uppercase()
        );
        for name in names {
            let path = dir.join(&name);
            let _ = writeln!(
                out,
                "    ({name:?}, include_str!({:?})),",
                path.display().to_string()
            );
        }
        out.push_str("];\n");
    }
    let target =
        Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| ".".to_string())).join("files.rs");
    if let Err(e) = fs::write(&target, out) {
        println!("cargo:warning=cannot write {}: {e}", target.display());
    }
}
