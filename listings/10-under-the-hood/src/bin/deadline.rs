//! A race between some work and a timer: the loser is dropped the moment the winner
//! is ready: `cargo run -p listings-10-under-the-hood --bin deadline`.

// ANCHOR: program
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::time::Instant;

/// Says when it is dropped, and how long after the start.
struct Noisy(Instant);

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("  the work is dropped after {:.1?}", self.0.elapsed());
    }
}

/// `Ok` with the work's output if it wins, `Err(())` if the timer does.
struct Race<W, T> {
    both: Option<(W, T)>,
}

impl<W: Future + Unpin, T: Future + Unpin> Future for Race<W, T> {
    type Output = Result<W::Output, ()>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let (work, timer) = self.both.as_mut().expect("polled after completion");
        let result = if let Poll::Ready(out) = Pin::new(work).poll(cx) {
            Ok(out) // the work is polled first: it wins a tie
        } else if Pin::new(timer).poll(cx).is_ready() {
            Err(())
        } else {
            return Poll::Pending;
        };
        self.both = None; // drop the loser now
        Poll::Ready(result)
    }
}

async fn work_with_limit(work_ms: u64, limit_ms: u64) -> Result<&'static str, ()> {
    let start = Instant::now();
    let work = Box::pin(async move {
        let _noisy = Noisy(start);
        tokio::time::sleep(Duration::from_millis(work_ms)).await;
        "the work's result"
    });
    let timer = Box::pin(tokio::time::sleep(Duration::from_millis(limit_ms)));
    Race { both: Some((work, timer)) }.await
}

#[tokio::main]
async fn main() {
    println!("work of 100 ms, limit 300 ms:");
    println!("  {:?}", work_with_limit(100, 300).await);
    println!("work of 500 ms, limit 200 ms:");
    println!("  {:?}", work_with_limit(500, 200).await);
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_first_ready_wins() {
        let start = Instant::now();
        assert_eq!(work_with_limit(100, 300).await, Ok("the work's result"));
        assert_eq!(start.elapsed(), Duration::from_millis(100));
        assert_eq!(work_with_limit(500, 200).await, Err(()));
        assert_eq!(start.elapsed(), Duration::from_millis(300));
        assert_eq!(work_with_limit(200, 200).await, Ok("the work's result"));
    }
}
