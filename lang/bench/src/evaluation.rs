//! The evaluation benchmark's work: contracts and their event streams written to a directory, then each contract
//! checked and evaluated against its events, read from the disk one line at a time through `cvl_event::Reader`.

use std::fs;
use std::io::BufReader;
use std::path::Path;

use cvl_check::Loader;
use cvl_check::model::Contract;
use cvl_eval::Decision;
use cvl_syntax::{Source, Sources};

use crate::{generate, stdlib_loader};

/// What was written or evaluated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub contracts: usize,
    pub events: usize,
    /// The events files' bytes.
    pub event_bytes: usize,
    /// Payments decided (one per payee and month), to show the decisions were made.
    pub payments: usize,
    /// The sum of every payment's total, to compare with a peer's.
    pub sum: rust_decimal::Decimal,
}

/// Writes contracts `0..count` of `seed` and `days` days of events for each to `dir` (created if missing).
pub fn write(dir: &Path, seed: u64, count: usize, days: u64) -> Result<Totals, String> {
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut totals = Totals::default();
    for index in 0..count {
        let contract = dir.join(generate::file_name(index));
        fs::write(&contract, generate::contract(seed, index))
            .map_err(|e| format!("cannot write {}: {e}", contract.display()))?;
        let events = generate::events(seed, index, days);
        totals.events += events.lines().count();
        totals.event_bytes += events.len();
        let path = dir.join(generate::events_file_name(index));
        fs::write(&path, events).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        totals.contracts += 1;
    }
    Ok(totals)
}

/// Reads, parses and checks contracts `0..count` in `dir`, and evaluates each against its events file, streamed
/// from the disk. Any diagnostic or refusal is an error: the figures must be of work that succeeds.
pub fn evaluate(dir: &Path, count: usize) -> Result<Totals, String> {
    let mut sources = Sources::new();
    let mut loader = stdlib_loader();
    let mut totals = Totals::default();
    for index in 0..count {
        totals.add(one(&mut sources, &mut loader, dir, index)?);
    }
    Ok(totals)
}

impl Totals {
    /// Adds `more` to these totals (the sum is exact, so the order does not change it).
    fn add(&mut self, more: Totals) {
        self.contracts += more.contracts;
        self.events += more.events;
        self.event_bytes += more.event_bytes;
        self.payments += more.payments;
        self.sum = self.sum.saturating_add(more.sum);
    }
}

/// Checks contract `index` in `dir` and evaluates it against its events: its totals.
fn one(
    sources: &mut Sources,
    loader: &mut dyn Loader,
    dir: &Path,
    index: usize,
) -> Result<Totals, String> {
    let contract = load(sources, loader, dir, index)?;
    let (decision, events) = decide(&contract, dir, index)?;
    let mut totals = Totals {
        contracts: 1,
        events,
        payments: decision.payments.len(),
        ..Totals::default()
    };
    for payment in &decision.payments {
        totals.sum = totals.sum.saturating_add(payment.total);
    }
    Ok(totals)
}

/// [`evaluate`] on `jobs` threads, each taking the next contract not yet taken with sources and a loader of its
/// own, as `cvl check DIR` and `cvl portfolio` use the cores; the same totals for any `jobs` (the sum is exact).
pub fn evaluate_on(dir: &Path, count: usize, jobs: usize) -> Result<Totals, String> {
    crate::cores::on_cores_with(
        count,
        jobs,
        || (Sources::new(), stdlib_loader()),
        |(sources, loader), index| one(sources, loader, dir, index),
        Totals::add,
    )
}

/// Reads, parses and checks contract `index` in `dir`; any diagnostic is an error.
pub fn load(
    sources: &mut Sources,
    loader: &mut dyn Loader,
    dir: &Path,
    index: usize,
) -> Result<Contract, String> {
    let name = generate::file_name(index);
    let path = dir.join(&name);
    let text =
        fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let file = sources.add(Source::new(name.clone(), text));
    let Some(source) = sources.get(file) else {
        return Err(format!("{name} was not added"));
    };
    let parsed = cvl_syntax::parse_source(file, source);
    let mut problems = parsed.problems;
    let checked = cvl_check::check(sources, file, &parsed.file, loader);
    problems.merge(checked.problems);
    if let Some(first) = problems.into_sorted().first() {
        return Err(format!("{name} is not clean: {}", first.message));
    }
    let found = checked.contracts.len();
    let mut contracts = checked.contracts.into_iter();
    match (contracts.next(), found) {
        (Some(contract), 1) => Ok(contract),
        _ => Err(format!("{name} holds {found} contracts")),
    }
}

/// Evaluates `contract` against the events file of contract `index` in `dir`, streamed from the disk; the decision
/// and how many events were read.
pub fn decide(contract: &Contract, dir: &Path, index: usize) -> Result<(Decision, usize), String> {
    let events_name = generate::events_file_name(index);
    let events_path = dir.join(&events_name);
    let input = fs::File::open(&events_path)
        .map_err(|e| format!("cannot read {}: {e}", events_path.display()))?;
    let mut reader = cvl_event::Reader::new(BufReader::new(input));
    let decision = cvl_eval::evaluate_reader(
        contract,
        cvl_eval::Binding::default(),
        cvl_eval::Versions::default(),
        &mut reader,
        None,
    )
    .map_err(|refusal| format!("{events_name} is refused: {refusal}"))?;
    Ok((decision, reader.events()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_contracts_and_a_few_hundred_events_evaluate_without_refusal() {
        let dir = std::env::temp_dir().join(format!("cvl-bench-eval-test-{}", std::process::id()));
        let written = write(&dir, 3, 5, 120).unwrap();
        let evaluated = evaluate(&dir, 2);
        let alone = evaluate(&dir, 5);
        let on_three = evaluate_on(&dir, 5, 3);
        fs::remove_dir_all(&dir).unwrap();
        let evaluated = evaluated.unwrap();
        // On threads, the same totals as one by one.
        assert_eq!(on_three.unwrap(), alone.unwrap());
        assert_eq!(evaluated.contracts, 2);
        assert!(evaluated.events < written.events);
        assert!(written.events > 400, "{written:?}");
        assert!(evaluated.payments > 0);
    }

    #[test]
    fn the_events_are_the_same_for_the_same_seed() {
        assert_eq!(generate::events(5, 1, 60), generate::events(5, 1, 60));
        assert_ne!(generate::events(5, 1, 60), generate::events(5, 2, 60));
    }
}
