//! Graded tests for exercise 4.3, on tokio's paused clock.

use std::time::Duration;

use abort::{Album, ExportError, Photo, export_within, start_export};
use grader::sim::journal::{self, span};
use grader::sim::secs as show;
use grader::{ms, secs, timed};

const PAGE: grader::Page = grader::Page::new("src/04-tasks/03-abort.md");
const LINK: &str = "https://photos.example/zip/Holidays.zip";

/// Four photos: building the archive takes 4 × 500 ms = 2 s, then the email 100 ms.
fn holidays() -> Album {
    Album::new(
        "Holidays",
        vec![
            Photo::new(1, "beach.jpg", 3),
            Photo::new(2, "boat.jpg", 2),
            Photo::new(3, "sunset.jpg", 4),
            Photo::new(4, "market.jpg", 1),
        ],
    )
}

#[test]
fn start_export_runs_in_the_background() {
    grader::run(async || {
        let export = start_export(holidays(), "ada@example.com");
        grader::sim::work("the caller's other work", secs(5)).await;
        let archived = span("build_archive(Holidays)").is_some_and(|s| s.end == Some(secs(2)) && !s.cancelled);
        let emailed =
            span("email_link(ada@example.com)").is_some_and(|s| s.start == secs(2) && s.end == Some(ms(2100)));
        PAGE.failure(
            "start_export should run, on its own and without being awaited, the archive (0.000 s → 2.000 s) and \
             then the email to ada@example.com (2.000 s → 2.100 s).",
        )
        .timeline()
        .unless(archived && emailed);
        PAGE.failure("the task should return the archive's link.")
            .unless_eq(&export.await.ok().as_deref(), &Some(LINK));
    });
}

#[test]
fn an_export_in_time_returns_its_link_at_once() {
    grader::run(async || {
        let (link, took) = timed(export_within(holidays(), "ada@example.com", secs(5))).await;
        PAGE.failure("an export that takes 2.1 s is within a 5 s deadline.").unless_eq(&link.as_deref(), &Ok(LINK));
        PAGE.took("an export of 2.1 s with a 5 s deadline", took)
            .expected(ms(2100))
            .when(
                secs(5),
                "it waited out the whole deadline although the export was done at 2.1 s. Wait for the handle \
                 *with* a deadline: `tokio::time::timeout(deadline, &mut export).await` returns as soon as the \
                 task is done.",
            )
            .check();
    });
}

#[test]
fn a_late_export_is_cancelled_at_the_deadline() {
    grader::run(async || {
        // 1.5 s: the archive is still being built.
        let (result, took) = timed(export_within(holidays(), "ada@example.com", ms(1500))).await;
        PAGE.failure("an export of 2.1 s cannot make a 1.5 s deadline.")
            .unless_eq(&result, &Err(ExportError::TimedOut));
        PAGE.took("an export of 2.1 s with a 1.5 s deadline", took)
            .expected(ms(1500))
            .when(ms(2100), "it waited for the export to finish: give up at the deadline with `tokio::time::timeout`.")
            .check();
        tokio::time::sleep(secs(10)).await; // long enough for a task that was not cancelled to send its email
        check_cancelled("build_archive(Holidays)", ms(1500));

        // 2.05 s: the archive is built, the email is on its way.
        journal::reset();
        let result = export_within(holidays(), "grace@example.com", ms(2050)).await;
        PAGE.failure("an export of 2.1 s cannot make a 2.05 s deadline")
            .unless_eq(&result, &Err(ExportError::TimedOut));
        tokio::time::sleep(secs(10)).await;
        check_cancelled("email_link(grace@example.com)", ms(2050));
    });
}

/// The span `name` must have been cut short, at `at`, and no email may have been sent.
fn check_cancelled(name: &str, at: Duration) {
    let sent = journal::spans().into_iter().find(|s| s.name.starts_with("email_link") && !s.cancelled);
    if let Some(email) = sent {
        PAGE.failure(format!(
            "the export timed out at {}, but its task kept running and sent the email at {}.",
            show(at),
            show(email.end.unwrap_or_default())
        ))
        .cause(
            "the task was not cancelled. When `timeout` gives up it drops what it was waiting on, and dropping a \
             `JoinHandle` (or a borrow of it) detaches the task: it does not stop it. Call `export.abort()` when the \
             deadline has passed.",
        )
        .timeline()
        .fail();
    }
    let stopped = span(name).is_some_and(|s| s.cancelled && s.end == Some(at));
    PAGE.failure(format!(
        "at the deadline ({}) the export task should be cancelled, cutting `{name}` short right then.",
        show(at)
    ))
    .timeline()
    .unless(stopped);
}

#[test]
fn a_crashed_export_is_reported_as_crashed() {
    grader::run(async || {
        let mut album = holidays();
        album.photos[2] = Photo::new(3, "broken.jpg", 0); // the archiver panics on it, at 1.5 s
        let (outcome, took) = timed(tokio::spawn(export_within(album, "ada@example.com", secs(5)))).await;
        let result = match outcome {
            Ok(result) => result,
            Err(e) => {
                let message = grader::task_panic(e);
                PAGE.failure(format!(
                    "export_within panicked instead of returning `Err(ExportError::Crashed)`:\n    {message}"
                ))
                .cause(
                    "the `JoinError` of the crashed task was unwrapped, or the export did not run \
                     as a task of its own (`start_export`). A task's panic does not crash its caller: it comes back \
                     from the handle as `Err(join_error)` with `join_error.is_panic()` true. Turn it into \
                     `ExportError::Crashed`.",
                )
                .fail();
            }
        };
        PAGE.failure(
            "the export task panicked on broken.jpg: export_within should return `Err(ExportError::Crashed)`.",
        )
        .cause("every `JoinError` was treated alike. A crash (`is_panic()`) is not a timeout.")
        .unless_eq(&result, &Err(ExportError::Crashed));
        PAGE.took("an export that crashes at 1.5 s, with a 5 s deadline", took)
            .expected(ms(1500))
            .when(secs(5), "the crash was noticed only at the deadline: report it as soon as the task ends.")
            .check();
    });
}
