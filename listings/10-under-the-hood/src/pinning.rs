//! Page "Why `Pin` exists": a future that borrows from itself, pinning on the stack
//! and on the heap, and projecting `Pin<&mut Self>` to a field, by hand and with
//! `pin-project-lite`.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use pin_project_lite::pin_project;

// ANCHOR: self_ref
/// `word` points into `text`, and both live in the future's state across the
/// `.await`: the state machine holds a pointer into itself. Moved to another address
/// while paused, `word` would point at the old place.
pub async fn first_word_later(text: String, delay: Duration) -> usize {
    let word = text.split(' ').next().unwrap_or(""); // borrows `text`
    tokio::time::sleep(delay).await; // paused here: `text` and `word` are both stored
    word.len()
}
// ANCHOR_END: self_ref

// ANCHOR: pin_by_hand
/// Polls a future once, by hand, with a waker that does nothing.
pub fn poll_once<F: Future + ?Sized>(fut: Pin<&mut F>) -> Poll<F::Output> {
    fut.poll(&mut Context::from_waker(std::task::Waker::noop()))
}

pub fn pinning_two_ways() {
    // On the stack: `pin!` moves the future into a place it can never leave, and
    // gives a `Pin<&mut _>` to it.
    let mut on_stack = std::pin::pin!(async { 1 });
    assert_eq!(poll_once(on_stack.as_mut()), Poll::Ready(1));

    // On the heap: `Box::pin` gives a `Pin<Box<_>>`, which may be moved around
    // freely (the box moves, the future stays put) and stored in a struct or a Vec.
    let mut on_heap: Pin<Box<dyn Future<Output = i32>>> = Box::pin(async { 2 });
    assert_eq!(poll_once(on_heap.as_mut()), Poll::Ready(2));
}
// ANCHOR_END: pin_by_hand

// ANCHOR: unpin_projection
/// Counts the polls of a future that is `Unpin`: then `Pin<&mut Self>` is as good
/// as `&mut Self`, and `Pin::new` re-pins the field. No macro, no `unsafe`.
pub struct CountPolls<F> {
    pub inner: F,
    pub polls: u32,
}

impl<F: Future + Unpin> Future for CountPolls<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.polls += 1; // `Pin<&mut Self>` derefs mutably: `Self` is `Unpin`
        Pin::new(&mut self.inner).poll(cx)
    }
}
// ANCHOR_END: unpin_projection

// ANCHOR: pin_project
pin_project! {
    /// The same for *any* future. `#[pin]` fields are reached as `Pin<&mut F>`, the
    /// others as `&mut`: `project()` is the projection the macro writes (and checks)
    /// for you.
    pub struct CountPollsPinned<F> {
        #[pin]
        inner: F,
        polls: u32,
    }
}

impl<F> CountPollsPinned<F> {
    pub fn new(inner: F) -> Self {
        CountPollsPinned { inner, polls: 0 }
    }

    pub fn polls(&self) -> u32 {
        self.polls
    }
}

impl<F: Future> Future for CountPollsPinned<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project(); // this.inner: Pin<&mut F>, this.polls: &mut u32
        *this.polls += 1;
        this.inner.poll(cx)
    }
}
// ANCHOR_END: pin_project

#[cfg(test)]
mod tests;
