//! Exercise 3.4: deadlines with `tokio::time::timeout`, and a fallback.
//!
//! Read: `src/03-concurrency/04-timeout.md` (chapter 3, "Deadlines: `timeout`").
//! Grade: `cargo test` in this folder, or `cargo course check timeout`.
//!
//! The simulated website lives in `sim::web`: `fetch_page(url)` asks the origin server, `fetch_mirror(url)` the
//! mirror (a CDN with copies of some pages):
//!
//! | url        | origin             | mirror                    |
//! |------------|--------------------|---------------------------|
//! | `/home`    | 300 ms             | 120 ms                    |
//! | `/menu`    | 200 ms             | 250 ms                    |
//! | `/news`    | 400 ms             | 404 after 60 ms (no copy) |
//! | `/archive` | 2 s (overloaded)   | 150 ms                    |
//! | `/hours`   | 503 after 150 ms   | 200 ms                    |
//! | unknown    | 404 after 100 ms   | 404 after 60 ms           |

use std::time::Duration;

pub use sim::web::{FetchError, Page, Server};

/// How long [`fetch_with_fallback`] gives the origin before it turns to the mirror.
pub const ORIGIN_DEADLINE: Duration = Duration::from_millis(300);

/// Fetches `url` from the origin (`sim::web::fetch_page`), but waits at most `limit` for it.
///
/// If the origin answers within `limit`, its answer is returned as it is (`Ok(page)`, or its own error). If not,
/// the request is cancelled at `limit` and the result is `Err(FetchError::TimedOut(url))`.
pub async fn fetch_within(url: &str, limit: Duration) -> Result<Page, FetchError> {
    // TODO: `tokio::time::timeout(limit, sim::web::fetch_page(url)).await` gives `Ok(the fetch's result)` if the
    // fetch finished in time, or `Err(Elapsed)` if it did not. Return the first as it is; turn the second into
    // `Err(FetchError::TimedOut(url.to_string()))`.
    todo!("fetch {url:?} within {limit:?}")
}

/// Fetches `url` from the origin within [`ORIGIN_DEADLINE`] (use [`fetch_within`]). If that fails for any reason
/// (it timed out, or the origin answered with an error), asks the mirror (`sim::web::fetch_mirror`) instead and
/// returns the mirror's result as it is.
///
/// Returns the page with the server it came from. The mirror is asked only once the origin has failed.
pub async fn fetch_with_fallback(url: &str) -> Result<(Server, Page), FetchError> {
    // TODO: `match fetch_within(url, ORIGIN_DEADLINE).await`: on `Ok(page)`, return it with `Server::Origin`; on
    // `Err(_)`, await `sim::web::fetch_mirror(url)` and return its page with `Server::Mirror` (or its error).
    todo!("fetch {url:?} from the origin, or else from the mirror")
}
