//! The evaluation benchmark with changes (`cvl-bench eval --changes`): the same contracts and events as
//! evaluation.rs, but every other contract's monthly items are `regulated by 2.5 % each year from` the first
//! 1 January after its start, and every third contract is amended by both signatories 700 days in (its amended
//! text, `contract-NNNNN.amended.cvl`, raises the consultant's hourly rate by 10 % and the first item by 5 %),
//! evaluated as `cvl eval --version` does: the amended text read and checked, found by its SHA-256 (of its text and
//! every file it imports), and each day decided by the version in force. The peer knows neither, so it is not run.

use std::fs;
use std::io::BufReader;
use std::path::Path;

use cvl_check::loader::FsLoader;
use cvl_check::model::Contract;
use cvl_syntax::{Source, Sources};

use crate::evaluation::{Totals, load};
use crate::{generate, stdlib_loader};

/// Whether contract `index` is regulated.
pub fn regulated(index: usize) -> bool {
    index.is_multiple_of(2)
}

/// Whether contract `index` is amended.
pub fn amended(index: usize) -> bool {
    index.is_multiple_of(3)
}

/// The file name of the amended text of contract `index`.
pub fn amended_file_name(index: usize) -> String {
    format!("contract-{index:05}.amended.cvl")
}

/// Writes contracts `0..count` of `seed` with their changes, their amended texts and `days` days of events to
/// `dir` (created if missing).
pub fn write(dir: &Path, seed: u64, count: usize, days: u64) -> Result<Totals, String> {
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut totals = Totals::default();
    for index in 0..count {
        let contract = dir.join(generate::file_name(index));
        let text = generate::contract_changed(seed, index, regulated(index));
        fs::write(&contract, text)
            .map_err(|e| format!("cannot write {}: {e}", contract.display()))?;
        let sha256 = if amended(index) {
            let path = dir.join(amended_file_name(index));
            let text = generate::contract_amended(seed, index, regulated(index));
            fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            Some(load_version(&mut Sources::new(), &path)?.1)
        } else {
            None
        };
        let events = generate::events_changed(seed, index, days, sha256.as_deref());
        totals.events += events.lines().count();
        totals.event_bytes += events.len();
        let path = dir.join(generate::events_file_name(index));
        fs::write(&path, events).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        totals.contracts += 1;
    }
    Ok(totals)
}

/// Reads and checks the amended text at `path` as `cvl eval --version` does: the contract and its SHA-256 in
/// lowercase hex (of the text and every file it imports, cvl-log's sources.rs). Any diagnostic is an error.
pub fn load_version(sources: &mut Sources, path: &Path) -> Result<(Contract, String), String> {
    let name = path.display().to_string();
    let text = fs::read_to_string(path).map_err(|e| format!("cannot read {name}: {e}"))?;
    let file = sources.add(Source::new(name.clone(), text).with_path(path));
    let mut loader = FsLoader::new(Vec::new());
    loader.register(path, file);
    let Some(source) = sources.get(file) else {
        return Err(format!("{name} was not added"));
    };
    let parsed = cvl_syntax::parse_source(file, source);
    let mut problems = parsed.problems;
    let checked = cvl_check::check(sources, file, &parsed.file, &mut loader);
    problems.merge(checked.problems);
    if let Some(first) = problems.into_sorted().first() {
        return Err(format!("{name} is not clean: {}", first.message));
    }
    let sha256 = cvl_log::hex(&cvl_log::sources::contract_sha256(&loader.used(sources)));
    let found = checked.contracts.len();
    match (checked.contracts.into_iter().next(), found) {
        (Some(contract), 1) => Ok((contract, sha256)),
        _ => Err(format!("{name} holds {found} contracts")),
    }
}

/// Reads, parses and checks contracts `0..count` in `dir` and the amended texts there, and evaluates each against
/// its events file with its versions. Any diagnostic or refusal is an error. `versions` counts the decisions in
/// which an amended text is in force.
pub fn evaluate(dir: &Path, count: usize) -> Result<(Totals, usize), String> {
    let mut sources = Sources::new();
    let mut loader = stdlib_loader();
    let mut totals = Totals::default();
    let mut versions = 0;
    for index in 0..count {
        let contract = load(&mut sources, &mut loader, dir, index)?;
        let version = if amended(index) {
            let path = dir.join(amended_file_name(index));
            Some(load_version(&mut sources, &path)?)
        } else {
            None
        };
        let name = amended_file_name(index);
        let own = generate::file_name(index);
        let given = cvl_eval::Versions {
            file: &own,
            sha256: "",
            amended: version
                .iter()
                .map(|(contract, sha256)| cvl_eval::Version {
                    contract,
                    file: &name,
                    sha256,
                })
                .collect(),
        };
        let events_name = generate::events_file_name(index);
        let events_path = dir.join(&events_name);
        let input = fs::File::open(&events_path)
            .map_err(|e| format!("cannot read {}: {e}", events_path.display()))?;
        let mut reader = cvl_event::Reader::new(BufReader::new(input));
        let decision = cvl_eval::evaluate_reader(
            &contract,
            cvl_eval::Binding::default(),
            given,
            &mut reader,
            None,
        )
        .map_err(|refusal| format!("{events_name} is refused: {refusal}"))?;
        if decision.versions.len() > 1 {
            versions += 1;
        }
        totals.contracts += 1;
        totals.events += reader.events();
        totals.payments += decision.payments.len();
        for payment in &decision.payments {
            totals.sum = totals.sum.saturating_add(payment.total);
        }
    }
    Ok((totals, versions))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contracts_with_amendments_and_regulation_evaluate_without_refusal() {
        let dir =
            std::env::temp_dir().join(format!("cvl-bench-changes-test-{}", std::process::id()));
        let written = write(&dir, 3, 4, 800);
        let evaluated = evaluate(&dir, 4);
        let plain = crate::evaluation::write(&dir.join("plain"), 3, 4, 800)
            .and_then(|_| crate::evaluation::evaluate(&dir.join("plain"), 4));
        fs::remove_dir_all(&dir).unwrap();
        let (written, (evaluated, versions)) = (written.unwrap(), evaluated.unwrap());
        assert_eq!(evaluated.events, written.events);
        // Contracts 0 and 3 are amended and in force under their amended texts from day 700 or so.
        assert_eq!(versions, 2);
        // Regulation and the amendments raise what is paid.
        assert!(evaluated.sum > plain.unwrap().sum, "{evaluated:?}");
    }
}
