// mistake: keeps only the pages that were fetched, dropping the failures from the list
// expect: its `Err` goes in its url's place
use futures::future::{join_all, try_join_all};
use sim::web::fetch_page;
pub use sim::web::{FetchError, Page};

pub async fn fetch_all(urls: &[&str]) -> Vec<Result<Page, FetchError>> {
    join_all(urls.iter().map(|url| fetch_page(url))).await.into_iter().filter(Result::is_ok).collect()
}

pub async fn fetch_all_or_nothing(urls: &[&str]) -> Result<Vec<Page>, FetchError> {
    try_join_all(urls.iter().map(|url| fetch_page(url))).await
}
