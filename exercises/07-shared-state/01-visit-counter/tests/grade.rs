//! Graded tests for exercise 7.1, on tokio's paused clock.

use std::sync::Arc;
use std::time::Duration;

use grader::ms;
use grader::sim::journal;
use grader::sim::rates::{latency, rate_of};
use grader::timed;
use visit_counter::{Rate, Stats, serve_all};

const PAGE: &str = "src/07-shared-state/01-visit-counter.md";

/// Twelve requests: USD ×4 (200 ms each), GBP ×3 (300 ms), CHF ×2 (100 ms), JPY ×1 (400 ms), SEK ×2 (500 ms).
fn requests() -> Vec<String> {
    ["USD", "GBP", "USD", "CHF", "JPY", "SEK", "USD", "GBP", "CHF", "USD", "SEK", "GBP"].map(String::from).to_vec()
}

const EXPECTED_COUNTS: [(&str, u64); 5] = [("USD", 4), ("GBP", 3), ("CHF", 2), ("JPY", 1), ("SEK", 2)];

/// The requests whose rate has been fetched by `t`.
fn served_by(t: Duration) -> Vec<String> {
    requests().into_iter().filter(|c| latency(c) <= t).collect()
}

/// `stats.count(currency)` for a currency `stats` has never seen: must be 0, and must not panic.
fn count_of_unseen(stats: &Stats, currency: &str, which: &str) -> u64 {
    match grader::catch(|| stats.count(currency)) {
        Ok(n) => n,
        Err(panic) => panic!(
            "`count(\"{currency}\")` on {which} panicked: {panic}\n\n  Likely cause: a currency nobody asked for has \
             no entry in the map, and `count` assumed it had one (`map[currency]`, `.get(..).unwrap()`). `count` of \
             a currency never recorded must be 0: `.get(currency).copied().unwrap_or(0)`.\n  Read: {PAGE}"
        ),
    }
}

#[test]
fn every_request_is_counted_once() {
    grader::run(async || {
        count_of_unseen(&Stats::new(), "USD", "a brand-new `Stats`");
        let stats = Arc::new(Stats::new());
        let rates = serve_all(Arc::clone(&stats), requests()).await;
        let expected: Vec<Rate> = requests().iter().map(|c| rate_of(c)).collect();
        assert!(
            rates == expected,
            "serve_all should return the rates in request order.\n    expected: {:?}\n    got:      {:?}\n\n  \
             Likely cause: the rates were collected as the tasks finished. Keep the handles in a `Vec` and await \
             them in order.\n  Read: {PAGE}",
            expected.iter().map(|r| &r.currency).collect::<Vec<_>>(),
            rates.iter().map(|r| &r.currency).collect::<Vec<_>>()
        );
        let total = stats.total();
        assert!(
            total == 12,
            "after serving 12 requests, `stats.total()` is {total}, not 12.\n\n  Likely cause: `record` does not add \
             exactly 1 to the total (`self.total.fetch_add(1, Ordering::Relaxed)`), or not every task calls it, or \
             `total` does not read the same counter.\n  Read: {PAGE}"
        );
        for (currency, n) in EXPECTED_COUNTS {
            let got = stats.count(currency);
            assert!(
                got == n,
                "after serving {n} request(s) for {currency}, `stats.count(\"{currency}\")` is {got}.\n\n  Likely \
                 cause: `record` does not add 1 to the entry of its currency in the map, or `count` reads another \
                 key.\n  Read: {PAGE}"
            );
        }
        let eur = count_of_unseen(&stats, "EUR", "statistics that never recorded EUR");
        assert!(eur == 0, "`count` of a currency nobody asked for should be 0, got {eur}.\n  Read: {PAGE}");
        let fresh = Stats::new();
        assert!(
            fresh.total() == 0 && fresh.count("USD") == 0,
            "a brand-new `Stats` should count nothing, but it says total {} and USD {}.\n\n  Likely cause: the \
             counters are global (a `static`) instead of fields of `Stats`, so every `Stats` shares them.\n  \
             Read: {PAGE}",
            fresh.total(),
            fresh.count("USD")
        );
    });
}

#[test]
fn record_is_safe_from_many_threads_at_once() {
    const THREADS: u64 = 4;
    const EACH: u64 = 10_000;
    grader::run(async || {
        let stats = Stats::new();
        let start = std::sync::Barrier::new(THREADS as usize);
        std::thread::scope(|scope| {
            for _ in 0..THREADS {
                scope.spawn(|| {
                    start.wait(); // all together, to make any race show
                    for _ in 0..EACH {
                        stats.record("USD");
                    }
                });
            }
        });
        let expected = THREADS * EACH;
        let (total, usd) = (stats.total(), stats.count("USD"));
        let cause = match (total == expected, usd == expected) {
            (false, true) => {
                "the total lost updates: a read followed by a separate write (`load` then `store`) loses the \
                 increments other threads make in between. Use one atomic `self.total.fetch_add(1, ..)`."
            }
            (true, false) => {
                "the count per currency lost updates (the total was right): the map was read under one lock and \
                 written under another (or the entry was copied out, increased, and put back), so increments made \
                 in between were lost. Take the map's lock once and increase the entry while holding it: \
                 `*map.entry(..).or_insert(0) += 1`."
            }
            _ => {
                "a read followed by a separate write loses the updates other threads make in between: for the \
                 total, `load` then `store`; for the map, reading the count under one lock and writing it under \
                 another. Use one atomic `fetch_add`, and change the map's entry while holding its lock."
            }
        };
        assert!(
            total == expected && usd == expected,
            "{THREADS} threads each recorded {EACH} USD requests at the same time: expected a total of {expected} \
             and {expected} USD, got {total} and {usd}.\n\n  Likely cause: {cause}\n  Read: {PAGE}"
        );
    });
}

#[test]
fn the_requests_are_served_at_the_same_time() {
    grader::run(async || {
        let (_, took) = timed(serve_all(Arc::new(Stats::new()), requests())).await;
        let one_after_another: Duration = requests().iter().map(|c| latency(c)).sum();
        grader::took("serving the 12 requests", took)
            .expected(ms(500))
            .when(
                one_after_another,
                "the requests were served one after another: each task was awaited before the next was spawned. \
                 Spawn all of them first, then await the handles.",
            )
            .read(PAGE)
            .check();
    });
}

#[test]
fn each_request_is_counted_as_soon_as_it_is_served() {
    grader::run(async || {
        let stats = Arc::new(Stats::new());
        let start = tokio::time::Instant::now();
        let service = tokio::spawn(serve_all(Arc::clone(&stats), requests()));
        for at in [50, 150, 250, 350, 450] {
            let at = ms(at);
            tokio::time::sleep_until(start + at).await;
            let served = served_by(at);
            let expected = served.len() as u64;
            let got = stats.total();
            let cause = if got > expected {
                "requests were counted before they were served. Call `stats.record(..)` after `fetch_rate(..)` \
                 has given the rate, not before."
            } else {
                "requests that had been served were not counted yet. Count each one in its own task, right after \
                 its rate is fetched, not all together at the end (the statistics are read while the service \
                 runs)."
            };
            assert!(
                got == expected,
                "while serve_all was running, at {} of virtual time {expected} request(s) had been served \
                 ({served:?}), but `stats.total()` said {got}.\n\n  Likely cause: {cause}\n\n  What ran when \
                 (virtual time):\n{}\n  Read: {PAGE}",
                grader::sim::secs(at),
                journal::timeline()
            );
            let chf = stats.count("CHF");
            let expected_chf = served.iter().filter(|c| *c == "CHF").count() as u64;
            assert!(
                chf == expected_chf,
                "at {} of virtual time, {expected_chf} CHF request(s) had been served, but `stats.count(\"CHF\")` \
                 said {chf}.\n\n  Likely cause: {cause}\n  Read: {PAGE}",
                grader::sim::secs(at),
            );
        }
        service.await.expect("serve_all panicked");
        assert_eq!(stats.total(), 12, "all 12 requests counted at the end. Read: {PAGE}");
    });
}

#[test]
fn two_services_can_share_one_stats() {
    grader::run(async || {
        let stats = Arc::new(Stats::new());
        let (_, took) = timed(async {
            tokio::join!(
                serve_all(Arc::clone(&stats), requests()),
                serve_all(Arc::clone(&stats), vec!["CHF".to_string(); 5])
            )
        })
        .await;
        assert!(
            stats.total() == 17 && stats.count("CHF") == 7,
            "two `serve_all` calls shared one `Stats` (12 + 5 requests, 2 + 5 for CHF): expected a total of 17 \
             and 7 CHF, got {} and {}.\n\n  Likely cause: the tasks counted in something other than the `Stats` \
             they were given (a copy, or a new one).\n  Read: {PAGE}",
            stats.total(),
            stats.count("CHF")
        );
        grader::took("two services sharing one `Stats`", took).expected(ms(500)).read(PAGE).check();
    });
}

/// Records one USD request while, at every unlock of the map's lock, another `record` of USD runs right there (what
/// a second thread could do at that instant; `sim::sync::interleave`). Returns how many contenders ran.
fn record_with_contenders(stats: &std::rc::Rc<Stats>) -> u64 {
    use std::cell::Cell;
    use std::rc::Rc;
    let contenders = Rc::new(Cell::new(0));
    let (other, ran) = (Rc::clone(stats), Rc::clone(&contenders));
    let hook = grader::sim::sync::interleave(move |point| {
        if point == grader::sim::sync::Point::Unlocked {
            ran.set(ran.get() + 1);
            other.record("USD"); // its own unlocks do not call the hook again
        }
    });
    stats.record("USD");
    drop(hook);
    contenders.get()
}

#[test]
fn a_record_between_two_lock_sections_is_not_lost() {
    grader::run(async || {
        let page = grader::Page::new(PAGE);
        let stats = std::rc::Rc::new(Stats::new());
        let contenders = record_with_contenders(&stats);
        if contenders == 0 {
            page.failure(
                "one `record(\"USD\")` ran, and the map's lock was never taken and released: the grader could not \
                 let a second caller in between two lock sections.",
            )
            .cause(
                "`per_currency` is not the `Mutex` the exercise gives (`sim::sync::Mutex`, std's `Mutex` with the \
                 same methods), or `record` does not lock it. Keep the field's type and lock it in `record`.",
            )
            .fail();
        }
        let expected = 1 + contenders;
        let (total, usd) = (stats.total(), stats.count("USD"));
        page.failure(format!(
            "one `record(\"USD\")` ran, and each time it released the map's lock ({contenders} time(s)) another \
             `record(\"USD\")` ran right then, as a second thread could: expected a total of {expected} and \
             {expected} USD, got {total} and {usd}."
        ))
        .cause(
            "the count per currency lost updates: the count was read under one lock and written back under another \
             (or copied out, increased, and put back), and the `record` that ran in between was overwritten. Take \
             the map's lock once and increase the entry while holding it: `*map.entry(..).or_insert(0) += 1`.",
        )
        .unless(usd == expected);
        page.failure(format!(
            "one `record(\"USD\")` ran, with {contenders} more run by the grader at its unlocks: expected a total \
             of {expected}, got {total}."
        ))
        .cause("`record` does not add exactly 1 to the total (`self.total.fetch_add(1, Ordering::Relaxed)`).")
        .unless(total == expected);
    });
}
