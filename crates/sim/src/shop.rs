//! A price service that can fail (chapter 1): fetching a price takes [`PRICE_LATENCY`] and returns
//! `Err(ShopError::NotFound(id))` for an unknown product.
//!
//! | product id | price (cents) |
//! |------------|---------------|
//! | 1          | 250           |
//! | 2          | 1200          |
//! | 3          | 75            |
//! | 4          | 990           |
//! | 5          | 30            |

use std::fmt;
use std::time::Duration;

use crate::journal::work;

/// How long one [`fetch_price`] takes, found or not.
pub const PRICE_LATENCY: Duration = Duration::from_millis(100);

/// Why a price could not be fetched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShopError {
    /// No product has this id.
    NotFound(u32),
}

impl fmt::Display for ShopError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShopError::NotFound(id) => write!(f, "no product with id {id}"),
        }
    }
}

impl std::error::Error for ShopError {}

/// The price of product `id` in cents, known without waiting: for tests and examples.
pub fn price_list(id: u32) -> Option<u32> {
    match id {
        1 => Some(250),
        2 => Some(1200),
        3 => Some(75),
        4 => Some(990),
        5 => Some(30),
        _ => None,
    }
}

/// Fetches the price of product `id` in cents; takes [`PRICE_LATENCY`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread", start_paused = true)]
/// # async fn main() {
/// use sim::shop::{fetch_price, ShopError};
/// assert_eq!(fetch_price(2).await, Ok(1200));
/// assert_eq!(fetch_price(42).await, Err(ShopError::NotFound(42)));
/// # }
/// ```
pub async fn fetch_price(id: u32) -> Result<u32, ShopError> {
    work(format!("fetch_price({id})"), PRICE_LATENCY).await;
    price_list(id).ok_or(ShopError::NotFound(id))
}
