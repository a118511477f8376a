//! Exercise 8.2: take readings on a fixed schedule with `tokio::time::interval`.
//!
//! Read: `src/08-shutdown/02-ticker.md` (chapter 8, "Ticking: `interval`").
//! Grade: `cargo test` in this folder, or `cargo course check ticker`.
//!
//! The farm's dashboard reads a gauge, `sim::farm::Probe`: `probe.read().await` gives a `Reading` (its number and
//! when it started). A read usually takes 200 ms, but now and then one takes longer than a period.

use std::time::Duration;

pub use sim::farm::{Probe, Reading};

/// Reads `probe` `count` times and returns the readings in order. The reads start on a grid: at 0 (the call),
/// then at `period`, 2 × `period`, 3 × `period`, … after the call, however long each read takes.
///
/// When a read takes longer than a period, the slots that passed while it ran are **skipped**: the next read
/// starts at once (the one slot that is overdue), and the ones after it are back on the original grid. Never
/// two catch-up reads back to back, and never a grid shifted by the late read.
///
/// Return as soon as the last read is done.
pub async fn sample(probe: &mut Probe, period: Duration, count: usize) -> Vec<Reading> {
    // TODO: `let mut ticks = tokio::time::interval(period);` (its first tick is at once), and choose what it does
    // after a late tick with `ticks.set_missed_tick_behavior(...)`: which of `Burst` (the default), `Delay` and
    // `Skip` is described above? Then `count` times: `ticks.tick().await;` and `probe.read().await`.
    todo!("{count} readings of the probe (read {} times so far), one per {period:?}", probe.reads())
}
