// mistake: a plain race: the first answer wins even when it is an error
// expect: must not end the race
pub use sim::web::{Page, Server};
use sim::web::{fetch_mirror, fetch_page};

pub async fn fetch_fastest(url: &str) -> Option<(Server, Page)> {
    tokio::select! {
        answer = fetch_page(url) => answer.ok().map(|page| (Server::Origin, page)),
        answer = fetch_mirror(url) => answer.ok().map(|page| (Server::Mirror, page)),
    }
}
