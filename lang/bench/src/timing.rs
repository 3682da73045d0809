//! Timing: the median of several runs, and the figures the harness prints from it.
//!
//! Figures are computed in integers (nanoseconds and bytes), like everything else in CVL: one decimal of MB/s
//! (10^6 bytes a second) is all a benchmark table needs.

use std::time::Duration;

/// The median of `times` (the lower middle one for an even count); zero for none.
pub fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times
        .get(times.len().saturating_sub(1) / 2)
        .copied()
        .unwrap_or_default()
}

/// The `p`th percentile of `times` (nearest rank: the smallest time at least `p`% of the runs do not exceed);
/// zero for none.
pub fn percentile(times: &mut [Duration], p: usize) -> Duration {
    times.sort();
    let rank = (times.len() * p.min(100)).div_ceil(100).max(1);
    times.get(rank - 1).copied().unwrap_or_default()
}

/// Milliseconds with two decimals: `12.34 ms`.
pub fn millis(time: Duration) -> String {
    let micros = time.as_micros();
    format!("{}.{:02} ms", micros / 1_000, micros % 1_000 / 10)
}

/// Throughput in MB/s (10^6 bytes a second) with one decimal.
pub fn megabytes_per_second(bytes: usize, time: Duration) -> String {
    let tenths = per_second(bytes, time, 10) / 1_000_000;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// How many a second, rounded down.
pub fn count_per_second(count: usize, time: Duration) -> u128 {
    per_second(count, time, 1)
}

/// `amount * scale` per second of `time`.
fn per_second(amount: usize, time: Duration, scale: u128) -> u128 {
    let nanos = time.as_nanos().max(1);
    (amount as u128) * scale * 1_000_000_000 / nanos
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_exact_in_integers() {
        let tenth = Duration::from_millis(100);
        assert_eq!(megabytes_per_second(2_000_000, tenth), "20.0");
        assert_eq!(megabytes_per_second(2_090_000, tenth), "20.9");
        assert_eq!(count_per_second(1_000, tenth), 10_000);
        assert_eq!(millis(Duration::from_micros(12_345)), "12.34 ms");
        assert_eq!(millis(Duration::from_micros(7)), "0.00 ms");
    }

    #[test]
    fn the_median_is_the_middle_run() {
        let ms = Duration::from_millis;
        assert_eq!(median(&mut [ms(5), ms(1), ms(3)]), ms(3));
        assert_eq!(median(&mut [ms(4), ms(1), ms(3), ms(2)]), ms(2));
        assert_eq!(median(&mut []), Duration::ZERO);
    }

    #[test]
    fn the_95th_percentile_is_the_nearest_rank() {
        let mut times: Vec<Duration> = (1..=100).rev().map(Duration::from_millis).collect();
        assert_eq!(percentile(&mut times, 95), Duration::from_millis(95));
        // Of three runs, the 95th percentile is the slowest.
        let ms = Duration::from_millis;
        assert_eq!(percentile(&mut [ms(3), ms(9), ms(1)], 95), ms(9));
        assert_eq!(percentile(&mut [], 95), Duration::ZERO);
    }
}
