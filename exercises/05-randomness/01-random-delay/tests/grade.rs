//! Graded tests for exercise 5.1, on tokio's paused clock.
//!
//! The pauses are random, so no test expects particular numbers: they check what holds for *any* draw (every pause
//! is within `max_pause`; each fetch starts exactly one pause after the previous one ended), or, where a test relies
//! on chance (200 pauses reach both ends of the range), the chance that a correct crawler fails it is computed in
//! a comment.

use std::time::Duration;

use grader::sim::archive::{self, FETCH_LATENCY};
use grader::sim::journal::{self, secs as show};
use grader::{known, ms, secs};
use random_delay::{Visit, crawl_politely};

const PAGE: grader::Page = grader::Page::new("src/05-randomness/01-random-delay.md");

fn paths(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

fn numbered(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("/page/{i}")).collect()
}

/// Runs the crawler as its own task, which requires its future to be `Send`.
///
/// If this line does not compile ("future cannot be sent between threads safely"), your `crawl_politely` keeps a
/// `rand::rng()` handle (a `ThreadRng`) in a variable while it awaits. That is the failure: see the page.
async fn crawl(paths: Vec<String>, max_pause: Duration) -> Vec<Visit> {
    match tokio::spawn(crawl_politely(paths, max_pause)).await {
        Ok(visits) => visits,
        Err(e) => {
            let text = grader::task_panic(e);
            PAGE.failure(format!("crawl_politely panicked with max_pause = {max_pause:?}: \"{text}\"."))
                .cause(known::cause(&text, ""))
                .fail()
        }
    }
}

/// The fetch spans the archive recorded, in the order they started.
fn fetches() -> Vec<journal::Span> {
    journal::spans().into_iter().filter(|s| s.name.starts_with("fetch ")).collect()
}

#[test]
fn it_fetches_every_page_in_order() {
    grader::run(async || {
        let wanted = paths(&["/", "/about", "/blog", "/contact"]);
        let visits = crawl(wanted.clone(), ms(500)).await;
        let got: Vec<&str> = visits.iter().map(|v| v.path.as_str()).collect();
        PAGE.failure("crawl_politely should return one Visit per path, in the order of `paths`.")
            .unless_eq(&got, &wanted);
        for v in &visits {
            PAGE.failure(format!(
                "the Visit for {} should hold the body `sim::archive::fetch` returned for it",
                v.path
            ))
            .unless_eq(&v.body, &archive::page(&v.path));
        }
        let fetched: Vec<String> = fetches().iter().map(|s| s.name.trim_start_matches("fetch ").to_string()).collect();
        PAGE.failure(
            "each path should be fetched once with `sim::archive::fetch`, in the order of `paths`: a polite crawler \
             fetches one page at a time, awaiting each fetch before it pauses for the next.",
        )
        .unless_eq(&fetched, &wanted);
    });
}

#[test]
fn each_pause_is_a_fresh_draw_within_max_pause() {
    grader::run(async || {
        let max_pause = ms(250);
        let visits = crawl(numbered(40), max_pause).await;
        PAGE.failure("crawling 40 paths should give 40 visits").unless_eq(&visits.len(), &40);
        for v in &visits {
            PAGE.failure(format!(
                "the pause before {} was {:?}, longer than max_pause ({max_pause:?}). Draw it from \
                 `Duration::ZERO..=max_pause`.",
                v.path, v.pause
            ))
            .unless(v.pause <= max_pause);
        }
        let first = visits[0].pause;
        PAGE.failure(format!(
            "all 40 pauses were {first:?}. They should be random, and drawn afresh for every page: draw the pause \
             *inside* the loop, with `rand::random_range(Duration::ZERO..=max_pause)`."
        ))
        .unless(visits.iter().any(|v| v.pause != first));
    });
}

#[test]
fn the_pauses_spread_from_zero_to_max_pause() {
    // A pause drawn uniformly from [0, max_pause] lands in the lowest quarter of the range with probability 1/4, and
    // likewise in the highest quarter. The chance that none of 200 pauses lands in one given quarter is
    // (3/4)^200 ≈ 1e-25, so this test fails a correct crawler with probability below 3e-25.
    grader::Grade::new().virtual_limit(secs(600)).run(async || {
        let max_pause = ms(400);
        let visits = crawl(numbered(200), max_pause).await;
        PAGE.failure("crawling 200 paths should give 200 visits.").unless_eq(&visits.len(), &200);
        let lowest = visits.iter().map(|v| v.pause).min().unwrap_or_default();
        let highest = visits.iter().map(|v| v.pause).max().unwrap_or_default();
        PAGE.failure(format!(
            "the shortest of 200 pauses drawn with max_pause = {} was {}: drawn between zero and max_pause, about \
             50 of them would be under {}.",
            show(max_pause),
            show(lowest),
            show(max_pause / 4)
        ))
        .cause(
            "the range does not start at zero (a fixed part plus a random part, such as `max_pause / 2 + \
             random_range(..)`, or a range from `max_pause / 2`). The pause is anything from zero to max_pause: draw \
             from `Duration::ZERO..=max_pause`.",
        )
        .section("A random sleep")
        .unless(lowest <= max_pause / 4);
        PAGE.failure(format!(
            "the longest of 200 pauses drawn with max_pause = {} was {}: drawn between zero and max_pause, about \
             50 of them would be over {}.",
            show(max_pause),
            show(highest),
            show(max_pause * 3 / 4)
        ))
        .cause(
            "the range stops short of max_pause (a smaller bound, or a unit mix-up). Draw from \
             `Duration::ZERO..=max_pause`.",
        )
        .section("A random sleep")
        .unless(highest >= max_pause * 3 / 4);
    });
}

#[test]
fn it_waits_each_pause_just_before_its_fetch() {
    grader::run(async || {
        let visits = crawl(numbered(6), secs(2)).await;
        let finished = journal::now();
        let spans = fetches();
        PAGE.failure("each of the 6 paths should be fetched exactly once.").unless_eq(&spans.len(), &visits.len());
        let timeline = journal::timeline();
        let mut previous_end = Duration::ZERO;
        for (i, (v, span)) in visits.iter().zip(&spans).enumerate() {
            PAGE.failure(format!(
                "the fetch of {} started at {}, before the previous fetch ended ({}). A polite crawler fetches \
                 one page at a time: await each fetch before the next pause.\n\n  What ran when (virtual \
                 time):\n{timeline}",
                v.path,
                show(span.start),
                show(previous_end)
            ))
            .unless(span.start >= previous_end);
            let gap = span.start - previous_end;
            let what = if i == 0 {
                "the start".to_string()
            } else {
                format!("the end of the fetch of {}", visits[i - 1].path)
            };
            // tokio's timers tick in whole milliseconds, so a sleep of 0.7234 s ends at 0.724 s: allow 1 ms.
            PAGE.failure(format!(
                "the Visit for {} says the crawler paused {:?} before fetching it, but {} passed between {what} \
                 and that fetch.",
                v.path,
                v.pause,
                show(gap)
            ))
            .cause(format!(
                "{}\n\n  What ran when (virtual time):\n{timeline}",
                if gap.is_zero() && finished <= FETCH_LATENCY * visits.len() as u32 {
                    "no waiting happened on tokio's clock. Did you forget to `.await` the sleep, or use \
                     `std::thread::sleep` (which blocks the thread and never moves tokio's clock)? Use \
                     `tokio::time::sleep(pause).await`."
                } else if gap.is_zero() {
                    "the crawler did wait, but not before this fetch: the pause comes *before* each fetch (draw it, \
                     sleep it, then fetch), not after it."
                } else {
                    "the pause must come *just before* its fetch, and be the one you return in the Visit: draw it, \
                     sleep it, then fetch."
                }
            ))
            .unless(gap.abs_diff(v.pause) <= ms(1));
            previous_end = span.end.unwrap_or(previous_end);
        }
        PAGE.took("crawl_politely, from its last fetch to its return", finished - previous_end)
            .expected(Duration::ZERO)
            .check();
    });
}

#[test]
fn a_zero_max_pause_means_no_pausing() {
    grader::run(async || {
        let (visits, took) = grader::timed(crawl(numbered(3), Duration::ZERO)).await;
        PAGE.failure(format!(
            "with max_pause = 0 every pause must be zero, but got {:?}.",
            visits.iter().map(|v| v.pause).collect::<Vec<_>>()
        ))
        .unless(visits.iter().all(|v| v.pause.is_zero()));
        PAGE.took("crawling 3 pages with max_pause = 0", took).expected(FETCH_LATENCY * 3).check();
    });
}

#[test]
fn crawlers_run_side_by_side_as_tasks() {
    grader::run(async || {
        let start = tokio::time::Instant::now();
        let handles: Vec<_> = (0..3)
            .map(|c| {
                tokio::spawn(async move {
                    grader::timed(crawl(vec![format!("/site{c}/a"), format!("/site{c}/b")], secs(1))).await
                })
            })
            .collect();
        let mut longest = Duration::ZERO;
        for handle in handles {
            let (visits, took) = handle.await.unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()));
            PAGE.failure("each crawler should visit its 2 pages").unless_eq(&visits.len(), &2);
            let pauses: Duration = visits.iter().map(|v| v.pause).sum();
            PAGE.failure(format!(
                "a crawler that paused {pauses:?} in all and fetched 2 pages should take {} (pauses + 2 × 100 ms), \
                 but it took {}.",
                show(pauses + FETCH_LATENCY * 2),
                show(took)
            ))
            .cause(if took < pauses + FETCH_LATENCY * 2 {
                "some waiting did not happen on tokio's clock (a sleep not awaited, or `std::thread::sleep`), or the \
                 pages were fetched at the same time instead of one after the other."
            } else {
                "it waited longer than the pauses it reports: sleep exactly the pause you return, once per page."
            })
            .unless(took.abs_diff(pauses + FETCH_LATENCY * 2) <= ms(2));
            longest = longest.max(took);
        }
        PAGE.took("three crawlers running as separate tasks", start.elapsed()).expected(longest).check();
    });
}
