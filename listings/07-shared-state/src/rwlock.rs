//! Many readers, one writer now and then: `RwLock`.

use std::collections::HashMap;
use std::sync::RwLock;

use sim::rates::Rate;

// ANCHOR: rwlock
/// The rate table: read by every request, replaced once an hour.
#[derive(Default)]
pub struct RateTable {
    rates: RwLock<HashMap<String, Rate>>,
}

impl RateTable {
    /// Any number of readers may hold `read()` at the same time.
    pub fn rate(&self, currency: &str) -> Option<Rate> {
        self.rates.read().unwrap().get(currency).cloned()
    }

    /// `write()` waits until no reader is left, and keeps everyone out meanwhile.
    pub fn replace(&self, new_rates: HashMap<String, Rate>) {
        *self.rates.write().unwrap() = new_rates;
    }
}
// ANCHOR_END: rwlock

#[cfg(test)]
mod tests {
    use super::*;
    use sim::rates::rate_of;

    #[test]
    fn readers_share_and_the_writer_replaces() {
        let table = RateTable::default();
        assert_eq!(table.rate("GBP"), None);
        table.replace(HashMap::from([("GBP".to_string(), rate_of("GBP"))]));
        let (a, b) = (table.rates.read().unwrap(), table.rates.read().unwrap());
        assert_eq!(a.len() + b.len(), 2); // two read guards at once
        assert!(table.rates.try_write().is_err()); // a writer would have to wait
        drop((a, b));
        assert_eq!(table.rate("GBP"), Some(rate_of("GBP")));
    }
}
