//! Page "Your own timeout": a race of two `Unpin` futures, the loser dropped as soon as
//! the winner is ready.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

// ANCHOR: race
/// Which future of a [`race`] finished first, with its output.
#[derive(Debug, PartialEq, Eq)]
pub enum Winner<L, R> {
    Left(L),
    Right(R),
}

/// The first of two `Unpin` futures to be ready; the other is dropped at that moment.
pub struct Race<A, B> {
    both: Option<(A, B)>, // `None` once decided: both dropped
}

pub fn race<A: Future + Unpin, B: Future + Unpin>(a: A, b: B) -> Race<A, B> {
    Race { both: Some((a, b)) }
}

impl<A: Future + Unpin, B: Future + Unpin> Future for Race<A, B> {
    type Output = Winner<A::Output, B::Output>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let (a, b) = self.both.as_mut().expect("`Race` polled after completion");
        let winner = if let Poll::Ready(out) = Pin::new(a).poll(cx) {
            Winner::Left(out) // `a` is polled first: it wins a tie
        } else if let Poll::Ready(out) = Pin::new(b).poll(cx) {
            Winner::Right(out)
        } else {
            return Poll::Pending;
        };
        self.both = None; // drops the loser now, not when `Race` is dropped
        Poll::Ready(winner)
    }
}
// ANCHOR_END: race

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::{Winner, race};

    #[tokio::test(start_paused = true)]
    async fn the_loser_is_dropped_when_the_winner_is_ready() {
        sim::journal::reset();
        let work = Box::pin(sim::journal::traced("work", async {
            tokio::time::sleep(Duration::from_secs(5)).await;
            "done"
        }));
        let timer = Box::pin(tokio::time::sleep(Duration::from_secs(2)));
        assert_eq!(race(work, timer).await, Winner::Right(()));
        let work = sim::journal::span("work").expect("the work ran");
        assert!(work.cancelled);
        assert_eq!(work.end, Some(Duration::from_secs(2)));
    }
}
