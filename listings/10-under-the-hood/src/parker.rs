//! Page "A minimal executor": a waker that unparks a thread, made with `std::task::Wake`
//! (no `unsafe`).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::Wake;
use std::thread::Thread;

// ANCHOR: wake
/// What the waker of a `block_on` holds.
pub struct ThreadWaker {
    pub thread: Thread,    // the thread that runs `block_on`
    pub woken: AtomicBool, // set by `wake`, cleared just before each poll
}

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.woken.store(true, Ordering::Release); // first the flag...
        self.thread.unpark(); // ...then the thread: it may be parked, or about to be
    }
}
// `let waker = std::task::Waker::from(Arc::new(ThreadWaker { .. }));`
// ANCHOR_END: wake

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::task::Waker;

    use super::ThreadWaker;

    #[test]
    fn a_waker_called_from_another_thread_unparks_this_one() {
        let parker = Arc::new(ThreadWaker {
            thread: std::thread::current(),
            woken: AtomicBool::new(false),
        });
        let waker = Waker::from(Arc::clone(&parker));
        std::thread::spawn(move || waker.wake());
        while !parker.woken.swap(false, Ordering::Acquire) {
            std::thread::park();
        }
    }
}
