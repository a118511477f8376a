//! Solution to exercise 3.4.

use std::time::Duration;

pub use sim::web::{FetchError, Page, Server};
use sim::web::{fetch_mirror, fetch_page};

/// How long [`fetch_with_fallback`] gives the origin before it turns to the mirror.
pub const ORIGIN_DEADLINE: Duration = Duration::from_millis(300);

// ANCHOR: solution
/// The origin's answer within `limit`, or `TimedOut`.
pub async fn fetch_within(url: &str, limit: Duration) -> Result<Page, FetchError> {
    match tokio::time::timeout(limit, fetch_page(url)).await {
        Ok(answer) => answer,
        Err(_elapsed) => Err(FetchError::TimedOut(url.to_string())),
    }
}

/// The origin within its deadline, or else the mirror.
pub async fn fetch_with_fallback(url: &str) -> Result<(Server, Page), FetchError> {
    match fetch_within(url, ORIGIN_DEADLINE).await {
        Ok(page) => Ok((Server::Origin, page)),
        Err(_) => fetch_mirror(url).await.map(|page| (Server::Mirror, page)),
    }
}
// ANCHOR_END: solution
