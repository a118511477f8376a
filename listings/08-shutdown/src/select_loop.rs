//! `select!` in a loop: a future made inside the loop is made again on every turn;
//! one made before the loop and polled through `&mut` lives across the turns.

use sim::farm::{Job, answer, render};
use tokio::sync::mpsc;

// ANCHOR: restarting
/// WRONG: the render is made inside the `select!`, so each turn makes a new one, and
/// every question drops the render in progress.
pub async fn restarting(job: Job, mut questions: mpsc::Receiver<String>) -> u32 {
    loop {
        tokio::select! {
            id = render(&job) => return id,
            Some(question) = questions.recv() => {
                answer(&question).await;
            }
        }
    }
}
// ANCHOR_END: restarting

// ANCHOR: pinned
/// Right: one render, made before the loop, pinned, and lent to each `select!`.
pub async fn pinned(job: Job, mut questions: mpsc::Receiver<String>) -> u32 {
    let render = render(&job);
    tokio::pin!(render); // now `render` is a `Pin<&mut _>`: `&mut render` is a future
    loop {
        tokio::select! {
            id = &mut render => return id,
            Some(question) = questions.recv() => {
                answer(&question).await;
            }
        }
    }
}
// ANCHOR_END: pinned

// ANCHOR: boxed
/// The same with a boxed future: `Box::pin` puts it on the heap, where it may be
/// moved around freely (a `Pin<Box<_>>` is `Unpin`), stored in a struct, or
/// replaced.
pub async fn boxed(job: Job, mut questions: mpsc::Receiver<String>) -> u32 {
    let mut render = Box::pin(render(&job));
    loop {
        tokio::select! {
            id = &mut render => return id,
            Some(question) = questions.recv() => {
                answer(&question).await;
            }
        }
    }
}
// ANCHOR_END: boxed

/// Questions sent at the given instants (in ms); the channel stays open after them.
pub fn questions_at(times: &[u64]) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel(8);
    let times = times.to_vec();
    tokio::spawn(async move {
        let start = tokio::time::Instant::now();
        for (n, at) in times.into_iter().enumerate() {
            tokio::time::sleep_until(start + std::time::Duration::from_millis(at))
                .await;
            let _ = tx.send(format!("q{}", n + 1)).await;
        }
        std::future::pending::<()>().await; // keep `tx`: the channel stays open
    });
    rx
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use sim::journal;
    use tokio::time::Instant;

    use super::*;

    fn renders() -> usize {
        journal::spans().iter().filter(|s| s.name.starts_with("render")).count()
    }

    #[tokio::test(start_paused = true)]
    async fn a_render_made_in_the_loop_starts_over_at_each_question() {
        journal::reset();
        let start = Instant::now();
        restarting(
            Job::new(1, Duration::from_secs(3)),
            questions_at(&[500, 1200, 2000]),
        )
        .await;
        assert_eq!((start.elapsed(), renders()), (Duration::from_millis(5100), 4));
    }

    #[tokio::test(start_paused = true)]
    async fn a_pinned_or_boxed_render_runs_once() {
        for boxed_one in [false, true] {
            journal::reset();
            let start = Instant::now();
            let job = Job::new(1, Duration::from_secs(3));
            let questions = questions_at(&[500, 1200, 2000]);
            let id = if boxed_one {
                boxed(job, questions).await
            } else {
                pinned(job, questions).await
            };
            assert_eq!(
                (id, start.elapsed(), renders()),
                (1, Duration::from_secs(3), 1)
            );
        }
    }
}
