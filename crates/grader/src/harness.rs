//! Running one test body: paused clock, virtual-time limit, real-time watchdog, readable panics.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe, Location};
use std::sync::Once;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use sim::journal;
pub use verdict::Kind;

use crate::channel;

/// Default virtual-time limit: far longer than any exercise needs, and free to wait out under the paused clock.
const DEFAULT_VIRTUAL_LIMIT: Duration = Duration::from_secs(300);
/// Default real-time limit. Graded bodies finish in milliseconds of real time; only a blocked or spinning thread
/// gets anywhere near this.
pub const DEFAULT_WALL_LIMIT: Duration = Duration::from_secs(3);

/// How one graded test is run. [`run`] uses the defaults: 300 s of virtual time, 3 s of real time
/// (the environment variable `GRADER_WALL_LIMIT_SECS` overrides the latter, e.g. on a very slow machine).
///
/// ```
/// use std::time::Duration;
/// grader::Grade::new()
///     .virtual_limit(Duration::from_secs(20))
///     .run(async || tokio::time::sleep(Duration::from_secs(10)).await);
/// ```
#[derive(Clone, Debug)]
pub struct Grade {
    virtual_limit: Duration,
    wall_limit: Duration,
}

impl Default for Grade {
    fn default() -> Self {
        Self::new()
    }
}

impl Grade {
    /// The default limits.
    pub fn new() -> Self {
        let wall_limit = std::env::var("GRADER_WALL_LIMIT_SECS")
            .ok()
            .and_then(|s| s.trim().parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s > 0.0)
            .map_or(DEFAULT_WALL_LIMIT, Duration::from_secs_f64);
        Grade { virtual_limit: DEFAULT_VIRTUAL_LIMIT, wall_limit }
    }

    /// The body must finish within this much virtual time, or it is reported as never completing.
    pub fn virtual_limit(mut self, limit: Duration) -> Self {
        self.virtual_limit = limit;
        self
    }

    /// The body must finish within this much real time, or it is reported as blocking its thread.
    pub fn wall_limit(mut self, limit: Duration) -> Self {
        self.wall_limit = limit;
        self
    }

    /// Runs `body` on a paused-clock current-thread runtime under both limits. Panics (failing the test) with a
    /// message that explains what went wrong if the body panics, never completes, or blocks its thread.
    ///
    /// Under the course runner, the verdict is also reported on the runner's verdict channel (see the `verdict`
    /// crate): that report, not the test program's output, is what the runner believes.
    #[track_caller]
    pub fn run<F>(self, body: F)
    where
        F: AsyncFnOnce() + Send + 'static,
    {
        // The channel's key is read before any test body (and so any student code) runs.
        channel::open();
        let test = thread::current().name().unwrap_or("graded test").to_string();
        let (kind, message) = self.judge(body);
        let message =
            if kind == Kind::Passed { message } else { format!("{message}\n\n  (test: {})\n", Location::caller()) };
        channel::report(&test, kind, &message);
        if kind != Kind::Passed {
            // Print the explanation once and fail the test without a second panic report (or a backtrace of the
            // grader's own frames): the message is the whole story. libtest captures this output per test.
            eprint!("{message}");
            panic::resume_unwind(Box::new(message));
        }
    }

    /// Like [`Grade::run`], but returns the failure message instead of panicking (used to test the harness).
    pub fn execute<F>(self, body: F) -> Result<(), String>
    where
        F: AsyncFnOnce() + Send + 'static,
    {
        match self.judge(body) {
            (Kind::Passed, _) => Ok(()),
            (_, message) => Err(message),
        }
    }

    /// Runs `body` like [`Grade::run`] and says what happened, as data: the [`Kind`] of outcome and the
    /// explanation (empty when it passed).
    ///
    /// ```
    /// use std::time::Duration;
    /// let (kind, _) = grader::Grade::new().judge(async || std::future::pending::<()>().await);
    /// assert_eq!(kind, grader::Kind::NeverCompleted);
    /// ```
    pub fn judge<F>(self, body: F) -> (Kind, String)
    where
        F: AsyncFnOnce() + Send + 'static,
    {
        install_panic_hook();
        let (tx, rx) = mpsc::channel::<Event>();
        let virtual_limit = self.virtual_limit;
        // The worker takes the test's name so panic reports and thread listings say which test it belongs to.
        let name = thread::current().name().unwrap_or("graded test").to_string();
        let spawned = thread::Builder::new().name(name).spawn(move || {
            IS_WORKER.set(true);
            let _ = tx.send(Event::Started(ThreadCpu::current()));
            let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_time()
                    .start_paused(true)
                    .build()
                    .expect("the grader could not build a tokio runtime");
                let wall = std::time::Instant::now();
                runtime.block_on(async move {
                    journal::reset();
                    let start = tokio::time::Instant::now();
                    let outcome = match tokio::time::timeout(virtual_limit, body()).await {
                        Ok(()) => Outcome::Passed,
                        Err(_) => Outcome::NeverCompleted(journal::spans()),
                    };
                    record_times(start.elapsed(), wall.elapsed());
                    outcome
                })
            }));
            let event = match outcome {
                Ok(outcome) => Event::Finished(outcome),
                Err(payload) => {
                    let report = LAST_PANIC.take().unwrap_or_else(|| PanicReport {
                        message: payload_text(payload.as_ref()),
                        location: String::from("unknown location"),
                    });
                    Event::Finished(Outcome::Panicked(report))
                }
            };
            let _ = tx.send(event);
        });
        if let Err(e) = spawned {
            return (Kind::Failed, format!("the grader could not start a thread for this test: {e}"));
        }

        let cpu = match rx.recv_timeout(self.wall_limit) {
            Ok(Event::Started(cpu)) => cpu,
            Ok(Event::Finished(_)) | Err(RecvTimeoutError::Disconnected) => {
                return (Kind::Failed, "the grader's worker thread stopped before it started the test".to_string());
            }
            Err(RecvTimeoutError::Timeout) => return self.stuck(None),
        };
        match rx.recv_timeout(self.wall_limit) {
            Ok(Event::Finished(Outcome::Passed)) => (Kind::Passed, String::new()),
            Ok(Event::Finished(Outcome::Panicked(report))) => (panic_kind(&report), panic_message(&report)),
            Ok(Event::Finished(Outcome::NeverCompleted(spans))) => {
                (Kind::NeverCompleted, never_completed_message(virtual_limit, &spans))
            }
            Ok(Event::Started(_)) | Err(RecvTimeoutError::Disconnected) => {
                (Kind::Failed, "the grader's worker thread ended without a result".to_string())
            }
            // The worker is stuck: it is left behind (a thread cannot be killed) and ends with the test process.
            Err(RecvTimeoutError::Timeout) => self.stuck(cpu.looks_busy(self.wall_limit)),
        }
    }

    fn stuck(&self, busy: Option<(bool, f64)>) -> (Kind, String) {
        let kind = match busy {
            Some((true, _)) => Kind::Busy,
            Some(_) => Kind::Blocked,
            None => Kind::Stuck,
        };
        (kind, self.stuck_message(busy))
    }

    fn stuck_message(&self, busy: Option<(bool, f64)>) -> String {
        // Whole seconds print as such ("3 s"), shorter limits keep their tenths ("0.3 s").
        let limit = self.wall_limit.as_secs_f64();
        let limit = if limit.fract() == 0.0 { format!("{limit:.0}") } else { format!("{limit:.1}") };
        let (what, cause) = match busy {
            Some((true, b)) => (
                format!("its thread kept computing (≈{:.0}% of a CPU)", (b * 100.0).min(100.0)),
                "a busy loop: a loop that never reaches an `.await`, so the executor can run nothing else (no other \
                 task, no timer), or a loop that waits for time to pass by checking a clock or calling \
                 `yield_now()`, which never lets tokio's paused clock move. Wait with \
                 `tokio::time::sleep(..).await`, and move heavy computation to `tokio::task::spawn_blocking`. \
                 In a hand-written `poll` (chapter 10): a future that wakes its own task \
                 (`cx.waker().wake_by_ref()`) every time it returns `Pending` is polled again at once, forever; \
                 store the waker and let what you wait for wake it.",
            ),
            Some(_) => (
                "its thread sat idle, blocked in a call that never returned to the executor".to_string(),
                "a blocking call such as `std::thread::sleep`, a blocking `recv()` or lock, or reading stdin. It \
                 blocks the whole executor, and tokio's clock cannot move while it does. Use the async version \
                 (`tokio::time::sleep(..).await`, `tokio::sync` channels and locks), or \
                 `tokio::task::spawn_blocking` for work that must block.",
            ),
            None => (
                "its thread was blocked or busy".to_string(),
                "a blocking call (`std::thread::sleep`, a blocking lock or `recv()`) or a loop that never \
                 reaches an `.await`. Use `tokio::time::sleep(..).await` and the async versions of locks and \
                 channels, and give loops an `.await`.",
            ),
        };
        format!(
            "the test did not finish within {limit} s of real time, and {what}.\n\
             \n  Likely cause: {cause}\n\
             \n  Read: chapter 2, \"Blocking the executor\" (src/02-runtime/03-blocking.md)."
        )
    }
}

/// Runs one graded test body with the default [`Grade`] limits.
///
/// ```
/// grader::run(async || {
///     tokio::time::sleep(std::time::Duration::from_secs(60)).await; // one virtual minute, instantly
/// });
/// ```
#[track_caller]
pub fn run<F>(body: F)
where
    F: AsyncFnOnce() + Send + 'static,
{
    Grade::new().run(body)
}

/// For the benchmark script: with `GRADER_TIMES_FILE` set, each test appends "virtual_secs wall_secs" to it, so
/// the virtual time the suite simulates can be compared with the real time it takes.
fn record_times(virtual_time: Duration, wall: Duration) {
    use std::io::Write as _;
    let Some(path) = std::env::var_os("GRADER_TIMES_FILE") else { return };
    if let Ok(mut file) = std::fs::OpenOptions::new().create(true).append(true).open(path) {
        // One write per line: tests run in parallel, and appends of whole small writes do not interleave.
        let line = format!("{:.6} {:.6}\n", virtual_time.as_secs_f64(), wall.as_secs_f64());
        let _ = file.write_all(line.as_bytes());
    }
}

enum Event {
    Started(ThreadCpu),
    Finished(Outcome),
}

enum Outcome {
    Passed,
    Panicked(PanicReport),
    NeverCompleted(Vec<journal::Span>),
}

struct PanicReport {
    message: String,
    location: String,
}

thread_local! {
    static IS_WORKER: Cell<bool> = const { Cell::new(false) };
    static LAST_PANIC: RefCell<Option<PanicReport>> = const { RefCell::new(None) };
}

/// On worker threads, panics are recorded (to be reported once, by the test thread, with advice) instead of
/// printed; everywhere else the default hook runs as usual.
fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if IS_WORKER.get() {
                let message = payload_text(info.payload());
                let location = info.location().map_or_else(|| "unknown location".to_string(), Location::to_string);
                LAST_PANIC.set(Some(PanicReport { message, location }));
            } else {
                default(info);
            }
        }));
    });
}

pub(crate) fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(a panic without a message)".to_string()
    }
}

/// A `todo!()` means unfinished; a panic raised by a check (in the graded test file, the harness or the simulated
/// services) is a failed test; any other panic came from the code under test or a library it called.
fn panic_kind(report: &PanicReport) -> Kind {
    let location = report.location.replace('\\', "/");
    if report.message.starts_with("not yet implemented") {
        Kind::Unfinished
    } else if location.contains("/tests/") || location.contains("grader/src/") || location.contains("sim/src/") {
        Kind::Failed
    } else {
        Kind::Panicked
    }
}

fn panic_message(report: &PanicReport) -> String {
    let mut out = report.message.trim_end().to_string();
    // The grader's own checks already say where they were called from; other panics get their location.
    if !report.location.contains("grader/src/") {
        out.push_str(&format!("\n\n  (panicked at {})", report.location));
    }
    if report.message.starts_with("not yet implemented") {
        out.push_str(
            "\n\n  This exercise is not solved yet: a `todo!()` is still in its code. Replace it with your \
             solution (the comment above it says what to do), then grade again.",
        );
    }
    out
}

fn never_completed_message(limit: Duration, spans: &[journal::Span]) -> String {
    let mut out = format!(
        "the test never completed: after {} of virtual time it was still waiting, with nothing left to run.\n\
         \n  Your code is awaiting something that will never happen. Common causes:\n\
         \x20   - receiving from a channel whose senders are never all dropped, so `recv()` never returns `None`;\n\
         \x20   - awaiting a `oneshot` or `JoinHandle` that nothing completes, or a task that was never spawned;\n\
         \x20   - waiting on a `Notify`, `Semaphore` or lock that nobody releases;\n\
         \x20   - or simply waiting far longer than this exercise ever needs.\n",
        journal::secs(limit)
    );
    if !spans.is_empty() {
        out.push_str("\n  What ran when (virtual time):\n");
        out.push_str(&journal::render(spans));
    }
    out
}

/// CPU time used by one thread, read from /proc: it tells a busy loop (CPU ≈ wall time) from a blocked thread
/// (CPU ≈ 0). Elsewhere than Linux it reads nothing, and the message names both causes.
struct ThreadCpu {
    stat_path: Option<std::path::PathBuf>,
}

impl ThreadCpu {
    fn current() -> Self {
        let stat_path = std::fs::read_link("/proc/thread-self").ok().map(|p| {
            // `/proc/thread-self` links to `<pid>/task/<tid>`, relative to /proc.
            std::path::Path::new("/proc").join(p).join("stat")
        });
        ThreadCpu { stat_path }
    }

    /// Whether the thread looks busy (computing) rather than blocked: it is seen running in any of a few samples of
    /// its state, or it used at least a quarter of a CPU since it started. `None` where /proc cannot tell.
    fn looks_busy(&self, wall: Duration) -> Option<(bool, f64)> {
        let mut running = false;
        for _ in 0..5 {
            running |= self.stat_fields()?.first() == Some(&"R".to_string());
            std::thread::sleep(Duration::from_millis(20));
        }
        let fields = self.stat_fields()?;
        // After the state: utime is the 12th field, stime the 13th, in clock ticks (USER_HZ, 100 on Linux).
        let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
        let fraction = ticks as f64 / 100.0 / wall.as_secs_f64();
        Some((running || fraction >= 0.25, fraction))
    }

    /// The fields of the thread's /proc stat line after its command name (which is in parentheses and may hold
    /// spaces): the state first.
    fn stat_fields(&self) -> Option<Vec<String>> {
        let stat = std::fs::read_to_string(self.stat_path.as_ref()?).ok()?;
        let rest = &stat[stat.rfind(')')? + 1..];
        Some(rest.split_whitespace().map(str::to_string).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_a_failed_check_only_where_checks_live() {
        let report = |location: &str, message: &str| PanicReport { message: message.into(), location: location.into() };
        let kind = |location, message| panic_kind(&report(location, message));
        assert_eq!(kind("exercises/01-async-await/01-hello-await/tests/grade.rs:40:9", "expected"), Kind::Failed);
        assert_eq!(kind("crates/grader/src/timing.rs:100:5", "took 5 s"), Kind::Failed);
        assert_eq!(kind("exercises\\01-a\\01-b\\tests\\grade.rs:1:1", "windows paths"), Kind::Failed);
        assert_eq!(
            kind("exercises/01-async-await/01-hello-await/src/lib.rs:7:5", "index out of bounds"),
            Kind::Panicked
        );
        assert_eq!(
            kind("/home/me/.cargo/registry/src/tokio-1.54.1/src/runtime/x.rs:1:1", "no reactor"),
            Kind::Panicked
        );
        assert_eq!(
            kind("exercises/01-async-await/01-hello-await/src/lib.rs:7:5", "not yet implemented"),
            Kind::Unfinished
        );
    }
}
