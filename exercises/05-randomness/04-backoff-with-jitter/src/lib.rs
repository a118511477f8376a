//! Exercise 5.4: retry a flaky service with exponential backoff and full jitter.
//!
//! Read: `src/05-randomness/04-backoff-with-jitter.md` (chapter 5, "Backoff with jitter").
//! Grade: `cargo test` in this folder, or `cargo course check backoff-with-jitter`.

use std::time::Duration;

use rand::Rng;
use sim::flaky::{Flaky, FlakyError};

/// How to retry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    /// The ceiling of the first retry's delay.
    pub base: Duration,
    /// No delay is ever longer than this.
    pub cap: Duration,
    /// How many calls to make at most, the first one included (so `max_attempts - 1` retries). At least 1.
    pub max_attempts: u32,
}

impl Backoff {
    /// The longest delay allowed before retry number `retry` (1 for the first retry, 2 for the second, …):
    /// `base × 2^(retry − 1)`, but never more than `cap`. So with a base of 100 ms and a cap of 1 s:
    /// 100 ms, 200 ms, 400 ms, 800 ms, 1 s, 1 s, …
    ///
    /// It must not panic or overflow for any `retry`, however large (think of a service that is down for hours).
    pub fn ceiling(&self, retry: u32) -> Duration {
        // TODO: double `base` (retry − 1) times, without overflowing: `Duration::saturating_mul` and
        // `u32::saturating_pow` (or `checked_*`) help. Then take the smaller of that and `cap`.
        todo!("the ceiling before retry {retry} with {self:?}")
    }
}

/// Calls `service` until it answers `Ok`, retrying transient failures with exponential backoff and full jitter.
///
/// - A reply `Ok(..)` is returned at once.
/// - An error that is not transient (`!err.is_transient()`: a bad request) is returned at once: retrying cannot
///   help.
/// - A transient error (`Unavailable`) is retried, unless `policy.max_attempts` calls have been made: then it is
///   returned (without waiting any more).
/// - Before retry number `k` (1, 2, …), wait a random delay drawn with
///   `rng.random_range(Duration::ZERO..=policy.ceiling(k))` ("full jitter"). Draw nothing else from `rng`.
pub async fn call_with_retry(rng: &mut impl Rng, service: &Flaky, policy: &Backoff) -> Result<String, FlakyError> {
    // TODO: loop: `service.call().await`; on `Ok` or a permanent error, return it; on a transient error, return
    // it if this was the last allowed attempt, otherwise draw the jittered delay (`use rand::RngExt;`) and
    // `tokio::time::sleep(delay).await` before the next attempt.
    todo!(
        "call the service ({} calls so far) with {policy:?}, drawing from a {}",
        service.calls(),
        std::any::type_name_of_val(rng)
    )
}
