// mistake: creates the sleep future but never awaits it, so it never waits
// expect: forget an `.await`
use std::time::Duration;

pub async fn greet_after(name: &str, delay: Duration) -> String {
    #[allow(clippy::let_underscore_future)]
    let _ = tokio::time::sleep(delay);
    format!("Hello, {name}!")
}
