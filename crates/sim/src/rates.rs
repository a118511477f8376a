//! A currency-exchange service (chapter 7): a slow upstream API of exchange rates, and a rate table that takes
//! a while to load when the service starts.
//!
//! Every call is recorded in the [`journal`](crate::journal), so a test can count how often the upstream API was
//! asked for a currency (the number of `fetch_rate(EUR)` spans) and see which requests overlapped.
//!
//! | call                                 | latency                                   | journal span        |
//! |--------------------------------------|-------------------------------------------|---------------------|
//! | [`fetch_rate`]`("USD")`              | 200 ms                                    | `fetch_rate(USD)`   |
//! | [`fetch_rate`]`("GBP")`              | 300 ms                                    | `fetch_rate(GBP)`   |
//! | [`fetch_rate`]`("JPY")`              | 400 ms                                    | `fetch_rate(JPY)`   |
//! | [`fetch_rate`]`("CHF")`              | 100 ms                                    | `fetch_rate(CHF)`   |
//! | [`fetch_rate`]`(anything else)`      | 500 ms                                    | `fetch_rate(SEK)`   |
//! | [`load_rate_table`]`()`              | 2 s                                       | `load_rate_table`   |
//!
//! A rate is the price of one euro in the currency, in thousandths ([`Rate::milli`]); [`rate_of`] gives it
//! without waiting. The values never change, so any two fetches of a currency agree.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread", start_paused = true)]
//! # async fn main() {
//! use sim::rates::{fetch_rate, rate_of};
//! let start = tokio::time::Instant::now();
//! let rate = fetch_rate("GBP").await;
//! assert_eq!(rate, rate_of("GBP"));
//! assert_eq!(start.elapsed(), std::time::Duration::from_millis(300));
//! # }
//! ```

use std::time::Duration;

use crate::journal::work;

/// How long [`load_rate_table`] takes.
pub const TABLE_LATENCY: Duration = Duration::from_millis(2000);

/// An exchange rate: one euro buys `milli / 1000` of `currency`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Rate {
    /// A currency code such as `GBP`.
    pub currency: String,
    /// The price of one euro in this currency, in thousandths (`GBP`: 855 means 0.855 pounds).
    pub milli: u64,
}

/// How long [`fetch_rate`] takes for `currency` (for tests and examples).
pub fn latency(currency: &str) -> Duration {
    Duration::from_millis(match currency {
        "USD" => 200,
        "GBP" => 300,
        "JPY" => 400,
        "CHF" => 100,
        _ => 500,
    })
}

/// The rate [`fetch_rate`] answers for `currency`, without waiting.
pub fn rate_of(currency: &str) -> Rate {
    let milli = match currency {
        "EUR" => 1000,
        "USD" => 1082,
        "GBP" => 855,
        "JPY" => 161_250,
        "CHF" => 947,
        other => 500 + other.bytes().map(u64::from).sum::<u64>() * 7,
    };
    Rate { currency: currency.to_string(), milli }
}

/// Asks the upstream API for the rate of `currency`: takes [`latency`]`(currency)`, recorded as
/// `fetch_rate(<currency>)`.
pub async fn fetch_rate(currency: &str) -> Rate {
    work(format!("fetch_rate({currency})"), latency(currency)).await;
    rate_of(currency)
}

/// Loads the service's rate table when it starts: takes [`TABLE_LATENCY`] (2 s), recorded as `load_rate_table`.
pub async fn load_rate_table() {
    work("load_rate_table", TABLE_LATENCY).await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal;

    #[tokio::test(start_paused = true)]
    async fn a_fetch_takes_its_latency_and_is_journaled() {
        journal::reset();
        tokio::join!(fetch_rate("USD"), fetch_rate("SEK"));
        let spans = journal::spans();
        assert_eq!(spans[0].name, "fetch_rate(USD)");
        assert_eq!(spans[0].end, Some(Duration::from_millis(200)));
        assert_eq!(spans[1].end, Some(Duration::from_millis(500)));
    }

    #[test]
    fn rates_are_fixed() {
        assert_eq!(rate_of("GBP").milli, 855);
        assert_eq!(rate_of("SEK"), rate_of("SEK"));
        assert_ne!(rate_of("SEK"), rate_of("NOK"));
    }
}
