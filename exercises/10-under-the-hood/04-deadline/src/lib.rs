//! Exercise 10.4: your own timeout, a future that holds a tokio `Sleep` inside it.
//!
//! Read: `src/10-under-the-hood/04-deadline.md` (chapter 10, "Your own timeout").
//! Grade: `cargo test` in this folder, or `cargo course check deadline`.
//!
//! `deadline(fut, limit).await` is `Ok(output)` if `fut` is ready within `limit`, and `Err(TimedOut)` otherwise,
//! like `tokio::time::timeout(limit, fut)` (Python: `asyncio.wait_for(fut, limit)`). It is a `select` of two
//! futures, the work and a timer: the first to be ready wins, and the loser is dropped at once.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use pin_project_lite::pin_project;
use tokio::time::Sleep;

/// The error of a [`Deadline`] whose future was not ready in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimedOut;

pin_project! {
    /// The future [`deadline`] returns. Its output is `Result<F::Output, TimedOut>`.
    ///
    /// Both fields are `#[pin]`: `Sleep` is `!Unpin` (tokio links it into its timer lists), and `F` may be.
    /// `Option<F>` lets `Deadline` drop the future in place (`Pin::set(None)`) while staying pinned itself.
    #[must_use = "futures do nothing unless polled"]
    pub struct Deadline<F> {
        // The work; `None` once it has won or lost (it has been dropped).
        #[pin]
        inner: Option<F>,
        // The timer, due `limit` after `deadline(..)` was called.
        #[pin]
        sleep: Sleep,
    }
}

/// `fut`, with a time limit: the deadline is `limit` after this call (like `tokio::time::timeout`, the timer is
/// created here, with `tokio::time::sleep(limit)`; so call it inside a tokio runtime).
pub fn deadline<F: Future>(fut: F, limit: Duration) -> Deadline<F> {
    // TODO: `Deadline { inner: Some(fut), sleep: tokio::time::sleep(limit) }`.
    todo!("limit a future of type {} to {limit:?}", std::any::type_name_of_val(&fut))
}

impl<F: Future> Future for Deadline<F> {
    type Output = Result<F::Output, TimedOut>;

    /// On every call:
    /// 1. If the future is gone (`inner` is `None`: `Deadline` already returned `Ready`), panic with a message that
    ///    contains "`Deadline` polled after completion".
    /// 2. Poll the future *first*: if it is ready, it wins, even if the deadline has passed too (it did its work
    ///    in time for this poll). Drop it (set `inner` to `None`) and return `Ready(Ok(output))`.
    /// 3. Otherwise poll the sleep: if it is ready, the deadline has passed. Drop the future at once (set `inner`
    ///    to `None`: it may hold a connection or a lock, which must not wait for the caller to drop `Deadline`)
    ///    and return `Ready(Err(TimedOut))`.
    /// 4. Otherwise `Pending`. Both were polled, so both have registered the waker: the task is woken when the
    ///    future can make progress, and at the deadline exactly. Never wake your own task.
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // TODO: `let mut this = self.project();` then `this.inner.as_mut().as_pin_mut()` gives an
        // `Option<Pin<&mut F>>` to poll, `this.inner.set(None)` drops the future in place, and
        // `this.sleep.poll(cx)` polls the timer.
        todo!("poll a deadline (deadline at {:?}) with {cx:?}", self.sleep.deadline())
    }
}
