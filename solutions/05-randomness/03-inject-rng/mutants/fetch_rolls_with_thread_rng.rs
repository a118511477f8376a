// mistake: fetch rolls with the thread's generator instead of the proxy's own
// expect: never drew from the proxy's generator
// expect: roll(&mut self.rng, &self.chaos)
//! Solution to exercise 5.3.

use std::fmt;
use std::time::Duration;

use rand::{Rng, RngExt};

/// How much trouble the proxy makes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Chaos {
    pub failure_rate: f64,
    pub max_extra_latency: Duration,
}

/// What the proxy decided for one call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Roll {
    pub extra_latency: Duration,
    pub fail: bool,
}

/// The error a failed call returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InjectedFault;

impl fmt::Display for InjectedFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the chaos proxy failed this call on purpose")
    }
}

impl std::error::Error for InjectedFault {}

// ANCHOR: roll
/// Draws the extra latency, then whether the call fails.
pub fn roll(rng: &mut impl Rng, chaos: &Chaos) -> Roll {
    let extra_latency = rng.random_range(Duration::ZERO..=chaos.max_extra_latency);
    let fail = rng.random_bool(chaos.failure_rate);
    Roll { extra_latency, fail }
}
// ANCHOR_END: roll

/// A proxy in front of `sim::archive` that slows calls down and fails some, at random.
pub struct ChaosProxy<R> {
    rng: R,
    chaos: Chaos,
}

impl<R: Rng> ChaosProxy<R> {
    pub fn new(rng: R, chaos: Chaos) -> Self {
        ChaosProxy { rng, chaos }
    }

    /// Delays the call at random, then fails it or fetches the page.
    pub async fn fetch(&mut self, path: &str) -> Result<String, InjectedFault> {
        let Roll { extra_latency, fail } = roll(&mut rand::rng(), &self.chaos);
        tokio::time::sleep(extra_latency).await;
        if fail {
            return Err(InjectedFault);
        }
        Ok(sim::archive::fetch(path).await)
    }
}
