// mistake: falls back to the mirror only on a timeout, not when the origin answers with an error
// expect: an error is a failure too
use std::time::Duration;

pub use sim::web::{FetchError, Page, Server};
use sim::web::{fetch_mirror, fetch_page};

pub const ORIGIN_DEADLINE: Duration = Duration::from_millis(300);

pub async fn fetch_within(url: &str, limit: Duration) -> Result<Page, FetchError> {
    match tokio::time::timeout(limit, fetch_page(url)).await {
        Ok(answer) => answer,
        Err(_elapsed) => Err(FetchError::TimedOut(url.to_string())),
    }
}

pub async fn fetch_with_fallback(url: &str) -> Result<(Server, Page), FetchError> {
    match fetch_within(url, ORIGIN_DEADLINE).await {
        Ok(page) => Ok((Server::Origin, page)),
        Err(FetchError::TimedOut(_)) => fetch_mirror(url).await.map(|page| (Server::Mirror, page)),
        Err(e) => Err(e),
    }
}
