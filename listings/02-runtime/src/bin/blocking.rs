//! A heartbeat task next to two waits on a current-thread runtime:
//! `tokio::time::sleep` lets it beat, `std::thread::sleep` starves it. `cargo run -p
//! listings-02-runtime --bin blocking`

// ANCHOR: program
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

/// Counts one beat every 100 ms, for as long as it gets to run.
async fn heartbeat(beats: Arc<AtomicU32>) {
    loop {
        tokio::time::sleep(Duration::from_millis(100)).await;
        beats.fetch_add(1, Ordering::SeqCst);
    }
}

/// Waits 250 ms on tokio's clock: the task steps aside, and the thread runs other
/// tasks meanwhile.
async fn wait_politely() {
    tokio::time::sleep(Duration::from_millis(250)).await;
}

/// Waits 250 ms by putting the whole thread to sleep: nothing else on it runs
/// meanwhile.
async fn wait_rudely() {
    std::thread::sleep(Duration::from_millis(250));
}

/// Runs `wait` with a heartbeat beside it, and returns how many beats the heartbeat
/// got in.
async fn beats_during(wait: impl Future<Output = ()>) -> u32 {
    let beats = Arc::new(AtomicU32::new(0));
    let beating = tokio::spawn(heartbeat(beats.clone()));
    wait.await;
    beating.abort();
    beats.load(Ordering::SeqCst)
}

// one thread for every task, as in the graded tests
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let started = Instant::now();
    let beats = beats_during(wait_politely()).await;
    println!("polite wait: {beats} beats in {:.1?}", started.elapsed());
    let started = Instant::now();
    let beats = beats_during(wait_rudely()).await;
    println!("rude wait:   {beats} beats in {:.1?}", started.elapsed());
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_polite_wait_lets_the_heartbeat_beat() {
        let started = tokio::time::Instant::now();
        assert_eq!(
            beats_during(wait_politely()).await,
            2,
            "the heartbeat should beat at 100 ms and 200 ms"
        );
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(250),
            "the polite wait should take 250 ms"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_rude_wait_starves_the_heartbeat() {
        let started = tokio::time::Instant::now();
        assert_eq!(
            beats_during(wait_rudely()).await,
            0,
            "the heartbeat should not run during a blocking wait"
        );
        // It really slept 250 ms, but tokio's paused clock only moves when the
        // runtime gets the thread back.
        assert_eq!(
            started.elapsed(),
            Duration::ZERO,
            "a blocking wait should take no time on tokio's clock"
        );
    }
}
