//! Solution to exercise 3.3.

pub use sim::web::{Page, Server};
use sim::web::{fetch_mirror, fetch_page};

/// The first successful answer of the origin and the mirror; `None` if both fail.
pub async fn fetch_fastest(url: &str) -> Option<(Server, Page)> {
    // ANCHOR: solution
    tokio::select! {
        Ok(page) = fetch_page(url) => Some((Server::Origin, page)),
        Ok(page) = fetch_mirror(url) => Some((Server::Mirror, page)),
        else => None,
    }
    // ANCHOR_END: solution
}
