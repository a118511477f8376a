//! Exercise 8.2, solved: readings on a fixed grid with `interval` and `MissedTickBehavior::Skip`.

use std::time::Duration;

pub use sim::farm::{Probe, Reading};
use tokio::time::MissedTickBehavior;

// ANCHOR: solution
/// Reads `probe` `count` times, on a grid of `period`s; a late read skips the slots it missed.
pub async fn sample(probe: &mut Probe, period: Duration, count: usize) -> Vec<Reading> {
    // The first tick is at once; the next ones on the grid: period, 2 × period, …
    let mut ticks = tokio::time::interval(period);
    // After a late read: one tick at once, then back on the grid (no burst to catch
    // up, and no shifting of the grid as `Delay` would do).
    ticks.set_missed_tick_behavior(MissedTickBehavior::Skip);
    let mut readings = Vec::with_capacity(count);
    for _ in 0..count {
        ticks.tick().await;
        readings.push(probe.read().await);
    }
    readings
}
// ANCHOR_END: solution
