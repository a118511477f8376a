//! Graded tests for exercise 8.2, on tokio's paused clock.

use std::time::Duration;

use grader::sim::journal::timeline;
use grader::sim::secs as show;
use grader::{ms, secs, timed};
use ticker::{Probe, sample};

const PAGE: &str = "src/08-shutdown/02-ticker.md";

fn times(list: &[Duration]) -> String {
    list.iter().map(|d| show(*d)).collect::<Vec<_>>().join(", ")
}

/// Runs `sample` with a probe whose reads take `latencies`, and checks when each read started.
async fn check_starts(what: &str, latencies: &[u64], period: Duration, expected: &[u64], causes: &[(&[u64], &str)]) {
    let mut probe = Probe::new(latencies.iter().map(|l| ms(*l)).collect());
    let (readings, _) = timed(sample(&mut probe, period, expected.len())).await;
    let starts: Vec<Duration> = readings.iter().map(|r| r.at).collect();
    let expected: Vec<Duration> = expected.iter().map(|e| ms(*e)).collect();
    if starts == expected && probe.reads() as usize == expected.len() {
        return;
    }
    // When each read ended: the k-th read takes `latencies[k]`, the last latency for all the reads after it.
    let ends: Vec<Duration> =
        starts.iter().enumerate().map(|(i, at)| *at + ms(latencies[i.min(latencies.len() - 1)])).collect();
    let cause = causes
        .iter()
        .find(|(wrong, _)| wrong.iter().map(|w| ms(*w)).collect::<Vec<_>>() == starts)
        .map_or_else(|| diagnose(&starts, &ends, period), |(_, cause)| cause.to_string());
    panic!(
        "{what}: the reads should start at {}, but they started at {} ({} reads in all).\n\n  Likely cause: {cause}\
         \n\n  What ran when (virtual time):\n{}\n  Read: {PAGE}",
        times(&expected),
        times(&starts),
        probe.reads(),
        timeline()
    );
}

/// The likely cause, from the evidence, when the starts match none of the known wrong schedules.
fn diagnose(starts: &[Duration], ends: &[Duration], period: Duration) -> String {
    let on_grid = |at: &Duration| at.as_nanos().is_multiple_of(period.as_nanos());
    // A slot that passed while a read ran is overdue when it ends: the next read must start at once.
    for i in 1..starts.len() {
        let (prev_start, prev_end) = (starts[i - 1], ends[i - 1]);
        let missed = (prev_start.as_nanos() / period.as_nanos() + 1) * period.as_nanos() < prev_end.as_nanos();
        if missed && !on_grid(&prev_end) && starts[i] > prev_end {
            return format!(
                "read {} ended at {}, after the slot(s) it ran over had passed, and the next read waited until \
                 {} instead of starting at once. An overdue slot is taken as soon as the late read ends (one \
                 read at once, then back on the grid): that is what `MissedTickBehavior::Skip` does. Use an \
                 `interval` with `ticks.set_missed_tick_behavior(MissedTickBehavior::Skip)`, rather than \
                 computing the next slot by hand.",
                i,
                show(prev_end),
                show(starts[i])
            );
        }
    }
    if starts.iter().all(on_grid) {
        "the reads were on the grid of whole periods, but not on the slots expected: a slot was used twice or \
         skipped when it should not be."
            .to_string()
    } else {
        "the reads did not start on the grid of whole periods.".to_string()
    }
}

const DRIFT: &str = "a `sleep(period)` between reads: the time a read takes is added to every period, so the \
                     reads drift off the grid. An `interval` keeps its ticks on the grid, whatever the work takes.";
const SLEEP_FIRST: &str = "it slept a whole period before the first read. An `interval`'s first tick is ready at once.";
const BURST: &str = "after the slow read, the missed slots were made up with reads back to back. That is what an \
                     `interval` does by default (`MissedTickBehavior::Burst`). Set \
                     `ticks.set_missed_tick_behavior(MissedTickBehavior::Skip)`.";
const DELAY: &str = "after the slow read the whole grid moved: every later read came one period after the late \
                     one, at .500 s instead of on whole seconds. That is what `MissedTickBehavior::Delay` does (and \
                     a sleep timed from the late read); the dashboard wants `MissedTickBehavior::Skip`, which keeps the original grid.";

#[test]
fn readings_start_on_the_grid() {
    grader::run(async || {
        check_starts(
            "four reads of 200 ms, one per second",
            &[200],
            secs(1),
            &[0, 1000, 2000, 3000],
            &[(&[0, 1200, 2400, 3600], DRIFT), (&[1000, 2000, 3000, 4000], SLEEP_FIRST)],
        )
        .await;
    });
}

#[test]
fn a_slow_read_skips_the_slots_it_missed() {
    grader::run(async || {
        // Read 2 starts at 1 s and takes 2.5 s: the slots at 2 s and 3 s pass while it runs.
        check_starts(
            "one read per second, the second one taking 2.5 s",
            &[200, 2500, 200],
            secs(1),
            &[0, 1000, 3500, 4000, 5000],
            &[
                (&[0, 1000, 3500, 3700, 4000], BURST),
                (&[0, 1000, 3500, 4500, 5500], DELAY),
                (&[0, 1200, 4700, 5900, 7100], DRIFT),
                (&[1000, 2000, 4500, 5000, 6000], SLEEP_FIRST),
            ],
        )
        .await;
    });
}

#[test]
fn the_first_reading_is_taken_at_once() {
    grader::run(async || {
        let mut probe = Probe::new(vec![ms(200)]);
        let (readings, took) = timed(sample(&mut probe, secs(5), 1)).await;
        grader::took("one 200 ms read with a period of 5 s", took)
            .expected(ms(200))
            .when(
                ms(5200),
                "it slept a whole period before the first read, or after the last one. An `interval`'s first tick \
                 is ready at once, and once `count` reads are done there is nothing left to wait for.",
            )
            .when(secs(5), "it waited for the next tick after the last read. Stop as soon as `count` reads are done.")
            .read(PAGE)
            .check();
        assert_eq!(readings.len(), 1, "count = 1 asks for one reading. Read: {PAGE}");
    });
}
