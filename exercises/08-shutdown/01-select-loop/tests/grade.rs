//! Graded tests for exercise 8.1, on tokio's paused clock.

use std::time::Duration;

use grader::sim::journal::{self, timeline};
use grader::sim::secs as show;
use grader::{ms, secs, timed};
use select_loop::{Job, render_and_answer};
use tokio::sync::mpsc;

const PAGE: &str = "src/08-shutdown/01-select-loop.md";

/// A channel whose sender asks each question at its instant, then closes the channel at `close_at`.
fn inbox(questions: &[(u64, &str)], close_at: Duration) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel(8);
    let questions: Vec<(Duration, String)> = questions.iter().map(|(at, q)| (ms(*at), q.to_string())).collect();
    tokio::spawn(async move {
        let start = tokio::time::Instant::now();
        for (at, question) in questions {
            tokio::time::sleep_until(start + at).await;
            let _ = tx.send(question).await;
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

/// Runs `render_and_answer`, failing with an explanation if it spins on the closed channel.
async fn render_answering(job: Job, questions: mpsc::Receiver<String>) -> (u32, Vec<String>) {
    grader::spin_checked(
        render_and_answer(job, questions),
        || CLOSED.get(),
        |at| {
            format!(
                "render_and_answer turned its loop over and over at {} without waiting (a busy loop), once the \
             question channel was closed: its `select!` was ready at once on every turn, so the clock could not \
             move and the render could never finish.\n\n  Likely cause: a closed channel's `recv()` gives `None` \
             at once, every time: switch the branch off (`if open`, with `None => open = false`) or match \
             `Some(q) = questions.recv()`, which switches it off by itself.\n\n  What ran when (virtual \
             time):\n{}\n  Read: {PAGE}",
                show(at),
                timeline()
            )
        },
    )
    .await
}

fn answers(questions: &[&str]) -> Vec<String> {
    questions.iter().map(|q| format!("{q} -> still rendering")).collect()
}

/// The render must have run exactly once, from 0 to `end`.
fn check_rendered_once(end: Duration) {
    let renders: Vec<_> = journal::spans().into_iter().filter(|s| s.name.starts_with("render")).collect();
    if renders.len() > 1 {
        panic!(
            "the render was restarted: it was started {} times, and all but the last were cut short (cancelled) \
             when a question arrived.\n\n  Likely cause: `render(&job)` is called inside the loop, in the \
             `select!` itself. Each turn makes a new render future, and when the question branch wins, `select!` \
             drops the losing render future: its work is lost. Make the future once, before the loop, pin it \
             (`tokio::pin!(render);`) and select on `&mut render`.\n\n  What ran when (virtual time):\n{}\n  \
             Read: {PAGE}",
            renders.len(),
            timeline()
        );
    }
    let once = renders.first().is_some_and(|s| s.start.is_zero() && s.end == Some(end) && !s.cancelled);
    assert!(
        once,
        "the render should run once, from 0.000 s to {} (its cost), while the questions are answered.\n\n  \
         What ran when (virtual time):\n{}\n  Read: {PAGE}",
        show(end),
        timeline()
    );
}

#[test]
fn the_render_runs_once_from_start_to_end() {
    grader::run(async || {
        let questions = inbox(&[(500, "eta?"), (1200, "progress?"), (2000, "done?")], secs(60));
        let (out, took) = timed(render_answering(Job::new(1, secs(3)), questions)).await;
        check_rendered_once(secs(3));
        grader::took("a 3 s render with three questions along the way", took)
            .expected(secs(3))
            .when(
                ms(3300),
                "the three questions were answered after the render, one after another (3 × 100 ms). Answer each \
                 one as soon as it arrives: `select!` on the render and on `questions.recv()` in a loop.",
            )
            .read(PAGE)
            .check();
        assert_eq!(
            out,
            (1, answers(&["eta?", "progress?", "done?"])),
            "render_and_answer should return the job's id and the three answers, in order. Read: {PAGE}"
        );
    });
}

#[test]
fn each_question_is_answered_as_soon_as_it_arrives() {
    grader::run(async || {
        let questions = inbox(&[(500, "eta?"), (1200, "progress?"), (2000, "done?")], secs(60));
        let (id, got) = render_answering(Job::new(7, secs(3)), questions).await;
        for (question, at) in [("eta?", ms(500)), ("progress?", ms(1200)), ("done?", secs(2))] {
            let name = format!("answer {question:?}");
            let started = journal::span(&name).map(|s| s.start);
            assert!(
                started == Some(at),
                "the question {question:?} was sent at {} and should have been answered as soon as it arrived \
                 (`{name}` starting at {}), but {}.\n\n  Likely cause: the questions were read only after the \
                 render was done. Wait for both at once, in a loop: `tokio::select!` on `&mut render` and on \
                 `questions.recv()`.\n\n  What ran when (virtual time):\n{}\n  Read: {PAGE}",
                show(at),
                show(at),
                started.map_or("it was never answered".to_string(), |s| format!("it started at {}", show(s))),
                timeline()
            );
        }
        check_rendered_once(secs(3));
        assert_eq!((id, got.len()), (7, 3), "three questions, three answers, and job 7's id. Read: {PAGE}");
    });
}

#[test]
fn a_closed_inbox_does_not_stop_the_render() {
    grader::run(async || {
        // One question, then every sender is gone at 1 s: `recv()` gives `None` from then on.
        let questions = inbox(&[(400, "eta?")], secs(1));
        let (out, took) = timed(render_answering(Job::new(2, secs(2)), questions)).await;
        if took < secs(2) {
            panic!(
                "render_and_answer returned at {}, before the 2 s render was done: {out:?}.\n\n  Likely cause: \
                 it stopped when the question channel closed (at 1.000 s). No more questions can come, but the \
                 render goes on: switch the question branch off (`question = questions.recv(), if open => ...`) \
                 and keep waiting on `&mut render`.\n\n  What ran when (virtual time):\n{}\n  Read: {PAGE}",
                show(took),
                timeline()
            );
        }
        check_rendered_once(secs(2));
        grader::took("a 2 s render whose question channel closes at 1 s", took).expected(secs(2)).read(PAGE).check();
        assert_eq!(out, (2, answers(&["eta?"])), "one question, one answer, and job 2's id. Read: {PAGE}");
    });
}

#[test]
fn questions_after_the_render_are_not_waited_for() {
    grader::run(async || {
        let questions = inbox(&[(1500, "too late?")], secs(60));
        let (out, took) = timed(render_answering(Job::new(3, secs(1)), questions)).await;
        grader::took("a 1 s render, with a question coming only at 1.5 s", took)
            .expected(secs(1))
            .when(
                ms(1600),
                "it kept reading questions after the render was done. Return as soon as `&mut render` is ready.",
            )
            .when(secs(60), "it waited for the question channel to close. Return as soon as the render is done.")
            .read(PAGE)
            .check();
        assert_eq!(out, (3, Vec::new()), "the render was done before any question came. Read: {PAGE}");
    });
}

#[test]
fn questions_still_queued_when_the_channel_closes_are_answered() {
    grader::run(async || {
        // Three questions at 0.5 s, back to back, and the only sender is dropped right after them: the channel
        // is closed while all three are still waiting in it, unread.
        let (tx, questions) = mpsc::channel(8);
        tokio::spawn(async move {
            tokio::time::sleep(ms(500)).await;
            for question in ["eta?", "progress?", "done?"] {
                let _ = tx.send(question.to_string()).await;
            }
            drop(tx);
            CLOSED.set(true);
        });
        let (out, took) = timed(render_answering(Job::new(4, secs(2)), questions)).await;
        if took < secs(2) {
            panic!(
                "render_and_answer returned at {}, before the 2 s render was done: {out:?}.\n\n  Likely cause: \
                 it stopped when the question channel closed (at 0.500 s). No more questions can come, but the \
                 render goes on: switch the question branch off once `recv()` gives `None` and keep waiting on \
                 `&mut render`.\n\n  What ran when (virtual time):\n{}\n  Read: {PAGE}",
                show(took),
                timeline()
            );
        }
        let expected = answers(&["eta?", "progress?", "done?"]);
        if out.1.len() < expected.len() {
            let missing: Vec<&String> = expected.iter().filter(|a| !out.1.contains(a)).collect();
            panic!(
                "three questions were sent at 0.500 s, back to back, and then the channel was closed, while they \
                 were still waiting in it. All three should be answered (at 0.500, 0.600 and 0.700 s), but only \
                 {} were: {:?} (missing: {missing:?}).\n\n  Likely cause: the question branch is switched off as \
                 soon as the channel is closed (`if !questions.is_closed()`, or a flag set when the sender is \
                 gone). A closed channel still holds the questions sent before it closed: `recv()` gives them \
                 first, and `None` only after the last one. Switch the branch off when `recv()` gives `None` \
                 (`None => open = false`), not when the channel is closed.\n\n  What ran when (virtual \
                 time):\n{}\n  Read: {PAGE}",
                out.1.len(),
                out.1,
                timeline()
            );
        }
        check_rendered_once(secs(2));
        grader::took("a 2 s render, three questions at 0.5 s and the channel closed", took)
            .expected(secs(2))
            .read(PAGE)
            .check();
        assert_eq!(out, (4, expected), "three questions, three answers in order, and job 4's id. Read: {PAGE}");
    });
}
