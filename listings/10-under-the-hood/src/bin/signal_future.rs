//! Hand-written futures under a logging wrapper: who is polled, and when:
//! `cargo run -p listings-10-under-the-hood --bin signal_future`.

// ANCHOR: program
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

/// Prints every poll of `inner` and what it answered.
struct PollLog<F> {
    name: &'static str,
    polls: u32,
    inner: F,
}

impl<F: Future + Unpin> Future for PollLog<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.polls += 1;
        let answer = Pin::new(&mut self.inner).poll(cx);
        let word = if answer.is_ready() { "Ready" } else { "Pending" };
        println!("{}: poll {} -> {word}", self.name, self.polls);
        answer
    }
}

fn log<F>(name: &'static str, inner: F) -> PollLog<F> {
    PollLog { name, polls: 0, inner }
}

/// Pending once (waking itself: "poll me again soon"), then ready.
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref(); // try deleting this line
        Poll::Pending
    }
}

/// Waits for a flag, but never stores the waker: the bug.
struct Forgetful(Arc<AtomicBool>);

impl Future for Forgetful {
    type Output = ();

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        if self.0.load(Ordering::SeqCst) { Poll::Ready(()) } else { Poll::Pending }
    }
}

/// Runs `fut` as a task; says whether it finished within `limit_ms` milliseconds.
async fn finished_within<F>(limit_ms: u64, fut: F) -> bool
where
    F: Future + Send + 'static,
    F::Output: Send,
{
    let task = tokio::spawn(fut);
    tokio::time::sleep(Duration::from_millis(limit_ms)).await;
    let finished = task.is_finished();
    task.abort();
    finished
}

#[tokio::main]
async fn main() {
    let sleep = Box::pin(tokio::time::sleep(Duration::from_millis(100)));
    println!("sleep finished: {}", finished_within(300, log("sleep", sleep)).await);
    println!(
        "yield finished: {}",
        finished_within(300, log("yield", YieldOnce(false))).await
    );

    let flag = Arc::new(AtomicBool::new(false));
    let setter = Arc::clone(&flag);
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(50)).await;
        setter.store(true, Ordering::SeqCst); // set, but there is no waker to call
    });
    let forgetful = log("forgetful", Forgetful(flag));
    println!("forgetful finished: {}", finished_within(300, forgetful).await);
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn each_future_is_polled_as_the_page_says() {
        let sleep =
            log("sleep", Box::pin(tokio::time::sleep(Duration::from_millis(100))));
        let mut sleep = tokio_test::task::spawn(sleep);
        assert!(sleep.poll().is_pending());
        tokio::time::advance(Duration::from_millis(100)).await;
        assert!(sleep.is_woken() && sleep.poll().is_ready());
        assert_eq!(sleep.enter(|_, s| s.polls), 2);

        let mut yielding = tokio_test::task::spawn(YieldOnce(false));
        assert!(yielding.poll().is_pending() && yielding.is_woken());

        let flag = Arc::new(AtomicBool::new(true));
        assert!(finished_within(300, log("forgetful", Forgetful(flag))).await);
        let flag = Arc::new(AtomicBool::new(false));
        let setter = Arc::clone(&flag);
        let forgetful = finished_within(300, log("forgetful", Forgetful(flag)));
        let set_later = async move {
            tokio::time::sleep(Duration::from_millis(50)).await;
            setter.store(true, Ordering::SeqCst);
        };
        let (finished, ()) = tokio::join!(forgetful, set_later);
        assert!(!finished, "set at 50 ms, but never woken, so never polled again");
    }
}
