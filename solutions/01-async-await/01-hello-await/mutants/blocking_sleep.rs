// mistake: sleeps with std::thread::sleep, which blocks the thread instead of awaiting
// expect: std::thread::sleep
use std::time::Duration;

pub async fn greet_after(name: &str, delay: Duration) -> String {
    std::thread::sleep(delay);
    format!("Hello, {name}!")
}
