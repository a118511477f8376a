// mistake: wait_n runs the waits together with join_all, which returns the delays in start order, not completion order
// expect: `join_all` keeps the order of its input
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
    futures::future::join_all((0..n).map(|_| wait_random(max_delay))).await
}

pub async fn measure_time(n: usize, max_delay: Duration) -> Duration {
    let start = Instant::now();
    wait_n(n, max_delay).await;
    let total = start.elapsed();
    match u32::try_from(n) {
        Ok(0) => Duration::ZERO,
        Ok(n) => total / n,
        Err(_) => total.div_f64(n as f64),
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
