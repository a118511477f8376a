//! Graded tests for exercise 7.2, on tokio's paused clock.

use std::sync::Arc;

use grader::ms;
use grader::sim::journal;
use grader::sim::rates::rate_of;
use grader::timed;
use rate_cache::RateCache;

const PAGE: &str = "src/07-shared-state/02-rate-cache.md";

/// How many times the upstream API was asked for `currency` since the journal was reset.
fn fetches(currency: &str) -> usize {
    let name = format!("fetch_rate({currency})");
    journal::spans().iter().filter(|s| s.name == name).count()
}

const HELD: &str = "the lock was held across the fetch, so every other lookup waited for it. Take the lock only \
                    to look up and to insert, and let the guard go before `fetch_rate(..).await` (a std `Mutex` \
                    guard in a temporary or a block, not a `tokio::sync::Mutex` guard kept over the `.await`).";

#[test]
fn a_second_lookup_is_served_from_the_cache() {
    grader::run(async || {
        let cache = RateCache::new();
        let (rate, took) = timed(cache.get("GBP")).await;
        assert!(rate == rate_of("GBP"), "get(\"GBP\") gave {rate:?}, expected {:?}. Read: {PAGE}", rate_of("GBP"));
        grader::took("the first lookup of GBP (a fetch)", took).expected(ms(300)).read(PAGE).check();

        let (rate, took) = timed(cache.get("GBP")).await;
        assert!(rate == rate_of("GBP"), "the second get(\"GBP\") gave {rate:?}. Read: {PAGE}");
        let n = fetches("GBP");
        assert!(
            n == 1,
            "two lookups of GBP, one after the other, asked the upstream API for GBP {n} times, expected once.\n\n  \
             Likely cause: the first answer was not kept in the cache (insert the fetched rate into the map that \
             `self.rates` guards, not into a copy of it), or the cache is not looked at before fetching.\n\n  What ran when (virtual time):\n{}\n  Read: {PAGE}",
            journal::timeline()
        );
        grader::took("the second lookup of GBP (a cache hit)", took).expected(ms(0)).read(PAGE).check();
    });
}

#[test]
fn lookups_of_different_currencies_overlap() {
    grader::run(async || {
        let cache = Arc::new(RateCache::new());
        let (rates, took) = timed(async {
            let mut handles = Vec::new();
            for currency in ["USD", "GBP", "JPY"] {
                let cache = Arc::clone(&cache);
                handles.push(tokio::spawn(async move { cache.get(currency).await }));
            }
            let mut rates = Vec::new();
            for handle in handles {
                rates.push(handle.await.expect("a lookup panicked"));
            }
            rates
        })
        .await;
        let expected = vec![rate_of("USD"), rate_of("GBP"), rate_of("JPY")];
        assert!(rates == expected, "the three lookups gave {rates:?}, expected {expected:?}. Read: {PAGE}");
        grader::took("three lookups of USD, GBP and JPY started together (200, 300 and 400 ms fetches)", took)
            .expected(ms(400))
            .when(ms(900), HELD)
            .read(PAGE)
            .check();
    });
}

#[test]
fn a_cached_currency_does_not_wait_for_another_fetch() {
    grader::run(async || {
        let cache = Arc::new(RateCache::new());
        cache.get("CHF").await; // cached from now on
        journal::reset();
        let slow = {
            let cache = Arc::clone(&cache);
            tokio::spawn(async move { cache.get("SEK").await })
        };
        tokio::time::sleep(ms(10)).await; // the fetch of SEK is under way
        let (rate, took) = timed(journal::traced("get(CHF), cached", cache.get("CHF"))).await;
        assert!(rate == rate_of("CHF"), "get(\"CHF\") gave {rate:?}. Read: {PAGE}");
        grader::took("a lookup of CHF (cached) while SEK was being fetched", took)
            .expected(ms(0))
            .when(ms(490), HELD)
            .read(PAGE)
            .check();
        assert!(slow.await.expect("the lookup of SEK panicked") == rate_of("SEK"), "get(\"SEK\"). Read: {PAGE}");
    });
}

#[test]
fn a_slow_fetch_does_not_hold_up_a_fast_one() {
    grader::run(async || {
        let cache = Arc::new(RateCache::new());
        let slow = {
            let cache = Arc::clone(&cache);
            tokio::spawn(async move { cache.get("SEK").await })
        };
        tokio::time::sleep(ms(50)).await;
        let (rate, took) = timed(cache.get("CHF")).await;
        assert!(rate == rate_of("CHF"), "get(\"CHF\") gave {rate:?}. Read: {PAGE}");
        grader::took("a lookup of CHF (not cached, 100 ms) while SEK (500 ms) was being fetched", took)
            .expected(ms(100))
            .when(ms(550), HELD)
            .read(PAGE)
            .check();
        slow.await.expect("the lookup of SEK panicked");
        let (_, took) = timed(async { tokio::join!(cache.get("SEK"), cache.get("CHF")) }).await;
        let (sek, chf) = (fetches("SEK"), fetches("CHF"));
        assert!(
            (sek, chf) == (1, 1),
            "after both rates were fetched once, looking them up again asked the upstream API again (SEK {sek} \
             times, CHF {chf} times in all).\n\n  Likely cause: the fetched rates were not kept in the cache. \
             Insert each one into the map that `self.rates` guards.\n\n  What ran when (virtual time):\n{}\n  \
             Read: {PAGE}",
            journal::timeline()
        );
        grader::took("looking up two cached rates", took).expected(ms(0)).read(PAGE).check();
    });
}
