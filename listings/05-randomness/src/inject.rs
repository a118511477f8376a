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
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn replicas() -> Vec<String> {
        vec![
            "https://a.example".into(),
            "https://b.example".into(),
            "https://c.example".into(),
        ]
    }

    #[test]
    fn production_code_passes_the_threads_generator() {
        let mirror = download_mirror();
        assert!(mirror.ends_with(".example"));
        let dynamic: &mut dyn Rng = &mut rand::rng();
        assert!(keep_sample(dynamic, 1.0));
        assert!(!keep_sample(&mut StdRng::seed_from_u64(1), 0.0));
    }

    // ANCHOR: twin_test
    #[test]
    fn picks_follow_the_injected_generator() {
        let mut balancer = RandomBalancer::new(StdRng::seed_from_u64(7), replicas());
        // the same seed: it draws exactly what the balancer draws
        let mut twin = StdRng::seed_from_u64(7);
        for _ in 0..20 {
            let expected = replicas()[twin.random_range(0..3)].clone();
            assert_eq!(balancer.pick(), expected);
        }
    }
    // ANCHOR_END: twin_test

    // ANCHOR: spawned_balancer
    #[tokio::test(start_paused = true)]
    async fn a_balancer_with_a_seeded_generator_can_move_into_a_task() {
        let mut balancer = RandomBalancer::new(StdRng::seed_from_u64(1), replicas());
        let task = tokio::spawn(async move { balancer.fetch("/status").await });
        let (replica, page) = task.await.unwrap();
        assert_eq!(page, format!("<html>{replica}/status</html>"));
    }
    // ANCHOR_END: spawned_balancer

    #[tokio::test(start_paused = true)]
    async fn with_the_threads_generator_it_works_where_nothing_needs_send() {
        let mut balancer = RandomBalancer::new(rand::rng(), replicas());
        let (replica, _) = balancer.fetch("/").await; // not spawned: fine
        assert!(replicas().contains(&replica));
        let mut balancer = balancer_for_a_task(replicas());
        let (replica, _) =
            tokio::spawn(async move { balancer.fetch("/").await }).await.unwrap();
        assert!(replicas().contains(&replica));
    }
}
