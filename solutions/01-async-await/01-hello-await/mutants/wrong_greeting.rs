// mistake: formats the greeting differently from what was asked
// expect: must return exactly
use std::time::Duration;

pub async fn greet_after(name: &str, delay: Duration) -> String {
    tokio::time::sleep(delay).await;
    format!("Hello {name}")
}
