//! Passing the generator in: production code uses a fresh one, tests a seeded one.

use rand::rngs::StdRng;

// ANCHOR: param
use rand::{Rng, RngExt};

/// Picks one of `mirrors` at random, with the generator the caller hands in.
pub fn pick_mirror<'a>(rng: &mut impl Rng, mirrors: &[&'a str]) -> &'a str {
    mirrors[rng.random_range(0..mirrors.len())]
}

/// The same with a named type parameter; `?Sized` also accepts a `&mut dyn Rng`.
pub fn keep_sample<R: Rng + ?Sized>(rng: &mut R, rate: f64) -> bool {
    rng.random_bool(rate)
}
// ANCHOR_END: param

// ANCHOR: balancer
/// Spreads requests over replicas at random. It owns its generator, whatever type the
/// caller picks.
pub struct RandomBalancer<R> {
    rng: R,
    replicas: Vec<String>,
}

impl<R: Rng> RandomBalancer<R> {
    pub fn new(rng: R, replicas: Vec<String>) -> Self {
        assert!(!replicas.is_empty(), "a balancer needs at least one replica");
        RandomBalancer { rng, replicas }
    }

    /// The replica for the next request.
    pub fn pick(&mut self) -> &str {
        let i = self.rng.random_range(0..self.replicas.len());
        &self.replicas[i]
    }

    /// Fetches `path` from a randomly chosen replica, returning the replica and the
    /// page.
    pub async fn fetch(&mut self, path: &str) -> (String, String) {
        let replica = self.pick().to_string();
        let page = sim::archive::fetch(&format!("{replica}{path}")).await;
        (replica, page)
    }
}
// ANCHOR_END: balancer

// ANCHOR: production
/// Production code hands in the thread's generator.
pub fn download_mirror() -> &'static str {
    pick_mirror(&mut rand::rng(), &["eu.example", "us.example"])
}
// ANCHOR_END: production

// ANCHOR: make_rng
/// For a component that runs in a task: a `StdRng` (which is `Send`) started from
/// fresh entropy.
pub fn balancer_for_a_task(replicas: Vec<String>) -> RandomBalancer<StdRng> {
    RandomBalancer::new(rand::make_rng(), replicas)
}
// ANCHOR_END: make_rng

#[cfg(test)]
mod tests;
