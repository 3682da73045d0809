//! CVL's performance benchmark: a generator of reference-size contracts and the pieces the `cvl-bench` harness
//! measures with.
//!
//! [`generate`] writes a deterministic corpus shaped like the reference case; [`StdlibLoader`] serves the bundled
//! standard library from memory, so that checking measures the checker and not the file system; [`timing`] turns
//! runs into medians and figures; [`evaluation`] writes contracts with their event streams
//! and checks and evaluates them, for `cvl-bench eval`. The harness itself (`src/main.rs`) prints the figures that BENCHMARKS.md
//! records. Nothing here runs heavy work under `cargo test`: the tests check a small sample.

pub mod evaluation;
pub mod generate;
pub mod signed;
pub mod timing;

use std::collections::BTreeMap;

use cvl_check::{LoadError, Loader, Request};
use cvl_syntax::{Diagnostic, FileId, Source, Sources};

/// The standard library as `cvl` bundles it: each module's name and text.
pub const STDLIB: &[(&str, &str)] = &[
    ("care", include_str!("../../../stdlib/care.cvl")),
    ("employment", include_str!("../../../stdlib/employment.cvl")),
];

/// A loader that serves the standard library from memory and refuses file imports. Like the CLI's loader it adds
/// each module to the run's sources once and then hands out the same id.
#[derive(Debug, Default)]
pub struct StdlibLoader {
    loaded: BTreeMap<&'static str, FileId>,
}

impl Loader for StdlibLoader {
    fn load(
        &mut self,
        sources: &mut Sources,
        _from: FileId,
        request: Request<'_>,
    ) -> Result<FileId, LoadError> {
        let not_found = || LoadError::NotFound {
            searched: vec!["the bundled stdlib".to_string()],
        };
        let Request::Module(module) = request else {
            return Err(not_found());
        };
        let Some(&(name, text)) = STDLIB.iter().find(|(name, _)| *name == module) else {
            return Err(not_found());
        };
        let id = *self
            .loaded
            .entry(name)
            .or_insert_with(|| sources.add(Source::new(format!("<stdlib>/{name}.cvl"), text)));
        Ok(id)
    }
}

/// Parses and checks `text` as `cvl check` does one file, and returns every diagnostic.
pub fn check_text(
    sources: &mut Sources,
    loader: &mut dyn Loader,
    name: &str,
    text: &str,
) -> Vec<Diagnostic> {
    let file = sources.add(Source::new(name, text));
    let Some(source) = sources.get(file) else {
        return Vec::new();
    };
    let parsed = cvl_syntax::parse_source(file, source);
    let mut problems = parsed.problems;
    if !problems.has_errors() {
        problems.extend(cvl_check::check(sources, file, &parsed.file, loader).problems);
    }
    problems.into_sorted()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_generated_contracts_check_clean() {
        let mut sources = Sources::new();
        let mut loader = StdlibLoader::default();
        for (index, text) in generate::corpus(1, 20).iter().enumerate() {
            let name = generate::file_name(index);
            let diagnostics = check_text(&mut sources, &mut loader, &name, text);
            assert!(diagnostics.is_empty(), "{name}:\n{text}\n{diagnostics:#?}");
        }
    }

    #[test]
    fn every_stdlib_module_on_disk_is_served() {
        let dir = format!("{}/../../stdlib", env!("CARGO_MANIFEST_DIR"));
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "cvl"))
            .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let served: Vec<&str> = STDLIB.iter().map(|(name, _)| *name).collect();
        assert_eq!(on_disk, served);
    }

    #[test]
    fn the_reference_case_checks_clean_with_this_loader() {
        let text = include_str!("../../../examples/placement/placement.cvl");
        let mut sources = Sources::new();
        let diagnostics = check_text(
            &mut sources,
            &mut StdlibLoader::default(),
            "placement.cvl",
            text,
        );
        assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    }
}
