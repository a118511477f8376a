//! A thundering herd of retries, and how full jitter spreads it out.
//! `cargo run -p listings-05-randomness --bin backoff_with_jitter`
// ANCHOR: program
use std::time::Duration;

use tokio::time::Instant;

const CEILING: Duration = Duration::from_millis(200);
const WINDOW: Duration = Duration::from_millis(20);

/// `clients` clients all fail at the same moment and retry once: after exactly
/// `CEILING`, or, with `jitter`, after a random wait between zero and `CEILING`
/// ("full jitter"). Returns the moment each retry reaches the server.
async fn herd(clients: usize, jitter: bool) -> Vec<Duration> {
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..clients {
        tasks.push(tokio::spawn(async move {
            let wait = if jitter {
                rand::random_range(Duration::ZERO..=CEILING)
            } else {
                CEILING
            };
            tokio::time::sleep(wait).await;
            start.elapsed() // the retry reaches the server now
        }));
    }
    let mut arrivals = Vec::new();
    for task in tasks {
        arrivals.push(task.await.expect("a client panicked"));
    }
    arrivals
}

/// The largest number of retries that reach the server within one `WINDOW` (20 ms).
fn busiest(arrivals: &[Duration]) -> usize {
    let within =
        |a: Duration| arrivals.iter().filter(|&&b| b >= a && b - a < WINDOW).count();
    arrivals.iter().map(|&a| within(a)).max().unwrap_or(0)
}

#[tokio::main]
async fn main() {
    for (label, jitter) in [("without jitter", false), ("with full jitter", true)] {
        let arrivals = herd(100, jitter).await;
        let (first, last) =
            (arrivals.iter().min().unwrap(), arrivals.iter().max().unwrap());
        let busiest = busiest(&arrivals);
        print!("{label}: retries from {first:.1?} to {last:.1?}, ");
        println!("at most {busiest} in any 20 ms");
    }
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_busiest_window_counts_retries_less_than_20_ms_apart() {
        let ms = |list: &[u64]| {
            list.iter().map(|&m| Duration::from_millis(m)).collect::<Vec<_>>()
        };
        assert_eq!(
            busiest(&ms(&[0, 10, 19, 20, 45])),
            3,
            "0, 10 and 19 ms fit in one 20 ms window"
        );
        assert_eq!(
            busiest(&ms(&[0, 20, 40])),
            1,
            "retries 20 ms apart are in different windows"
        );
        assert_eq!(busiest(&[]), 0);
    }

    #[tokio::test(start_paused = true)]
    async fn without_jitter_the_whole_herd_comes_back_at_once() {
        let started = Instant::now();
        let arrivals = herd(100, false).await;
        assert_eq!(
            arrivals,
            vec![CEILING; 100],
            "every client should retry after exactly 200 ms"
        );
        assert_eq!(busiest(&arrivals), 100);
        assert_eq!(
            started.elapsed(),
            CEILING,
            "the clients wait at the same time, not one after another"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn with_full_jitter_the_retries_spread_out() {
        let started = Instant::now();
        let arrivals = herd(100, true).await;
        let (first, last) =
            (*arrivals.iter().min().unwrap(), *arrivals.iter().max().unwrap());
        assert_eq!(
            started.elapsed(),
            last,
            "the herd is over when the last retry arrives"
        );
        // The waits are drawn anew every run: these hold for any draw but the
        // astronomically unlikely.
        assert!(
            last <= CEILING + Duration::from_millis(1),
            "a wait past the 200 ms ceiling: {last:?}"
        );
        assert!(
            first < Duration::from_millis(50) && last > Duration::from_millis(150),
            "{first:?} to {last:?}"
        );
        let most = busiest(&arrivals);
        assert!(
            most < 50,
            "{most} of 100 retries within 20 ms: the herd did not spread"
        );
    }
}
