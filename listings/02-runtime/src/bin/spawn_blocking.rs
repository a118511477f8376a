//! CPU-heavy work moved to tokio's blocking pool with `spawn_blocking`, while a
//! ticker task keeps ticking on the runtime's only thread: `cargo run -p
//! listings-02-runtime --bin spawn_blocking`

// ANCHOR: program
use std::time::Duration;

// tokio's clock (the same as std's, unless a test pauses it)
use tokio::time::Instant;

const LIMIT: u32 = 100_000;

/// Counts the primes below `limit` the slow way: pure computation that never awaits.
fn count_primes(limit: u32) -> usize {
    (2..limit)
        .filter(|&n| (2..n).take_while(|d| d * d <= n).all(|d| n % d != 0))
        .count()
}

/// Counts them on tokio's blocking thread pool; the executor is free while it runs.
async fn count_primes_in_background(limit: u32) -> usize {
    let job = tokio::task::spawn_blocking(move || count_primes(limit));
    job.await.expect("count_primes panicked")
}

/// Ticks every 100 ms, `n` times, and returns when each tick came, measured from
/// `started`.
async fn ticker(started: Instant, n: usize) -> Vec<Duration> {
    let mut ticks = Vec::new();
    for _ in 0..n {
        tokio::time::sleep(Duration::from_millis(100)).await;
        ticks.push(started.elapsed());
    }
    ticks
}

// one thread runs every task, so the ticker needs it free
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let started = Instant::now();
    let ticking = tokio::spawn(ticker(started, 3));
    let primes = count_primes_in_background(LIMIT).await;
    println!(
        "{primes} primes below {LIMIT}, counted after {:.1?}",
        started.elapsed()
    );
    for tick in ticking.await.expect("the ticker does not panic") {
        println!("tick at {tick:.1?}");
    }
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_count_comes_back_and_the_ticker_ticks_on_time() {
        let started = Instant::now();
        let ticking = tokio::spawn(ticker(started, 3));
        assert_eq!(
            count_primes_in_background(100).await,
            25,
            "there are 25 primes below 100"
        );
        assert_eq!(
            count_primes_in_background(LIMIT).await,
            9592,
            "there are 9592 primes below 100000"
        );
        // The paused clock stands still while a blocking job runs: the count takes no
        // virtual time.
        assert_eq!(
            started.elapsed(),
            Duration::ZERO,
            "counting should take no time on tokio's clock"
        );
        let ticks = ticking.await.expect("the ticker does not panic");
        assert_eq!(
            ticks,
            [100, 200, 300].map(Duration::from_millis),
            "the ticker should tick every 100 ms"
        );
    }
}
