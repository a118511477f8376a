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

const PAGE: grader::Page = grader::Page::new("src/05-randomness/02-seeded-rng.md");

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
async fn load_test_as_task(seed: u64, arrivals: &[Duration], max_think: Duration) -> Vec<Duration> {
    let arrivals = arrivals.to_vec();
    tokio::spawn(async move { load_test(seed, &arrivals, max_think).await })
        .await
        .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))
}

/// `users` users who all arrive at the start.
fn all_at_once(users: usize) -> Vec<Duration> {
    vec![Duration::ZERO; users]
}

/// Arrival times in milliseconds.
fn arriving(ms_each: &[u64]) -> Vec<Duration> {
    ms_each.iter().map(|m| ms(*m)).collect()
}

/// The users in the order they arrive (those arriving together in user order).
fn arrival_order(arrivals: &[Duration]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..arrivals.len()).collect();
    order.sort_by_key(|&i| arrivals[i]);
    order
}

/// Whether the k-th user to arrive got the k-th draw: what happens when the users share one generator and each
/// draws when it arrives.
fn drawn_in_arrival_order(arrivals: &[Duration], expected: &[Duration], got: &[Duration]) -> bool {
    let order = arrival_order(arrivals);
    order != (0..arrivals.len()).collect::<Vec<_>>()
        && order.iter().enumerate().all(|(k, &user)| close(got[user], expected[k]))
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
async fn diagnose(seed: u64, arrivals: &[Duration], max_think: Duration, got: &[Duration]) -> String {
    let users = arrivals.len();
    let expected = twin_draws(seed, users, max_think);
    if got.len() != users {
        return format!("it should return one think time per user ({users}), but returned {}.", got.len());
    }
    if drawn_in_arrival_order(arrivals, &expected, got) {
        return "each user got the draw of its place in the *arrival* order (the first user to arrive got the \
                first number, and so on), not its own: your users draw their think time from a shared generator \
                when they arrive, so the order they happen to reach the draw decides who gets which number. That \
                order depends on timing (and on a multi-threaded runtime, on chance), so the run is not the one \
                the seed stands for. Draw every think time up front, in user order (user 0 first), before any \
                user starts, and hand each task its own value."
            .to_string();
    }
    let again = load_test_as_task(seed, arrivals, max_think).await;
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
                order users arrive or finish (element i is user i's think time, whenever user i is done), and draw \
                them in user order too (user 0 first), all before any user starts."
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

/// Runs `load_test(seed, arrivals, max_think)` and fails, naming the likely mistake, unless its think times are
/// the twin generator's.
async fn check_draws(seed: u64, arrivals: &[Duration], max_think: Duration, section: Option<&str>) {
    let got = load_test_as_task(seed, arrivals, max_think).await;
    let expected = twin_draws(seed, arrivals.len(), max_think);
    if !same(&got, &expected) {
        let cause = diagnose(seed, arrivals, max_think, &got).await;
        let failure = PAGE
            .failure(format!(
                "load_test({seed}, users arriving at {arrivals:?}, max_think {}) returned think times\n    {got:?}\n  \
                 but a generator seeded with {seed} draws\n    {expected:?}",
                show(max_think)
            ))
            .cause(cause);
        match section {
            Some(section) => failure.section(section).fail(),
            None => failure.fail(),
        }
    }
}

#[test]
fn think_times_come_from_the_seeded_generator() {
    grader::run(async || {
        for seed in [1, 42, 2024] {
            check_draws(seed, &all_at_once(8), secs(2), None).await;
        }
    });
}

#[test]
fn users_arriving_out_of_order_still_get_their_own_draws() {
    grader::run(async || {
        // User 0 arrives last, then users arriving in a shuffled order: a user that draws when it arrives gets
        // the number of its place in the arrival order.
        let section = Some("Concurrency and the order of draws");
        check_draws(3, &arriving(&[700, 600, 500, 400, 300, 200, 100, 0]), secs(2), section).await;
        check_draws(77, &arriving(&[300, 0, 500, 100, 700, 200, 600, 400]), secs(1), section).await;
    });
}

#[test]
fn the_same_seed_replays_the_run_and_another_seed_does_not() {
    grader::run(async || {
        let arrivals = arriving(&[40, 0, 30, 10, 20]);
        let first = load_test_as_task(7, &arrivals, secs(1)).await;
        let replay = load_test_as_task(7, &arrivals, secs(1)).await;
        PAGE.failure(format!(
            "two runs with seed 7 should give the same think times: that is what makes a run replayable. Draw them \
             from `StdRng::seed_from_u64(seed)`, not from `rand::rng()`.\n  first run: {first:?}\n  second run: \
             {replay:?}"
        ))
        .unless(same(&first, &replay));
        let other = load_test_as_task(8, &arrivals, secs(1)).await;
        PAGE.failure(format!(
            "seeds 7 and 8 gave the same think times: the seed you were given is not used. Pass `seed` to \
             `StdRng::seed_from_u64`.\n  both runs: {first:?}"
        ))
        .unless(!same(&first, &other));
        PAGE.failure(format!("every think time should be at most max_think (1 s), got {first:?}."))
            .unless(first.iter().all(|t| *t <= secs(1)));
    });
}

#[test]
fn the_users_arrive_think_and_fetch_at_the_same_time() {
    grader::run(async || {
        let arrivals = arriving(&[500, 0, 900, 250, 0, 750, 100, 400, 50, 300]);
        let (thinks, took) = grader::timed(load_test_as_task(99, &arrivals, secs(3))).await;
        PAGE.failure("10 users should give 10 think times.").unless_eq(&thinks.len(), &10);
        // tokio's timers tick in whole milliseconds: a think time ends on the next millisecond after the arrival.
        // The total is checked against the think times returned; when each user's fetch starts, against what the
        // twin generator draws for it: a list with other values (or in another order) is the first tests'
        // business, and must not blur what this one checks.
        let last = arrivals.iter().zip(&thinks).map(|(a, t)| *a + ceil_ms(*t)).max().unwrap_or_default();
        let expected = twin_draws(99, 10, secs(3));
        let fetch_starts: Vec<Duration> = arrivals.iter().zip(&expected).map(|(a, t)| *a + ceil_ms(*t)).collect();
        let one_after_another =
            arrivals.iter().zip(&thinks).map(|(a, t)| *a + ceil_ms(*t)).sum::<Duration>() + FETCH_LATENCY * 10;
        PAGE.took("10 concurrent users (the latest arrival + think time, then one 100 ms fetch)", took)
            .expected(last + FETCH_LATENCY)
            .within(ms(1))
            .when(
                one_after_another,
                "the users ran one after another. Start them all at once: spawn one task per user (or put their \
                 futures in a `JoinSet`), then wait for them all.",
            )
            .check();
        let spans = journal::spans();
        let timeline = journal::render(&spans);
        for (i, start) in fetch_starts.iter().enumerate() {
            let name = format!("fetch /user/{i}");
            let Some(span) = spans.iter().find(|s| s.name == name) else {
                PAGE.failure(format!("user {i} never fetched `/user/{i}`.\n\n  What ran when:\n{timeline}")).fail();
            };
            let cause = if span.start.abs_diff(arrivals[i] + thinks[i]) <= ms(1) {
                format!(
                    "user {i} slept the think time your `load_test` returned for it ({:?}), but that is not the \
                     seeded generator's draw for user {i}. The tests `think_times_come_from_the_seeded_generator` \
                     and `users_arriving_out_of_order_still_get_their_own_draws` explain.",
                    thinks[i]
                )
            } else if span.start.abs_diff(ceil_ms(expected[i])) <= ms(1) {
                "it did not wait for its arrival time: each user first sleeps until it arrives \
                 (`arrivals[i]` after the start), then its think time, then fetches."
                    .to_string()
            } else {
                "each user sleeps until it arrives, then its own think time, then fetches, and all users start at \
                 the same moment."
                    .to_string()
            };
            PAGE.failure(format!(
                "user {i} arrives at {} and thinks {:?} (the generator seeded with 99 draws it for user {i}), so its \
                 fetch should start {} into the test, but it started at {}.",
                show(arrivals[i]),
                expected[i],
                show(*start),
                show(span.start)
            ))
            .cause(format!("{cause}\n\n  What ran when (virtual time):\n{timeline}"))
            .unless(span.start.abs_diff(*start) <= ms(1));
        }
    });
}

#[test]
fn no_users_or_no_thinking() {
    grader::run(async || {
        let (thinks, took) = grader::timed(load_test_as_task(5, &[], secs(1))).await;
        PAGE.failure(format!("with 0 users there are no think times, got {thinks:?}.")).unless(thinks.is_empty());
        PAGE.took("a load test with no users", took).expected(Duration::ZERO).check();

        let (thinks, took) = grader::timed(load_test_as_task(5, &all_at_once(4), Duration::ZERO)).await;
        PAGE.failure("with max_think = 0 every think time is zero (the range `ZERO..=ZERO` holds only zero).")
            .unless_eq(&thinks, &vec![Duration::ZERO; 4]);
        PAGE.took("4 users with max_think = 0 (their fetches overlap)", took)
            .expected(FETCH_LATENCY)
            .when(FETCH_LATENCY * 4, "the users' fetches ran one after another; run the users concurrently.")
            .check();
    });
}
