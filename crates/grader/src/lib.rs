//! The course's grading harness.
//!
//! Every graded test hands its body to [`run`] (or to a configured [`Grade`]), which runs it
//!
//! - on a fresh **current-thread tokio runtime whose clock is paused from the start**, so `sleep(3 s)` takes
//!   3 s of *virtual* time and microseconds of real time, and every timing is exact and repeatable;
//! - under a **virtual-time limit**: a body that can never finish (a deadlock) fails at once with an explanation;
//! - under a **real-time watchdog** on another OS thread: a body that blocks its thread (`std::thread::sleep`) or
//!   spins in a loop that never awaits fails within seconds, with the likely cause named. `cargo test` never hangs.
//!
//! Every failure message has one layout, built by [`Failure`] (and by [`took`]'s timing checks): what was expected,
//! what happened, the likely cause, the timeline of simulated work, and the page to read. A test file names its
//! page once (`const PAGE: grader::Page = grader::Page::new("src/…md");`) and starts its messages from it. Panics
//! with a known meaning (`timers are disabled`, an empty range, …) are explained from one table, [`known`].
//!
//! The [`timing`] module measures virtual time and checks it with messages that teach, printing a timeline of the
//! simulated work (from [`sim::journal`]) when a timing check fails.
//!
//! ```
//! use std::time::Duration;
//!
//! grader::run(async || {
//!     let (_, took) = grader::timed(tokio::time::sleep(Duration::from_secs(3))).await;
//!     grader::took("a 3 s sleep", took).expected(Duration::from_secs(3)).check();
//! });
//! ```

mod channel;
mod failure;
mod harness;
pub mod known;
mod panics;
mod spin;
pub mod timing;

pub use failure::{Failure, Page, fail};
pub use harness::{DEFAULT_WALL_LIMIT, Grade, Kind, run};
pub use panics::{catch, caught, on_plain_thread, task_panic};
pub use spin::spin_checked;
pub use timing::{Timing, expect_ready_at, timed, took, zero_time_cause};

/// The simulated world the exercises use, and its journal of spans ([`sim::journal`]).
pub use sim;
/// tokio-test, for polling-level checks: `tokio_test::task::spawn`, `assert_pending!`, `assert_ready!`, …
pub use tokio_test;

/// `Duration::from_secs`, short for tests.
pub const fn secs(s: u64) -> std::time::Duration {
    std::time::Duration::from_secs(s)
}

/// `Duration::from_millis`, short for tests.
pub const fn ms(ms: u64) -> std::time::Duration {
    std::time::Duration::from_millis(ms)
}
