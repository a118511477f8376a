// ANCHOR: all
use listings_05_randomness::inject::RandomBalancer;

#[tokio::main]
async fn main() {
    let mut balancer = RandomBalancer::new(rand::rng(), vec!["https://a.example".into()]);
    let task = tokio::spawn(async move { balancer.fetch("/").await });
    task.await.unwrap();
}
// ANCHOR_END: all
