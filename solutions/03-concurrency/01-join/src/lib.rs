//! Solution to exercise 3.1.

use sim::web::fetch_page;
pub use sim::web::{FetchError, Page};

/// Both pages, fetched at the same time; results in the order of the arguments.
pub async fn fetch_both(first: &str, second: &str) -> (Result<Page, FetchError>, Result<Page, FetchError>) {
    // ANCHOR: solution
    tokio::join!(fetch_page(first), fetch_page(second))
    // ANCHOR_END: solution
}
