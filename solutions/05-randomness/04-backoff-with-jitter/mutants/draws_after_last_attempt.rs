// mistake: draws the jittered delay before checking whether a retry will happen, so it draws once more after the last attempt
// expect: drew from the generator after the last attempt
//! Solution to exercise 5.4.

use std::time::Duration;

use rand::{Rng, RngExt};
use sim::flaky::{Flaky, FlakyError};

/// How to retry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    pub base: Duration,
    pub cap: Duration,
    pub max_attempts: u32,
}

impl Backoff {
    // ANCHOR: ceiling
    /// `base × 2^(retry − 1)`, at most `cap`; saturating, so it never overflows.
    pub fn ceiling(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.saturating_sub(1));
        self.base.saturating_mul(factor).min(self.cap)
    }
    // ANCHOR_END: ceiling
}

/// Calls `service` until it answers, retrying transient failures with full-jitter exponential backoff.
pub async fn call_with_retry(rng: &mut impl Rng, service: &Flaky, policy: &Backoff) -> Result<String, FlakyError> {
    let mut attempt = 1;
    loop {
        match service.call().await {
            Ok(reply) => return Ok(reply),
            Err(err) if !err.is_transient() => return Err(err),
            Err(err) => {
                let delay = rng.random_range(Duration::ZERO..=policy.ceiling(attempt));
                if attempt >= policy.max_attempts {
                    return Err(err);
                }
                tokio::time::sleep(delay).await;
                attempt += 1;
            }
        }
    }
}
