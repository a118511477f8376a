//! Exercise 3.2: all or nothing with `tokio::try_join!`.
//!
//! Read: `src/03-concurrency/02-try-join.md` (chapter 3, "All or nothing: `try_join!`").
//! Grade: `cargo test` in this folder, or `cargo course check try-join`.
//!
//! The simulated website lives in `sim::web`. An article `<slug>` is served in three parts, each with its own
//! latency on the origin (`sim::web::fetch_page`):
//!
//! | slug     | `/articles/<slug>` | `/articles/<slug>/comments` | `/articles/<slug>/author` |
//! |----------|--------------------|-----------------------------|---------------------------|
//! | `tokio`  | 400 ms             | 600 ms                      | 200 ms                    |
//! | `draft`  | 400 ms             | 600 ms                      | 404 after 100 ms          |
//! | `outage` | 503 after 300 ms   | 503 after 200 ms            | 250 ms                    |

pub use sim::web::{FetchError, Page};

/// Everything an article page shows: the bodies of its three parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// The body of `/articles/<slug>`.
    pub text: String,
    /// The body of `/articles/<slug>/comments`.
    pub comments: String,
    /// The body of `/articles/<slug>/author`.
    pub author: String,
}

/// Loads the article `slug`: fetches its three parts (`/articles/<slug>`, `/articles/<slug>/comments` and
/// `/articles/<slug>/author`) with `sim::web::fetch_page`, all at the same time.
///
/// The article needs all three parts. As soon as one fetch fails, returns that error, without waiting for the
/// others (they are cancelled). If several fail, the error returned is the one that happened first *in time*.
/// When all three succeed it takes as long as the slowest part.
pub async fn load_article(slug: &str) -> Result<Article, FetchError> {
    // TODO: build the three urls with `format!`, then make the three `sim::web::fetch_page(&url)` futures and
    // await them with `tokio::try_join!(a, b, c)`: it gives `Ok((page, page, page))`, or the first error as soon
    // as it happens. `?` passes that error on; build the `Article` from the pages' `body` fields.
    todo!("load the three parts of article {slug:?}")
}
