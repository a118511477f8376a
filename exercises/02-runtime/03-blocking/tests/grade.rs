//! Graded tests for exercise 2.3, on tokio's paused clock.
//!
//! A wait that blocks the thread (`std::thread::sleep`) is invisible to tokio's clock: virtual time stands still
//! while the thread sleeps. So these tests see a blocking wait as checks that come back to back, and as a heartbeat
//! task that never gets to tick between them.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use blocking::wait_for_export;
use grader::ms;
use grader::sim::journal;
use sim::exports::{ExportError, link};

const PAGE: grader::Page = grader::Page::new("src/02-runtime/03-blocking.md");

const BLOCKED: &str = "the checks came back to back: no time passed on tokio's clock between them. Either the wait \
     blocked the thread (`std::thread::sleep` stops the whole executor, and tokio's clock with it), or there was no \
     wait at all (a `tokio::time::sleep(..)` without `.await` does nothing). Wait with \
     `tokio::time::sleep(POLL_INTERVAL).await`.";

/// The (start, end) of every status check in the journal, in virtual time since the test began.
fn checks() -> Vec<(Duration, Duration)> {
    journal::spans()
        .into_iter()
        .filter(|s| s.name.starts_with("check("))
        .map(|s| (s.start, s.end.unwrap_or(s.start)))
        .collect()
}

fn list(times: &[Duration]) -> String {
    times.iter().map(|t| journal::secs(*t)).collect::<Vec<_>>().join(", ")
}

#[test]
fn checks_every_200_ms_until_the_export_is_ready() {
    grader::run(async || {
        // `sales` is ready 450 ms after start_export returns (at 0.1 s), so at 0.55 s. Checks take 100 ms each.
        let link_got = wait_for_export("sales").await;
        PAGE.failure("wait_for_export(\"sales\") should give the export's link.")
            .unless_eq(&link_got, &Ok(link("sales")));
        let starts: Vec<Duration> = checks().iter().map(|c| c.0).collect();
        let expected = [ms(100), ms(400), ms(700)];
        if starts != expected {
            let cause = if starts.len() > expected.len() && starts.windows(2).all(|w| w[1] - w[0] == ms(100)) {
                BLOCKED.to_string()
            } else if starts.first() == Some(&ms(300)) {
                "the first check came 200 ms late: check once right after `start_export`, and wait only between \
                 checks."
                    .to_string()
            } else {
                "each check should start as soon as the previous one answered `Pending` plus `POLL_INTERVAL` \
                 (200 ms): check, and if it is not ready, wait, then check again."
                    .to_string()
            };
            PAGE.failure(format!(
                "the export of \"sales\" should be checked at {}, then found ready; it was checked at {}.",
                list(&expected),
                list(&starts)
            ))
            .cause(cause)
            .timeline()
            .fail();
        }
    });
}

#[test]
fn returns_as_soon_as_the_export_is_ready() {
    grader::run(async || {
        // inventory: started at 0.1 s, ready at 0.85 s; checks end at 0.2, 0.5, 0.8 (pending) and 1.1 s (ready).
        let (got, took) = grader::timed(wait_for_export("inventory")).await;
        PAGE.failure("wait_for_export(\"inventory\") should give the export's link")
            .unless_eq(&got, &Ok(link("inventory")));
        PAGE.took("wait_for_export(\"inventory\")", took)
            .expected(ms(1100))
            .when(ms(900), BLOCKED)
            .when(ms(1300), "it waited once more after the check that said `Ready`. Return the link at once.")
            .when(
                ms(1000),
                "the first check came 200 ms late: check once right after `start_export`, and wait only between \
                 checks.",
            )
            .check();

        journal::reset();
        let (got, took) = grader::timed(wait_for_export("payroll")).await;
        PAGE.failure("there is no \"payroll\" report: wait_for_export should return start_export's error.")
            .unless_eq(&got, &Err(ExportError::UnknownReport("payroll".to_string())));
        PAGE.failure(format!(
            "for an unknown report, wait_for_export should return the error as soon as start_export gives it \
             (after 0.100 s), without checking or waiting; it took {}.",
            journal::secs(took)
        ))
        .timeline()
        .unless(checks().is_empty() && took == sim::exports::START_LATENCY);
    });
}

#[test]
fn a_heartbeat_keeps_ticking_while_you_wait() {
    grader::run(async || {
        // A heartbeat task ticks every 50 ms next to wait_for_export. Between two checks of the export your code
        // waits 200 ms, and a free executor lets the heartbeat tick 4 times in that gap.
        let ticks = Arc::new(Mutex::new(Vec::new()));
        let heartbeat = tokio::spawn({
            let ticks = ticks.clone();
            async move {
                loop {
                    tokio::time::sleep(ms(50)).await;
                    ticks.lock().unwrap().push(journal::now());
                }
            }
        });
        let got = wait_for_export("sales").await;
        heartbeat.abort();
        PAGE.failure("wait_for_export(\"sales\") should give the export's link").unless_eq(&got, &Ok(link("sales")));

        let ticks = ticks.lock().unwrap().clone();
        let checks = checks();
        for pair in checks.windows(2) {
            let (gap_start, gap_end) = (pair[0].1, pair[1].0);
            let in_gap = ticks.iter().filter(|t| **t > gap_start && **t <= gap_end).count();
            PAGE.failure(format!(
                "between the check that answered at {} and the next check, which started at {}, the heartbeat (a \
                 task that ticks every 50 ms) ticked {in_gap} time(s); during a 200 ms wait it should tick 4 \
                 times.",
                journal::secs(gap_start),
                journal::secs(gap_end)
            ))
            .cause(format!(
                "{}\n\n  Heartbeat ticks: {}",
                if in_gap == 0 { BLOCKED } else { "the wait between checks should be exactly `POLL_INTERVAL`." },
                list(&ticks)
            ))
            .timeline()
            .unless(in_gap == 4);
        }
        PAGE.failure(format!(
            "the export of \"sales\" should take 3 checks (it is ready at 0.55 s; checks start at 0.1, 0.4 and \
             0.7 s); your code made {}.",
            checks.len()
        ))
        .unless(checks.len() == 3);
    });
}
