//! Page "What `async fn` compiles to": a one-step async fn, and its state machine
//! written out by hand.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::time::Sleep;

// ANCHOR: greet
/// Waits `delay`, then greets `name`.
pub async fn greet(name: String, delay: Duration) -> String {
    tokio::time::sleep(delay).await;
    format!("Hello, {name}!")
}
// ANCHOR_END: greet

// ANCHOR: greet_by_hand
/// What the compiler makes of `greet`, more or less: one variant per place the body
/// can be paused at, holding the variables alive there.
#[derive(Debug)]
pub enum Greet {
    /// Called, not polled yet: only the arguments exist.
    Start { name: String, delay: Duration },
    /// Paused at `sleep(delay).await`: the sleep, and `name` (needed after it).
    Sleeping { sleep: Pin<Box<Sleep>>, name: String },
    /// Returned.
    Done,
}

impl Greet {
    pub fn new(name: String, delay: Duration) -> Self {
        Greet::Start { name, delay } // like calling an async fn: nothing runs yet
    }
}

impl Future for Greet {
    type Output = String;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<String> {
        let this = self.get_mut(); // fine: every field is `Unpin` (the sleep is boxed)
        loop {
            match this {
                Greet::Start { name, delay } => {
                    // The code before the first `.await` runs at the first poll.
                    let sleep = Box::pin(tokio::time::sleep(*delay));
                    let name = std::mem::take(name);
                    *this = Greet::Sleeping { sleep, name }; // and go on at once
                }
                Greet::Sleeping { sleep, name } => {
                    if sleep.as_mut().poll(cx).is_pending() {
                        return Poll::Pending; // the sleep has our waker
                    }
                    let greeting = format!("Hello, {name}!");
                    *this = Greet::Done;
                    return Poll::Ready(greeting);
                }
                Greet::Done => panic!("`Greet` polled after completion"),
            }
        }
    }
}
// ANCHOR_END: greet_by_hand

// ANCHOR: two_naps
/// Two sleeps in a row, recorded in the journal (for the timeline of polls and
/// wake-ups).
pub async fn two_naps() -> u32 {
    sim::journal::traced(
        "sleep(2 s).await",
        tokio::time::sleep(Duration::from_secs(2)),
    )
    .await;
    sim::journal::traced(
        "sleep(3 s).await",
        tokio::time::sleep(Duration::from_secs(3)),
    )
    .await;
    5
}
// ANCHOR_END: two_naps

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use tokio_test::task;
    use tokio_test::{assert_pending, assert_ready_eq};

    use super::{Greet, greet};

    #[tokio::test(start_paused = true)]
    async fn the_hand_written_machine_behaves_like_the_async_fn() {
        let delay = Duration::from_secs(2);
        let mut by_hand = task::spawn(Greet::new("Ada".into(), delay));
        let mut compiled = task::spawn(greet("Ada".into(), delay));
        assert_pending!(by_hand.poll());
        assert_pending!(compiled.poll());
        tokio::time::advance(delay).await;
        assert!(by_hand.is_woken() && compiled.is_woken());
        assert_ready_eq!(by_hand.poll(), "Hello, Ada!");
        assert_ready_eq!(compiled.poll(), "Hello, Ada!");
    }

    #[tokio::test(start_paused = true)]
    async fn a_finished_machine_panics_if_polled() {
        let mut by_hand = task::spawn(Greet::new("Ada".into(), Duration::ZERO));
        assert_ready_eq!(by_hand.poll(), "Hello, Ada!");
        let again =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| by_hand.poll()));
        assert!(again.is_err());
    }
}
