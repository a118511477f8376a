//! Task 2: measure on the clock the waits happen on, then divide.

use std::time::Duration;

// ANCHOR: two_clocks
/// Times the same wait on both clocks.
pub async fn time_both(wait: Duration) -> (Duration, Duration) {
    let wall = std::time::Instant::now(); // the real clock of the machine
    let virt = tokio::time::Instant::now(); // tokio's clock: the one `sleep` runs on
    tokio::time::sleep(wait).await;
    (wall.elapsed(), virt.elapsed())
}
// ANCHOR_END: two_clocks

// ANCHOR: average
/// The time per item. `Duration` divides by a `u32`; zero items need their own
/// answer, because dividing a `Duration` by zero panics.
pub fn per_item(total: Duration, items: usize) -> Duration {
    match u32::try_from(items) {
        Ok(0) => Duration::ZERO,
        Ok(n) => total / n,
        // more than four billion items: divide as a float
        Err(_) => total.div_f64(items as f64),
    }
}
// ANCHOR_END: average

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn under_the_paused_clock_only_tokios_clock_sees_the_wait() {
        let (wall, virt) = time_both(Duration::from_secs(5)).await;
        assert_eq!(virt, Duration::from_secs(5));
        assert!(
            wall < Duration::from_secs(1),
            "the real clock barely moved: {wall:?}"
        );
    }

    #[test]
    fn per_item_divides_and_handles_zero() {
        assert_eq!(per_item(Duration::from_secs(9), 3), Duration::from_secs(3));
        assert_eq!(per_item(Duration::from_secs(9), 0), Duration::ZERO);
        assert_eq!(
            per_item(Duration::from_millis(10), 4),
            Duration::from_micros(2500)
        );
    }

    #[test]
    #[should_panic(expected = "divide by zero")]
    fn dividing_a_duration_by_zero_panics() {
        let n = 0u32;
        let _ = Duration::from_secs(1) / n;
    }
}
