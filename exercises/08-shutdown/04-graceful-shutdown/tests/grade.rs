//! Graded tests for exercise 8.4, on tokio's paused clock. The "Ctrl-C" is a `CancellationToken` that the test
//! cancels at a chosen instant of virtual time.

use std::time::Duration;

use graceful_shutdown::{CancellationToken, Job, Report, serve};
use grader::sim::journal::{self, timeline};
use grader::sim::secs as show;
use grader::{ms, secs, timed};
use tokio::sync::mpsc;

const PAGE: &str = "src/08-shutdown/04-graceful-shutdown.md";

/// Sends each job `(at, id, cost)` at its instant; the channel closes at `close_at`.
fn jobs(schedule: &[(u64, u32, u64)], close_at: Duration) -> mpsc::Receiver<Job> {
    let (tx, rx) = mpsc::channel(16);
    let schedule: Vec<(Duration, Job)> =
        schedule.iter().map(|(at, id, cost)| (ms(*at), Job::new(*id, ms(*cost)))).collect();
    tokio::spawn(async move {
        let start = tokio::time::Instant::now();
        for (at, job) in schedule {
            tokio::time::sleep_until(start + at).await;
            let _ = tx.send(job).await;
        }
        tokio::time::sleep_until(start + close_at).await;
        drop(tx);
        CLOSED.set(true);
    });
    rx
}

thread_local! {
    /// Set (on the test's own thread) once the test has dropped its last sender: the channel is closed.
    static CLOSED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The simulated Ctrl-C: a token that is cancelled at `at`.
fn ctrl_c_at(at: Duration) -> CancellationToken {
    let token = CancellationToken::new();
    let signal = token.clone();
    tokio::spawn(async move {
        tokio::time::sleep(at).await;
        signal.cancel();
    });
    token
}

/// Runs `serve`, failing with an explanation if it never returns.
async fn run(jobs: mpsc::Receiver<Job>, shutdown: CancellationToken, drain: Duration) -> (Report, Duration) {
    let serve = grader::spin_checked(
        serve(jobs, shutdown, drain),
        || CLOSED.get(),
        |at| {
            format!(
                "serve turned its intake loop over and over at {} without waiting (a busy loop), once the job \
             channel was closed: its `select!` was ready at once on every turn, so the clock could not move and \
             the drain could never start.\n\n  Likely cause: a closed channel's `recv()` gives `None` at once, \
             every time. A closed channel means no more jobs can come: end the intake on `None` (`None => \
             break`), as on the signal.\n\n  What ran when (virtual time):\n{}\n  Read: {PAGE}",
                show(at),
                timeline()
            )
        },
    );
    match tokio::time::timeout(secs(100), timed(serve)).await {
        Ok(out) => out,
        Err(_) => panic!(
            "serve never returned: after 100 s of virtual time it was still running.\n\n  Likely cause: it waits \
             only for the shutdown signal, or only for the channel to close. Either one ends the intake: `select!` \
             on `shutdown.cancelled()` and on `jobs.recv()`, and stop on the signal or on `None`.\n\n  What ran \
             when (virtual time):\n{}\n  Read: {PAGE}",
            timeline()
        ),
    }
}

fn render_span(id: u32) -> Option<journal::Span> {
    journal::span(&format!("render #{id}"))
}

/// A timing check of `serve` whose likely cause, when the render spans show one, comes from them: a job started
/// after the intake should have stopped (at `stop`: the Ctrl-C, or the channel closing), a job aborted before the
/// drain's deadline (`stop + drain`), or a job still running when `serve` returned (`took`). Other causes are added
/// with `.when(..)` after it; the evidence comes first.
fn shutdown_took(what: &str, took: Duration, expected: Duration, stop: Duration, drain: Duration) -> grader::Timing {
    let check = grader::took(what, took).expected(expected).read(PAGE);
    let spans: Vec<_> = journal::spans().into_iter().filter(|s| s.name.starts_with("render #")).collect();
    let deadline = stop + drain;
    let cause = if let Some(late) = spans.iter().find(|s| s.start > stop) {
        format!(
            "new work was not stopped: {} started at {}, after the intake should have ended at {}. On the signal \
             (or when the channel closes), leave the intake loop; after it, only wait for the jobs already running.",
            late.name,
            show(late.start),
            show(stop)
        )
    } else if let Some((cut, at)) =
        spans.iter().find_map(|s| s.end.filter(|end| s.cancelled && *end < deadline).map(|end| (s, end)))
    {
        format!(
            "forced before the drain deadline: {} was aborted at {}, but the drain lets running jobs go on until {} \
             (the end of the intake at {} + the {} drain){}. Start the drain's clock when the intake ends: \
             `tokio::time::timeout(drain, ..)` around the wait for the running jobs, after the loop; abort only \
             when it gives up.",
            cut.name,
            show(at),
            show(deadline),
            show(stop),
            show(drain),
            if at == stop { ": it was aborted as the intake ended, without giving it the drain" } else { "" }
        )
    } else if let Some(left) = spans.iter().find(|s| !s.cancelled && s.end.is_none_or(|end| end > took)) {
        format!(
            "serve did not wait for the work in flight: it returned at {} while {} was still running (neither \
             finished nor aborted). After the intake, wait for the running jobs (`while set.join_next().await \
             .is_some()`), within the drain, then abort what is left.",
            show(took),
            left.name
        )
    } else {
        return check;
    };
    if took < expected || cause.starts_with("new work") { check.when(took, cause) } else { check }
}

#[test]
fn jobs_run_side_by_side() {
    grader::run(async || {
        let queue = jobs(&[(0, 1, 3000), (0, 2, 1000), (0, 3, 2000)], secs(120));
        let (report, took) = run(queue, ctrl_c_at(secs(5)), secs(1)).await;
        let late: Vec<String> = (1..=3)
            .filter_map(|id| {
                render_span(id).filter(|s| !s.start.is_zero()).map(|s| format!("render #{id} at {}", show(s.start)))
            })
            .collect();
        assert!(
            late.is_empty() && (1..=3).all(|id| render_span(id).is_some()),
            "three jobs sent at 0 s should all start at 0 s, side by side, but: {}.\n\n  Likely cause: the jobs \
             ran one at a time, each awaited in the loop before the next was taken. Spawn each job as a task of \
             its own (`set.spawn(async move {{ render(&job).await }})`).\n\n  What ran when (virtual time):\n{}\n  \
             Read: {PAGE}",
            if late.is_empty() { "some never started".to_string() } else { late.join(", ") },
            timeline()
        );
        assert_eq!(
            report,
            Report { finished: 3, aborted: 0 },
            "all three jobs were done by 3 s, long before the Ctrl-C at 5 s. Read: {PAGE}"
        );
        shutdown_took("serving until a Ctrl-C at 5 s, with nothing left to drain", took, secs(5), secs(5), secs(1))
            .when(secs(6), "it waited out the whole drain (1 s) although no job was running.")
            .check();
    });
}

#[test]
fn the_signal_drains_then_aborts() {
    grader::run(async || {
        // Ctrl-C at 2 s, drain 1 s: job 1 is done (1 s), job 2 finishes in the drain (2.5 s), job 3 (10 s) not.
        let queue = jobs(&[(0, 1, 1000), (0, 2, 2500), (500, 3, 10_000)], secs(120));
        let (report, took) = run(queue, ctrl_c_at(secs(2)), secs(1)).await;
        if let Some(cut) = render_span(2).filter(|s| s.cancelled).and_then(|s| s.end) {
            panic!(
                "job 2 was aborted at {}, but it needed only until 2.500 s, within the 1 s drain after the Ctrl-C \
                 at 2.000 s.\n\n  Likely cause: forced before the drain deadline (3.000 s): {}. Wait for them with \
                 `tokio::time::timeout(drain, ...)` started after the intake loop; abort only what is still running \
                 at the end.\n\n  What ran when (virtual time):\n{}\n  Read: {PAGE}",
                show(cut),
                if cut == secs(2) {
                    "the running jobs were aborted on the signal, without giving them the drain (or the drain's \
                     deadline was counted from an instant before the signal, such as the start of `serve`)"
                } else {
                    "the drain's deadline was counted from an instant before the signal, or was shorter than `drain`"
                },
                timeline()
            );
        }
        shutdown_took("a Ctrl-C at 2 s with a 1 s drain", took, secs(3), secs(2), secs(1))
            .when(
                ms(10_500),
                "it waited for every job to finish, however long: job 3 (10 s) should have been aborted at the end \
                 of the drain (3 s). When `timeout(drain, ...)` gives up, abort what is left (`set.shutdown()`).",
            )
            .check();
        // Long enough for a job that was left running to carry on to its end, and for an aborted one to be dropped.
        tokio::time::sleep(secs(20)).await;
        if render_span(3).is_some_and(|s| !s.cancelled) {
            panic!(
                "serve returned at 3.000 s, but job 3 kept running after it, to its end.\n\n  Likely cause: the job \
                 was not aborted at the end of the drain. Giving up on a task (a timeout, or dropping its \
                 `JoinHandle`) does not stop it: abort it (`set.shutdown().await`, `handle.abort()`), or cancel a \
                 token that the job selects on.\n\n  What ran when (virtual time):\n{}\n  Read: {PAGE}",
                timeline()
            );
        }
        let cut = render_span(3).is_some_and(|s| s.cancelled && s.end == Some(secs(3)));
        assert!(
            cut,
            "job 3 should be aborted at the end of the drain, 3.000 s: its render cut short right then.\n\n  What \
             ran when (virtual time):\n{}\n  Read: {PAGE}",
            timeline()
        );
        assert_eq!(
            report,
            Report { finished: 2, aborted: 1 },
            "jobs 1 and 2 finished, job 3 was aborted: count each. Read: {PAGE}"
        );
    });
}

#[test]
fn the_drain_ends_when_the_last_job_does() {
    grader::run(async || {
        let queue = jobs(&[(0, 1, 1500)], secs(120));
        let (report, took) = run(queue, ctrl_c_at(secs(1)), secs(5)).await;
        shutdown_took("a Ctrl-C at 1 s with a 5 s drain, the only job done at 1.5 s", took, ms(1500), secs(1), secs(5))
            .when(
                secs(6),
                "it waited out the whole drain after the Ctrl-C although the last job was done at 1.5 s. The \
                 drain is a limit, not a pause: wait for the jobs *with* a deadline, `tokio::time::timeout(drain, \
                 ...)`.",
            )
            .check();
        assert_eq!(report, Report { finished: 1, aborted: 0 }, "job 1 finished in the drain. Read: {PAGE}");
    });
}

#[test]
fn no_job_starts_after_the_signal() {
    grader::run(async || {
        // Job 9 arrives at 1.5 s, after the Ctrl-C at 1 s, while job 1 drains.
        let queue = jobs(&[(0, 1, 2000), (1500, 9, 100)], secs(120));
        let (report, took) = run(queue, ctrl_c_at(secs(1)), secs(5)).await;
        if let Some(late) = render_span(9) {
            panic!(
                "job 9 arrived at 1.500 s, after the Ctrl-C (1.000 s), and was started anyway (at {}).\n\n  Likely \
                 cause: jobs were still taken from the channel during the drain. On the signal, stop receiving: \
                 leave the intake loop, then only wait for the jobs already running.\n\n  What ran when (virtual \
                 time):\n{}\n  Read: {PAGE}",
                show(late.start),
                timeline()
            );
        }
        shutdown_took("a Ctrl-C at 1 s, job 1 done at 2 s", took, secs(2), secs(1), secs(5)).check();
        assert_eq!(report, Report { finished: 1, aborted: 0 }, "only job 1 ran, and it finished. Read: {PAGE}");
    });
}

#[test]
fn a_closed_channel_ends_the_intake_too() {
    grader::run(async || {
        // No Ctrl-C at all; the channel closes at 1 s, then a 1 s drain: job 2 (4 s) is aborted at 2 s.
        let queue = jobs(&[(0, 1, 500), (0, 2, 4000)], secs(1));
        let (report, took) = run(queue, CancellationToken::new(), secs(1)).await;
        shutdown_took("a channel closed at 1 s, with a 1 s drain", took, secs(2), secs(1), secs(1)).check();
        assert_eq!(
            report,
            Report { finished: 1, aborted: 1 },
            "job 1 finished, job 2 was aborted at the end of the drain. Read: {PAGE}"
        );
    });
}
