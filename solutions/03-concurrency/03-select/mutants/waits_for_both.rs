// mistake: waits for both answers with join! and then picks one
// expect: you waited for both answers
pub use sim::web::{Page, Server};
use sim::web::{fetch_mirror, fetch_page};

pub async fn fetch_fastest(url: &str) -> Option<(Server, Page)> {
    match tokio::join!(fetch_page(url), fetch_mirror(url)) {
        (_, Ok(page)) => Some((Server::Mirror, page)),
        (Ok(page), _) => Some((Server::Origin, page)),
        _ => None,
    }
}
