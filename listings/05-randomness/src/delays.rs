//! Random delays with `rand`: the thread's generator, ranges of floats and of
//! durations, and `Send`.

use std::time::Duration;

// ANCHOR: uniform
use rand::RngExt; // the trait with `random_range`, `random_bool`, `random`, …

/// A random number of seconds between 0 and `max` (both included): Python's
/// `random.uniform(0, max)`.
pub fn uniform_secs(max: f64) -> f64 {
    rand::random_range(0.0..=max)
}

/// The same thing as a `Duration`, drawn directly: anything from zero to `max`, to
/// the nanosecond.
pub fn random_pause(max: Duration) -> Duration {
    rand::random_range(Duration::ZERO..=max)
}
// ANCHOR_END: uniform

// ANCHOR: several
/// Rolls `n` dice with one handle to the thread's generator, instead of looking it up
/// for every roll.
pub fn roll_dice(n: usize) -> Vec<u8> {
    let mut rng = rand::rng();
    (0..n).map(|_| rng.random_range(1..=6)).collect()
}
// ANCHOR_END: several

// ANCHOR: wait_random
/// Waits a random time between zero and `max`, and says how long it waited.
pub async fn wait_random(max: Duration) -> Duration {
    let pause = rand::random_range(Duration::ZERO..=max);
    tokio::time::sleep(pause).await;
    pause
}
// ANCHOR_END: wait_random

// ANCHOR: fixes
/// Fix 1: draw with a temporary. The generator handle is dropped at the end of the
/// statement, before any `.await`.
pub async fn crawl_with_temporaries(paths: Vec<String>) -> usize {
    let mut fetched = 0;
    for path in paths {
        let pause = rand::rng().random_range(Duration::ZERO..=Duration::from_secs(1));
        tokio::time::sleep(pause).await;
        sim::archive::fetch(&path).await;
        fetched += 1;
    }
    fetched
}

/// Fix 2: draw everything you need first, in a block of its own; the handle is gone
/// when the block ends.
pub async fn crawl_with_pauses_drawn_first(paths: Vec<String>) -> usize {
    let pauses: Vec<Duration> = {
        let mut rng = rand::rng();
        paths
            .iter()
            .map(|_| rng.random_range(Duration::ZERO..=Duration::from_secs(1)))
            .collect()
    };
    for (path, pause) in paths.iter().zip(pauses) {
        tokio::time::sleep(pause).await;
        sim::archive::fetch(path).await;
    }
    paths.len()
}
// ANCHOR_END: fixes

// ANCHOR: holds_thread_rng
/// The mistake, in a library: it compiles, and it works when awaited directly. But
/// its future holds a `ThreadRng` across `.await`, so it is not `Send`, and whoever
/// tries to spawn it gets the error.
pub async fn crawl_holding_thread_rng(paths: Vec<String>) -> usize {
    let mut rng = rand::rng();
    for path in &paths {
        tokio::time::sleep(rng.random_range(Duration::ZERO..=Duration::from_secs(1)))
            .await;
        sim::archive::fetch(path).await;
    }
    paths.len()
}
// ANCHOR_END: holds_thread_rng

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_stay_in_their_ranges() {
        for _ in 0..1000 {
            let s = uniform_secs(2.5);
            assert!((0.0..=2.5).contains(&s));
            let d = random_pause(Duration::from_millis(300));
            assert!(d <= Duration::from_millis(300));
            assert!(roll_dice(3).iter().all(|d| (1..=6).contains(d)));
        }
        // An inclusive range that holds one value is fine: `0.0..=0.0` always gives
        // 0.
        assert_eq!(uniform_secs(0.0), 0.0);
        assert_eq!(random_pause(Duration::ZERO), Duration::ZERO);
    }

    /// The index page's table of `random` ↔ `rand` equivalents, checked.
    #[test]
    fn the_python_equivalents_in_the_table() {
        use rand::rngs::StdRng;
        use rand::seq::{IndexedRandom, SliceRandom};
        use rand::{RngExt, SeedableRng};
        for _ in 0..1000 {
            let x = rand::random::<f64>(); // random.random(): [0, 1)
            assert!((0.0..1.0).contains(&x));
            let u = rand::random_range(2.0..=5.0); // random.uniform(2, 5)
            assert!((2.0..=5.0).contains(&u));
            let d = rand::random_range(1..=6); // random.randint(1, 6): both ends
            assert!((1..=6).contains(&d));
            let r = rand::random_range(0..10); // random.randrange(10): 10 excluded
            assert!((0..10).contains(&r));
            assert!(rand::random_bool(1.0)); // random.random() < p
        }
        let mut rng = rand::rng();
        let colours = ["red", "green", "blue"];
        // random.choice(colours)
        assert!(colours.contains(colours.choose(&mut rng).unwrap()));
        let mut cards: Vec<u32> = (1..=52).collect();
        cards.shuffle(&mut rng); // random.shuffle(cards)
        cards.sort();
        assert_eq!(cards, (1..=52).collect::<Vec<_>>());
        let mut seeded = StdRng::seed_from_u64(42); // random.Random(42)
        let mut again = StdRng::seed_from_u64(42);
        assert_eq!(seeded.random::<u64>(), again.random::<u64>());
    }

    #[test]
    #[should_panic(expected = "cannot sample empty range")]
    fn an_empty_exclusive_range_panics() {
        let max = 0.0;
        let _: f64 = rand::random_range(0.0..max);
    }

    // ANCHOR: rounding
    #[tokio::test(start_paused = true)]
    async fn the_wait_is_the_pause_rounded_up_to_the_millisecond() {
        for _ in 0..100 {
            let start = tokio::time::Instant::now();
            let pause = wait_random(Duration::from_secs(2)).await;
            let took = start.elapsed();
            // tokio's timers tick in whole milliseconds: 0.7234567 s of sleep ends at
            // 0.724 s.
            assert!(
                took >= pause && took - pause < Duration::from_millis(1),
                "{pause:?} took {took:?}"
            );
        }
    }
    // ANCHOR_END: rounding

    #[tokio::test(start_paused = true)]
    async fn holding_thread_rng_is_fine_when_nothing_is_spawned() {
        assert_eq!(crawl_holding_thread_rng(vec!["/".to_string()]).await, 1);
    }

    #[tokio::test(start_paused = true)]
    async fn the_fixed_crawlers_can_be_spawned() {
        let paths = || vec!["/".to_string(), "/about".to_string()];
        assert_eq!(tokio::spawn(crawl_with_temporaries(paths())).await.unwrap(), 2);
        assert_eq!(
            tokio::spawn(crawl_with_pauses_drawn_first(paths())).await.unwrap(),
            2
        );
        assert!(
            tokio::spawn(wait_random(Duration::from_secs(1))).await.unwrap()
                <= Duration::from_secs(1)
        );
    }
}
