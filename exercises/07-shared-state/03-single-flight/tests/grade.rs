//! Graded tests for exercise 7.3, on tokio's paused clock.

use std::sync::Arc;
use std::task::Poll;
use std::time::Duration;

use grader::ms;
use grader::sim::journal;
use grader::sim::rates::rate_of;
use grader::timed;
use single_flight::{Rate, RateService};

const PAGE: &str = "src/07-shared-state/03-single-flight.md";

/// Spawns a task that asks `service` for `currency`.
fn ask(service: &Arc<RateService>, currency: &'static str) -> tokio::task::JoinHandle<Rate> {
    let service = Arc::clone(service);
    tokio::spawn(async move { service.get(currency).await })
}

/// Fails unless the upstream API was asked for `currency` exactly once since the journal was reset, naming the
/// likely cause from the journal: fetches that overlapped (each caller fetched on its own) or that came one after
/// the other (the rate was not kept).
fn check_fetched_once(currency: &str, callers: usize) {
    let name = format!("fetch_rate({currency})");
    let spans: Vec<_> = journal::spans().into_iter().filter(|s| s.name == name).collect();
    let n = spans.len();
    if n == 1 {
        return;
    }
    // did a fetch start while another one of the same currency was still running?
    let overlapped = spans.windows(2).any(|w| w[0].end.is_none_or(|end| w[1].start < end));
    let (what, cause) = if n == 0 {
        (
            format!("{callers} callers asked for {currency}, and the upstream API was never asked for it"),
            "the rate was not fetched with `sim::rates::fetch_rate`: run that fetch (once) inside the cell's \
             `get_or_init`.",
        )
    } else if overlapped {
        (
            format!(
                "{callers} callers asked for {currency} at about the same time, and the upstream API was asked for \
                 {currency} {n} times, expected once"
            ),
            "each caller fetched on its own. A caller that comes while a fetch of its currency is under way must \
             wait for that fetch, not start another: give each currency one shared cell (`Arc<OnceCell<Rate>>`, \
             found or made under the map's lock) and let `get_or_init` run the one fetch.",
        )
    } else {
        (
            format!(
                "{callers} callers asked for {currency}, and the upstream API was asked for {currency} {n} times, \
                 one fetch after the other (each began after the previous one had ended), expected once"
            ),
            "the rate was not kept: once a fetch ended, the next caller found no rate and fetched again. Keep the \
             filled cell in the map for good (do not remove or replace it after the fetch), so that a later caller \
             gets the stored rate at once.",
        )
    };
    panic!(
        "{what}.\n\n  Likely cause: {cause}\n\n  What ran when (virtual time):\n{}\n  Read: {PAGE}",
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

/// Asks `service` for `currency` while, at every unlock of the map's lock in that call, another caller of the same
/// currency starts right there (what a caller on a second thread could do at that instant; see
/// `sim::sync::interleave`): it runs until its first `.await` at once, then goes on as a task. Returns the rate,
/// and the contenders' handles.
async fn get_with_contenders(
    service: &Arc<RateService>,
    currency: &'static str,
) -> (Rate, Vec<tokio::task::JoinHandle<Rate>>) {
    use std::cell::RefCell;
    use std::future::Future;
    use std::rc::Rc;
    use std::task::{Context, Waker};
    let contenders = Rc::new(RefCell::new(Vec::new()));
    let (other, started) = (Arc::clone(service), Rc::clone(&contenders));
    let hook = grader::sim::sync::interleave(move |point| {
        if point != grader::sim::sync::Point::Unlocked {
            return;
        }
        let service = Arc::clone(&other);
        let mut get = Box::pin(async move { service.get(currency).await });
        // its first steps run now, inside this unlock; its own unlocks do not call the hook again
        let first = get.as_mut().poll(&mut Context::from_waker(Waker::noop()));
        started.borrow_mut().push(match first {
            Poll::Ready(rate) => tokio::spawn(async move { rate }),
            Poll::Pending => tokio::spawn(get),
        });
    });
    let rate = service.get(currency).await;
    drop(hook);
    let handles = contenders.take();
    (rate, handles)
}

#[test]
fn a_caller_that_comes_between_two_lock_sections_shares_the_fetch() {
    grader::run(async || {
        let page = grader::Page::new(PAGE);
        let service = Arc::new(RateService::new());
        let (rate, contenders) = get_with_contenders(&service, "SEK").await;
        let n = contenders.len();
        if n == 0 {
            page.failure(
                "one caller asked for SEK, and the map's lock was never taken and released: the grader could not let \
                 a second caller in between two lock sections.",
            )
            .cause(
                "`cells` is not the `Mutex` the exercise gives (`sim::sync::Mutex`, std's `Mutex` with the same \
                 methods), or `get` does not lock it. Keep the field's type, and find or make the cell under it.",
            )
            .fail();
        }
        let mut rates = vec![rate];
        for handle in contenders {
            rates.push(handle.await.expect("a caller panicked"));
        }
        page.failure(format!("every caller should get the rate of SEK; they got {rates:?}"))
            .unless(rates.iter().all(|r| *r == rate_of("SEK")));
        let spans: Vec<_> = journal::spans().into_iter().filter(|s| s.name == "fetch_rate(SEK)").collect();
        let fetches = spans.len();
        // fetches that ran at the same time: the callers missed together (one after the other would mean the rate
        // was not kept, which `check_fetched_once` names)
        let overlapped = spans.windows(2).any(|w| w[0].end.is_none_or(|end| w[1].start < end));
        if n >= 2 && overlapped {
            page.failure(format!(
                "one caller asked for SEK, and each time it released the map's lock ({n} times before its fetch) \
                 another caller of SEK came right then, as a caller on a second thread could: the upstream API was \
                 asked for SEK {fetches} times, expected once."
            ))
            .cause(
                "the currency's cell was looked up under one lock and put into the map under another (a check, \
                 then an act). The caller that came in between also found no cell, so each made its own cell and \
                 ran its own fetch. Find or make the cell under one lock, in one step: \
                 `Arc::clone(cells.entry(currency.to_string()).or_default())`.",
            )
            .timeline()
            .fail();
        }
        check_fetched_once("SEK", 1 + n);
    });
}
