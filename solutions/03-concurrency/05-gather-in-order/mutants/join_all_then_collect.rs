// mistake: all or nothing by waiting for every page and then collecting into a Result
// expect: you waited for every page before looking at the results
use futures::future::join_all;
use sim::web::fetch_page;
pub use sim::web::{FetchError, Page};

pub async fn fetch_all(urls: &[&str]) -> Vec<Result<Page, FetchError>> {
    join_all(urls.iter().map(|url| fetch_page(url))).await
}

pub async fn fetch_all_or_nothing(urls: &[&str]) -> Result<Vec<Page>, FetchError> {
    fetch_all(urls).await.into_iter().collect()
}
