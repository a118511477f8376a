//! Graded tests for exercise 7.3, on tokio's paused clock.

use std::sync::Arc;
use std::time::Duration;

use grader::ms;
use grader::sim::journal;
use grader::sim::rates::rate_of;
use grader::timed;
use single_flight::{Rate, RateService};

const PAGE: &str = "src/07-shared-state/03-single-flight.md";

/// How many times the upstream API was asked for `currency` since the journal was reset.
fn fetches(currency: &str) -> usize {
    let name = format!("fetch_rate({currency})");
    journal::spans().iter().filter(|s| s.name == name).count()
}

/// Spawns a task that asks `service` for `currency`.
fn ask(service: &Arc<RateService>, currency: &'static str) -> tokio::task::JoinHandle<Rate> {
    let service = Arc::clone(service);
    tokio::spawn(async move { service.get(currency).await })
}

fn check_fetched_once(currency: &str, callers: usize) {
    let n = fetches(currency);
    assert!(
        n == 1,
        "{callers} callers asked for {currency} at about the same time, and the upstream API was asked for \
         {currency} {n} times, expected once.\n\n  Likely cause: each caller fetched on its own. A caller that comes \
         while a fetch of its currency is under way must wait for that fetch, not start another: give each \
         currency one shared cell (`Arc<OnceCell<Rate>>`, found or made under the map's lock) and let \
         `get_or_init` run the one fetch.\n\n  What ran when (virtual time):\n{}\n  Read: {PAGE}",
        journal::timeline()
    );
}

#[test]
fn concurrent_requests_for_one_currency_fetch_it_once() {
    grader::run(async || {
        let service = Arc::new(RateService::new());
        let (rates, took) = timed(async {
            let handles: Vec<_> = (0..10).map(|_| ask(&service, "SEK")).collect();
            let mut rates = Vec::new();
            for handle in handles {
                rates.push(handle.await.expect("a caller panicked"));
            }
            rates
        })
        .await;
        assert!(
            rates.iter().all(|r| *r == rate_of("SEK")),
            "every caller should get the rate of SEK, {:?}; they got {rates:?}. Read: {PAGE}",
            rate_of("SEK")
        );
        check_fetched_once("SEK", 10);
        grader::took("10 callers asking for SEK (a 500 ms fetch) at once", took).expected(ms(500)).read(PAGE).check();
    });
}

#[test]
fn a_caller_that_arrives_during_the_fetch_joins_it() {
    grader::run(async || {
        let service = Arc::new(RateService::new());
        let first = ask(&service, "SEK");
        tokio::time::sleep(ms(300)).await;
        let (rate, took) = timed(service.get("SEK")).await;
        assert!(rate == rate_of("SEK"), "the second caller got {rate:?}, expected {:?}. Read: {PAGE}", rate_of("SEK"));
        check_fetched_once("SEK", 2);
        grader::took("a caller asking for SEK 300 ms into its 500 ms fetch", took)
            .expected(ms(200))
            .when(ms(500), "the late caller started a fetch of its own instead of waiting for the one under way.")
            .read(PAGE)
            .check();
        assert!(first.await.expect("the first caller panicked") == rate_of("SEK"), "first caller. Read: {PAGE}");
    });
}

#[test]
fn different_currencies_are_fetched_at_the_same_time() {
    grader::run(async || {
        let service = Arc::new(RateService::new());
        let currencies = ["USD", "GBP", "JPY", "SEK", "USD", "SEK"];
        let (rates, took) = timed(async {
            let handles: Vec<_> = currencies.iter().map(|c| ask(&service, c)).collect();
            let mut rates = Vec::new();
            for handle in handles {
                rates.push(handle.await.expect("a caller panicked"));
            }
            rates
        })
        .await;
        let expected: Vec<Rate> = currencies.iter().map(|c| rate_of(c)).collect();
        let cause = if rates.iter().all(|r| *r == rates[0]) {
            "every caller got the same rate, whatever its currency: one cell was shared by all currencies. Keep \
             one cell per currency, in the map, under the currency's name."
        } else {
            "some callers got the rate of another currency: look the cell up under the caller's own currency."
        };
        assert!(
            rates == expected,
            "callers asked for {currencies:?} at the same time and got the rates of {:?}.\n\n  Likely cause: \
             {cause}\n  Read: {PAGE}",
            rates.iter().map(|r| &r.currency).collect::<Vec<_>>()
        );
        grader::took("callers asking for USD, GBP, JPY and SEK (200 to 500 ms fetches) at once", took)
            .expected(ms(500))
            .when(
                ms(1400),
                "the fetches went one at a time: one lock for all currencies was held across each fetch. Hold the \
                 map's lock only to find the currency's cell; the wait belongs to that one cell.",
            )
            .read(PAGE)
            .check();
        check_fetched_once("USD", 2);
        check_fetched_once("SEK", 2);
    });
}

#[test]
fn a_later_caller_gets_the_rate_at_once() {
    grader::run(async || {
        let service = RateService::new();
        service.get("GBP").await;
        let (rate, took) = timed(service.get("GBP")).await;
        assert!(rate == rate_of("GBP"), "the second get(\"GBP\") gave {rate:?}. Read: {PAGE}");
        check_fetched_once("GBP", 2);
        grader::took("asking again for GBP once it was fetched", took).expected(ms(0)).read(PAGE).check();
    });
}

#[test]
fn a_caller_that_gives_up_does_not_strand_the_others() {
    grader::run(async || {
        let service = Arc::new(RateService::new());
        let impatient = {
            let service = Arc::clone(&service);
            tokio::spawn(async move { tokio::time::timeout(ms(100), service.get("SEK")).await.is_err() })
        };
        tokio::time::sleep(ms(50)).await;
        let patient = ask(&service, "SEK");
        assert!(impatient.await.expect("the impatient caller panicked"), "the impatient caller gave up at 0.1 s");
        let outcome = tokio::time::timeout(Duration::from_secs(5), patient).await;
        let what = match outcome {
            Ok(Ok(rate)) if rate == rate_of("SEK") => return,
            Ok(Ok(rate)) => format!("it got {rate:?}, not {:?}", rate_of("SEK")),
            Ok(Err(e)) => format!("its task panicked: {}", grader::task_panic(e)),
            Err(_) => "it was still waiting 5 s later".to_string(),
        };
        panic!(
            "a first caller asked for SEK and gave up after 0.100 s (its future was dropped by a timeout); a second \
             caller had asked at 0.050 s and never got the rate: {what}.\n\n  Likely cause: the second caller waited \
             for the first one's fetch, and when that fetch was cancelled, nobody took over. With \
             `OnceCell::get_or_init`, a waiting caller runs the fetch itself if the one running it is dropped.\n\n  \
             What ran when (virtual time):\n{}\n  Read: {PAGE}",
            journal::timeline()
        );
    });
}
