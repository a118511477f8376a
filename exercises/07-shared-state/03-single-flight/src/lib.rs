//! Exercise 7.3: single-flight: concurrent requests for one key share one fetch.
//!
//! Read: `src/07-shared-state/03-single-flight.md` (chapter 7, "Single-flight: one fetch for many callers").
//! Grade: `cargo test` in this folder, or `cargo course check single-flight`.
//!
//! `sim::rates::fetch_rate(currency)` asks the upstream API for a rate: CHF 100 ms, USD 200 ms, GBP 300 ms,
//! JPY 400 ms, anything else 500 ms.
//!
//! `Mutex` here is `sim::sync::Mutex`: std's `Mutex` with the same methods (`lock().unwrap()`, a guard that
//! unlocks when dropped). The grader uses it to let a second caller in at each unlock, as a second thread
//! could, so a race between two lock sections shows on every run. Write the code you would write with std's.

use std::collections::HashMap;
use std::sync::Arc;

use sim::sync::Mutex;

pub use sim::rates::Rate;
use tokio::sync::OnceCell;

/// Exchange rates, one cell per currency. A cell is empty until the first fetch of its currency completes, and
/// then holds the rate for good. One `RateService` is shared by every task of the service (through an
/// `Arc<RateService>`).
#[derive(Debug, Default)]
pub struct RateService {
    cells: Mutex<HashMap<String, Arc<OnceCell<Rate>>>>,
}

impl RateService {
    /// A service with nothing fetched yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The rate of `currency`.
    ///
    /// However many callers ask for the same currency at the same time, the upstream API
    /// (`sim::rates::fetch_rate`) is asked once, and they all get its answer when it arrives. A caller that
    /// comes while a fetch is under way waits for that fetch; one that comes after gets the rate at once.
    /// Different currencies are fetched independently, at the same time. If the caller that is fetching gives
    /// up (its future is dropped), the others must not be stranded.
    pub async fn get(&self, currency: &str) -> Rate {
        // TODO: in a short block, lock `self.cells`, take this currency's cell (or insert an empty one:
        // `entry(..).or_default()`) and clone the `Arc`; the guard must be gone before any `.await`. Then
        // `cell.get_or_init(|| fetch_rate(currency)).await` runs the fetch in the first caller and makes the
        // others wait for it; clone the rate out.
        todo!("find or make the cell of {currency} in {:?}, and share its fetch", self.cells)
    }
}
