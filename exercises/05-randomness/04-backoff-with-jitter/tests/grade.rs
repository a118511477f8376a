//! Graded tests for exercise 5.4, on tokio's paused clock.
//!
//! The flaky service fails exactly when the test's script says (nothing about it is random). The delays are random,
//! so the tests hand `call_with_retry` a seeded `StdRng` and draw the expected delays from a twin generator with
//! the same seed.

use std::sync::Arc;
use std::time::Duration;

use backoff_with_jitter::{Backoff, call_with_retry};
use grader::sim::flaky::{CALL_LATENCY, Flaky, FlakyError};
use grader::sim::journal::{self, secs as show};
use grader::{ms, secs};
use rand::rngs::StdRng;
use rand::{Rng, RngExt, SeedableRng};

const PAGE: grader::Page = grader::Page::new("src/05-randomness/04-backoff-with-jitter.md");

/// The reference ceiling: base × 2^(retry − 1), at most cap.
fn ceiling(policy: &Backoff, retry: u32) -> Duration {
    policy.base.saturating_mul(2u32.saturating_pow(retry - 1)).min(policy.cap)
}

/// The delays `call_with_retry` must wait before retries 1..=retries, drawn from a twin generator.
fn twin_delays(
    seed: u64,
    policy: &Backoff,
    retries: u32,
    ceiling: impl Fn(&Backoff, u32) -> Duration,
) -> Vec<Duration> {
    let mut twin = StdRng::seed_from_u64(seed);
    (1..=retries).map(|k| twin.random_range(Duration::ZERO..=ceiling(policy, k))).collect()
}

/// tokio's timers tick in whole milliseconds: a sleep ends on the next whole millisecond.
fn ceil_ms(d: Duration) -> Duration {
    Duration::from_millis(d.as_nanos().div_ceil(1_000_000) as u64)
}

fn close_all(got: &[Duration], expected: &[Duration]) -> bool {
    got.len() == expected.len() && got.iter().zip(expected).all(|(g, e)| g.abs_diff(*e) <= ms(1))
}

/// The time between the end of each call and the start of the next: the delays the code really waited.
fn waits(service: &Flaky) -> Vec<Duration> {
    service.call_starts().windows(2).map(|w| w[1].saturating_sub(w[0] + CALL_LATENCY)).collect()
}

/// `call_with_retry` relies on `ceiling`: if that is wrong, say so first rather than report its symptoms.
#[track_caller]
fn check_ceiling_first(policy: &Backoff) {
    for retry in 1..policy.max_attempts.min(40) {
        let expected = ceiling(policy, retry);
        let got = match grader::catch(|| policy.ceiling(retry)) {
            Ok(got) => got,
            Err(message) => PAGE
                .failure(format!(
                    "`ceiling({retry})` panicked (\"{message}\") with {policy:?}, and the retry delays are drawn up \
                     to it. Fix `ceiling` first: the test `the_ceiling_never_overflows` explains."
                ))
                .fail(),
        };
        PAGE.failure(format!(
            "`ceiling({retry})` gives {got:?} with {policy:?}, but it should be {expected:?} (the tests \
             `the_ceiling_doubles_from_base_up_to_cap` and `the_ceiling_never_overflows` show the details), and \
             the retry delays are drawn up to it. Fix `ceiling` first."
        ))
        .unless(got == expected);
    }
}

/// Checks the waits between the calls `service` received against the twin generator's draws, naming the likely
/// mistake when they differ.
#[track_caller]
fn check_waits(seed: u64, policy: &Backoff, service: &Flaky) {
    let spans = journal::spans();
    let timeline = if spans.len() <= 12 {
        journal::render(&spans)
    } else {
        format!("  ({} calls: too many to draw; the waits above tell the story)\n", spans.len())
    };
    let got = waits(service);
    let retries = got.len() as u32;
    let expected: Vec<Duration> = twin_delays(seed, policy, retries, ceiling).into_iter().map(ceil_ms).collect();
    if !close_all(&got, &expected) {
        let ceilings: Vec<Duration> = (1..=retries).map(|k| ceiling(policy, k)).collect();
        let shifted: Vec<Duration> =
            twin_delays(seed, policy, retries, |p, k| ceiling(p, k + 1)).into_iter().map(ceil_ms).collect();
        let cause = if close_all(&got, &ceilings) {
            "you waited the whole ceiling every time: that is exponential backoff *without* jitter, and every \
             client that failed together would retry together. Wait a random delay between zero and the \
             ceiling: `rng.random_range(Duration::ZERO..=policy.ceiling(k))`."
        } else if close_all(&got, &shifted) {
            "the delays are drawn with the ceiling of the *next* retry: before retry k (the first retry is \
             k = 1), use `policy.ceiling(k)`."
        } else if got.iter().zip(&ceilings).any(|(g, c)| *g > *c + ms(1)) {
            "a delay was longer than its ceiling: draw from `Duration::ZERO..=policy.ceiling(k)`."
        } else {
            "before retry k, wait exactly one draw of `rng.random_range(Duration::ZERO..=policy.ceiling(k))` \
             from the generator you were given (not `rand::rng()`), and draw nothing else from it."
        };
        let shown = 8.min(got.len());
        PAGE.failure(format!(
            "with the generator seeded with {seed}, the waits between calls should be\n    {}\n  (one draw from \
             0..=ceiling for each retry; ceilings {}), but they were\n    {}",
            ms_list(&expected[..shown.min(expected.len())]),
            ms_list(&ceilings[..shown]),
            ms_list(&got[..shown])
        ))
        .cause(format!("{cause}\n\n  What ran when (virtual time):\n{timeline}"))
        .fail();
    }
}

/// After `call_with_retry` returns, `rng` must be exactly where one draw per retry leaves it: compares its next value
/// with a twin generator that made just the `retries` expected draws.
#[track_caller]
fn check_no_other_draws(seed: u64, policy: &Backoff, retries: u32, rng: &mut StdRng) {
    let mut twin = StdRng::seed_from_u64(seed);
    for k in 1..=retries {
        twin.random_range(Duration::ZERO..=ceiling(policy, k));
    }
    PAGE.failure(format!(
        "the waits between the calls were right, but the generator (seeded with {seed}) is not where {retries} \
         draws (one per retry) leave it: the code drew from the generator after the last attempt (or drew \
         something besides the one delay per retry)."
    ))
    .cause(
        "the delay is drawn before checking whether a retry will really happen. Draw it only once you know you will \
         retry: after the last allowed attempt (or after an `Ok` or a bad request), return without touching `rng`. \
         The task says: draw nothing else from it.",
    )
    .unless(rng.next_u64() == twin.next_u64());
}

fn ms_list(ds: &[Duration]) -> String {
    let items: Vec<String> = ds.iter().map(|d| format!("{:.1} ms", d.as_secs_f64() * 1000.0)).collect();
    format!("[{}]", items.join(", "))
}

#[test]
fn the_ceiling_doubles_from_base_up_to_cap() {
    grader::run(async || {
        let cases = [
            (Backoff { base: ms(100), cap: secs(1), max_attempts: 10 }, 7),
            (Backoff { base: ms(30), cap: ms(100), max_attempts: 10 }, 4),
        ];
        for (policy, retries) in cases {
            let got: Vec<Duration> = (1..=retries).map(|k| policy.ceiling(k)).collect();
            let expected: Vec<Duration> = (1..=retries).map(|k| ceiling(&policy, k)).collect();
            if got != expected {
                let cause = if got[0] == policy.base * 2 {
                    "off by one: the first retry's ceiling is `base` itself (2^0 = 1), so the exponent is `retry - 1`."
                } else if got[0] != policy.base {
                    "the ceiling before retry 1 must be exactly `base`."
                } else if got.iter().all(|c| *c == policy.base) {
                    "the ceiling never grows: double it for each retry (`base × 2^(retry - 1)`)."
                } else if got.iter().any(|c| *c > policy.cap) {
                    "the ceiling went past `cap`: take `.min(self.cap)` at the end."
                } else {
                    "compute `base × 2^(retry - 1)`, then keep the smaller of that and `cap`."
                };
                PAGE.failure(format!(
                    "with {policy:?}, the ceilings for retries 1 to {retries} should be\n    {expected:?}\n  but \
                     `ceiling` gave\n    {got:?}"
                ))
                .cause(cause)
                .fail();
            }
        }
    });
}

#[test]
fn the_ceiling_never_overflows() {
    grader::run(async || {
        let policy = Backoff { base: secs(3600), cap: secs(86_400), max_attempts: u32::MAX };
        for retry in [20, 31, 32, 33, 64, 65, 1000, u32::MAX] {
            match grader::catch(|| policy.ceiling(retry)) {
                Ok(got) => PAGE
                    .failure(format!(
                        "with a base of 1 h and a cap of 1 day, the ceiling for retry {retry} should be the cap, but \
                         `ceiling` gave {got:?}."
                    ))
                    .cause(
                        "the doubling overflowed and wrapped around to a small number. Use saturating arithmetic \
                         (`u32::saturating_pow`, `Duration::saturating_mul`), which stops at the largest value \
                         instead.",
                    )
                    .unless_eq(&got, &policy.cap),
                Err(message) => PAGE
                    .failure(format!(
                        "`ceiling({retry})` panicked (\"{message}\") with a base of 1 h and a cap of 1 day. Retrying \
                         for a long outage reaches such numbers, and `2u32.pow(retry - 1)` or `base * factor` \
                         overflow long before: 2^32 does not fit in a u32, and a `Duration` holds about 585 billion \
                         years."
                    ))
                    .cause(
                        "overflowing arithmetic. Use `2u32.saturating_pow(retry - 1)` and \
                         `base.saturating_mul(factor)` (they stop at the largest value), then `.min(cap)`.",
                    )
                    .fail(),
            }
        }
    });
}

#[test]
fn it_retries_with_jittered_delays_until_the_service_answers() {
    grader::run(async || {
        let policy = Backoff { base: ms(100), cap: secs(1), max_attempts: 6 };
        check_ceiling_first(&policy);
        let service = Flaky::failing_then_ok(3, "data");
        let mut rng = StdRng::seed_from_u64(17);
        let result = call_with_retry(&mut rng, &service, &policy).await;
        let timeline = journal::timeline();
        PAGE.failure(format!(
            "the service fails 3 times, then answers \"data\": with up to 6 attempts, `call_with_retry` should \
             return that answer.\n\n  What ran when (virtual time):\n{timeline}"
        ))
        .unless_eq(&result, &Ok("data".to_string()));
        PAGE.failure(format!(
            "the service fails 3 times then answers, so it should be called exactly 4 times (stop at the first \
             `Ok`).\n\n  What ran when (virtual time):\n{timeline}"
        ))
        .unless_eq(&service.calls(), &4);
        let first = service.call_starts()[0];
        PAGE.failure(format!(
            "the first call should happen at once, but it started at {}: the delays come before *retries* only.",
            show(first)
        ))
        .unless(first.is_zero());
        check_waits(17, &policy, &service);
        check_no_other_draws(17, &policy, 3, &mut rng);
    });
}

#[test]
fn it_gives_up_after_max_attempts_without_a_last_wait() {
    grader::run(async || {
        let policy = Backoff { base: ms(10), cap: secs(2), max_attempts: 40 };
        check_ceiling_first(&policy);
        let service = Flaky::new([Err(FlakyError::Unavailable)]);
        let mut rng = StdRng::seed_from_u64(40);
        let (result, took) = grader::timed(call_with_retry(&mut rng, &service, &policy)).await;
        PAGE.failure("the service never recovers: after the last attempt, return its last error.")
            .unless_eq(&result, &Err(FlakyError::Unavailable));
        let calls = service.calls();
        PAGE.failure(format!(
            "with max_attempts = 40 the service should be called 40 times in all, but it was called {calls} \
             times."
        ))
        .cause(if calls == 41 {
            "`max_attempts` counts every call, the first one included, so there are 39 retries, not 40."
        } else if calls < 40 {
            "it gave up too early: keep retrying a transient error until `max_attempts` calls have been made."
        } else {
            "it kept calling after `max_attempts` calls: stop there and return the error."
        })
        .unless(calls == 40);
        check_waits(40, &policy, &service);
        let delays: Vec<Duration> = twin_delays(40, &policy, 40, ceiling).into_iter().map(ceil_ms).collect();
        let expected = delays[..39].iter().sum::<Duration>() + CALL_LATENCY * 40;
        PAGE.took("40 failing calls with 39 jittered waits between them", took)
            .expected(expected)
            .within(ms(1))
            .when(
                expected + delays[39],
                "after the last failed attempt you waited once more before returning the error. Wait only \
                 before a retry that will really happen.",
            )
            .without_timeline()
            .check();
        check_no_other_draws(40, &policy, 39, &mut rng);
    });
}

#[test]
fn a_bad_request_is_never_retried() {
    grader::run(async || {
        let policy = Backoff { base: ms(100), cap: secs(1), max_attempts: 5 };
        let service = Flaky::new([Err(FlakyError::BadRequest)]);
        let (result, took) = grader::timed(call_with_retry(&mut StdRng::seed_from_u64(1), &service, &policy)).await;
        PAGE.failure("a bad request should be returned as it is.").unless_eq(&result, &Err(FlakyError::BadRequest));
        let calls = service.calls();
        PAGE.failure(format!(
            "a bad request was retried: the service was called {calls} times. Retrying only helps with transient \
             errors (`err.is_transient()`): the same bad request fails the same way every time. Return it at once."
        ))
        .unless(calls == 1);
        PAGE.took("a call that fails with a bad request", took).expected(CALL_LATENCY).check();

        // Unavailable first (retry it), then a bad request (stop there).
        let service = Flaky::new([Err(FlakyError::Unavailable), Err(FlakyError::BadRequest), Ok("never")]);
        let result = call_with_retry(&mut StdRng::seed_from_u64(2), &service, &policy).await;
        PAGE.failure(
            "the service answers Unavailable, then BadRequest: retry the first (transient), stop at the second \
             (2 calls in all).",
        )
        .unless_eq(&(result, service.calls()), &(Err(FlakyError::BadRequest), 2));
    });
}

#[test]
fn clients_running_as_tasks_retry_at_scattered_moments() {
    grader::run(async || {
        let policy = Backoff { base: secs(1), cap: secs(1), max_attempts: 3 };
        check_ceiling_first(&policy);
        let mut handles = Vec::new();
        for client in 0..10u64 {
            let service = Arc::new(Flaky::failing_then_ok(1, "ok"));
            let shared = Arc::clone(&service);
            // Each client owns a seeded generator and runs as its own task: the future must be `Send`.
            handles.push(tokio::spawn(async move {
                let mut rng = StdRng::seed_from_u64(client);
                (client, call_with_retry(&mut rng, &shared, &policy).await, service)
            }));
        }
        let mut retry_moments = Vec::new();
        for handle in handles {
            let (client, result, service) = handle.await.unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()));
            PAGE.failure(format!("client {client} should succeed on its second call."))
                .unless_eq(&result.as_deref(), &Ok("ok"));
            let starts = service.call_starts();
            PAGE.failure(format!("client {client} should call twice (fail, then succeed)."))
                .unless_eq(&starts.len(), &2);
            let expected = CALL_LATENCY + ceil_ms(twin_delays(client, &policy, 1, ceiling)[0]);
            PAGE.failure(format!(
                "client {client} (generator seeded with {client}) should retry at {}, but retried at {}.",
                show(expected),
                show(starts[1])
            ))
            .cause(if starts[1] == CALL_LATENCY + policy.base {
                "it waited the whole ceiling (1 s): that is backoff without jitter. Draw the delay with \
                 `rng.random_range(Duration::ZERO..=policy.ceiling(k))`."
            } else {
                "before retry k, wait one draw of `rng.random_range(Duration::ZERO..=policy.ceiling(k))` from the \
                 generator passed in, and nothing else."
            })
            .unless(starts[1].abs_diff(expected) <= ms(1));
            retry_moments.push(starts[1]);
        }
        retry_moments.sort();
        retry_moments.dedup();
        PAGE.failure(format!(
            "10 clients that failed together retried at only {} distinct moments: jitter should scatter them.",
            retry_moments.len()
        ))
        .unless(retry_moments.len() > 5);
    });
}
