//! Graceful shutdown with tokio-util: a `CancellationToken` as the signal, a
//! `TaskTracker` for the tasks to drain, a child token to force the stragglers.

use std::time::Duration;

use sim::farm::{Job, render};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

/// What happened to each job, in the order they ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ended {
    Finished(u32),
    Forced(u32),
}

// ANCHOR: farm
/// Starts every job at once; on `shutdown`, gives them `drain` to finish, then forces
/// the rest to stop.
pub async fn farm(jobs: Vec<Job>, shutdown: CancellationToken, drain: Duration) {
    let tracker = TaskTracker::new();
    let force = CancellationToken::new(); // a second signal, for the stragglers
    for job in jobs {
        let force = force.clone();
        tracker.spawn(async move {
            tokio::select! {
                _ = render(&job) => {}
                // dropping `render` stops it where it is
                () = force.cancelled() => {}
            }
        });
    }
    tracker.close(); // no more tasks: `wait()` may now return once they are done

    shutdown.cancelled().await; // the Ctrl-C
    let drained = sim::journal::traced(
        format!("drain (at most {drain:?})"),
        tokio::time::timeout(drain, tracker.wait()),
    )
    .await;
    if drained.is_err() {
        force.cancel();
        tracker.wait().await; // until every task has seen it
    }
}
// ANCHOR_END: farm

// ANCHOR: ctrl_c
/// In a real program, the token is cancelled by the user's Ctrl-C.
pub fn cancel_on_ctrl_c(token: CancellationToken) {
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            token.cancel();
        }
    });
}
// ANCHOR_END: ctrl_c

// ANCHOR: simulated
/// In tests, a simulated Ctrl-C: the token is cancelled at a chosen virtual instant.
pub fn ctrl_c_at(at: Duration) -> CancellationToken {
    let token = CancellationToken::new();
    let signal = token.clone();
    tokio::spawn(async move {
        tokio::time::sleep(at).await;
        signal.cancel();
    });
    token
}
// ANCHOR_END: simulated

// ANCHOR: tokens
/// Child tokens: cancelling the parent cancels every child, not the other way
/// round.
pub fn tree() -> (CancellationToken, CancellationToken, CancellationToken) {
    let server = CancellationToken::new();
    let connection_1 = server.child_token();
    let connection_2 = server.child_token();
    (server, connection_1, connection_2)
}
// ANCHOR_END: tokens

// ANCHOR: shield
/// Saves the render in a task of its own: a caller that stops waiting (a timeout, a
/// lost `select!`) drops only the handle, and the save carries on: what
/// `asyncio.shield` gives in Python.
pub async fn save_shielded(job: Job, patience: Duration) -> Option<u32> {
    let mut save = tokio::spawn(async move { render(&job).await });
    tokio::time::timeout(patience, &mut save).await.ok().and_then(Result::ok)
}
// ANCHOR_END: shield

#[cfg(test)]
mod tests {
    use sim::journal;
    use tokio::time::Instant;

    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    pub(crate) fn three_jobs() -> Vec<Job> {
        vec![Job::new(1, ms(1000)), Job::new(2, ms(2500)), Job::new(3, ms(10_000))]
    }

    #[tokio::test(start_paused = true)]
    async fn the_drain_lets_job_2_finish_and_forces_job_3() {
        journal::reset();
        let start = Instant::now();
        farm(three_jobs(), ctrl_c_at(ms(2000)), ms(1000)).await;
        assert_eq!(start.elapsed(), ms(3000));
        let cut: Vec<(String, bool)> = journal::spans()
            .into_iter()
            .filter(|s| s.name.starts_with("render"))
            .map(|s| (s.name, s.cancelled))
            .collect();
        assert_eq!(
            cut,
            [
                ("render #1".to_string(), false),
                ("render #2".to_string(), false),
                ("render #3".to_string(), true)
            ]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn cancelling_the_parent_cancels_the_children_only_downwards() {
        let (server, one, two) = tree();
        one.cancel();
        assert!(!server.is_cancelled() && !two.is_cancelled());
        server.cancel();
        assert!(two.is_cancelled());
    }

    #[tokio::test(start_paused = true)]
    async fn a_shielded_save_outlives_the_caller_that_gave_up() {
        journal::reset();
        assert_eq!(save_shielded(Job::new(4, ms(3000)), ms(1000)).await, None);
        tokio::time::sleep(ms(5000)).await;
        let save = journal::span("render #4").unwrap();
        assert_eq!((save.end, save.cancelled), (Some(ms(3000)), false));
    }
}
