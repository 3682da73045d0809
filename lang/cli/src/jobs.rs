//! Work spread over the machine's cores, with results in the order of the work: what `cvl check` uses to check
//! many files at once and still print exactly what one thread prints.
//!
//! [`in_order`] runs a function on each item on up to `jobs` threads (`std::thread::scope`, nothing kept between
//! runs), each thread taking the next item not yet taken, and gives back the results in the items' order, so that
//! the output never depends on which thread finished first. With one job, or one item, nothing is spawned.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many threads to use when the user says nothing: one per core the system gives this process.
pub(crate) fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, NonZeroUsize::get)
}

/// `work` of each item, in the items' order, computed on up to `jobs` threads.
pub(crate) fn in_order<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let jobs = jobs.clamp(1, items.len().max(1));
    if jobs == 1 {
        return items.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else {
                            return mine;
                        };
                        mine.push((index, work(item)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| match worker.join() {
                Ok(mine) => mine,
                // A worker that panicked has already printed why; carry its panic on, as one thread would.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    done.sort_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::in_order;

    #[test]
    fn results_come_in_the_items_order_whatever_the_jobs() {
        let items: Vec<u64> = (0..500).collect();
        let one = in_order(&items, 1, |n| n * n);
        for jobs in [0, 2, 3, 8, 1000] {
            assert_eq!(in_order(&items, jobs, |n| n * n), one, "{jobs} jobs");
        }
        assert!(in_order(&[] as &[u64], 4, |n| *n).is_empty());
    }
}
