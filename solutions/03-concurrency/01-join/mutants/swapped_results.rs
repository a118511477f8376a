// mistake: returns the two results in the wrong order
// expect: the two results are swapped
use sim::web::fetch_page;
pub use sim::web::{FetchError, Page};

pub async fn fetch_both(first: &str, second: &str) -> (Result<Page, FetchError>, Result<Page, FetchError>) {
    tokio::join!(fetch_page(second), fetch_page(first))
}
