//! Exercise 10.3: your own `join` of two futures, with pin projection.
//!
//! Read: `src/10-under-the-hood/03-join-two.md` (chapter 10, "Your own `join`"), after "Why `Pin` exists".
//! Grade: `cargo test` in this folder, or `cargo course check join-two`.
//!
//! `join(a, b).await` runs `a` and `b` at the same time and gives both outputs, like `tokio::join!(a, b)` or
//! Python's `asyncio.gather(a, b)`. It works for *any* two futures, including `async` blocks, which are `!Unpin`:
//! so `Join` holds them pinned in place and reaches them through pin projection (`pin_project!` from
//! `pin-project-lite` writes the projection for you).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use pin_project_lite::pin_project;

pin_project! {
    /// The future [`join`] returns. Its output is `(A::Output, B::Output)`.
    ///
    /// `#[pin]` marks the fields that stay pinned (the two futures: they may be self-referential); the others
    /// are reached as plain `&mut`. `self.project()` in `poll` gives one `Pin<&mut A>`, one `Pin<&mut B>` and
    /// `&mut` to the rest, all at the same time.
    #[must_use = "futures do nothing unless polled"]
    pub struct Join<A, B>
    where
        A: Future,
        B: Future,
    {
        #[pin]
        a: A,
        #[pin]
        b: B,
        // `a`'s output once it is ready (`a` is never polled again after that), until `Join` returns it.
        a_out: Option<A::Output>,
        // `b`'s output once it is ready, until `Join` returns it.
        b_out: Option<B::Output>,
        // Whether `Join` has returned `Poll::Ready` (after which it must not be polled).
        finished: bool,
    }
}

/// A future that polls `a` and `b` until both are ready, and is then ready with `(a's output, b's output)`.
/// Like an `async fn`, it does nothing until polled.
pub fn join<A: Future, B: Future>(a: A, b: B) -> Join<A, B> {
    // TODO: `Join { a, b, a_out: None, b_out: None, finished: false }`.
    todo!("join two futures of types {} and {}", std::any::type_name_of_val(&a), std::any::type_name_of_val(&b))
}

impl<A: Future, B: Future> Future for Join<A, B> {
    type Output = (A::Output, B::Output);

    /// On every call:
    /// - if `Join` already returned `Ready`, panic with a message that contains "`Join` polled after completion";
    /// - poll `a` if it has not finished yet, and keep its output when it is ready;
    /// - then poll `b` if it has not finished yet (whatever `a` did: both make progress on the same wake), and
    ///   keep its output when it is ready;
    /// - if both outputs are kept, return `Poll::Ready((a_out, b_out))` (and remember that it finished);
    ///   otherwise `Poll::Pending` (the pending future(s) have registered the waker; do not wake yourself).
    ///
    /// A future that has returned `Ready` is never polled again: many futures panic if they are. `Join` may be
    /// polled any number of times while it is pending (spurious wake-ups); outputs already kept stay kept.
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // TODO: `let this = self.project();` then `this.a.poll(cx)` (a `Pin<&mut A>`) when `this.a_out.is_none()`,
        // the same for `b`, then `if this.a_out.is_some() && this.b_out.is_some()`: take both (`.take()`).
        todo!("poll a join (finished: {}) with {cx:?}", self.finished)
    }
}
