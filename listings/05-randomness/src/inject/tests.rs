//! The tests of `inject.rs`: they check what the book says about its code. In a file of their
//! own so that the book can include them without the indentation of a `mod tests` block.

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
