//! CVL's performance benchmark: a generator of reference-size contracts and the pieces the `cvl-bench` harness
//! measures with.
//!
//! [`generate`] writes a deterministic corpus shaped like the reference case; [`stdlib_loader`] is `cvl check`'s
//! loader serving the bundled standard library from memory, so that checking measures the checker and not the file
//! system; [`timing`] turns runs into medians and figures; [`evaluation`] writes contracts with their event
//! streams and checks and evaluates them, for `cvl-bench eval`; [`lsp`] drives the language server's engine for
//! `cvl-bench lsp`. The harness itself (`src/main.rs`) prints the figures that BENCHMARKS.md records. Nothing here runs heavy work under `cargo test`: the tests check a small sample.

pub mod changes;
pub mod cores;
pub mod evaluation;
pub mod generate;
pub mod invoices;
pub mod lsp;
pub mod national;
pub mod signed;
pub mod timing;

use cvl_check::Loader;
use cvl_check::loader::FsLoader;
use cvl_syntax::{Diagnostic, Source, Sources};

/// The loader `cvl check` uses, with no library directories: the bundled standard library is served from memory,
/// so that checking measures the checker and not the file system.
pub fn stdlib_loader() -> FsLoader {
    FsLoader::new(Vec::new())
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
        problems.merge(cvl_check::check(sources, file, &parsed.file, loader).problems);
    }
    problems.into_sorted()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_generated_contracts_check_clean() {
        let mut sources = Sources::new();
        let mut loader = stdlib_loader();
        for (index, text) in generate::corpus(1, 20).iter().enumerate() {
            let name = generate::file_name(index);
            let diagnostics = check_text(&mut sources, &mut loader, &name, text);
            assert!(diagnostics.is_empty(), "{name}:\n{text}\n{diagnostics:#?}");
        }
    }

    #[test]
    fn the_reference_case_checks_clean_with_this_loader() {
        let text = include_str!("../../../examples/placement/placement.cvl");
        let mut sources = Sources::new();
        let diagnostics = check_text(&mut sources, &mut stdlib_loader(), "placement.cvl", text);
        assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    }
}
