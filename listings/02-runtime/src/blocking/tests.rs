//! The tests of `blocking.rs`: they check what the book says about its code. In a file of their
//! own so that the book can include them without the indentation of a `mod tests` block.

use super::*;

// ANCHOR: heartbeat_tests
#[tokio::test(start_paused = true)]
async fn a_polite_wait_lets_the_heartbeat_beat() {
    let beats = Arc::new(AtomicU32::new(0));
    let beating = tokio::spawn(heartbeat(beats.clone()));
    let start = tokio::time::Instant::now();
    wait_politely().await;
    assert_eq!(start.elapsed(), Duration::from_millis(250));
    assert_eq!(beats.load(Ordering::SeqCst), 2); // at 100 ms and 200 ms
    beating.abort();
}

#[tokio::test(start_paused = true)]
async fn a_rude_wait_stops_everything() {
    let beats = Arc::new(AtomicU32::new(0));
    let beating = tokio::spawn(heartbeat(beats.clone()));
    let start = tokio::time::Instant::now();
    wait_rudely().await; // really sleeps 250 ms...
    // ...but tokio's clock did not move
    assert_eq!(start.elapsed(), Duration::ZERO);
    assert_eq!(beats.load(Ordering::SeqCst), 0); // and the heartbeat never ran
    beating.abort();
}
// ANCHOR_END: heartbeat_tests

#[tokio::test(start_paused = true)]
async fn a_polite_poll_spaces_its_checks_on_tokios_clock() {
    sim::journal::reset();
    let start = tokio::time::Instant::now();
    let link = wait_for_export_politely("sales").await;
    assert_eq!(link.as_deref(), Ok("https://exports.example.com/sales.csv"));
    assert_eq!(start.elapsed(), Duration::from_millis(800));
    let checks: Vec<Duration> = sim::journal::spans()
        .iter()
        .filter(|s| s.name.starts_with("check("))
        .map(|s| s.start)
        .collect();
    assert_eq!(checks, [100, 400, 700].map(Duration::from_millis));
    assert!(wait_for_export_politely("payroll").await.is_err());
}
