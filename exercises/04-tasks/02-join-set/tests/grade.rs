//! Graded tests for exercise 4.2, on tokio's paused clock.

use std::time::Duration;

use grader::sim::secs as show;
use grader::{ms, timed};
use join_set::{Photo, Thumbnail, render_album};
use tokio::time::Instant;

const PAGE: grader::Page = grader::Page::new("src/04-tasks/02-join-set.md");

/// Five photos of different sizes: they finish in the order icon, cake, street, harbour, panorama.
fn album() -> Vec<Photo> {
    vec![
        Photo::new(1, "harbour.jpg", 5),  // 500 ms
        Photo::new(2, "cake.jpg", 2),     // 200 ms
        Photo::new(3, "panorama.jpg", 8), // 800 ms
        Photo::new(4, "icon.png", 1),     // 100 ms
        Photo::new(5, "street.jpg", 3),   // 300 ms
    ]
}

fn names(thumbnails: &[Thumbnail]) -> Vec<&str> {
    thumbnails.iter().map(|t| t.name.as_str()).collect()
}

#[test]
fn thumbnails_come_back_in_the_order_they_finish() {
    grader::run(async || {
        let got = render_album(album(), |_| {}).await;
        let mut expected: Vec<Thumbnail> = album().iter().map(Thumbnail::of).collect();
        let album_order = names(&expected).join(", ");
        expected.sort_by_key(|t| album()[t.photo_id as usize - 1].thumbnail_time());
        if got != expected {
            let cause = if names(&got).join(", ") == album_order {
                "they came back in album order: the handles were awaited one by one in the order the tasks \
                 were started. `JoinSet::join_next` gives whichever task finishes next."
            } else {
                "collect each thumbnail as `join_next` hands it over, and nothing else."
            };
            PAGE.failure(format!(
                "render_album should return the thumbnails in the order they finish.\n    expected: {:?}\n    \
                 got:      {:?}",
                names(&expected),
                names(&got)
            ))
            .cause(cause)
            .fail();
        }
    });
}

#[test]
fn all_thumbnails_render_at_the_same_time() {
    grader::run(async || {
        let (thumbnails, took) = timed(render_album(album(), |_| {})).await;
        PAGE.failure("five photos should give five thumbnails.").unless_eq(&thumbnails.len(), &5);
        PAGE.took("rendering the album of five photos (0.5 + 0.2 + 0.8 + 0.1 + 0.3 s)", took)
            .expected(ms(800))
            .when(
                ms(1900),
                "the thumbnails were rendered one after another. Spawn every photo's task into the `JoinSet` \
                 first, and only then wait for results.",
            )
            .check();
    });
}

#[test]
fn each_thumbnail_is_announced_the_moment_it_is_ready() {
    grader::run(async || {
        let start = Instant::now();
        let mut announced: Vec<(String, Duration)> = Vec::new();
        render_album(album(), |t| announced.push((t.name.clone(), start.elapsed()))).await;
        PAGE.failure(format!(
            "on_ready should be called once per thumbnail (5 times), but it was called {} time(s).",
            announced.len()
        ))
        .unless_eq(&announced.len(), &5);
        for (name, at) in &announced {
            let photo = album().into_iter().find(|p| &Thumbnail::of(p).name == name).expect("a known thumbnail");
            let ready = photo.thumbnail_time();
            PAGE.failure(format!(
                "on_ready({name}) was called at {} of virtual time, but that thumbnail was ready at {}.",
                show(*at),
                show(ready)
            ))
            .cause(
                "the thumbnails were announced after waiting for others. Call `on_ready` inside the \
                 `join_next` loop, as soon as each result arrives.",
            )
            .timeline()
            .unless(*at == ready);
        }
    });
}

#[test]
fn an_empty_album_renders_nothing_at_once() {
    grader::run(async || {
        let mut calls = 0;
        let (thumbnails, took) = timed(render_album(Vec::new(), |_| calls += 1)).await;
        PAGE.failure(format!(
            "an empty album has nothing to render: render_album should return an empty list at once, without \
             calling on_ready (it returned {} thumbnail(s) after {}, calling on_ready {calls} time(s)).",
            thumbnails.len(),
            show(took)
        ))
        .unless(thumbnails.is_empty() && calls == 0 && took == Duration::ZERO);
        let one = vec![Photo::new(9, "selfie.jpg", 4)];
        let (thumbnails, took) = timed(render_album(one.clone(), |_| calls += 1)).await;
        PAGE.failure("an album of one photo gives its one thumbnail").unless_eq(&thumbnails, &[Thumbnail::of(&one[0])]);
        PAGE.failure("one 4-megapixel photo: 400 ms, one call to on_ready").unless_eq(&(took, calls), &(ms(400), 1));
    });
}
