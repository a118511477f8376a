//! Exercise 10.1: a future written by hand, with `Poll`, `Context` and `Waker`.
//!
//! Read: `src/10-under-the-hood/01-signal-future.md` (chapter 10, "A future by hand").
//! Grade: `cargo test` in this folder, or `cargo course check signal-future`.
//!
//! `signal()` makes a pair: a [`Trigger`] that some other task (or thread) fires once, and a [`Signal`], a future
//! that is pending until the trigger has fired. It is a one-shot version of Python's `asyncio.Event`, written
//! without any of tokio's synchronisation types: only a flag, a `Waker` and a `Mutex` around them.
//!
//! The rules of `Future::poll` this exercise is about:
//! - `poll` returns `Poll::Pending` only after it has arranged to be woken later: here, by keeping a clone of
//!   `cx.waker()` where [`Trigger::fire`] will find it. A `Pending` with no stored waker leaves the task asleep
//!   forever.
//! - `poll` does not wake its own task (`cx.waker().wake_by_ref()`) when nothing has changed: that makes the
//!   executor poll it again at once, in a busy loop.
//! - The task that polls may change between polls (a future can move from one task to another, as in
//!   `select!`): the waker to wake is the one from the *latest* poll.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

/// What the [`Trigger`] and the [`Signal`] share (behind an `Arc<Mutex<_>>`).
#[derive(Debug, Default)]
struct Shared {
    /// Whether [`Trigger::fire`] has been called.
    fired: bool,
    /// The waker of the task that last polled the [`Signal`] while it was pending, if any.
    waker: Option<Waker>,
}

/// The firing half. Cheap to clone; may be sent to another task or another OS thread.
#[derive(Debug, Clone)]
pub struct Trigger {
    shared: Arc<Mutex<Shared>>,
}

/// The waiting half: a future that is ready once the [`Trigger`] has fired.
#[derive(Debug)]
pub struct Signal {
    shared: Arc<Mutex<Shared>>,
}

/// A new trigger and the signal it fires, not fired yet.
pub fn signal() -> (Trigger, Signal) {
    let shared = Arc::new(Mutex::new(Shared::default()));
    (Trigger { shared: Arc::clone(&shared) }, Signal { shared })
}

impl Trigger {
    /// Fires the signal: from now on the [`Signal`] is ready. If a task is waiting on it (a waker is stored), that
    /// task is woken, exactly once; the stored waker is taken out (not kept after it has been used). Firing again
    /// later does nothing more. Never blocks for long and never panics.
    pub fn fire(&self) {
        // ANCHOR: fire
        let waker = {
            let mut shared = self.shared.lock().expect("the signal's lock");
            shared.fired = true;
            shared.waker.take()
        }; // the lock is released here, before anyone is woken
        if let Some(waker) = waker {
            waker.wake();
        }
        // ANCHOR_END: fire
    }
}

impl Future for Signal {
    type Output = ();

    /// `Poll::Ready(())` if the trigger has fired (every time it is polled after that, too).
    ///
    /// Otherwise `Poll::Pending`, after storing the waker of the current task so that [`Trigger::fire`] can wake
    /// it: if a waker is already stored and `will_wake(cx.waker())` says it wakes the same task, keep it (no
    /// clone); otherwise replace it with `cx.waker().clone()`, so that the task that polled last is the one woken.
    /// Never wakes its own task.
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // ANCHOR: solution
        let mut shared = self.shared.lock().expect("the signal's lock");
        if shared.fired {
            return Poll::Ready(());
        }
        match &shared.waker {
            Some(stored) if stored.will_wake(cx.waker()) => {} // the same task: keep it
            _ => shared.waker = Some(cx.waker().clone()),
        }
        Poll::Pending
        // ANCHOR_END: solution
    }
}
