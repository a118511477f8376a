//! Exercise 3.3: racing two servers with `tokio::select!`.
//!
//! Read: `src/03-concurrency/03-select.md` (chapter 3, "The first to finish: `select!`").
//! Grade: `cargo test` in this folder, or `cargo course check select`.
//!
//! The simulated website lives in `sim::web`: `fetch_page(url)` asks the origin server, `fetch_mirror(url)` the
//! mirror (a CDN with copies of some pages). They answer at different speeds:
//!
//! | url     | origin           | mirror                        |
//! |---------|------------------|-------------------------------|
//! | `/home` | 300 ms           | 120 ms                        |
//! | `/menu` | 200 ms           | 250 ms                        |
//! | `/news` | 400 ms           | 404 after 60 ms (no copy)     |
//! | `/hours`| 503 after 150 ms | 200 ms                        |
//! | unknown | 404 after 100 ms | 404 after 60 ms               |

pub use sim::web::{Page, Server};

/// Asks the origin (`sim::web::fetch_page`) and the mirror (`sim::web::fetch_mirror`) for `url` at the same time,
/// and returns the first **successful** answer together with the server that gave it. The other request is
/// cancelled at that moment.
///
/// A failed answer does not win the race: the other server is still waited for. If both fail, returns `None`
/// (as soon as the second one has failed).
pub async fn fetch_fastest(url: &str) -> Option<(Server, Page)> {
    // TODO: use `tokio::select!` with one branch per server. A branch written `Ok(page) = fetch_page(url) => ...`
    // is taken only when its future gives an `Ok`; on an `Err` that branch is disabled and `select!` keeps
    // waiting for the others. An `else => ...` branch runs when every branch has been disabled.
    todo!("race the origin and the mirror for {url:?}")
}
