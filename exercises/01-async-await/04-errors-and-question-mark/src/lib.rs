//! Exercise 1.4: errors and `?` in async code.
//!
//! Read: `src/01-async-await/04-errors-and-question-mark.md` (chapter 1, "Errors and `?`").
//! Grade: `cargo test` in this folder, or `cargo course check errors-and-question-mark`.
//!
//! The simulated shop lives in `sim::shop`: `fetch_price(id)` takes 100 ms and gives
//! `Ok(cents)` or `Err(ShopError::NotFound(id))`.

pub use sim::shop::ShopError;

/// Fetches the price of every product in `ids`, one after another in the order given, and returns the sum in
/// cents. At the first product that cannot be fetched, returns that error right away and fetches nothing more.
pub async fn order_total(ids: &[u32]) -> Result<u32, ShopError> {
    // TODO: loop over `ids`, add up `sim::shop::fetch_price(id).await?`, and return `Ok(total)`.
    todo!("add up the prices of {ids:?}")
}
