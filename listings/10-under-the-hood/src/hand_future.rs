//! Page "A future by hand": the trait, a future that yields once, and the classic bug.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

pub mod shape;

// ANCHOR: yield_once
/// Pending the first time, ready the second: it gives the executor a chance to run
/// other tasks (tokio's `yield_now` does this). Its `Pending` wakes its own task at
/// once, which is right *here*: it has nothing to wait for, it only steps aside.
#[derive(Debug, Default)]
pub struct YieldOnce {
    yielded: bool,
}

impl Future for YieldOnce {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        cx.waker().wake_by_ref(); // "poll me again soon"
        Poll::Pending
    }
}
// ANCHOR_END: yield_once

// ANCHOR: forgetful
/// The classic bug: waits for a flag, but returns `Pending` without giving the waker
/// to anyone. Whoever sets the flag cannot wake the task, so it sleeps forever.
#[derive(Debug)]
pub struct Forgetful {
    pub flag: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Future for Forgetful {
    type Output = ();

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        if self.flag.load(std::sync::atomic::Ordering::SeqCst) {
            Poll::Ready(())
        } else {
            Poll::Pending // and nobody knows whom to wake
        }
    }
}
// ANCHOR_END: forgetful

#[cfg(test)]
mod tests;
