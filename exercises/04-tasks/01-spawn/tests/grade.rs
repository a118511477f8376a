//! Graded tests for exercise 4.1, on tokio's paused clock.

use std::time::Duration;

use grader::sim::journal::{self, span};
use grader::{ms, secs, timed};
use spawn::{Photo, Thumbnail, Upload, start_thumbnail, upload};

const PAGE: grader::Page = grader::Page::new("src/04-tasks/01-spawn.md");

#[test]
fn the_task_runs_while_the_caller_does_other_work() {
    grader::run(async || {
        let photo = Photo::new(7, "beach.jpg", 2);
        let handle = start_thumbnail(photo.clone());
        // The caller does 1 s of work of its own and has not awaited the handle yet.
        grader::sim::work("the caller's other work", secs(1)).await;
        let timeline = journal::timeline();
        let Some(rendered) = span("thumbnail(beach.jpg)") else {
            PAGE.failure(
                "start_thumbnail(beach.jpg) returned a handle, but after 1 s of other work the thumbnail had not even \
                 started rendering.",
            )
            .cause(format!(
                "the rendering is not running as a task. `tokio::spawn` it inside `start_thumbnail`: a spawned task \
                 runs on its own, without being awaited.\n\n  What ran when (virtual time):\n{timeline}"
            ))
            .fail();
        };
        PAGE.failure(format!(
            "the thumbnail of a 2-megapixel photo should render from 0.000 s to 0.200 s while the caller does \
             other work, without anybody awaiting the handle.\n\n  What ran when (virtual time):\n{timeline}"
        ))
        .unless(rendered.start == Duration::ZERO && rendered.end == Some(ms(200)) && !rendered.cancelled);
        PAGE.failure("at 1 s the thumbnail task should be finished (it needs 200 ms).").unless(handle.is_finished());
        let (thumbnail, took) = timed(handle).await;
        let thumbnail = thumbnail.expect("the thumbnail task should not panic on a good photo");
        PAGE.failure("the handle should give the thumbnail of beach.jpg").unless_eq(&thumbnail, &Thumbnail::of(&photo));
        PAGE.failure(format!(
            "awaiting the handle of a task that has already finished should give its result at once, but it took \
             {}.",
            grader::sim::secs(took)
        ))
        .unless_eq(&took, &Duration::ZERO);
    });
}

#[test]
fn dropping_the_handle_does_not_stop_the_task() {
    grader::run(async || {
        drop(start_thumbnail(Photo::new(3, "cat.png", 5)));
        tokio::time::sleep(secs(2)).await;
        let timeline = journal::timeline();
        let done = span("thumbnail(cat.png)").is_some_and(|s| s.end == Some(ms(500)) && !s.cancelled);
        PAGE.failure(
            "the handle of the thumbnail task was dropped at once; the task should still run to the end (0.000 s → \
             0.500 s for 5 megapixels). Dropping a `JoinHandle` detaches the task, it does not cancel it: unlike a \
             plain future, a task does not need anybody to await it.",
        )
        .cause(format!(
            "`start_thumbnail` does not spawn a task that awaits `sim::photos::render_thumbnail(&photo)`.\n\n  What \
             ran when (virtual time):\n{timeline}"
        ))
        .unless(done);
    });
}

#[test]
fn upload_gives_the_page_and_the_thumbnail() {
    grader::run(async || {
        let photo = Photo::new(12, "dog.jpg", 1);
        PAGE.failure(
            "upload should return the page `save_metadata` gives (/photos/12) and the thumbnail (dog.thumb.jpg).",
        )
        .unless_eq(&upload(&photo).await, &Upload { url: "/photos/12".to_string(), thumbnail: Thumbnail::of(&photo) });
        let photo = Photo::new(40, "tree.webp", 4);
        assert_eq!(upload(&photo).await, Upload { url: "/photos/40".to_string(), thumbnail: Thumbnail::of(&photo) });
    });
}

#[test]
fn upload_renders_while_it_saves() {
    grader::run(async || {
        let (_, took) = timed(upload(&Photo::new(1, "small.jpg", 2))).await;
        PAGE.took("uploading a 2-megapixel photo (a 200 ms thumbnail, a 300 ms save)", took)
            .expected(ms(300))
            .when(
                ms(500),
                "the thumbnail and the save ran one after the other. Start the thumbnail task first, save the \
                 metadata, and await the handle only then: the task renders meanwhile.",
            )
            .check();

        journal::reset();
        let (_, took) = timed(upload(&Photo::new(2, "large.jpg", 8))).await;
        PAGE.took("uploading an 8-megapixel photo (an 800 ms thumbnail, a 300 ms save)", took)
            .expected(ms(800))
            .when(ms(300), "the thumbnail was never rendered: the upload must await the thumbnail task's handle.")
            .when(
                ms(1100),
                "the thumbnail and the save ran one after the other. Start the thumbnail task first, save the \
                 metadata, and await the handle only then: the task renders meanwhile.",
            )
            .check();
    });
}

#[test]
fn upload_renders_the_thumbnail_in_a_task() {
    grader::run(async || {
        let photo = Photo::new(5, "lake.jpg", 4);
        // Count the tasks alive at 0.000 s, once upload has started and whatever it spawned has run.
        let (most, done) = grader::timing::tasks_at_start(upload(&photo)).await;
        PAGE.failure("upload should return the thumbnail of lake.jpg")
            .unless_eq(&done.thumbnail, &Thumbnail::of(&photo));
        PAGE.failure(
            "upload(lake.jpg) rendered the thumbnail and saved the metadata at the same time, but it started no \
             task: the rendering ran inside upload's own future.",
        )
        .cause(
            "the two futures were awaited together (`tokio::join!(render_thumbnail(..), save_metadata(..))`), which \
             overlaps them but is not the exercise: the rendering should be a task of its own, started with \
             `start_thumbnail`, that goes on whether or not anyone polls `upload` (see what the handle is for). Call \
             `start_thumbnail(photo.clone())` first, save the metadata, then await the handle.",
        )
        .section("A task runs even if nobody awaits it")
        .unless(most >= 1);
    });
}
