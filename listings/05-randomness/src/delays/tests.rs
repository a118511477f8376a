//! The tests of `delays.rs`: they check what the book says about its code. In a file of their
//! own so that the book can include them without the indentation of a `mod tests` block.

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

/// The page's rule, the other way round: a handle moved away without being borrowed
/// is not held at the `.await`, so the future is `Send` and `tokio::spawn` takes it.
#[tokio::test(start_paused = true)]
async fn a_handle_moved_away_unborrowed_can_be_spawned() {
    let max = Duration::from_millis(500);
    let start = tokio::time::Instant::now();
    let pause = tokio::spawn(pause_with_a_moved_handle(max)).await.unwrap();
    assert!(pause <= max);
    assert!(start.elapsed() >= pause);
}

// ANCHOR: floats
#[test]
fn float_seconds_and_durations() {
    // Python's `1.5` (seconds, a float) as a `Duration`, and back
    let pause = Duration::from_secs_f64(1.5);
    assert_eq!(pause, Duration::from_millis(1500));
    assert_eq!(pause.as_secs_f64(), 1.5); // for printing, or for maths in `f64`

    // scaling: by a float with `mul_f64`, by a whole number with `*` and `/`
    assert_eq!(pause.mul_f64(0.5), Duration::from_millis(750));
    assert_eq!(pause * 3, Duration::from_millis(4500)); // `Duration * u32`
    assert_eq!(pause / 4, Duration::from_millis(375));
    assert_eq!(pause.div_f64(2.0), Duration::from_millis(750));

    // a random fraction of a maximum, as jitter often needs
    let max = Duration::from_secs(2);
    let share: f64 = rand::random_range(0.0..=1.0);
    assert!(max.mul_f64(share) <= max);
}
// ANCHOR_END: floats
