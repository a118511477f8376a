//! `interval`: ticks on a grid, and what it does after a late tick.

use std::time::Duration;

use sim::farm::Probe;
use tokio::sync::mpsc;
use tokio::time::MissedTickBehavior;

// ANCHOR: interval
/// Reads the probe `count` times, one read per tick, and returns when each read
/// started (since the call).
pub async fn reads(
    probe: &mut Probe,
    period: Duration,
    behavior: MissedTickBehavior,
    count: usize,
) -> Vec<Duration> {
    let start = tokio::time::Instant::now();
    let mut ticks = tokio::time::interval(period); // first tick: at once
    ticks.set_missed_tick_behavior(behavior); // what to do after a late tick
    let mut starts = Vec::new();
    for _ in 0..count {
        ticks.tick().await;
        starts.push(start.elapsed());
        probe.read().await;
    }
    starts
}
// ANCHOR_END: interval

// ANCHOR: heartbeat
/// Sends a heartbeat every `period` until `stop` closes, then says how many it sent.
pub async fn heartbeat(
    period: Duration,
    beats: mpsc::Sender<u32>,
    mut stop: mpsc::Receiver<()>,
) -> u32 {
    let mut ticks = tokio::time::interval(period);
    let mut sent = 0;
    loop {
        tokio::select! {
            // `tick()` is cancel-safe: a tick that loses the race is not used up.
            _ = ticks.tick() => {
                sent += 1;
                if beats.send(sent).await.is_err() {
                    return sent; // nobody listens any more
                }
            }
            _ = stop.recv() => return sent,
        }
    }
}
// ANCHOR_END: heartbeat

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    async fn starts(behavior: MissedTickBehavior) -> Vec<Duration> {
        let mut probe = Probe::new(vec![ms(200), ms(2500), ms(200)]);
        reads(&mut probe, ms(1000), behavior, 5).await
    }

    #[tokio::test(start_paused = true)]
    async fn after_a_late_tick_burst_delay_and_skip_differ() {
        let all = [
            starts(MissedTickBehavior::Burst).await,
            starts(MissedTickBehavior::Delay).await,
            starts(MissedTickBehavior::Skip).await,
        ];
        assert_eq!(
            all,
            [
                [ms(0), ms(1000), ms(3500), ms(3700), ms(4000)],
                [ms(0), ms(1000), ms(3500), ms(4500), ms(5500)],
                [ms(0), ms(1000), ms(3500), ms(4000), ms(5000)],
            ]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_heartbeat_beats_until_stopped() {
        let (beats_tx, mut beats) = mpsc::channel(16);
        let (stop_tx, stop) = mpsc::channel(1);
        let beating = tokio::spawn(heartbeat(ms(1000), beats_tx, stop));
        tokio::time::sleep(ms(3500)).await; // beats at 0, 1, 2 and 3 s
        drop(stop_tx);
        assert_eq!(beating.await.unwrap(), 4);
        let mut got = Vec::new();
        while let Some(n) = beats.recv().await {
            got.push(n);
        }
        assert_eq!(got, [1, 2, 3, 4]);
    }
}
