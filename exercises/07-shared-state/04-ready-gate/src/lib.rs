//! Exercise 7.4: a wait-until-ready gate with `Notify` (Python's `asyncio.Event`).
//!
//! Read: `src/07-shared-state/04-ready-gate.md` (chapter 7, "Waiting for a signal: `Notify`").
//! Grade: `cargo test` in this folder, or `cargo course check ready-gate`.
//!
//! The exchange-rate service must load its rate table (`sim::rates::load_rate_table`, 2 s) before it answers
//! anything. Requests that arrive earlier wait at a `Gate`, which the loading task opens when it is done.
//!
//! `AtomicBool` here is `sim::sync::AtomicBool`: std's `AtomicBool` with the same methods (`load`, `store`, with
//! an `Ordering` from `std::sync::atomic`). The grader uses it to run an `open` right after a `wait` reads the
//! flag, or a new `wait` right before `open` sets it, so a lost wake-up shows on every run.

use sim::sync::AtomicBool;

use tokio::sync::Notify;

/// A gate that starts closed and, once opened, stays open. Shared by every task (through an `Arc<Gate>`).
#[derive(Debug, Default)]
pub struct Gate {
    /// Whether `open` has been called.
    open: AtomicBool,
    /// Wakes the tasks waiting in `wait`.
    notify: Notify,
}

impl Gate {
    /// A closed gate.
    pub fn new() -> Self {
        Self::default()
    }

    /// Opens the gate for good: every task waiting in [`Gate::wait`] wakes up now, and every later call of `wait`
    /// returns at once. Opening an open gate does nothing.
    pub fn open(&self) {
        // TODO: set the flag (`self.open.store(true, Ordering::SeqCst)`), then wake *every* waiting task
        // (`notify_waiters`, not `notify_one`).
        todo!("open the gate: {:?}, {:?}", self.open, self.notify)
    }

    /// Whether the gate has been opened.
    pub fn is_open(&self) -> bool {
        // TODO: load the flag.
        todo!("read {:?}", self.open)
    }

    /// Waits until the gate is open, and returns at the very instant it opens (no polling); returns at once if it
    /// is already open.
    pub async fn wait(&self) {
        // TODO: make the `self.notify.notified()` future first, then check the flag (return if open), then await
        // the future. In that order an `open` that happens between the check and the wait is not missed.
        todo!("wait for {:?}", self.notify)
    }
}
