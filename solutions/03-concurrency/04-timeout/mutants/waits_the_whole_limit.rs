// mistake: always waits for the whole limit, even when the answer comes earlier
// expect: A deadline is a maximum
use std::time::Duration;

pub use sim::web::{FetchError, Page, Server};
use sim::web::{fetch_mirror, fetch_page};

pub const ORIGIN_DEADLINE: Duration = Duration::from_millis(300);

pub async fn fetch_within(url: &str, limit: Duration) -> Result<Page, FetchError> {
    let (answer, ()) = tokio::join!(tokio::time::timeout(limit, fetch_page(url)), tokio::time::sleep(limit));
    answer.unwrap_or_else(|_| Err(FetchError::TimedOut(url.to_string())))
}

pub async fn fetch_with_fallback(url: &str) -> Result<(Server, Page), FetchError> {
    match fetch_within(url, ORIGIN_DEADLINE).await {
        Ok(page) => Ok((Server::Origin, page)),
        Err(_) => fetch_mirror(url).await.map(|page| (Server::Mirror, page)),
    }
}
