//! Graded tests for exercise 5.2, on tokio's paused clock.
//!
//! No expected number is written down here: the tests build their own `StdRng::seed_from_u64(seed)`, a twin of
//! yours, and draw from it exactly what `load_test` should draw.

use std::time::Duration;

use grader::sim::archive::FETCH_LATENCY;
use grader::sim::journal::{self, secs as show};
use grader::{ms, secs};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use seeded_rng::load_test;

const PAGE: &str = "src/05-randomness/02-seeded-rng.md";

/// What `load_test(seed, users, max_think)` must return: the twin generator's draws, in user order.
fn twin_draws(seed: u64, users: usize, max_think: Duration) -> Vec<Duration> {
    let mut twin = StdRng::seed_from_u64(seed);
    (0..users).map(|_| twin.random_range(Duration::ZERO..=max_think)).collect()
}

/// Equal to the microsecond. (Drawing seconds as an `f64` and converting them gives the same think times, up to
/// a nanosecond of rounding: that is fine too.)
fn close(a: Duration, b: Duration) -> bool {
    a.abs_diff(b) <= Duration::from_micros(1)
}

fn same(a: &[Duration], b: &[Duration]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| close(*x, *y))
}

fn ceil_ms(d: Duration) -> Duration {
    Duration::from_millis(d.as_nanos().div_ceil(1_000_000) as u64)
}

/// Runs the load test as its own task (so it must be `Send`), passing any panic on unchanged.
async fn run(seed: u64, users: usize, max_think: Duration) -> Vec<Duration> {
    tokio::spawn(load_test(seed, users, max_think)).await.unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))
}

/// Whether `got` holds exactly the think times of `expected`, in some order.
fn is_permutation(got: &[Duration], expected: &[Duration]) -> bool {
    let (mut got, mut expected) = (got.to_vec(), expected.to_vec());
    got.sort();
    expected.sort();
    same(&got, &expected)
}

/// If user i's think time is the first draw of a generator seeded from `seed` and i (a new generator for each
/// user), how that seed was made.
fn generator_per_user(seed: u64, max_think: Duration, got: &[Duration]) -> Option<&'static str> {
    type Derive = fn(u64, u64) -> u64;
    let derivations: [(&'static str, Derive); 3] = [
        ("`seed + i`", u64::wrapping_add),
        ("`seed ^ i`", |seed, i| seed ^ i),
        ("`seed * (i + 1)`", |seed, i| seed.wrapping_mul(i + 1)),
    ];
    derivations.into_iter().find_map(|(how, derive)| {
        let firsts = (0..got.len() as u64)
            .map(|i| StdRng::seed_from_u64(derive(seed, i)).random_range(Duration::ZERO..=max_think));
        (got.len() > 1 && firsts.zip(got).all(|(first, g)| close(first, *g))).then_some(how)
    })
}

/// Names the likely mistake when the think times are not the twin generator's.
async fn diagnose(seed: u64, users: usize, max_think: Duration, got: &[Duration]) -> String {
    let expected = twin_draws(seed, users, max_think);
    if got.len() != users {
        return format!("it should return one think time per user ({users}), but returned {}.", got.len());
    }
    let again = run(seed, users, max_think).await;
    if !same(&again, got) {
        return "two runs with the same seed gave different think times, so the seed is not what they come from. \
                `rand::rng()` and `rand::random_range` use the thread's generator, which the operating system \
                seeds differently every time. Build one `StdRng::seed_from_u64(seed)` and draw from it."
            .to_string();
    }
    if users > 1 && got.iter().all(|t| *t == got[0]) && got[0] == expected[0] {
        return "every user got the first think time of the sequence: you create a new \
                `StdRng::seed_from_u64(seed)` for each user, and a fresh generator with the same seed always starts \
                with the same number. Create it once, before the loop, and draw from it again and again."
            .to_string();
    }
    if let Some(how) = generator_per_user(seed, max_think, got) {
        return format!(
            "user i got the first draw of a generator seeded with {how}: you create a new generator for each \
             user, so each user's think time starts a new sequence instead of continuing one. The run is \
             replayable, but it is not the sequence the seed stands for. Create a single \
             `StdRng::seed_from_u64(seed)` once, before the loop, and draw one think time per user from it, in \
             user order."
        );
    }
    if is_permutation(got, &expected) {
        return "the think times are the right ones but in the wrong places: return them in user order, not the \
                order users finish (element i is user i's think time, whenever user i is done), and draw them in \
                user order too (user 0 first), all before any user starts."
            .to_string();
    }
    let right = expected.iter().zip(got).filter(|(e, g)| close(**e, **g)).count();
    if right > 0 {
        return format!(
            "{right} of the {users} think times are right and the others are not the generator's next draws: draw \
             exactly one `rng.random_range(Duration::ZERO..=max_think)` per user, in user order, from a single \
             `StdRng::seed_from_u64(seed)`, all before any user starts, and nothing else from that generator."
        );
    }
    "draw exactly one `rng.random_range(Duration::ZERO..=max_think)` per user, in user order, from a single \
     `StdRng::seed_from_u64(seed)`, and nothing else from that generator."
        .to_string()
}

#[test]
fn think_times_come_from_the_seeded_generator() {
    grader::run(async || {
        for seed in [1, 42, 2024] {
            let got = run(seed, 8, secs(2)).await;
            let expected = twin_draws(seed, 8, secs(2));
            if !same(&got, &expected) {
                let cause = diagnose(seed, 8, secs(2), &got).await;
                panic!(
                    "load_test({seed}, 8 users, max_think 2 s) returned think times\n    {got:?}\n  but a \
                     generator seeded with {seed} draws\n    {expected:?}\n\n  Likely cause: {cause}\n\n  Read: {PAGE}"
                );
            }
        }
    });
}

#[test]
fn the_same_seed_replays_the_run_and_another_seed_does_not() {
    grader::run(async || {
        let first = run(7, 5, secs(1)).await;
        let replay = run(7, 5, secs(1)).await;
        assert!(
            same(&first, &replay),
            "two runs with seed 7 should give the same think times: that is what makes a run replayable. Draw them \
             from `StdRng::seed_from_u64(seed)`, not from `rand::rng()`.\n  first run: {first:?}\n  second run: {replay:?}\n\n  Read: {PAGE}"
        );
        let other = run(8, 5, secs(1)).await;
        assert!(
            !same(&first, &other),
            "seeds 7 and 8 gave the same think times: the seed you were given is not used. Pass `seed` to \
             `StdRng::seed_from_u64`.\n  both runs: {first:?}\n\n  Read: {PAGE}"
        );
        assert!(
            first.iter().all(|t| *t <= secs(1)),
            "every think time should be at most max_think (1 s), got {first:?}. Read: {PAGE}"
        );
    });
}

#[test]
fn the_users_think_and_fetch_at_the_same_time() {
    grader::run(async || {
        let (thinks, took) = grader::timed(run(99, 10, secs(3))).await;
        assert_eq!(thinks.len(), 10, "10 users should give 10 think times. Read: {PAGE}");
        let longest = thinks.iter().copied().max().unwrap_or_default();
        // tokio's timers tick in whole milliseconds: each sleep ends on the next millisecond.
        let one_after_another = thinks.iter().map(|t| ceil_ms(*t)).sum::<Duration>() + FETCH_LATENCY * 10;
        grader::took("10 concurrent users (the longest think time, then one 100 ms fetch)", took)
            .expected(longest + FETCH_LATENCY)
            .within(ms(1))
            .when(
                one_after_another,
                "the users ran one after another. Start them all at once: spawn one task per user (or put their \
                 futures in a `JoinSet`), then wait for them all.",
            )
            .read(PAGE)
            .check();
        let spans = journal::spans();
        let timeline = journal::render(&spans);
        // What each user should think comes from the twin generator, not from the returned list: a list in another
        // order (or with other values) is the first test's business, and must not blur what this one checks.
        let expected = twin_draws(99, 10, secs(3));
        for (i, think) in expected.iter().enumerate() {
            let name = format!("fetch /user/{i}");
            let Some(span) = spans.iter().find(|s| s.name == name) else {
                panic!("user {i} never fetched `/user/{i}`.\n\n  What ran when:\n{timeline}\n  Read: {PAGE}");
            };
            let cause = if span.start.abs_diff(thinks[i]) <= ms(1) {
                format!(
                    "user {i} slept the think time your `load_test` returned for it ({:?}), but that is not the \
                     seeded generator's draw for user {i}. The test `think_times_come_from_the_seeded_generator` \
                     explains.",
                    thinks[i]
                )
            } else {
                "each user sleeps its own think time, then fetches, and all users start at the same moment.".to_string()
            };
            assert!(
                span.start.abs_diff(*think) <= ms(1),
                "user {i} thinks {think:?} (the generator seeded with 99 draws it for user {i}), so its fetch should \
                 start {} into the test, but it started at {}.\n\n  Likely cause: {cause}\n\n  What ran when \
                 (virtual time):\n{timeline}\n  Read: {PAGE}",
                show(*think),
                show(span.start)
            );
        }
    });
}

#[test]
fn no_users_or_no_thinking() {
    grader::run(async || {
        let (thinks, took) = grader::timed(run(5, 0, secs(1))).await;
        assert!(thinks.is_empty(), "with 0 users there are no think times, got {thinks:?}. Read: {PAGE}");
        grader::took("a load test with no users", took).expected(Duration::ZERO).read(PAGE).check();

        let (thinks, took) = grader::timed(run(5, 4, Duration::ZERO)).await;
        assert_eq!(
            thinks,
            vec![Duration::ZERO; 4],
            "with max_think = 0 every think time is zero (the range `ZERO..=ZERO` holds only zero). Read: {PAGE}"
        );
        grader::took("4 users with max_think = 0 (their fetches overlap)", took)
            .expected(FETCH_LATENCY)
            .when(FETCH_LATENCY * 4, "the users' fetches ran one after another; run the users concurrently.")
            .read(PAGE)
            .check();
    });
}
