//! Task 0: "between zero and max_delay, both included" is an inclusive range.

use std::time::Duration;

// ANCHOR: inclusive
/// Anything from zero to `max`, `max` included. With `max` = 0 the only value is
/// zero.
pub fn up_to(max: Duration) -> Duration {
    rand::random_range(Duration::ZERO..=max)
}

/// Anything from zero up to, but not including, `max`. With `max` = 0 the range is
/// empty, and rand panics.
pub fn below(max: Duration) -> Duration {
    rand::random_range(Duration::ZERO..max)
}
// ANCHOR_END: inclusive

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inclusive_ranges_allow_a_zero_maximum() {
        assert_eq!(up_to(Duration::ZERO), Duration::ZERO);
        let max = Duration::from_millis(500);
        assert!((0..1000).all(|_| up_to(max) <= max));
    }

    #[test]
    #[should_panic(expected = "cannot sample empty range")]
    fn half_open_ranges_panic_on_a_zero_maximum() {
        below(Duration::ZERO);
    }
}
