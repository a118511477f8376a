// mistake: asks the origin, and the mirror only after the origin has failed
// expect: one server after the other
pub use sim::web::{Page, Server};
use sim::web::{fetch_mirror, fetch_page};

pub async fn fetch_fastest(url: &str) -> Option<(Server, Page)> {
    if let Ok(page) = fetch_page(url).await {
        return Some((Server::Origin, page));
    }
    fetch_mirror(url).await.ok().map(|page| (Server::Mirror, page))
}
