// mistake: remembers the first error but keeps fetching the remaining prices
// expect: nothing more should be fetched
use sim::shop::fetch_price;
pub use sim::shop::ShopError;

pub async fn order_total(ids: &[u32]) -> Result<u32, ShopError> {
    let mut total = 0;
    let mut first_error = None;
    for &id in ids {
        match fetch_price(id).await {
            Ok(price) => total += price,
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    first_error.map_or(Ok(total), Err)
}
