//! Graded tests for exercise 4.5, on tokio's paused clock.

use std::future::Future;
use std::time::Duration;

use channels::{Backup, Original, Photo, back_up, spawn_writer};
use grader::sim::journal;
use grader::sim::secs as show;
use grader::{ms, secs, timed};
use tokio::sync::mpsc;

const PAGE: grader::Page = grader::Page::new("src/04-tasks/05-channels.md");

fn original(photo_id: u32, name: &str, megapixels: u32) -> Original {
    Original { photo_id, name: name.to_string(), megapixels, bytes: u64::from(megapixels) * 1_000_000 }
}

/// Four photos: their downloads end at 300, 100, 400 and 200 ms.
fn album() -> Vec<Photo> {
    vec![
        Photo::new(1, "lake.jpg", 3),
        Photo::new(2, "fox.jpg", 1),
        Photo::new(3, "glacier.jpg", 4),
        Photo::new(4, "tent.jpg", 2),
    ]
}

/// The most writes in progress at the same instant, from the journal.
fn most_writes_at_once() -> usize {
    journal::most_at_once("write(")
}

fn check_one_write_at_a_time() {
    let most = most_writes_at_once();
    PAGE.failure(format!(
        "{most} writes were under way at the same time, but the backup disk writes one file at a time."
    ))
    .cause(
        "the originals were written by the download tasks, or the writer spawned a task per write. Only the \
         writer task writes, and it awaits each write before it receives the next original.",
    )
    .timeline()
    .unless(most <= 1);
}

/// Awaits `fut`, explaining a deadlock if it never finishes.
async fn finishes<T>(what: &str, cause: &str, fut: impl Future<Output = T>) -> T {
    match tokio::time::timeout(secs(60), fut).await {
        Ok(out) => out,
        Err(_) => PAGE
            .failure(format!(
                "{what} never finished: after 60 s of virtual time it was still waiting, with nothing left to run."
            ))
            .cause(cause)
            .timeline()
            .fail(),
    }
}

const WRITER_LOOP: &str = "the writer's loop does not end when the channel closes. `while let Some(original) = \
                           originals.recv().await { ... }` ends when `recv()` returns `None`, which happens once \
                           every sender has been dropped.";

const SENDER_KEPT: &str = "a `Sender` is still alive, so the writer's `recv()` waits for more originals forever. \
                           Each download task owns a clone of `tx`, dropped when the task ends; the original `tx` \
                           in `back_up` must be dropped too (`drop(tx)`) before awaiting the writer.";

#[test]
fn the_writer_writes_what_arrives_one_at_a_time() {
    grader::run(async || {
        let (tx, rx) = mpsc::channel(16);
        let writer = spawn_writer(rx);
        tx.send(original(1, "moon.jpg", 2)).await.expect("the writer should be receiving");
        tx.send(original(2, "owl.jpg", 1)).await.expect("the writer should be receiving");
        tokio::time::sleep(secs(1)).await;
        tx.send(original(3, "stars.jpg", 4)).await.expect("the writer should be receiving");
        drop(tx);
        let (backup, took) =
            timed(finishes("the writer task, after its only sender was dropped,", WRITER_LOOP, writer)).await;
        let backup = backup.expect("the writer task should not panic");
        PAGE.failure(
            "the writer received photos 1, 2 and 3 (2 + 1 + 4 MB): it should write them in that order and report \
             them.",
        )
        .unless_eq(&backup, &Backup { written: vec![1, 2, 3], bytes: 7_000_000 });
        check_one_write_at_a_time();
        let writes: Vec<(Duration, Option<Duration>)> = journal::spans().iter().map(|s| (s.start, s.end)).collect();
        PAGE.failure(
            "the writer should write moon.jpg at once (0 → 100 ms), owl.jpg right after (100 → 150 ms) and \
             stars.jpg as soon as it arrives at 1 s (1.000 → 1.200 s).",
        )
        .timeline()
        .unless_eq(&writes, &[(ms(0), Some(ms(100))), (ms(100), Some(ms(150))), (secs(1), Some(ms(1200)))]);
        PAGE.failure("the writer should end as soon as its last write is done").unless_eq(&took, &ms(200));
    });
}

#[test]
fn the_writer_stops_when_every_sender_is_gone() {
    grader::run(async || {
        let (tx, rx) = mpsc::channel::<Original>(16);
        let writer = spawn_writer(rx);
        let second = tx.clone();
        drop(tx);
        tokio::time::sleep(secs(1)).await;
        PAGE.failure(
            "one sender of the channel is still alive, so more originals may come: the writer should still be \
             waiting for them, but it has already ended.",
        )
        .unless(!writer.is_finished());
        second.send(original(5, "kite.jpg", 2)).await.expect("the writer should be receiving");
        drop(second);
        let backup = finishes("the writer task, after both senders were dropped,", WRITER_LOOP, writer).await;
        assert_eq!(backup.expect("the writer task should not panic"), Backup { written: vec![5], bytes: 2_000_000 });

        let (tx, rx) = mpsc::channel::<Original>(16);
        let writer = spawn_writer(rx);
        drop(tx);
        let (backup, took) = timed(finishes("a writer with no sender", WRITER_LOOP, writer)).await;
        PAGE.failure(
            "a writer whose senders are all gone before anything was sent should end at once with an empty report.",
        )
        .unless_eq(&(backup.expect("the writer task should not panic"), took), &(Backup::default(), Duration::ZERO));
    });
}

#[test]
fn back_up_downloads_at_once_and_writes_in_arrival_order() {
    grader::run(async || {
        let (backup, took) = timed(finishes("back_up(4 photos)", SENDER_KEPT, back_up(album()))).await;
        PAGE.failure(
            "the downloads end with fox (100 ms), tent (200 ms), lake (300 ms), glacier (400 ms): each should be \
             written as it arrives, so in that order.",
        )
        .unless_eq(&backup, &Backup { written: vec![2, 4, 1, 3], bytes: 10_000_000 });
        check_one_write_at_a_time();
        // fox 100 → 150, tent 200 → 300, lake 300 → 450, glacier 450 → 650.
        PAGE.took("backing up the four photos", took)
            .expected(ms(650))
            .when(ms(1500), "everything ran one after another: spawn one download task per photo.")
            .when(
                ms(900),
                "nothing was written before every download was done. Send each original to the writer as soon as \
                 it is downloaded.",
            )
            .check();
    });
}

#[test]
fn backing_up_nothing_ends_at_once() {
    grader::run(async || {
        let (backup, took) = timed(finishes("back_up of an empty album", SENDER_KEPT, back_up(Vec::new()))).await;
        PAGE.failure(format!(
            "an empty album has nothing to back up: back_up should return an empty report at once, but it returned \
             {backup:?} after {}.",
            show(took)
        ))
        .unless(backup == Backup::default() && took == Duration::ZERO);
    });
}
