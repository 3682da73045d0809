//! Work shared out to threads one index at a time, each thread with state of its own (its contracts' sources and
//! loader, say), and the results summed: how the national run and the evaluation on every core use the cores.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `work` for each of `0..count` on `jobs` threads, each taking the next index not yet taken; the first error
/// stops the others, and the results are summed by `add`.
pub fn on_cores<T: Send + Default>(
    count: usize,
    jobs: usize,
    work: impl Fn(usize) -> Result<T, String> + Sync,
    add: impl Fn(&mut T, T) + Sync,
) -> Result<T, String> {
    on_cores_with(count, jobs, || (), |(), index| work(index), add)
}

/// [`on_cores`] with a state each thread makes once by `init` and hands to each of its `work`.
pub fn on_cores_with<S, T: Send + Default>(
    count: usize,
    jobs: usize,
    init: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, usize) -> Result<T, String> + Sync,
    add: impl Fn(&mut T, T) + Sync,
) -> Result<T, String> {
    let next = AtomicUsize::new(0);
    let failed: Mutex<Option<String>> = Mutex::new(None);
    let totals = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs.max(1))
            .map(|_| {
                scope.spawn(|| {
                    let mut state = init();
                    let mut mine = T::default();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        if index >= count {
                            return mine;
                        }
                        match work(&mut state, index) {
                            Ok(done) => add(&mut mine, done),
                            Err(error) => {
                                next.store(count, Ordering::Relaxed);
                                if let Ok(mut failed) = failed.lock() {
                                    failed.get_or_insert(error);
                                }
                                return mine;
                            }
                        }
                    }
                })
            })
            .collect();
        let mut totals = T::default();
        for worker in workers {
            match worker.join() {
                Ok(mine) => add(&mut totals, mine),
                Err(_) => return Err("a thread panicked".to_string()),
            }
        }
        Ok(totals)
    })?;
    match failed.into_inner().ok().flatten() {
        Some(error) => Err(error),
        None => Ok(totals),
    }
}
