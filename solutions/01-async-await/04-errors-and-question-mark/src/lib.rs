//! Solution to exercise 1.4.

pub use sim::shop::ShopError;
use sim::shop::fetch_price;

/// The sum of the prices of `ids`, fetched in order; the first error is returned at once.
pub async fn order_total(ids: &[u32]) -> Result<u32, ShopError> {
    // ANCHOR: solution
    let mut total = 0;
    for &id in ids {
        total += fetch_price(id).await?;
    }
    Ok(total)
    // ANCHOR_END: solution
}
