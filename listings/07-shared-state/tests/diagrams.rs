//! The timeline pictures of chapter 7, drawn from real runs of the listings on
//! tokio's paused clock and compared with the committed SVGs in `diagrams/`, which
//! the pages include. `SNAPSHOTS=overwrite cargo test --test diagrams` regenerates them
//! (every chapter's at once).

use diagrams::span;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use diagrams::{Span, Timeline, record};
use listings_07_shared_state::cache::{Cache, LockedCache};
use listings_07_shared_state::single_flight::{shared_fetch, stampede};
use sim::journal::{self, traced};
use sim::rates::{Rate, fetch_rate, load_rate_table};
use tokio::sync::{Notify, OnceCell};

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

#[test]
fn a_lock_held_across_the_fetch() {
    let held = record(async || {
        let cache = LockedCache::default();
        cache.get("CHF").await;
        journal::reset();
        tokio::join!(
            traced("get(SEK)", cache.get("SEK")),
            traced("get(GBP)", cache.get("GBP")),
            traced("get(CHF), cached", cache.get("CHF")),
        );
    });
    let short = record(async || {
        let cache = Cache::default();
        cache.get("CHF").await;
        journal::reset();
        tokio::join!(
            traced("get(SEK)", cache.get("SEK")),
            traced("get(GBP)", cache.get("GBP")),
            traced("get(CHF), cached", cache.get("CHF")),
        );
    });
    assert_eq!(span(&held, "get(CHF), cached").end, Some(ms(800)));
    assert_eq!(span(&short, "get(CHF), cached").end, Some(ms(0)));
    assert_eq!(span(&short, "get(GBP)").end, Some(ms(300)));
    Timeline::new("Three lookups at once; CHF is already in the cache")
        .section(
            "LockedCache: the lock is held during each fetch; GBP waits for SEK, and the \
             cached CHF waits for both (0.8 s)",
            held,
        )
        .section(
            "Short locks: the fetches overlap and CHF is answered at once (0.5 s in all)",
            short,
        )
        .check("diagrams/cache.svg");
}

/// Five tasks ask for SEK at once, each through `get`; each call is a `caller N` span.
async fn five_callers<F>(get: impl Fn() -> F) -> Vec<Rate>
where
    F: Future<Output = Rate> + Send + 'static,
{
    let mut handles = Vec::new();
    for n in 1..=5 {
        handles.push(tokio::spawn(traced(format!("caller {n}"), get())));
    }
    let mut rates = Vec::new();
    for handle in handles {
        rates.push(handle.await.unwrap());
    }
    rates
}

#[test]
fn five_callers_one_fetch() {
    let plain = record(async || {
        let cache = Arc::new(Cache::default());
        five_callers(|| {
            let cache = Arc::clone(&cache);
            async move { cache.get("SEK").await }
        })
        .await;
    });
    let shared = record(async || {
        let cell = Arc::new(OnceCell::new());
        five_callers(|| {
            let cell = Arc::clone(&cell);
            async move { cell.get_or_init(|| fetch_rate("SEK")).await.clone() }
        })
        .await;
    });
    let fetches =
        |spans: &[Span]| spans.iter().filter(|s| s.name.starts_with("fetch")).count();
    assert_eq!((fetches(&plain), fetches(&shared)), (5, 1));
    // the listing's versions ask upstream as often
    let listed = record(async || {
        stampede(Arc::new(Cache::default())).await;
        shared_fetch(Arc::new(OnceCell::new())).await;
    });
    assert_eq!(fetches(&listed), 6);
    Timeline::new("Five callers ask for SEK at the same time")
        .section(
            "A plain cache: all five miss, and the upstream API is asked five times",
            plain,
        )
        .section(
            "One shared OnceCell: one fetch, and all five get its answer at 0.5 s",
            shared,
        )
        .check("diagrams/single_flight.svg");
}

#[test]
fn requests_wait_at_the_gate() {
    let spans = record(async || {
        let open = Arc::new(AtomicBool::new(false));
        let notify = Arc::new(Notify::new());
        let (o, n) = (Arc::clone(&open), Arc::clone(&notify));
        tokio::spawn(async move {
            load_rate_table().await;
            o.store(true, Ordering::SeqCst);
            n.notify_waiters();
        });
        let mut requests = Vec::new();
        for (i, arrives) in [0, 500, 1500, 2500].into_iter().enumerate() {
            let (open, notify) = (Arc::clone(&open), Arc::clone(&notify));
            requests.push(tokio::spawn(async move {
                tokio::time::sleep(ms(arrives)).await;
                let wait = async {
                    let notified = notify.notified();
                    if !open.load(Ordering::SeqCst) {
                        notified.await;
                    }
                };
                traced(format!("request {} waits", i + 1), wait).await;
                journal::work(format!("request {} served", i + 1), ms(200)).await;
            }));
        }
        for request in requests {
            request.await.unwrap();
        }
    });
    for i in 1..=3 {
        assert_eq!(span(&spans, &format!("request {i} waits")).end, Some(ms(2000)));
    }
    assert_eq!(span(&spans, "request 4 served").start, ms(2500));
    Timeline::new(
        "The gate: requests 1-3 wait and go on at 2 s; request 4 does not wait",
    )
    .spans(spans)
    .check("diagrams/gate.svg");
}
