// ANCHOR: all
use listings_05_randomness::inject::RandomBalancer;

#[tokio::main]
async fn main() {
    let mirrors = vec!["https://a.example".into()];
    let mut balancer = RandomBalancer::new(rand::rng(), mirrors);
    let task = tokio::spawn(async move { balancer.fetch("/").await });
    task.await.unwrap();
}
// ANCHOR_END: all
