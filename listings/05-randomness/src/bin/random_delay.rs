//! A polite crawler: a random pause before each page. `cargo run -p
//! listings-05-randomness --bin random_delay`
// ANCHOR: program
use std::time::{Duration, Instant};

use rand::prelude::*;

/// Waits a random time between zero and `max` (both included), and says how long it
/// waited.
async fn wait_random(max: Duration) -> Duration {
    // A temporary handle to the thread's generator: it is dropped at the end of this
    // statement, before the `.await`.
    let pause = rand::rng().random_range(Duration::ZERO..=max);
    tokio::time::sleep(pause).await;
    pause
}

/// Fetches each page (50 ms each, pretend) after a random pause of up to `max_pause`;
/// returns the pauses.
async fn crawl(paths: Vec<&'static str>, max_pause: Duration) -> Vec<Duration> {
    let mut pauses = Vec::new();
    for path in paths {
        let pause = wait_random(max_pause).await;
        tokio::time::sleep(Duration::from_millis(50)).await; // the fetch
        println!("fetched {path} after a pause of {pause:.1?}");
        pauses.push(pause);
    }
    pauses
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    // Spawned: the crawler's future must be `Send`, so no `ThreadRng` may be alive at
    // an `.await`.
    let crawler = tokio::spawn(crawl(
        vec!["/", "/menu", "/contact"],
        Duration::from_millis(200),
    ));
    let pauses = crawler.await.expect("the crawler does not panic");
    let paused: Duration = pauses.iter().sum();
    println!("paused {paused:.1?} in all; the crawl took {:.1?}", started.elapsed());
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn the_wait_is_the_pause_rounded_up_to_the_millisecond() {
        for _ in 0..100 {
            let started = Instant::now();
            let pause = wait_random(Duration::from_millis(200)).await;
            let took = started.elapsed();
            assert!(
                pause <= Duration::from_millis(200),
                "drew {pause:?}, more than the 200 ms maximum"
            );
            assert!(
                took >= pause && took - pause < Duration::from_millis(1),
                "a pause of {pause:?} took {took:?}"
            );
        }
    }

    #[tokio::test(start_paused = true)]
    async fn without_pauses_the_crawl_is_just_the_fetches() {
        let started = Instant::now();
        assert_eq!(
            wait_random(Duration::ZERO).await,
            Duration::ZERO,
            "a maximum of zero must mean no pause"
        );
        let pauses =
            tokio::spawn(crawl(vec!["/", "/menu", "/contact"], Duration::ZERO))
                .await
                .unwrap();
        assert_eq!(pauses, [Duration::ZERO; 3], "one pause per page, all zero");
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(150),
            "three fetches of 50 ms, one after another"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_crawl_takes_its_pauses_plus_its_fetches() {
        let started = Instant::now();
        let pauses = tokio::spawn(crawl(
            vec!["/", "/menu", "/contact"],
            Duration::from_millis(200),
        ))
        .await
        .unwrap();
        assert_eq!(pauses.len(), 3, "one pause per page");
        assert!(
            pauses.iter().any(|&p| p != pauses[0]),
            "the pauses should differ: {pauses:?}"
        );
        let expected = pauses.iter().sum::<Duration>() + Duration::from_millis(150);
        let took = started.elapsed();
        // Each pause ends on the next whole millisecond, so the crawl may take up to
        // 3 ms more than the sum.
        assert!(
            took >= expected && took - expected < Duration::from_millis(3),
            "took {took:?}, expected {expected:?}"
        );
    }
}
