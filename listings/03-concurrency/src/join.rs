//! `tokio::join!`: waiting for several futures at once, on one thread.

use std::cell::RefCell;

use sim::accounts::{User, find_user};
use sim::shop::{ShopError, fetch_price};
use sim::web::{FetchError, Page, fetch_page};

// ANCHOR: one_by_one
/// Fetches two pages, one after the other: 300 ms, then 200 ms more.
pub async fn home_and_menu_one_by_one()
-> (Result<Page, FetchError>, Result<Page, FetchError>) {
    // 300 ms: the menu request has not even been made yet
    let home = fetch_page("/home").await;
    let menu = fetch_page("/menu").await; // 200 ms more
    (home, menu) // 500 ms in all
}
// ANCHOR_END: one_by_one

// ANCHOR: together
/// Fetches the same two pages at the same time: it takes as long as the slower one.
pub async fn home_and_menu_together()
-> (Result<Page, FetchError>, Result<Page, FetchError>) {
    let (home, menu) = tokio::join!(fetch_page("/home"), fetch_page("/menu"));
    (home, menu) // 300 ms: the menu arrived at 200 ms and waited for the home page
}
// ANCHOR_END: together

// ANCHOR: mixed
/// Three different services, three different output types, one `join!`.
pub async fn dashboard()
-> (Result<Page, FetchError>, Option<User>, Result<u32, ShopError>) {
    tokio::join!(
        fetch_page("/news"), // 400 ms, a Result<Page, FetchError>
        find_user(1),        // 300 ms, an Option<User>
        fetch_price(2),      // 100 ms, a Result<u32, ShopError>
    )
}
// ANCHOR_END: mixed

// ANCHOR: interleaving
/// Two futures write to one log. They share it through a plain `RefCell`: no `Arc`,
/// no `Mutex`, because `join!` runs them in turns on one thread, never both at the
/// same instant.
pub async fn interleaved() -> Vec<String> {
    let log = RefCell::new(Vec::new());
    let note = |line: &str| log.borrow_mut().push(line.to_string());
    tokio::join!(
        async {
            note("home: sending request");
            let _ = fetch_page("/home").await; // 300 ms
            note("home: got the page");
        },
        async {
            note("menu: sending request");
            let _ = fetch_page("/menu").await; // 200 ms
            note("menu: got the page");
        },
    );
    log.into_inner()
}
// ANCHOR_END: interleaving

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use tokio::time::Instant;

    use super::*;

    const fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[tokio::test(start_paused = true)]
    async fn one_by_one_adds_up_and_join_takes_the_longest() {
        let start = Instant::now();
        let (home, menu) = home_and_menu_one_by_one().await;
        assert!(home.is_ok() && menu.is_ok());
        assert_eq!(start.elapsed(), ms(500));

        let start = Instant::now();
        let (home, menu) = home_and_menu_together().await;
        assert_eq!(
            (home.unwrap().url, menu.unwrap().url),
            ("/home".to_string(), "/menu".to_string())
        );
        assert_eq!(start.elapsed(), ms(300));
    }

    #[tokio::test(start_paused = true)]
    async fn join_mixes_output_types() {
        let start = Instant::now();
        let (news, user, price) = dashboard().await;
        assert!(news.is_ok());
        assert_eq!(user.unwrap().name, "Ada");
        assert_eq!(price, Ok(1200));
        assert_eq!(start.elapsed(), ms(400));
    }

    #[tokio::test(start_paused = true)]
    async fn the_two_futures_take_turns() {
        assert_eq!(
            interleaved().await,
            [
                "home: sending request",
                "menu: sending request",
                "menu: got the page",
                "home: got the page"
            ]
        );
    }
}
