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

/// The most rounds of the race below, and the real time they may take (its test allows 10 s).
const RACE_ROUNDS: usize = 2000;
const RACE_BUDGET: Duration = Duration::from_millis(2500);
/// How many currencies both threads ask for in each round, one after the other.
const RACE_CURRENCIES: usize = 200;

/// Two plain threads, each with a paused-clock runtime of its own, ask one fresh service for the same currencies in
/// the same order at the same time, round after round (a fresh service each round). Returns how many rounds ran and the first round in
/// which the upstream API was asked more than once, if any. Thread 0 stops the race (for both threads, at the same
/// round) when the real-time budget is spent or a double fetch has been seen.
fn race_two_threads() -> (usize, Option<usize>) {
    use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
    struct Race {
        services: Vec<Arc<RateService>>,
        fetches: Vec<AtomicUsize>,
        arrived: AtomicUsize,
        stop_at: AtomicUsize,
        abandoned: std::sync::atomic::AtomicBool,
        started: std::time::Instant,
    }
    /// Tells the other thread to stop waiting at the barrier when this one panics.
    struct Abandon<'a>(&'a std::sync::atomic::AtomicBool);
    impl Drop for Abandon<'_> {
        fn drop(&mut self) {
            if std::thread::panicking() {
                self.0.store(true, SeqCst);
            }
        }
    }
    let race = Arc::new(Race {
        services: (0..RACE_ROUNDS).map(|_| Arc::new(RateService::new())).collect(),
        fetches: (0..RACE_ROUNDS).map(|_| AtomicUsize::new(0)).collect(),
        arrived: AtomicUsize::new(0),
        stop_at: AtomicUsize::new(RACE_ROUNDS),
        abandoned: std::sync::atomic::AtomicBool::new(false),
        started: std::time::Instant::now(),
    });
    let worker = |me: usize, race: Arc<Race>| {
        move || {
            let _on_panic = Abandon(&race.abandoned);
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .start_paused(true)
                .build()
                .expect("build a runtime");
            for round in 0..RACE_ROUNDS {
                if me == 0 {
                    // thread 1 has finished round - 2 before it arrived at round - 1, which thread 0 passed
                    let doubled = round >= 2 && race.fetches[round - 2].load(SeqCst) > RACE_CURRENCIES;
                    if doubled || race.started.elapsed() > RACE_BUDGET {
                        race.stop_at.store(round, SeqCst);
                    }
                }
                // a spinning barrier, so that both callers really start together
                race.arrived.fetch_add(1, SeqCst);
                let mut spins = 0u32;
                while race.arrived.load(SeqCst) < 2 * (round + 1) {
                    if race.abandoned.load(SeqCst) {
                        return; // the other caller panicked: it will not come
                    }
                    spins += 1;
                    if spins.is_multiple_of(256) {
                        std::thread::yield_now();
                    } else {
                        std::hint::spin_loop();
                    }
                }
                if round >= race.stop_at.load(SeqCst) {
                    return;
                }
                let service = Arc::clone(&race.services[round]);
                let n = runtime.block_on(async move {
                    journal::reset();
                    // start every get (one poll each, in the same order on both threads, so that the two callers
                    // of each currency come within instants of each other), then let them all finish
                    let names: Vec<String> = (0..RACE_CURRENCIES).map(|i| format!("X{i:03}")).collect();
                    let mut gets: Vec<_> = names.iter().map(|name| Some(Box::pin(service.get(name)))).collect();
                    std::future::poll_fn(|cx| {
                        for get in &mut gets {
                            if get.as_mut().is_some_and(|f| f.as_mut().poll(cx).is_ready()) {
                                *get = None;
                            }
                        }
                        if gets.iter().all(Option::is_none) { Poll::Ready(()) } else { Poll::Pending }
                    })
                    .await;
                    journal::spans().iter().filter(|s| s.name.starts_with("fetch_rate(")).count()
                });
                race.fetches[round].fetch_add(n, SeqCst);
            }
        }
    };
    let other = std::thread::spawn(worker(1, Arc::clone(&race)));
    let mine = std::panic::catch_unwind(std::panic::AssertUnwindSafe(worker(0, Arc::clone(&race))));
    if let Err(payload) = other.join() {
        std::panic::resume_unwind(payload);
    }
    if let Err(payload) = mine {
        std::panic::resume_unwind(payload);
    }
    let rounds = race.stop_at.load(SeqCst);
    let first_double = (0..rounds).find(|&r| race.fetches[r].load(SeqCst) > RACE_CURRENCIES);
    (rounds, first_double)
}

#[test]
fn callers_on_two_threads_fetch_it_once() {
    // real threads racing for a while: more real time than the default watchdog's 3 s
    grader::Grade::new().wall_limit(Duration::from_secs(10)).run(async || {
        let (rounds, first_double) = match grader::on_plain_thread("callers on two threads", race_two_threads) {
            Ok(outcome) => outcome,
            Err(panic) => panic!(
                "two callers on two threads (each blocking on a runtime of its own) asked one service for the same \
                 currencies at the same time, and a caller panicked: {panic}\n  Read: {PAGE}"
            ),
        };
        if let Some(round) = first_double {
            panic!(
                "two callers on two threads (each blocking on a runtime of its own) asked one fresh service for the \
                 same {RACE_CURRENCIES} currencies, in the same order, at the same time, round after round: in round \
                 {} of {rounds}, the upstream API was asked twice for a currency, expected once.\n\n  Likely cause: \
                 the currency's cell was looked up under one lock and put into the map under another (a check, then \
                 an act). Between the two, the other caller also found no cell, so each made its own cell and ran \
                 its own fetch. (Or a cell was removed from the map after its fetch, and a caller that came a little \
                 later made a new one.) Find or make the cell under one lock, in one step, and keep it: \
                 `Arc::clone(cells.entry(currency.to_string()).or_default())`.\n  Read: {PAGE}",
                round + 1
            );
        }
    });
}
