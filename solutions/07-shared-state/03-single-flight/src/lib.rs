//! Solution to exercise 7.3.

use std::collections::HashMap;
use std::sync::Arc;

use sim::sync::Mutex;

pub use sim::rates::Rate;
use sim::rates::fetch_rate;
use tokio::sync::OnceCell;

/// Exchange rates, one cell per currency: empty until its first fetch completes.
#[derive(Debug, Default)]
pub struct RateService {
    cells: Mutex<HashMap<String, Arc<OnceCell<Rate>>>>,
}

// ANCHOR: solution
impl RateService {
    /// A service with nothing fetched yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The rate of `currency`, fetched at most once however many ask at the same time.
    pub async fn get(&self, currency: &str) -> Rate {
        // a short std lock: find this currency's cell, or put an empty one in the map
        let cell = {
            let mut cells = self.cells.lock().unwrap();
            Arc::clone(cells.entry(currency.to_string()).or_default())
        }; // the map's guard is gone here, before any `.await`
        // the first caller runs the fetch; the others wait for its result
        cell.get_or_init(|| fetch_rate(currency)).await.clone()
    }
}
// ANCHOR_END: solution
