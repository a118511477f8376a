//! Requests wait at a gate until the rate table is loaded: a flag and a `Notify`.
//! `cargo run -p listings-07-shared-state --bin gate`.
// ANCHOR: program
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

#[derive(Default)]
struct Gate {
    open: AtomicBool, // for those who come after `open`
    notify: Notify,   // for those already waiting
}

impl Gate {
    fn open(&self) {
        self.open.store(true, Ordering::SeqCst);
        self.notify.notify_waiters();
    }

    async fn wait(&self) {
        let notified = self.notify.notified(); // counts from here on
        if self.open.load(Ordering::SeqCst) {
            return;
        }
        notified.await;
    }
}

/// Loads the table (200 ms) while requests arrive every 100 ms; returns when each
/// request got through, counted from the start.
async fn start_service() -> Vec<Duration> {
    let started = Instant::now();
    let gate = Arc::new(Gate::default());
    let loader = Arc::clone(&gate);
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(200)).await; // load the rate table
        loader.open();
    });
    let mut requests = Vec::new();
    for n in 0..4 {
        let gate = Arc::clone(&gate);
        requests.push(tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(100) * n).await; // arrives
            gate.wait().await;
            started.elapsed()
        }));
    }
    let mut through = Vec::new();
    for request in requests {
        through.push(request.await.unwrap());
    }
    through
}

#[tokio::main]
async fn main() {
    for (n, at) in start_service().await.into_iter().enumerate() {
        println!("request {n} arrived at {} ms, went through at {at:.1?}", n * 100);
    }
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn early_requests_wait_for_the_table_and_later_ones_do_not() {
        let ms = Duration::from_millis;
        assert_eq!(start_service().await, [ms(200), ms(200), ms(200), ms(300)]);
    }
}
