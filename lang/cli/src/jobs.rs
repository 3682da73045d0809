//! Work spread over the machine's cores, with results in the order of the work: what `cvl check` uses to check
//! many files at once and still print exactly what one thread prints.
//!
//! [`in_order`] runs a function on each item on up to `jobs` threads (`std::thread::scope`, nothing kept between
//! runs), each thread taking the next item not yet taken, and gives back the results in the items' order, so that
//! the output never depends on which thread finished first. With one job, or one item, nothing is spawned.

use std::num::NonZeroUsize;

/// How many threads to use when the user says nothing: one per core the system gives this process.
pub(crate) fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, NonZeroUsize::get)
}

/// `work` of each item, in the items' order, computed on up to `jobs` threads: the portfolio's, one mechanism for
/// both.
pub(crate) use cvl_portfolio::in_order;

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
