//! An `interval` whose second tick's work runs late, and what its missed-tick
//! behaviour does next: `cargo run -p listings-08-shutdown --bin ticker`.

// ANCHOR: program
use std::time::Duration;

use tokio::time::{Instant, MissedTickBehavior};

/// Ticks every 100 ms, five times; the work after tick 2 takes 250 ms. Returns when
/// each tick came, since the start.
async fn ticks(behavior: MissedTickBehavior) -> Vec<Duration> {
    let start = Instant::now();
    let mut interval = tokio::time::interval(Duration::from_millis(100));
    interval.set_missed_tick_behavior(behavior);
    let mut when = Vec::new();
    for n in 1..=5 {
        interval.tick().await;
        when.push(start.elapsed());
        if n == 2 {
            tokio::time::sleep(Duration::from_millis(250)).await; // slow work
        }
    }
    when
}

#[tokio::main]
async fn main() {
    for behavior in [MissedTickBehavior::Skip] {
        for (n, at) in ticks(behavior).await.into_iter().enumerate() {
            println!("{behavior:?}: tick {} at {at:.0?}", n + 1);
        }
    }
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(list: &[u64]) -> Vec<Duration> {
        list.iter().map(|n| Duration::from_millis(*n)).collect()
    }

    #[tokio::test(start_paused = true)]
    async fn each_behavior_after_the_late_tick() {
        assert_eq!(
            ticks(MissedTickBehavior::Burst).await,
            ms(&[0, 100, 350, 350, 400])
        );
        assert_eq!(
            ticks(MissedTickBehavior::Delay).await,
            ms(&[0, 100, 350, 450, 550])
        );
        assert_eq!(
            ticks(MissedTickBehavior::Skip).await,
            ms(&[0, 100, 350, 400, 500])
        );
    }
}
