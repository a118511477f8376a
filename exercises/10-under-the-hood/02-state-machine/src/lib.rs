//! Exercise 10.2: what an `async fn` compiles to, written by hand as a state machine.
//!
//! Read: `src/10-under-the-hood/02-state-machine.md` (chapter 10, "What `async fn` compiles to").
//! Grade: `cargo test` in this folder, or `cargo course check state-machine`.
//!
//! The compiler turns [`two_steps`] into an enum with one variant per place the function can be paused at, and a
//! `poll` that runs the body from the current place to the next `.await` that is not ready. Write that enum's
//! `poll` yourself: [`TwoSteps`] must behave exactly like `two_steps(first, second)`, poll by poll.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::time::Sleep;

/// The async function that [`TwoSteps`] replaces: sleep `first`, then sleep `second`, then return the total.
pub async fn two_steps(first: Duration, second: Duration) -> Duration {
    tokio::time::sleep(first).await;
    tokio::time::sleep(second).await;
    first + second
}

/// The state machine of [`two_steps`], one variant per state. Each `Sleep` is boxed (`Pin<Box<Sleep>>`), so
/// `TwoSteps` is `Unpin` and `poll` may use `self.get_mut()` and replace `*self` freely: no pin projection.
#[derive(Debug)]
pub enum TwoSteps {
    /// Made, never polled: nothing has started yet, and no timer exists.
    Start {
        /// The first wait.
        first: Duration,
        /// The second wait.
        second: Duration,
    },
    /// Waiting for the first sleep (started at the first poll).
    First {
        /// The first sleep, `tokio::time::sleep(first)`, boxed and pinned.
        sleep: Pin<Box<Sleep>>,
        /// The first wait (kept for the total).
        first: Duration,
        /// The second wait (not started yet).
        second: Duration,
    },
    /// Waiting for the second sleep (started at the poll that saw the first one end).
    Second {
        /// The second sleep, `tokio::time::sleep(second)`, boxed and pinned.
        sleep: Pin<Box<Sleep>>,
        /// `first + second`: the value to return.
        total: Duration,
    },
    /// Returned its value. Polling it again is a bug of the caller.
    Done,
}

impl TwoSteps {
    /// The state machine of `two_steps(first, second)`, in its starting state. Like calling an `async fn`, this
    /// does nothing else: no timer is created until the first poll, so the waits count from the first poll, not
    /// from this call.
    pub fn new(first: Duration, second: Duration) -> Self {
        // TODO: return the `Start` state, holding the two durations.
        todo!("the state machine of two_steps({first:?}, {second:?})")
    }
}

impl Future for TwoSteps {
    type Output = Duration;

    /// Runs from the current state as far as it can, like the body of `two_steps`:
    /// - `Start`: create the first sleep (`Box::pin(tokio::time::sleep(first))`), move to `First`, and go on at
    ///   once (poll it in this same call).
    /// - `First`: poll the first sleep. `Pending` → return `Pending` (the sleep has registered the waker). Ready →
    ///   create the second sleep, move to `Second`, and go on at once: poll the second sleep in this same call,
    ///   so that it registers the waker (returning `Pending` without polling it would never be woken; waking
    ///   yourself instead is a wasted poll).
    /// - `Second`: poll the second sleep. `Pending` → `Pending`. Ready → move to `Done` and return
    ///   `Poll::Ready(first + second)`.
    /// - `Done`: panic with a message that contains "`TwoSteps` polled after completion" (what the compiler's
    ///   state machine does too: "`async fn` resumed after completion").
    ///
    /// It never polls a sleep that has finished (it drops each one when its state ends) and never wakes its own
    /// task.
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Duration> {
        // TODO: `let this = self.get_mut();` then `loop { match this { ... } }`, assigning the next state with
        // `*this = TwoSteps::First { .. }` and `continue`-ing to poll it in the same call.
        todo!("poll {:?} with {cx:?}", self)
    }
}
