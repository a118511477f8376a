// mistake: awaits the two requests one after another instead of together
// expect: you awaited them one after another
use sim::web::fetch_page;
pub use sim::web::{FetchError, Page};

pub async fn fetch_both(first: &str, second: &str) -> (Result<Page, FetchError>, Result<Page, FetchError>) {
    let a = fetch_page(first).await;
    let b = fetch_page(second).await;
    (a, b)
}
