//! The timeline pictures of chapter 9, drawn from real runs of the listings on
//! tokio's paused clock and compared with the committed SVGs in `diagrams/`, which
//! the pages include. `SNAPSHOTS=overwrite cargo test --test diagrams` regenerates them
//! (every chapter's at once).

use diagrams::last_end;
use std::time::Duration;

use diagrams::{Span, Timeline, record};
use futures::StreamExt;
use listings_09_io_streams::lines::ask;
use listings_09_io_streams::server::{serve, serve_one_at_a_time};
use listings_09_io_streams::streams::{
    FIVE_PAGES, one_at_a_time, politely, two_as_they_finish, two_in_order,
};
use sim::net::Listener;
use sim::traced;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

#[test]
fn three_pipelines() {
    let then = record(async || {
        one_at_a_time(&FIVE_PAGES).await;
    });
    let buffered = record(async || {
        two_in_order(&FIVE_PAGES).await;
    });
    let unordered = record(async || {
        two_as_they_finish(&FIVE_PAGES).await;
    });
    assert_eq!(
        (last_end(&then), last_end(&buffered), last_end(&unordered)),
        (ms(1500), ms(1000), ms(900))
    );
    Timeline::new("Five pages through three pipelines")
        .section("then(fetch_page): one at a time, 1.5 s", then)
        .section("map(fetch_page).buffered(2): two at a time, given out in order, 1 s", buffered)
        .section("map(fetch_page).buffer_unordered(2): two at a time, as they finish, 0.9 s", unordered)
        .check("diagrams/pipelines.svg");
}

#[test]
fn throttled_requests() {
    let spans = record(async || {
        let urls: Vec<String> = FIVE_PAGES.map(String::from).to_vec();
        let pages: Vec<_> = politely(urls, ms(100)).collect().await;
        assert_eq!(pages.len(), 5);
    });
    let starts: Vec<Duration> = spans.iter().map(|s| s.start).collect();
    assert_eq!(starts, [ms(0), ms(100), ms(200), ms(300), ms(400)]);
    Timeline::new(
        "politely(5 urls, 100 ms): one request starts every 100 ms, and they overlap",
    )
    .spans(spans)
    .check("diagrams/throttle.svg");
}

/// Alice connects at once, says hello, thinks for 1 s, says goodbye and leaves; Bob
/// connects at 0.2 s and asks one question.
async fn two_clients(server: impl AsyncFnOnce(Listener)) {
    let (listener, connector) = sim::net::listener();
    let bob_connector = connector.clone();
    let alice = async move {
        let mut conn = connector.connect().await.unwrap();
        traced("alice is connected", async {
            ask(&mut conn, &["hello"]).await.unwrap();
            tokio::time::sleep(ms(1000)).await;
            ask(&mut conn, &["goodbye"]).await.unwrap();
        })
        .await;
    };
    let bob = async move {
        tokio::time::sleep(ms(200)).await;
        let conn = bob_connector.connect().await.unwrap();
        traced("bob waits for his answer", ask(conn, &["anyone there?"]))
            .await
            .unwrap();
    };
    tokio::join!(server(listener), alice, bob);
}

#[test]
fn a_server_for_two_clients() {
    let together = record(async || two_clients(serve).await);
    let one_by_one = record(async || two_clients(serve_one_at_a_time).await);
    let bob = |spans: &[Span]| {
        spans.iter().find(|s| s.name.starts_with("bob")).unwrap().end
    };
    assert_eq!((bob(&together), bob(&one_by_one)), (Some(ms(200)), Some(ms(1000))));
    Timeline::new("Bob connects at 0.2 s while Alice is still connected")
        .section("serve: a task per connection; Bob is answered at once", together)
        .section(
            "serve_one_at_a_time: Bob is answered only once Alice has left",
            one_by_one,
        )
        .check("diagrams/server.svg");
}
