// mistake: awaits the whole fetch and only then compares the elapsed time with the limit
// expect: only then looked at the clock
use std::time::Duration;

pub use sim::web::{FetchError, Page, Server};
use sim::web::{fetch_mirror, fetch_page};

pub const ORIGIN_DEADLINE: Duration = Duration::from_millis(300);

pub async fn fetch_within(url: &str, limit: Duration) -> Result<Page, FetchError> {
    let start = tokio::time::Instant::now();
    let answer = fetch_page(url).await;
    if start.elapsed() > limit {
        return Err(FetchError::TimedOut(url.to_string()));
    }
    answer
}

pub async fn fetch_with_fallback(url: &str) -> Result<(Server, Page), FetchError> {
    match fetch_within(url, ORIGIN_DEADLINE).await {
        Ok(page) => Ok((Server::Origin, page)),
        Err(_) => fetch_mirror(url).await.map(|page| (Server::Mirror, page)),
    }
}
