// mistake: races the mirror against the origin from the start instead of using it as a fallback
// expect: you asked the mirror at once
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
    tokio::select! {
        Ok(page) = fetch_within(url, ORIGIN_DEADLINE) => Ok((Server::Origin, page)),
        answer = fetch_mirror(url) => answer.map(|page| (Server::Mirror, page)),
    }
}
