// mistake: awaits the fetches in a loop, one after another
// expect: you awaited them one after another
use sim::web::fetch_page;
pub use sim::web::{FetchError, Page};

pub async fn fetch_all(urls: &[&str]) -> Vec<Result<Page, FetchError>> {
    let mut results = Vec::new();
    for url in urls {
        results.push(fetch_page(url).await);
    }
    results
}

pub async fn fetch_all_or_nothing(urls: &[&str]) -> Result<Vec<Page>, FetchError> {
    let mut pages = Vec::new();
    for url in urls {
        pages.push(fetch_page(url).await?);
    }
    Ok(pages)
}
