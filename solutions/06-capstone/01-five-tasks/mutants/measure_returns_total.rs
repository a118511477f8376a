// mistake: measure_time returns the total time of wait_n instead of dividing it by n
// expect: it returns the total time: divide it by n
use std::time::Duration;

use futures::StreamExt;
use futures::stream::FuturesUnordered;
use tokio::task::JoinHandle;
use tokio::time::Instant;

pub const DEFAULT_MAX_DELAY: Duration = Duration::from_secs(10);

pub async fn wait_random(max_delay: Duration) -> Duration {
    let delay = rand::random_range(Duration::ZERO..=max_delay);
    tokio::time::sleep(delay).await;
    delay
}

pub async fn wait_n(n: usize, max_delay: Duration) -> Vec<Duration> {
    let mut pending: FuturesUnordered<_> = (0..n).map(|_| wait_random(max_delay)).collect();
    let mut delays = Vec::with_capacity(n);
    while let Some(delay) = pending.next().await {
        delays.push(delay);
    }
    delays
}

pub async fn measure_time(n: usize, max_delay: Duration) -> Duration {
    let start = Instant::now();
    wait_n(n, max_delay).await;
    let total = start.elapsed();
    match n {
        0 => Duration::ZERO,
        _ => total,
    }
}

pub fn task_wait_random(max_delay: Duration) -> JoinHandle<Duration> {
    tokio::spawn(wait_random(max_delay))
}

pub async fn task_wait_n(n: usize, max_delay: Duration) -> Vec<Duration> {
    let mut pending: FuturesUnordered<JoinHandle<Duration>> = (0..n).map(|_| task_wait_random(max_delay)).collect();
    let mut delays = Vec::with_capacity(n);
    while let Some(joined) = pending.next().await {
        delays.push(joined.expect("a wait_random task panicked"));
    }
    delays
}
