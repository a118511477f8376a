//! Graded tests for exercise 10.5. `block_on` runs on a plain OS thread of its own (outside tokio), over futures
//! that count their polls and are woken from other OS threads. A `block_on` that never returns is reported after
//! 2 s of real time: it is waiting for a wake-up that was lost.

use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use block_on::block_on;

const PAGE: grader::Page = grader::Page::new("src/10-under-the-hood/05-block-on.md");

/// The wake came from another thread while `block_on` was parked: the waker did not unpark it.
const NOT_UNPARKED: &str = "a lost wake-up: the thread parked and the waker never unparked it. `wake` must set the \
    flag *and* unpark the thread that runs `block_on` (keep its `std::thread::current()` in the waker and call \
    `.unpark()` on it). (If `wake` does unpark: check that `block_on` clears the flag before it polls, not after.)";

/// The future woke itself inside `poll`: unparking does not matter there (the thread is not parked yet), so the
/// wake-up was erased by a flag cleared after the poll.
const ERASED: &str = "a lost wake-up: the future woke itself during `poll`, and `block_on` then cleared the flag \
    (after the poll), erasing that wake-up, and parked for good. Clear the flag just before each poll \
    (`swap(false)` when the thread wakes up), never after it.";

const LOST: &str = "a lost wake-up: the thread parked and nothing unparked it. `wake` must set the flag *and* \
    unpark the thread (`self.thread.unpark()`, the thread that runs `block_on`); and `block_on` must clear the flag \
    just before it polls (`swap(false)` when it wakes up), never after the poll: a wake-up that comes during the \
    poll (or from the future itself, inside `poll`) would be erased, and the thread would park for good.";

/// Runs `f` (which calls `block_on`) on a plain thread and waits up to 2 s of real time for its result.
fn on_its_own_thread<T: Send + 'static>(what: &str, cause: &'static str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    let thread = std::thread::Builder::new()
        .name("block_on".to_string())
        .spawn(move || {
            let _ = tx.send(f());
        })
        .expect("start a thread");
    match rx.recv_timeout(Duration::from_secs(2)) {
        Ok(output) => {
            let _ = thread.join();
            output
        }
        Err(RecvTimeoutError::Disconnected) => {
            let payload = thread.join().expect_err("the thread ended without a result");
            let message = grader::catch(|| std::panic::resume_unwind(payload)).unwrap_err();
            PAGE.failure(format!("{what} panicked: {message}")).fail()
        }
        Err(RecvTimeoutError::Timeout) => PAGE
            .failure(format!(
                "{what} had not returned after 2 s of real time (it takes microseconds): its thread is parked, \
                 waiting for a wake-up that already happened or never reached it."
            ))
            .cause(cause)
            .fail(),
    }
}

/// What a [`Remote`] future and the thread that wakes it share.
#[derive(Default)]
struct Remote {
    /// Wake-ups sent so far by the other thread.
    wakes_sent: usize,
    /// `wakes_sent` as the last poll saw it.
    seen: usize,
    polls: usize,
    /// Polls that came with no wake-up since the previous poll.
    unwoken_polls: usize,
    /// Polls that ran inside a tokio runtime.
    inside_tokio: usize,
    waker: Option<Waker>,
}

/// A future that is ready once another OS thread has woken it `wakes` times; that thread sends each wake-up only
/// after the future was polled (and said `Pending`) again.
struct RemoteFuture {
    shared: Arc<Mutex<Remote>>,
    wakes: usize,
    polled: mpsc::Sender<()>,
}

impl Future for RemoteFuture {
    type Output = Remote;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Remote> {
        let mut shared = self.shared.lock().expect("lock");
        shared.polls += 1;
        if shared.polls > 1 && shared.wakes_sent == shared.seen {
            shared.unwoken_polls += 1;
        }
        shared.seen = shared.wakes_sent;
        if tokio::runtime::Handle::try_current().is_ok() {
            shared.inside_tokio += 1;
        }
        if shared.wakes_sent == self.wakes {
            return Poll::Ready(std::mem::take(&mut *shared));
        }
        shared.waker = Some(cx.waker().clone());
        drop(shared);
        let _ = self.polled.send(());
        Poll::Pending
    }
}

/// A remote future and the thread that wakes it `wakes` times.
fn woken_from_another_thread(wakes: usize) -> RemoteFuture {
    let shared = Arc::new(Mutex::new(Remote::default()));
    let (polled, polls) = mpsc::channel::<()>();
    let remote = Arc::clone(&shared);
    std::thread::spawn(move || {
        for _ in 0..wakes {
            if polls.recv().is_err() {
                return;
            }
            let waker = {
                let mut shared = remote.lock().expect("lock");
                shared.wakes_sent += 1;
                shared.waker.take()
            };
            if let Some(waker) = waker {
                waker.wake();
            }
        }
    });
    RemoteFuture { shared, wakes, polled }
}

#[test]
fn returns_the_output() {
    grader::run(async || {
        let (output, polls) = on_its_own_thread("`block_on(a future that is ready at once)`", LOST, || {
            let mut polls = 0;
            let output = block_on(std::future::poll_fn(|_| {
                polls += 1;
                Poll::Ready(6 * 7)
            }));
            (output, polls)
        });
        PAGE.failure("`block_on` of a future that is ready at once should return its output.").unless_eq(&output, &42);
        PAGE.failure(format!("a future that is ready at once should be polled once; it was polled {polls} times."))
            .cause("return the output as soon as `poll` gives `Poll::Ready`.")
            .unless(polls == 1);
        let text =
            on_its_own_thread("`block_on(async { .. })`", LOST, || block_on(async { format!("{}-{}", "block", "on") }));
        PAGE.failure("`block_on(async { .. })` should return the block's value.")
            .unless_eq(&text, &"block-on".to_string());
    });
}

#[test]
fn polls_once_per_wake_from_another_thread() {
    grader::run(async || {
        const WAKES: usize = 5;
        let remote =
            on_its_own_thread("`block_on` of a future woken 5 times from another thread", NOT_UNPARKED, || {
                block_on(woken_from_another_thread(WAKES))
            });
        PAGE.failure(format!(
            "the future was polled inside a tokio runtime {} time(s): `block_on` must be your own executor.",
            remote.inside_tokio
        ))
        .cause("`block_on` built or used a tokio runtime. Poll the future yourself, and park the thread between polls.")
        .unless(remote.inside_tokio == 0);
        PAGE.failure(format!(
            "a future woken {WAKES} times, each time after it was polled, should be polled exactly {} times (once at \
             the start, once per wake-up); it was polled {} times, {} of them without any wake-up since the \
             previous poll.",
            WAKES + 1,
            remote.polls,
            remote.unwoken_polls
        ))
        .cause(if remote.unwoken_polls > 0 {
            "busy polling: `block_on` polled again without waiting for a wake-up, burning a core while nothing \
             changed. After `Pending`, park the thread (`std::thread::park()`) until the waker's flag says it was \
             woken, and only then poll."
        } else {
            "a wake-up was not followed by exactly one poll."
        })
        .unless(remote.polls == WAKES + 1 && remote.unwoken_polls == 0);
    });
}

#[test]
fn a_wake_during_poll_is_not_lost() {
    grader::run(async || {
        let (yields, polls) = on_its_own_thread("`block_on` of a future that wakes itself 3 times", ERASED, || {
            let mut polls = 0;
            let mut yields = 0;
            let output = block_on(std::future::poll_fn(|cx| {
                polls += 1;
                if yields == 3 {
                    return Poll::Ready(yields);
                }
                yields += 1;
                cx.waker().wake_by_ref(); // woken before `Pending` is even returned
                Poll::Pending
            }));
            (output, polls)
        });
        PAGE.failure("a future that wakes itself 3 times (a `yield_now`) and is then ready should give 3.")
            .unless_eq(&yields, &3);
        PAGE.failure(format!(
            "a future that wakes itself 3 times should be polled 4 times; it was polled {polls} times."
        ))
        .cause("busy polling: poll once per wake-up, not in a loop.")
        .unless(polls == 4);
        let remote =
            on_its_own_thread("`block_on` of a future woken 50 times from another thread", NOT_UNPARKED, || {
                block_on(woken_from_another_thread(50))
            });
        PAGE.failure(format!(
            "a future woken 50 times from another thread was polled {} times, {} of them not woken.",
            remote.polls, remote.unwoken_polls
        ))
        .cause("busy polling: park the thread until it is woken.")
        .unless(remote.unwoken_polls == 0);
    });
}
