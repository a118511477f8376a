//! Measuring virtual time, and timing checks whose failures explain themselves.
//!
//! All times here are read from tokio's clock, which the harness pauses: they are exact and repeatable.

use std::cell::Cell;
use std::future::Future;
use std::task::Poll;
use std::time::Duration;

use sim::journal::secs;
use tokio::time::Instant;

use crate::Failure;

/// Awaits `fut` and returns its output with the virtual time it took.
///
/// ```
/// # grader::run(async || {
/// let (out, took) = grader::timed(async { tokio::time::sleep(grader::secs(2)).await; 7 }).await;
/// assert_eq!((out, took), (7, grader::secs(2)));
/// # });
/// ```
pub async fn timed<F: Future>(fut: F) -> (F::Output, Duration) {
    let start = Instant::now();
    let wall = std::time::Instant::now();
    let out = fut.await;
    // Real time is never part of a verdict; it only tells two causes of "no virtual time passed" apart.
    LAST_WALL.set(Some(wall.elapsed()));
    (out, start.elapsed())
}

thread_local! {
    /// The real time the last [`timed`] future on this thread took.
    static LAST_WALL: Cell<Option<Duration>> = const { Cell::new(None) };
}

/// Real time above which "no virtual time passed" means the thread was blocked rather than nothing awaited.
const BLOCKED: Duration = Duration::from_millis(100);

/// Why a wait that should have taken virtual time took none, told apart by the real time it took (`wall`, if
/// measured): a thread blocked in `std::thread::sleep` spends real time, a sleep future that was never awaited
/// spends none. The verdict never depends on real time; only the explanation does.
///
/// ```
/// use std::time::Duration;
/// assert!(grader::zero_time_cause(Some(Duration::ZERO)).contains("forget an `.await`"));
/// assert!(grader::zero_time_cause(Some(Duration::from_secs(2))).contains("std::thread::sleep"));
/// ```
pub fn zero_time_cause(wall: Option<Duration>) -> String {
    match wall {
        Some(wall) if wall >= BLOCKED => format!(
            "no virtual time passed, but {:.1} s of real time did: the thread was blocked (`std::thread::sleep`, a \
             blocking call), so tokio's clock could not move and nothing else could run. Use \
             `tokio::time::sleep(..).await`.",
            wall.as_secs_f64()
        ),
        Some(_) => "no time passed at all, on tokio's clock or the real one: the waiting never happened. Did you \
                    forget an `.await`? A future such as `tokio::time::sleep(delay)` does nothing until it is \
                    awaited (rustc warns: \"futures do nothing unless you `.await` or poll them\")."
            .to_string(),
        None => "no virtual time passed at all, so the waiting never happened on tokio's clock. Did you forget an \
                 `.await`, or use `std::thread::sleep` (which blocks the thread and never advances tokio's clock) \
                 instead of `tokio::time::sleep(..).await`?"
            .to_string(),
    }
}

/// Starts a timing check: `what` took `took` of virtual time. Say what was expected with
/// [`Timing::expected`], explain likely mistakes with [`Timing::when`], then [`Timing::check`].
///
/// ```
/// # use grader::secs;
/// # grader::run(async || {
/// # let took = secs(3);
/// grader::took("the three requests", took)
///     .expected(secs(3))
///     .when(secs(6), "you awaited the requests one after another; start them together with `tokio::join!`")
///     .read("src/03-concurrency/01-join.md")
///     .check();
/// # });
/// ```
pub fn took(what: impl Into<String>, took: Duration) -> Timing {
    Timing {
        what: what.into(),
        took,
        expected: None,
        tolerance: Duration::ZERO,
        causes: Vec::new(),
        read: None,
        timeline: true,
    }
}

/// A timing expectation; see [`took`].
#[must_use = "a timing expectation does nothing until `.check()` is called"]
#[derive(Clone, Debug)]
pub struct Timing {
    what: String,
    took: Duration,
    expected: Option<Duration>,
    tolerance: Duration,
    causes: Vec<(Duration, String)>,
    read: Option<String>,
    timeline: bool,
}

impl Timing {
    /// The virtual time it should have taken.
    pub fn expected(mut self, expected: Duration) -> Self {
        self.expected = Some(expected);
        self
    }

    /// Accept up to `tolerance` either side (default: exact). tokio's timers tick in whole milliseconds, so
    /// random, sub-millisecond delays need 1 ms.
    pub fn within(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// If it took `took` (within the tolerance), `cause` is the likely mistake: it is shown on failure.
    pub fn when(mut self, took: Duration, cause: impl Into<String>) -> Self {
        self.causes.push((took, cause.into()));
        self
    }

    /// The book page to read when this check fails.
    pub fn read(mut self, page: impl Into<String>) -> Self {
        self.read = Some(page.into());
        self
    }

    /// Leave the timeline of simulated work out of the failure message.
    pub fn without_timeline(mut self) -> Self {
        self.timeline = false;
        self
    }

    /// Fails the test with an explanation unless the measured time matches the expectation.
    #[track_caller]
    pub fn check(self) {
        if let Err(message) = self.verdict() {
            panic!("{message}");
        }
    }

    /// The verdict without panicking: `Err` holds the message [`Timing::check`] would fail with.
    pub fn verdict(&self) -> Result<(), String> {
        let expected = self.expected.expect("a timing check needs `.expected(..)` before `.check()`");
        if self.took.abs_diff(expected) <= self.tolerance {
            return Ok(());
        }
        let mut out = format!(
            "timing: expected {} to take {} of virtual time, but it took {}.",
            self.what,
            secs(expected),
            secs(self.took)
        );
        let cause = self.causes.iter().find(|(t, _)| self.took.abs_diff(*t) <= self.tolerance).map(|(_, c)| c.clone());
        let cause = cause.unwrap_or_else(|| generic_cause(self.took, expected));
        crate::failure::footer(&mut out, Some(&cause), self.timeline, self.read.as_deref());
        Err(out)
    }
}

fn generic_cause(took: Duration, expected: Duration) -> String {
    if took.is_zero() {
        zero_time_cause(LAST_WALL.get())
    } else if took > expected {
        "it took longer than it should: something waited that did not need to, or things that could overlap \
         ran one after another."
            .to_string()
    } else {
        "it finished too early: some of the waiting it should do was skipped, or done for a shorter time.".to_string()
    }
}

/// Checks, at the polling level, that `fut` stays pending until exactly `at` of virtual time and is ready then;
/// returns its output. Fails with an explanation if it finishes early (including at once) or late.
///
/// The future is polled by hand through `tokio_test::task::spawn` while the paused clock is moved with
/// `tokio::time::advance`, so this also shows whether the future does anything before it is polled.
///
/// ```
/// # grader::run(async || {
/// let greeting = grader::expect_ready_at("the greeting", async {
///     tokio::time::sleep(grader::secs(2)).await;
///     "hi"
/// }, grader::secs(2)).await;
/// assert_eq!(greeting, "hi");
/// # });
/// ```
#[track_caller]
pub fn expect_ready_at<F: Future>(what: &str, fut: F, at: Duration) -> impl Future<Output = F::Output> {
    let caller = std::panic::Location::caller();
    let what = what.to_string();
    async move {
        let fail = |failure: Failure| -> ! { panic!("{}\n\n  (checked at {caller})", failure.message()) };
        let origin = Instant::now();
        let mut task = tokio_test::task::spawn(fut);
        let tick = Duration::from_millis(1);
        if !at.is_zero() {
            let wall = std::time::Instant::now();
            if task.poll().is_ready() {
                fail(
                    Failure::new(format!(
                        "timing: expected {what} to wait {} of virtual time, but it was ready the first time it was \
                         polled, at 0.000 s.",
                        secs(at)
                    ))
                    .cause(zero_time_cause(Some(wall.elapsed()))),
                );
            }
            tokio::time::advance(at - tick).await;
            if task.poll().is_ready() {
                fail(
                    Failure::new(format!(
                        "timing: expected {what} to still be waiting at {} of virtual time (it should take {}), but \
                         it had already finished.",
                        secs(origin.elapsed()),
                        secs(at)
                    ))
                    .cause("it waited for less time than it was asked to."),
                );
            }
            tokio::time::advance(tick).await;
        }
        // Past the deadline, step 1 ms at a time to find out when it does finish (bounded).
        let give_up = at * 4 + Duration::from_secs(10);
        loop {
            if let Poll::Ready(out) = task.poll() {
                let finished = origin.elapsed();
                if finished != at {
                    fail(
                        Failure::new(format!(
                            "timing: expected {what} to be ready at {} of virtual time, but it finished at {}.",
                            secs(at),
                            secs(finished)
                        ))
                        .cause("it waited longer than it was asked to, or waited more than once."),
                    );
                }
                return out;
            }
            if origin.elapsed() >= give_up {
                fail(
                    Failure::new(format!(
                        "timing: expected {what} to be ready at {} of virtual time, but it was still waiting at {}.",
                        secs(at),
                        secs(origin.elapsed())
                    ))
                    .cause("it waits for something that takes much longer, or for something that never happens."),
                );
            }
            tokio::time::advance(tick).await;
        }
    }
}

/// Awaits `fut` and returns its output with the most tasks that were alive on the runtime at the start: after its
/// first poll, and after letting the runtime run whatever that poll spawned (all at the same virtual instant).
/// Tasks alive before the call are not counted. For checking that a function starts its work as tasks, and all of
/// them before it waits for any.
///
/// ```
/// # grader::run(async || {
/// let (most, ()) = grader::timing::tasks_at_start(async {
///     let a = tokio::spawn(tokio::time::sleep(grader::secs(1)));
///     let b = tokio::spawn(tokio::time::sleep(grader::secs(1)));
///     let _ = (a.await, b.await);
/// })
/// .await;
/// assert_eq!(most, 2);
/// # });
/// ```
pub async fn tasks_at_start<F: Future>(fut: F) -> (usize, F::Output) {
    let metrics = tokio::runtime::Handle::current().metrics();
    let before = metrics.num_alive_tasks();
    let mut fut = std::pin::pin!(fut);
    let first = std::future::poll_fn(|cx| Poll::Ready(fut.as_mut().poll(cx))).await;
    let mut most = metrics.num_alive_tasks().saturating_sub(before);
    for _ in 0..3 {
        tokio::task::yield_now().await;
        most = most.max(metrics.num_alive_tasks().saturating_sub(before));
    }
    let out = match first {
        Poll::Ready(out) => out,
        Poll::Pending => fut.await,
    };
    (most, out)
}
