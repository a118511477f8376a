//! Page "Your own `join`": the simple way, for `Unpin` futures only. (The exercise
//! writes the one for any future.)

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

// ANCHOR: join_unpin
/// Both futures at once, for futures that are `Unpin`: no projection needed, and a
/// `!Unpin` future (an `async` block) goes in as `Box::pin(fut)`.
pub struct JoinUnpin<A: Future, B: Future> {
    a: Option<A>, // `None` once it has finished
    b: Option<B>,
    a_out: Option<A::Output>,
    b_out: Option<B::Output>,
}

pub fn join_unpin<A, B>(a: A, b: B) -> JoinUnpin<A, B>
where
    A: Future + Unpin,
    B: Future + Unpin,
{
    JoinUnpin { a: Some(a), b: Some(b), a_out: None, b_out: None }
}

/// Polls `fut` if it is still there; stores its output and drops it when ready.
fn step<F: Future + Unpin>(
    fut: &mut Option<F>,
    out: &mut Option<F::Output>,
    cx: &mut Context<'_>,
) {
    if let Some(f) = fut
        && let Poll::Ready(value) = Pin::new(f).poll(cx)
    {
        *out = Some(value);
        *fut = None; // finished: never polled again
    }
}

impl<A, B> Future for JoinUnpin<A, B>
where
    A: Future + Unpin,
    B: Future + Unpin,
    A::Output: Unpin,
    B::Output: Unpin,
{
    type Output = (A::Output, B::Output);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut(); // allowed: every field is `Unpin`
        step(&mut this.a, &mut this.a_out, cx);
        step(&mut this.b, &mut this.b_out, cx); // whatever `a` did
        match (this.a_out.take(), this.b_out.take()) {
            (Some(a), Some(b)) => Poll::Ready((a, b)),
            (a, b) => {
                (this.a_out, this.b_out) = (a, b); // put back what we have
                Poll::Pending
            }
        }
    }
}
// ANCHOR_END: join_unpin

pub mod pinned_shape;

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::join_unpin;

    #[tokio::test(start_paused = true)]
    async fn boxed_async_blocks_run_at_the_same_time() {
        let start = tokio::time::Instant::now();
        let slow = Box::pin(async {
            tokio::time::sleep(Duration::from_secs(3)).await;
            "slow"
        });
        let quick = Box::pin(async {
            tokio::time::sleep(Duration::from_secs(1)).await;
            1
        });
        assert_eq!(join_unpin(slow, quick).await, ("slow", 1));
        assert_eq!(start.elapsed(), Duration::from_secs(3));
    }
}
