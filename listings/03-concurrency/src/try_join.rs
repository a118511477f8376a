//! `tokio::try_join!`: all or nothing, and nothing more to wait for after the first
//! error.

use std::fmt;

use sim::shop::{ShopError, fetch_price};
use sim::web::{FetchError, Page, fetch_page};

// ANCHOR: both_or_error
/// Both pages, or the first error. On an error the other request is dropped on the
/// spot.
pub async fn home_and_menu() -> Result<(Page, Page), FetchError> {
    let (home, menu) = tokio::try_join!(fetch_page("/home"), fetch_page("/menu"))?;
    Ok((home, menu))
}
// ANCHOR_END: both_or_error

// ANCHOR: fail_fast
/// The blog takes 500 ms; `/nope` does not exist and fails after 100 ms. So does the
/// whole call.
pub async fn blog_and_missing() -> Result<(Page, Page), FetchError> {
    tokio::try_join!(fetch_page("/blog"), fetch_page("/nope"))
}
// ANCHOR_END: fail_fast

// ANCHOR: join_then_check
/// The same with `join!`: it waits for the blog (500 ms) although the answer was
/// known at 100 ms.
pub async fn blog_and_missing_slowly() -> Result<(Page, Page), FetchError> {
    let (blog, missing) = tokio::join!(fetch_page("/blog"), fetch_page("/nope"));
    Ok((blog?, missing?))
}
// ANCHOR_END: join_then_check

// ANCHOR: one_error_type
/// Why loading an offer failed: one error type for `try_join!` to return.
#[derive(Debug, PartialEq, Eq)]
pub enum OfferError {
    Page(FetchError),
    Price(ShopError),
}

/// The menu page and the price of product 2, at the same time. `try_join!` needs one
/// error type, so each future converts its own error first.
pub async fn offer() -> Result<(Page, u32), OfferError> {
    tokio::try_join!(
        async { fetch_page("/menu").await.map_err(OfferError::Page) },
        async { fetch_price(2).await.map_err(OfferError::Price) },
    )
}
// ANCHOR_END: one_error_type

impl fmt::Display for OfferError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OfferError::Page(e) => write!(f, "page: {e}"),
            OfferError::Price(e) => write!(f, "price: {e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use sim::journal;
    use tokio::time::Instant;

    use super::*;

    const fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[tokio::test(start_paused = true)]
    async fn both_pages_in_the_time_of_the_slower() {
        let start = Instant::now();
        let (home, menu) = home_and_menu().await.unwrap();
        assert_eq!((home.url.as_str(), menu.url.as_str()), ("/home", "/menu"));
        assert_eq!(start.elapsed(), ms(300));
    }

    #[tokio::test(start_paused = true)]
    async fn the_first_error_returns_at_once_and_cancels_the_rest() {
        journal::reset();
        let start = Instant::now();
        assert_eq!(
            blog_and_missing().await,
            Err(FetchError::NotFound("/nope".into()))
        );
        assert_eq!(start.elapsed(), ms(100));
        let blog = &journal::spans()[0];
        assert_eq!(
            (blog.name.as_str(), blog.end, blog.cancelled),
            ("GET /blog", Some(ms(100)), true)
        );
    }

    #[tokio::test(start_paused = true)]
    async fn join_then_check_waits_for_everything() {
        journal::reset();
        let start = Instant::now();
        assert_eq!(
            blog_and_missing_slowly().await,
            Err(FetchError::NotFound("/nope".into()))
        );
        assert_eq!(start.elapsed(), ms(500));
        assert!(journal::spans().iter().all(|s| !s.cancelled));
    }

    #[tokio::test(start_paused = true)]
    async fn different_errors_are_converted_to_one() {
        let start = Instant::now();
        let (menu, price) = offer().await.unwrap();
        assert_eq!((menu.url.as_str(), price), ("/menu", 1200));
        assert_eq!(start.elapsed(), ms(200));
    }
}
