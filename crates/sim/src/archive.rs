//! A web archive that asks crawlers to be polite (chapter 5): fetching a page takes [`FETCH_LATENCY`].
//!
//! Every path exists. The body of a page is known in advance ([`page`]), so tests can check what was fetched:
//!
//! | path     | body                   |
//! |----------|------------------------|
//! | `/`      | `<html>/</html>`       |
//! | `/about` | `<html>/about</html>`  |
//! | any `p`  | `<html>p</html>`       |
//!
//! Each fetch is recorded in the [`journal`](crate::journal) as a span called `fetch <path>`.

use std::time::Duration;

use crate::journal::work;

/// How long one [`fetch`] takes.
pub const FETCH_LATENCY: Duration = Duration::from_millis(100);

/// The body of the page at `path`, known without waiting: for tests and examples.
pub fn page(path: &str) -> String {
    format!("<html>{path}</html>")
}

/// Fetches the page at `path`; takes [`FETCH_LATENCY`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread", start_paused = true)]
/// # async fn main() {
/// let start = tokio::time::Instant::now();
/// assert_eq!(sim::archive::fetch("/about").await, "<html>/about</html>");
/// assert_eq!(start.elapsed(), sim::archive::FETCH_LATENCY);
/// # }
/// ```
pub async fn fetch(path: &str) -> String {
    work(format!("fetch {path}"), FETCH_LATENCY).await;
    page(path)
}
