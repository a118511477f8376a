//! Exercise 10.5: a minimal executor, `block_on` with a thread-parking waker.
//!
//! Read: `src/10-under-the-hood/05-block-on.md` (chapter 10, "A minimal executor").
//! Grade: `cargo test` in this folder, or `cargo course check block-on`.
//!
//! `block_on(fut)` runs one future to the end on the calling thread, like tokio's `Runtime::block_on` without the
//! timers and the I/O (Python: `asyncio.run`, or `loop.run_until_complete`). Between polls the thread sleeps
//! (`std::thread::park`) until the future's waker is called, from any thread, and then polls once more.
//! No `unsafe`: the waker is an `Arc<ThreadWaker>`, turned into a `Waker` by `std::task::Wake`.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::Thread;

/// What the waker of [`block_on`] holds: the thread to unpark, and whether it has been woken since it last
/// looked. (The flag matters: `park` may return without any `unpark`, and a wake-up may come while the future is
/// being polled, before the thread parks. Neither may be lost, and neither may cause an extra poll.)
#[derive(Debug)]
pub struct ThreadWaker {
    /// The thread that runs `block_on`.
    pub thread: Thread,
    /// Set by `wake`, cleared by `block_on` when it goes on to poll.
    pub woken: AtomicBool,
}

impl Wake for ThreadWaker {
    /// Marks the waker woken, then unparks the thread. Called from any thread, any number of times.
    fn wake(self: Arc<Self>) {
        // ANCHOR: wake
        self.woken.store(true, Ordering::Release);
        self.thread.unpark();
        // ANCHOR_END: wake
    }
}

/// Runs `fut` on this thread until it is ready, and returns its output.
///
/// Polls it once at the start, and after that once per wake-up: when it is `Pending`, sleep until its waker has
/// been called (at least once since that poll started), then poll again. Never polls in a loop without being
/// woken (a busy loop), never misses a wake-up that came during a poll (the future may even wake itself inside
/// `poll`), works with wakers called from other OS threads. Several wake-ups that come before the next poll may
/// make just one poll. No tokio here: the future must not need tokio's timers or I/O.
pub fn block_on<F: Future>(fut: F) -> F::Output {
    // ANCHOR: solution
    let mut fut = std::pin::pin!(fut);
    let parker = Arc::new(ThreadWaker { thread: std::thread::current(), woken: AtomicBool::new(false) });
    let waker = Waker::from(Arc::clone(&parker));
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = fut.as_mut().poll(&mut cx) {
            return output;
        }
        // Sleep until a wake-up since the poll started; one that came during it is already in the flag.
        while !parker.woken.swap(false, Ordering::Acquire) {
            std::thread::park();
        }
    }
    // ANCHOR_END: solution
}
