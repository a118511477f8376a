//! Exercise 5.1: a polite crawler that pauses a random time before each page.
//!
//! Read: `src/05-randomness/01-random-delay.md` (chapter 5, "Random delays").
//! Grade: `cargo test` in this folder, or `cargo course check random-delay`.

use std::time::Duration;

/// One page the crawler fetched, and the pause it took just before fetching it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visit {
    /// The path that was fetched, e.g. `/about`.
    pub path: String,
    /// The page's body, as `sim::archive::fetch` returned it.
    pub body: String,
    /// How long the crawler paused before this fetch.
    pub pause: Duration,
}

/// Fetches `paths` one after another with `sim::archive::fetch` (100 ms each), pausing before **each** fetch
/// for a random time between zero and `max_pause`, both included (a fresh draw for every page).
///
/// Returns one [`Visit`] per path, in the order of `paths`. With `max_pause` zero it never pauses.
///
/// The returned future must be `Send`: the tests run it as a task with `tokio::spawn`.
pub async fn crawl_politely(paths: Vec<String>, max_pause: Duration) -> Vec<Visit> {
    // TODO: for each path: draw a pause with `rand::random_range(Duration::ZERO..=max_pause)`, sleep it with
    // `tokio::time::sleep(pause).await`, fetch the page with `sim::archive::fetch(&path).await`, record a `Visit`.
    // Do not keep a `rand::rng()` handle in a variable across an `.await` (the page explains why).
    todo!("crawl {} paths, pausing up to {max_pause:?} before each", paths.len())
}
