//! One case in two folders (spec 14.1): a folder whose contract and log are those of an earlier folder (a copy, a
//! link to it) is the same case and is counted once; two folders with one contract and different logs are two
//! logs of one contract, which has one log, so neither is counted. Cases are told apart by their contract's SHA-256
//! and their log's head (the digest of its last entry, which chains every entry before it) and size.

use std::collections::BTreeMap;

use crate::Case;

/// Leaves out of every total each case that repeats an earlier one (in the folders' order), and both of two cases
/// with one contract and different logs, each with a reason naming the other folder.
pub fn leave_out_repeats(cases: &mut [Case]) {
    let mut by_contract: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, case) in cases.iter().enumerate() {
        if let Ok(figures) = &case.outcome {
            by_contract
                .entry(figures.sha256.clone())
                .or_default()
                .push(i);
        }
    }
    let mut reasons: Vec<(usize, String)> = Vec::new();
    for (sha256, group) in &by_contract {
        let log = |i: usize| {
            cases
                .get(i)
                .and_then(|c| c.outcome.as_ref().ok())
                .map(|f| (f.entries, f.head.clone()))
        };
        let folder = |i: usize| cases.get(i).map_or("", |c| c.folder.as_str());
        let Some(&first) = group.first() else {
            continue;
        };
        let one_log = group.iter().all(|&i| log(i) == log(first));
        for (place, &i) in group.iter().enumerate() {
            let earlier = group
                .iter()
                .take(place)
                .find(|&&j| log(j) == log(i))
                .copied();
            match earlier {
                Some(j) => reasons.push((
                    i,
                    format!(
                        "the same case as `{}`: the same contract and log",
                        folder(j)
                    ),
                )),
                None if one_log => {}
                None => {
                    let other = group
                        .iter()
                        .copied()
                        .find(|&j| log(j) != log(i))
                        .unwrap_or(first);
                    reasons.push((
                        i,
                        format!(
                            "two logs of one contract: `{}` and `{}` both have the contract SHA-256 `{sha256}` with \
                             different logs, and a contract has one log; keep the case's own log in one folder",
                            folder(i),
                            folder(other)
                        ),
                    ));
                }
            }
        }
    }
    for (i, reason) in reasons {
        if let Some(case) = cases.get_mut(i) {
            case.outcome = Err(reason);
            case.warnings.clear();
        }
    }
}
