//! Graded tests for exercise 5.3, on tokio's paused clock.
//!
//! The tests hand your code a seeded `StdRng` and keep a *twin*: a second generator with the same seed, from which
//! they draw exactly what your code should draw. No random number is written down here.

use std::time::Duration;

use grader::sim::archive::{self, FETCH_LATENCY};
use grader::sim::journal;
use grader::{ms, secs};
use inject_rng::{Chaos, ChaosProxy, InjectedFault, Roll, roll};
use rand::rngs::StdRng;
use rand::{Rng, RngExt, SeedableRng};

const PAGE: grader::Page = grader::Page::new("src/05-randomness/03-inject-rng.md");

/// The two draws `roll` must make, in order, from the twin generator.
fn twin_roll(twin: &mut StdRng, chaos: &Chaos) -> Roll {
    let extra_latency = twin.random_range(Duration::ZERO..=chaos.max_extra_latency);
    let fail = twin.random_bool(chaos.failure_rate);
    Roll { extra_latency, fail }
}

fn rolls_of(seed: u64, n: usize, chaos: &Chaos, one: impl Fn(&mut StdRng, &Chaos) -> Roll) -> Vec<Roll> {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..n).map(|_| one(&mut rng, chaos)).collect()
}

/// Names the likely mistake when `roll` does not draw what its twin draws.
fn diagnose_roll(seed: u64, n: usize, chaos: &Chaos, got: &[Roll]) -> String {
    if rolls_of(seed, n, chaos, roll) != got {
        return "two generators with the same seed gave different rolls, so `roll` does not draw (only) from the \
                generator it is given. `rand::rng()` and `rand::random_range` use the thread's own generator: \
                call the methods on `rng` instead (`rng.random_range(..)`, `rng.random_bool(..)`)."
            .to_string();
    }
    let swapped = rolls_of(seed, n, chaos, |r, c| {
        let fail = r.random_bool(c.failure_rate);
        Roll { extra_latency: r.random_range(Duration::ZERO..=c.max_extra_latency), fail }
    });
    if swapped == got {
        return "you drew whether the call fails first, then the latency. Same draws, other order: the values each \
                one gets change. Draw the latency first, then the failure."
            .to_string();
    }
    let by_float = rolls_of(seed, n, chaos, |r, c| {
        let extra_latency = r.random_range(Duration::ZERO..=c.max_extra_latency);
        Roll { extra_latency, fail: r.random::<f64>() < c.failure_rate }
    });
    if by_float == got {
        return "you decided the failure with `rng.random::<f64>() < failure_rate`. That is a fair coin, but not the \
                same draw as `rng.random_bool(failure_rate)` (which, for a rate of exactly 1.0, does not draw \
                at all), so the next numbers shift. Use `random_bool`, as the doc comment says."
            .to_string();
    }
    "call exactly these two methods per roll, in this order: \
     `rng.random_range(Duration::ZERO..=chaos.max_extra_latency)`, then `rng.random_bool(chaos.failure_rate)`. \
     Anything else (another method, an extra draw, a whole-millisecond range) takes other numbers from the same \
     generator."
        .to_string()
}

/// The async tests rely on `roll`: if it is wrong, say so first, rather than report its symptoms.
#[track_caller]
fn check_roll_first(chaos: &Chaos) {
    let (got, expected) = (rolls_of(1, 20, chaos, roll), rolls_of(1, 20, chaos, twin_roll));
    if got != expected {
        PAGE.failure(format!(
            "`roll` does not draw what its twin generator draws for {chaos:?} (the first test, \
             `roll_draws_the_latency_then_the_failure_from_the_generator_it_is_given`, shows the details), and \
             `fetch` relies on it."
        ))
        .cause(diagnose_roll(1, 20, chaos, &got))
        .fail();
    }
}

/// `fetch` must roll with the proxy's own generator, once per call. Lends the proxy a seeded generator (`&mut StdRng`
/// is a generator too), makes one call that fails (so the archive is left alone), then compares the generator's next
/// value with a fresh twin's (no draw at all) and with a twin that made exactly one roll.
async fn check_fetch_rolls_with_its_generator(chaos: &Chaos) {
    let chaos = Chaos { failure_rate: 1.0, ..*chaos };
    let mut rng = StdRng::seed_from_u64(7);
    let result = ChaosProxy::new(&mut rng, chaos).fetch("/draws").await;
    let next = rng.next_u64();
    let untouched = StdRng::seed_from_u64(7).next_u64();
    let mut twin = StdRng::seed_from_u64(7);
    twin_roll(&mut twin, &chaos);
    let cause = if next == untouched {
        "`fetch` never drew from the proxy's generator (the one given to `ChaosProxy::new`): it rolls with \
         `rand::rng()` (the thread's generator) or another generator of its own. Roll with \
         `roll(&mut self.rng, &self.chaos)`, not `roll(&mut rand::rng(), ..)`: a test or a replay hands the proxy \
         a seeded generator, and every draw must come from it."
    } else if next != twin.next_u64() {
        "`fetch` drew from the proxy's generator, but not exactly one roll: call `roll(&mut self.rng, &self.chaos)` \
         once per call, and draw nothing else (no second roll, no draw of your own)."
    } else {
        return;
    };
    PAGE.failure(format!(
        "after one call through a proxy with {chaos:?} and a generator seeded with 7 (the call returned \
         {result:?}), that generator should be exactly where one roll leaves it, but it is not."
    ))
    .cause(cause)
    .fail();
}

#[test]
fn roll_draws_the_latency_then_the_failure_from_the_generator_it_is_given() {
    grader::run(async || {
        let configs = [(3, 0.3, ms(500)), (30, 1.0, secs(1)), (300, 0.0, ms(50)), (3000, 0.75, ms(10))];
        for (seed, failure_rate, max_extra_latency) in configs {
            let chaos = Chaos { failure_rate, max_extra_latency };
            let got = rolls_of(seed, 30, &chaos, roll);
            let expected = rolls_of(seed, 30, &chaos, twin_roll);
            if got != expected {
                let first_bad = got.iter().zip(&expected).position(|(g, e)| g != e).unwrap_or(0);
                PAGE.failure(format!(
                    "with {chaos:?} and a generator seeded with {seed}, roll number {} gave\n    {:?}\n  but a twin \
                     generator with the same seed draws\n    {:?}",
                    first_bad + 1,
                    got[first_bad],
                    expected[first_bad]
                ))
                .cause(diagnose_roll(seed, 30, &chaos, &got))
                .fail();
            }
        }
    });
}

#[test]
fn failure_rates_zero_and_one_mean_never_and_always() {
    grader::run(async || {
        // Production code hands in the thread's generator: whatever it draws, these must hold.
        let mut rng = rand::rng();
        let never = Chaos { failure_rate: 0.0, max_extra_latency: ms(200) };
        let always = Chaos { failure_rate: 1.0, max_extra_latency: Duration::ZERO };
        for _ in 0..200 {
            let r = roll(&mut rng, &never);
            PAGE.failure(format!("with failure_rate 0.0 no call may fail, but roll gave {r:?}.")).unless(!r.fail);
            PAGE.failure(format!(
                "the extra latency must be at most max_extra_latency (200 ms), got {:?}.",
                r.extra_latency
            ))
            .unless(r.extra_latency <= ms(200));
            let r = roll(&mut rng, &always);
            PAGE.failure(format!("with failure_rate 1.0 every call must fail, but roll gave {r:?}.")).unless(r.fail);
            PAGE.failure("with max_extra_latency 0 there is no extra latency (`ZERO..=ZERO` holds only zero).")
                .unless_eq(&r.extra_latency, &Duration::ZERO);
        }
    });
}

#[test]
fn fetch_delays_then_fails_or_fetches_as_its_generator_says() {
    grader::run(async || {
        let chaos = Chaos { failure_rate: 0.4, max_extra_latency: ms(300) };
        check_roll_first(&chaos);
        check_fetch_rolls_with_its_generator(&chaos).await;
        let mut proxy = ChaosProxy::new(StdRng::seed_from_u64(11), chaos);
        let mut twin = StdRng::seed_from_u64(11);
        for call in 1..=15 {
            let path = format!("/item/{call}");
            let fetches_before = fetch_spans();
            let expected = twin_roll(&mut twin, &chaos);
            let (result, took) = grader::timed(proxy.fetch(&path)).await;
            let wanted = if expected.fail { Err(InjectedFault) } else { Ok(archive::page(&path)) };
            PAGE.failure(format!(
                "call {call}: the twin generator rolled {expected:?} for it, so the proxy should return {wanted:?}."
            ))
            .cause(
                "`fetch` should roll exactly once per call, with `roll(&mut self.rng, &self.chaos)`, \
                 and fail exactly when the roll says so.",
            )
            .unless_eq(&result, &wanted);
            let reached_archive = fetch_spans() > fetches_before;
            PAGE.failure(format!(
                "call {call} {}.\n\n  A failed call returns `Err(InjectedFault)` without calling the archive; any \
                 other call fetches the page once.",
                if expected.fail { "failed, yet it reached the archive" } else { "never reached the archive" }
            ))
            .unless(reached_archive != expected.fail);
            let fetch_time = if expected.fail { Duration::ZERO } else { FETCH_LATENCY };
            PAGE.took(format!("call {call} ({expected:?})"), took)
                .expected(expected.extra_latency + fetch_time)
                .within(ms(1))
                .when(
                    fetch_time,
                    "the extra latency was not waited: `tokio::time::sleep(roll.extra_latency).await` before \
                     failing or fetching.",
                )
                .check();
        }
    });
}

#[test]
fn a_failed_call_is_slow_but_never_reaches_the_archive() {
    grader::run(async || {
        let chaos = Chaos { failure_rate: 1.0, max_extra_latency: secs(1) };
        check_roll_first(&chaos);
        check_fetch_rolls_with_its_generator(&chaos).await;
        let mut proxy = ChaosProxy::new(StdRng::seed_from_u64(5), chaos);
        let mut twin = StdRng::seed_from_u64(5);
        let mut total = Duration::ZERO;
        let start = tokio::time::Instant::now();
        for _ in 0..5 {
            PAGE.failure("with failure_rate 1.0 every call should fail.")
                .unless_eq(&proxy.fetch("/").await, &Err(InjectedFault));
            total += ceil_ms(twin_roll(&mut twin, &chaos).extra_latency);
        }
        PAGE.failure(
            "five failed calls reached the archive. A failed call must return `Err(InjectedFault)` *instead of* \
             fetching, not after it.",
        )
        .unless_eq(&fetch_spans(), &0);
        PAGE.took("five failed calls (their extra latencies, one after another)", start.elapsed())
            .expected(total)
            .within(ms(1))
            .when(Duration::ZERO, "a failed call returned at once: wait its extra latency first, then fail.")
            .check();

        let calm = Chaos { failure_rate: 0.0, max_extra_latency: Duration::ZERO };
        let mut proxy = ChaosProxy::new(StdRng::seed_from_u64(5), calm);
        let (result, took) = grader::timed(proxy.fetch("/calm")).await;
        PAGE.failure("with failure_rate 0.0 the call should fetch the page")
            .unless_eq(&result, &Ok(archive::page("/calm")));
        PAGE.took("a call through a calm proxy (no extra latency)", took).expected(FETCH_LATENCY).check();
    });
}

#[test]
fn proxies_with_seeded_generators_run_as_tasks() {
    grader::run(async || {
        let chaos = Chaos { failure_rate: 0.5, max_extra_latency: ms(400) };
        check_roll_first(&chaos);
        check_fetch_rolls_with_its_generator(&chaos).await;
        let handles: Vec<_> = [21u64, 22]
            .into_iter()
            .map(|seed| {
                // If this does not compile, `fetch` holds something that is not `Send` (a `ThreadRng`?) across
                // an `.await`: draw from `self.rng` instead.
                tokio::spawn(async move {
                    let mut proxy = ChaosProxy::new(StdRng::seed_from_u64(seed), chaos);
                    let mut outcomes = Vec::new();
                    for i in 0..6 {
                        outcomes.push(proxy.fetch(&format!("/{seed}/{i}")).await.is_ok());
                    }
                    (seed, outcomes)
                })
            })
            .collect();
        for handle in handles {
            let (seed, outcomes) = handle.await.unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()));
            let expected: Vec<bool> = rolls_of(seed, 6, &chaos, twin_roll).iter().map(|r| !r.fail).collect();
            PAGE.failure(format!(
                "a proxy seeded with {seed}, running in its own task, should succeed exactly when its twin \
                 generator says (true = Ok)."
            ))
            .unless_eq(&outcomes, &expected);
        }
        let timeline = journal::timeline();
        PAGE.failure(format!("both proxies should have fetched pages.\n\n  What ran when:\n{timeline}")).unless(
            journal::spans().iter().any(|s| s.name.starts_with("fetch /21/"))
                && journal::spans().iter().any(|s| s.name.starts_with("fetch /22/")),
        );
    });
}

fn fetch_spans() -> usize {
    journal::spans().iter().filter(|s| s.name.starts_with("fetch ")).count()
}

fn ceil_ms(d: Duration) -> Duration {
    Duration::from_millis(d.as_nanos().div_ceil(1_000_000) as u64)
}
