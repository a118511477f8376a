//! Graded tests for exercise 4.4, on tokio's paused clock.

use std::time::Duration;

use grader::ms;
use grader::sim::journal;
use grader::timed;
use semaphore_pool::{Photo, Thumbnail, render_album_limited};

const PAGE: grader::Page = grader::Page::new("src/04-tasks/04-semaphore-pool.md");

/// Six photos: 400, 100, 300, 200, 100 and 300 ms to render (1.4 s in all).
fn album() -> Vec<Photo> {
    vec![
        Photo::new(1, "wedding.jpg", 4),
        Photo::new(2, "ring.jpg", 1),
        Photo::new(3, "church.jpg", 3),
        Photo::new(4, "cake.jpg", 2),
        Photo::new(5, "shoes.jpg", 1),
        Photo::new(6, "dance.jpg", 3),
    ]
}

/// The most renders in progress at the same instant, from the journal.
fn most_at_once() -> usize {
    journal::most_at_once("thumbnail(")
}

/// The time with `k` cards, each photo starting (in album order) as soon as a card is free.
fn packed(photos: &[Photo], k: usize) -> Duration {
    let mut free_at = vec![Duration::ZERO; k];
    for photo in photos {
        let card = (0..k).min_by_key(|&c| free_at[c]).expect("k > 0");
        free_at[card] += photo.thumbnail_time();
    }
    free_at.into_iter().max().unwrap_or_default()
}

/// The time in batches of `k`, each batch waiting for its slowest photo.
fn batched(photos: &[Photo], k: usize) -> Duration {
    photos.chunks(k).map(|batch| batch.iter().map(Photo::thumbnail_time).max().unwrap_or_default()).sum()
}

fn check_limit(limit: usize) {
    let most = most_at_once();
    let timeline = journal::timeline();
    let cause = if most == limit + 1 {
        "one permit too many (the semaphore was created with more permits than the limit): exactly one render \
         more than the limit ran at once, so the permits are held, but there is one extra. Create it with \
         `Semaphore::new(limit)`: `limit` cards, `limit` permits."
    } else {
        "no semaphore, or a permit that is released before the rendering. `let _ = cards.acquire().await` drops the \
         permit at once (`_` keeps nothing); `let _permit = ...` keeps it until the end of the task. A permit taken \
         in the spawning loop must be moved into the task (`acquire_owned`), or it is released at the end of the \
         loop's turn."
    };
    PAGE.failure(format!("with a limit of {limit}, up to {most} thumbnails were rendering at the same time."))
        .cause(format!("{cause}\n\n  What ran when (virtual time):\n{timeline}"))
        .unless(most <= limit);
    PAGE.failure(format!(
        "with a limit of {limit}, there were never more than {most} thumbnail(s) rendering at once: the cards were \
         not all used.\n\n  What ran when (virtual time):\n{timeline}"
    ))
    .unless(most == limit);
}

#[test]
fn never_more_than_the_limit_at_once() {
    grader::run(async || {
        render_album_limited(album(), 2).await;
        check_limit(2);
        journal::reset();
        render_album_limited(album(), 3).await;
        check_limit(3);
    });
}

#[test]
fn each_photo_starts_as_soon_as_a_card_is_free() {
    grader::run(async || {
        for limit in [2, 3] {
            journal::reset();
            let (_, took) = timed(render_album_limited(album(), limit)).await;
            PAGE.took(format!("rendering the album with {limit} cards"), took)
                .expected(packed(&album(), limit))
                .when(ms(1400), "the photos were rendered one after another: spawn one task per photo.")
                .when(ms(400), "every photo rendered at the same time: nothing limited them to the number of cards.")
                .when(
                    batched(&album(), limit),
                    "the photos went in batches that each waited for their slowest photo. With a semaphore, a \
                     photo starts as soon as *any* render ends and gives its permit back.",
                )
                .when(
                    packed(&album(), limit + 1),
                    "it ran as if there were one card more than the limit: one permit too many (the semaphore was \
                     created with more permits than the limit). Use `Semaphore::new(limit)`.",
                )
                .check();
        }
    });
}

#[test]
fn thumbnails_come_back_in_album_order() {
    grader::run(async || {
        let got = render_album_limited(album(), 2).await;
        let expected: Vec<Thumbnail> = album().iter().map(Thumbnail::of).collect();
        PAGE.failure(format!(
            "render_album_limited should return the thumbnails in album order.\n    expected: {:?}\n    got:      \
             {:?}",
            expected.iter().map(|t| &t.name).collect::<Vec<_>>(),
            got.iter().map(|t| &t.name).collect::<Vec<_>>()
        ))
        .cause(
            "the results were collected as the tasks finished. Keep the handles in a `Vec` \
             and await them in order.",
        )
        .unless(got == expected);
    });
}

#[test]
fn one_card_means_one_at_a_time_and_many_cards_mean_all_at_once() {
    grader::run(async || {
        let (thumbnails, took) = timed(render_album_limited(album(), 1)).await;
        PAGE.failure("six photos give six thumbnails.").unless_eq(&thumbnails.len(), &6);
        check_limit(1);
        PAGE.took("rendering the album with 1 card", took).expected(ms(1400)).check();

        journal::reset();
        let (_, took) = timed(render_album_limited(album(), 10)).await;
        PAGE.took("rendering the album of 6 photos with 10 cards", took)
            .expected(ms(400))
            .when(ms(1400), "the photos were rendered one after another: spawn one task per photo.")
            .check();
    });
}
