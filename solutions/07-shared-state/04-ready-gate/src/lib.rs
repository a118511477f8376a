//! Solution to exercise 7.4.

use std::sync::atomic::Ordering;

use sim::sync::AtomicBool;

use tokio::sync::Notify;

/// A gate that starts closed and, once opened, stays open.
#[derive(Debug, Default)]
pub struct Gate {
    open: AtomicBool,
    notify: Notify,
}

// ANCHOR: solution
impl Gate {
    /// A closed gate.
    pub fn new() -> Self {
        Self::default()
    }

    /// Opens the gate for good, and wakes every task waiting at it.
    pub fn open(&self) {
        self.open.store(true, Ordering::SeqCst); // first the flag, for those who come later
        self.notify.notify_waiters(); // then wake those already waiting
    }

    /// Whether the gate has been opened.
    pub fn is_open(&self) -> bool {
        self.open.load(Ordering::SeqCst)
    }

    /// Waits until the gate is open; returns at once if it already is.
    pub async fn wait(&self) {
        // register interest *before* checking the flag, so an `open` in between is not missed
        let notified = self.notify.notified();
        if self.is_open() {
            return;
        }
        notified.await;
    }
}
// ANCHOR_END: solution
