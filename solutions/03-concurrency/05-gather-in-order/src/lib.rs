//! Solution to exercise 3.5.

use futures::future::{join_all, try_join_all};
use sim::web::fetch_page;
pub use sim::web::{FetchError, Page};

// ANCHOR: solution
/// Every url at the same time; one result per url, in the order of `urls`.
pub async fn fetch_all(urls: &[&str]) -> Vec<Result<Page, FetchError>> {
    join_all(urls.iter().map(|url| fetch_page(url))).await
}

/// Every page in the order of `urls`, or the first error as soon as it happens.
pub async fn fetch_all_or_nothing(urls: &[&str]) -> Result<Vec<Page>, FetchError> {
    try_join_all(urls.iter().map(|url| fetch_page(url))).await
}
// ANCHOR_END: solution
