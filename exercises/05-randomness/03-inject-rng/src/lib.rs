//! Exercise 5.3: a chaos proxy, made testable by passing the random generator in.
//!
//! Read: `src/05-randomness/03-inject-rng.md` (chapter 5, "Passing the generator in").
//! Grade: `cargo test` in this folder, or `cargo course check inject-rng`.

use std::fmt;
use std::time::Duration;

use rand::Rng;

/// How much trouble the proxy makes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Chaos {
    /// The probability (0.0 to 1.0) that a call fails.
    pub failure_rate: f64,
    /// Each call is slowed down by a random extra latency between zero and this, both included.
    pub max_extra_latency: Duration,
}

/// What the proxy decided for one call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Roll {
    /// How long to delay the call.
    pub extra_latency: Duration,
    /// Whether the call fails (after the delay) instead of reaching the archive.
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

/// Decides the fate of one call with the generator it is given, making exactly two draws, in this order:
///
/// 1. the extra latency: `rng.random_range(Duration::ZERO..=chaos.max_extra_latency)`;
/// 2. whether it fails: `rng.random_bool(chaos.failure_rate)`.
///
/// (The order matters: a test replays your draws with a twin generator, and expects these two, in this order.)
pub fn roll(rng: &mut impl Rng, chaos: &Chaos) -> Roll {
    // TODO: `use rand::RngExt;` gives the generator its `random_range` and `random_bool` methods. Draw the
    // latency, then the failure, and return both in a `Roll`.
    todo!("roll {chaos:?} with a {}", std::any::type_name_of_val(rng))
}

/// A proxy in front of `sim::archive` that makes calls slow and makes some fail, at random, for testing how the
/// code around it copes. It owns its generator, whose type the caller chooses: `ChaosProxy<StdRng>` with a seed
/// in tests, one started from fresh entropy in production.
pub struct ChaosProxy<R> {
    rng: R,
    chaos: Chaos,
}

impl<R: Rng> ChaosProxy<R> {
    /// A proxy that draws from `rng`.
    pub fn new(rng: R, chaos: Chaos) -> Self {
        ChaosProxy { rng, chaos }
    }

    /// Fetches `path` through the proxy: [`roll`]s once with the proxy's own generator, waits the extra latency,
    /// then either returns `Err(InjectedFault)` (without calling the archive at all) or fetches the page with
    /// `sim::archive::fetch` (100 ms) and returns it.
    pub async fn fetch(&mut self, path: &str) -> Result<String, InjectedFault> {
        // TODO: `roll(&mut self.rng, &self.chaos)`, then `tokio::time::sleep(..).await` the extra latency, then fail
        // or fetch.
        todo!(
            "fetch {path} through a proxy with {:?}, drawing from a {}",
            self.chaos,
            std::any::type_name_of_val(&self.rng)
        )
    }
}
