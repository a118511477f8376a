// mistake: collects the results in the order they finish (FuturesUnordered) instead of the order of the urls
// expect: in the order the answers arrived
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use sim::web::fetch_page;
pub use sim::web::{FetchError, Page};

pub async fn fetch_all(urls: &[&str]) -> Vec<Result<Page, FetchError>> {
    let mut pending: FuturesUnordered<_> = urls.iter().map(|url| fetch_page(url)).collect();
    let mut results = Vec::new();
    while let Some(result) = pending.next().await {
        results.push(result);
    }
    results
}

pub async fn fetch_all_or_nothing(urls: &[&str]) -> Result<Vec<Page>, FetchError> {
    fetch_all(urls).await.into_iter().collect()
}
