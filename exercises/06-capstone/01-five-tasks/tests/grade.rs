//! Graded tests for exercise 6.1, the five tasks. They run on tokio's paused clock: "10 s" below is ten seconds
//! of virtual time, which passes in microseconds.
//!
//! Each test is named after the task it grades (`task0_…` to `task4_…`), so you can solve and check the tasks
//! one at a time: `cargo test task0`, `cargo test task1`, …
//!
//! The delays are random and the tests cannot choose them, so they check what must hold for *every* draw: each
//! delay is between zero and `max_delay`; the time a call takes matches the delays it reports (tokio's timers
//! tick in whole milliseconds, rounding up, so "matches" means within 1 ms); results come back in the order they
//! finish, and (over 1 000 delays, to the nanosecond) not sorted afterwards. Where a test relies on chance (the
//! delays are really random; a list collected as the waits finish is not perfectly sorted), the chance that a
//! correct solution fails it is computed in a comment (it is always below one in a trillion).

use std::future::Future;
use std::time::Duration;

use five_tasks::{DEFAULT_MAX_DELAY, measure_time, task_wait_n, task_wait_random, wait_n, wait_random};
use grader::sim::journal::{Span, render};
use grader::sim::secs as show;
use grader::{Grade, caught, known, ms, secs, timed};
use tokio::time::Instant;

const PAGE: grader::Page = grader::Page::new("src/06-capstone/01-five-tasks.md");

/// Where to read about each task: the page's section for it.
const TASK: [&str; 5] = [
    "src/06-capstone/01-five-tasks.md, \"Task 0: wait_random\"",
    "src/06-capstone/01-five-tasks.md, \"Task 1: wait_n\"",
    "src/06-capstone/01-five-tasks.md, \"Task 2: measure_time\"",
    "src/06-capstone/01-five-tasks.md, \"Task 3: task_wait_random\"",
    "src/06-capstone/01-five-tasks.md, \"Task 4: task_wait_n\"",
];

/// tokio's timer granularity: a sleep of 2.3456 s ends at 2.346 s.
const TICK: Duration = ms(1);

/// Tests that draw hundreds of delays of up to 10 s need more than the default 300 s of virtual time (virtual
/// time is free: an hour of it passes in a few milliseconds).
fn long_run() -> Grade {
    Grade::new().virtual_limit(secs(3600))
}

// ---------------------------------------------------------------------------------------------------------------
// Task 0: wait_random
// ---------------------------------------------------------------------------------------------------------------

#[test]
fn task0_waits_exactly_the_delay_it_returns() {
    long_run().run(async || {
        probe().await;
        // Small delays first: a blocking sleep then fails here with an explanation instead of a timeout.
        for (max_delay, draws) in [(ms(20), 50), (DEFAULT_MAX_DELAY, 50), (secs(3), 50)] {
            for _ in 0..draws {
                let (delay, took) = timed(wait_random(max_delay)).await;
                if took.abs_diff(delay) <= TICK {
                    continue;
                }
                let call = format!("wait_random({})", show(max_delay));
                let cause = if took < TICK {
                    "no virtual time passed, so the wait never happened on tokio's clock: `std::thread::sleep` \
                     (it blocks the thread and tokio's clock cannot see it), a loop watching `std::time::Instant`, \
                     or a `tokio::time::sleep(..)` without `.await`. Use `tokio::time::sleep(delay).await`."
                        .to_string()
                } else if delay == max_delay {
                    "it returns `max_delay` instead of the delay it drew.".to_string()
                } else {
                    "the value it returns is not the one it slept: draw the delay once, sleep that `Duration`, and \
                     return the same value (not a second draw, not a rounded copy, not a measured time)."
                        .to_string()
                };
                grader::fail(format!(
                    "{call} returned {} but waited {} of virtual time: it must return the delay it waited.",
                    show(delay),
                    show(took)
                ))
                .cause(cause)
                .read(TASK[0])
                .fail();
            }
        }
    });
}

#[test]
fn task0_never_waits_longer_than_max_delay() {
    long_run().run(async || {
        probe().await;
        for max_delay in [ms(250), ms(500), secs(3), DEFAULT_MAX_DELAY] {
            for _ in 0..100 {
                let (delay, took) = timed(wait_random(max_delay)).await;
                let max = show(max_delay);
                grader::fail(format!(
                    "wait_random({max}) returned {} after waiting {}: neither may be more than max_delay ({max}).",
                    show(delay),
                    show(took)
                ))
                .cause(
                    "the random range ignores `max_delay` (a fixed bound such as 10 s or \
                     `DEFAULT_MAX_DELAY`), or mixes units (drawing milliseconds, sleeping seconds). Draw from \
                     `Duration::ZERO..=max_delay`.",
                )
                .read(TASK[0])
                .unless(delay <= max_delay && took <= max_delay + TICK);
            }
        }
    });
}

#[test]
fn task0_draws_delays_across_the_whole_range() {
    // A correct wait_random draws uniformly from [0, max_delay]. Each draw lands in the lowest quarter of the range
    // with probability at least 1/4 (at least 3/11 if it only draws whole seconds of 0..=10), and likewise in the
    // highest quarter. The chance that none of 200 draws lands in one given quarter is at most (3/4)^200 ≈ 1e-25;
    // this test fails a correct solution with probability below 4e-25. Two max_delay values catch a bound that
    // ignores max_delay, and 500 ms catches drawing whole seconds (`max_delay.as_secs()` is 0 for 500 ms).
    long_run().run(async || {
        probe().await;
        for max_delay in [DEFAULT_MAX_DELAY, ms(500)] {
            let mut delays = Vec::with_capacity(200);
            for _ in 0..200 {
                delays.push(wait_random(max_delay).await);
            }
            let max = show(max_delay);
            let (lowest, highest) = (*delays.iter().min().unwrap(), *delays.iter().max().unwrap());
            if lowest == highest {
                let cause = if lowest.is_zero() && max_delay < secs(1) {
                    "it seems to draw whole seconds: `max_delay.as_secs()` is 0 for 500 ms. Draw a `Duration` \
                     (`rand::random_range(Duration::ZERO..=max_delay)`) or float seconds (`max_delay.as_secs_f64()`)."
                } else {
                    "it does not draw a new random delay on every call (a constant, or one value drawn once and \
                     reused)."
                };
                grader::fail(format!(
                    "200 calls of wait_random({max}) all returned {}: the delay must be random.",
                    show(lowest)
                ))
                .cause(cause)
                .read(TASK[0])
                .fail();
            }
            grader::fail(format!(
                "the smallest of 200 delays drawn by wait_random({max}) was {}: a uniform draw between zero and \
                 {max} lands in the lowest quarter about 50 times in 200.",
                show(lowest)
            ))
            .cause("the random range does not start at zero. Draw from `Duration::ZERO..=max_delay`.")
            .read(TASK[0])
            .unless(lowest <= max_delay / 4);
            grader::fail(format!(
                "the largest of 200 delays drawn by wait_random({max}) was {}: a uniform draw between zero and \
                 {max} lands in the highest quarter about 50 times in 200.",
                show(highest)
            ))
            .cause(
                "the random range stops short of `max_delay` (a smaller fixed bound, a unit mix-up, or whole seconds \
                 rounded down). Draw from `Duration::ZERO..=max_delay`.",
            )
            .read(TASK[0])
            .unless(highest >= max_delay * 3 / 4);
        }
    });
}

#[test]
fn task0_zero_max_delay_returns_zero_at_once() {
    grader::run(async || {
        for _ in 0..10 {
            let (delay, took) = match caught(timed(wait_random(Duration::ZERO))).await {
                Ok(result) => result,
                Err(panic) => grader::fail(format!(
                    "wait_random(0 s) panicked: \"{panic}\".\n\n  With max_delay = 0 the only possible delay is \
                     zero."
                ))
                .cause(
                    "a half-open range such as `0.0..max` or `Duration::ZERO..max_delay` is \
                     empty when max is 0, and rand panics on an empty range. The task says \"both included\": \
                     use `..=`.",
                )
                .read(TASK[0])
                .fail(),
            };
            grader::fail(format!(
                "wait_random(0 s) returned {} after {} of virtual time; with max_delay = 0 it must return zero at \
                 once.",
                show(delay),
                show(took)
            ))
            .cause("the range ignores `max_delay`.")
            .read(TASK[0])
            .unless(delay.is_zero() && took <= TICK);
        }
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Task 1: wait_n
// ---------------------------------------------------------------------------------------------------------------

#[test]
fn task1_returns_one_delay_per_wait() {
    grader::run(async || {
        probe().await;
        for (n, max_delay) in [(5, DEFAULT_MAX_DELAY), (1, secs(10)), (0, secs(10)), (20, ms(300)), (3, Duration::ZERO)]
        {
            let delays = explained(&format!("wait_n({n}, {})", show(max_delay)), wait_n(n, max_delay)).await;
            check_count("wait_n", n, max_delay, &delays, TASK[1]);
        }
        // Fifty waits that each draw their own delay are never all equal: even whole seconds between 0 and 3 s
        // would all be equal with probability 4 × 4^-50 ≈ 3e-30.
        let delays = wait_n(50, secs(3)).await;
        check_count("wait_n", 50, secs(3), &delays, TASK[1]);
        grader::fail(format!("wait_n(50, 3 s) returned fifty times the same delay, {}.", show(delays[0])))
            .cause("one delay was drawn and reused. Call `wait_random(max_delay)` n times: each call draws its own.")
            .read(TASK[1])
            .unless(delays.iter().any(|&d| d != delays[0]));
    });
}

#[test]
fn task1_runs_the_waits_at_the_same_time() {
    grader::run(async || {
        probe().await;
        for (n, max_delay) in [(10, ms(200)), (1, DEFAULT_MAX_DELAY), (10, DEFAULT_MAX_DELAY), (25, secs(5))] {
            let (delays, took) = timed(wait_n(n, max_delay)).await;
            check_count("wait_n", n, max_delay, &delays, TASK[1]);
            check_concurrent(
                &format!("wait_n({n}, {})", show(max_delay)),
                took,
                &delays,
                "you awaited each `wait_random` before starting the next (an `.await` inside the loop). Build \
                 all n futures first, then wait for them together (`FuturesUnordered`, or tasks in a `JoinSet`).",
                TASK[1],
            );
        }
    });
}

#[test]
fn task1_returns_the_delays_in_the_order_they_finish() {
    grader::run(async || {
        probe().await;
        for (n, max_delay) in [(10, DEFAULT_MAX_DELAY), (10, DEFAULT_MAX_DELAY), (10, DEFAULT_MAX_DELAY), (30, ms(100))]
        {
            let (delays, took) = timed(wait_n(n, max_delay)).await;
            check_count("wait_n", n, max_delay, &delays, TASK[1]);
            check_completion_order(
                &format!("wait_n({n}, {})", show(max_delay)),
                took,
                &delays,
                "they are in the order the waits were *started*: `join_all` keeps the order of its input, and so \
                 does awaiting futures or handles one by one. Collect each delay when its wait finishes: \
                 `FuturesUnordered` with `while let Some(d) = pending.next().await`, or `JoinSet::join_next`.",
                TASK[1],
            );
        }
    });
}

#[test]
fn task1_collects_the_delays_as_they_finish_instead_of_sorting() {
    // See `check_not_sorted` for why a correct solution fails this test with probability below 1e-12.
    long_run().run(async || {
        probe().await;
        let mut runs = Vec::new();
        for _ in 0..SORTING_RUNS {
            runs.push(big_call("wait_n", wait_n(SORTING_N, DEFAULT_MAX_DELAY), TASK[1]).await);
        }
        check_not_sorted(
            "wait_n",
            &runs,
            "you gathered the delays (`join_all`, or awaiting them in a loop) and sorted the list afterwards \
             (`sort`, `sort_unstable`, a `BinaryHeap` or a `BTreeMap`). Collect each delay when its wait finishes \
             instead: `FuturesUnordered` with `while let Some(d) = pending.next().await`, or `JoinSet::join_next`.",
            TASK[1],
        );
    });
}

#[test]
fn task1_no_waits_or_zero_max_delay_return_at_once() {
    // No probe here: nothing in this test needs to wait.
    grader::run(async || {
        let (delays, took) = explained("wait_n(0, 10 s)", timed(wait_n(0, DEFAULT_MAX_DELAY))).await;
        grader::fail(format!(
            "wait_n(0, 10 s) returned {} delay(s) after {}: with nothing to wait for it must return an empty list \
             at once.",
            delays.len(),
            show(took)
        ))
        .cause("an off-by-one in the loop, or a wait that does not depend on n.")
        .read(TASK[1])
        .unless(delays.is_empty() && took.is_zero());
        let (delays, took) = explained("wait_n(5, 0 s)", timed(wait_n(5, Duration::ZERO))).await;
        check_count("wait_n", 5, Duration::ZERO, &delays, TASK[1]);
        grader::fail(format!("wait_n(5, 0 s) took {}: with max_delay = 0 every wait is instant.", show(took)))
            .read(TASK[1])
            .unless(took <= TICK);
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Task 2: measure_time
// ---------------------------------------------------------------------------------------------------------------

#[test]
fn task2_returns_the_average_time_per_wait() {
    grader::run(async || {
        probe().await;
        for (n, max_delay) in [(5, DEFAULT_MAX_DELAY), (10, DEFAULT_MAX_DELAY), (4, secs(2)), (8, secs(30))] {
            let call = format!("measure_time({n}, {})", show(max_delay));
            let (average, took) = timed(measure_time(n, max_delay)).await;
            grader::fail(format!(
                "{call} took {} of virtual time, more than max_delay ({}): run concurrently, the {n} waits are \
                 all over by then.",
                show(took),
                show(max_delay)
            ))
            .cause(
                "wait_n runs its waits one after another (see the task1 tests), or measure_time waits for more than \
                 one `wait_n(n, max_delay)`.",
            )
            .read(TASK[2])
            .unless(took <= max_delay + TICK);
            let expected = took / n as u32;
            if average.abs_diff(expected) <= TICK {
                continue;
            }
            let cause = if took < TICK {
                "measure_time returned without any virtual time passing: wait_n (or wait_random) does not wait on \
                 tokio's clock."
            } else if average.abs_diff(took) <= TICK {
                "it returns the total time: divide it by n (`total / n as u32`)."
            } else if average < TICK {
                "it measured with `std::time::Instant`, which reads the real clock. Under the paused clock the \
                 waits take microseconds of real time, so it sees almost nothing. Use `tokio::time::Instant`, \
                 which reads tokio's clock."
            } else {
                "it does not measure the one call of `wait_n(n, max_delay)` it makes, or divides by something \
                 other than n."
            };
            grader::fail(format!(
                "{call} returned {}, but the call took {} of virtual time, so the average over {n} waits is {}.",
                show(average),
                show(took),
                show(expected)
            ))
            .cause(cause)
            .read(TASK[2])
            .fail();
        }
    });
}

#[test]
fn task2_measures_on_tokios_clock() {
    grader::run(async || {
        probe().await;
        // With n = 1 the average is the total: whatever time the call takes, measure_time must report it. A draw
        // of less than 1 ms would hide `std::time::Instant`; five of them in a row have a chance of 1e-20.
        let mut seen = Vec::new();
        for _ in 0..5 {
            let (average, took) = timed(measure_time(1, DEFAULT_MAX_DELAY)).await;
            seen.push((average, took));
            if took >= TICK && average.abs_diff(took) <= TICK {
                return;
            }
        }
        let rows: Vec<String> =
            seen.iter().map(|(a, t)| format!("    returned {}, took {}", show(*a), show(*t))).collect();
        let (average, took) = seen[0];
        let cause = if seen.iter().all(|(_, t)| *t < TICK) {
            "no virtual time passed at all: wait_n (or wait_random) does not wait on tokio's clock."
        } else if average < TICK {
            "it measured with `std::time::Instant`, which reads the real clock: under the paused clock the waits \
             take microseconds of real time. Use `tokio::time::Instant::now()` and `.elapsed()`."
        } else if average > took {
            "it reports more time than passed: it measures something other than the one call of `wait_n`."
        } else {
            "it does not measure the whole call of `wait_n(n, max_delay)`."
        };
        grader::fail(format!(
            "measure_time(1, 10 s) must return the time its one wait took (the average over one wait is the \
             total), but it returned {} for a call that took {} of virtual time. All five tries:\n{}",
            show(average),
            show(took),
            rows.join("\n")
        ))
        .cause(cause)
        .read(TASK[2])
        .fail();
    });
}

#[test]
fn task2_no_waits_average_zero() {
    // No probe here: nothing in this test needs to wait.
    grader::run(async || {
        // Python would raise ZeroDivisionError here; the Rust version defines the answer: zero.
        let average = explained("measure_time(0, 10 s)", measure_time(0, DEFAULT_MAX_DELAY)).await;
        grader::fail(format!("measure_time(0, 10 s) returned {}: with no waits the average is zero.", show(average)))
            .read(TASK[2])
            .unless(average.is_zero());
        let average = explained("measure_time(3, 0 s)", measure_time(3, Duration::ZERO)).await;
        let cause = if average < TICK {
            "a few microseconds of *real* time: it measures with `std::time::Instant`, which reads the machine's \
             clock. On tokio's clock (`tokio::time::Instant`) no time at all passes here."
        } else {
            "the waits do not respect max_delay, or measure_time waits for something else."
        };
        grader::fail(format!(
            "measure_time(3, 0 s) returned {average:?}: with max_delay = 0 every wait is instant, so the average \
             is zero."
        ))
        .cause(cause)
        .read(TASK[2])
        .unless(average.is_zero());
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Task 3: task_wait_random
// ---------------------------------------------------------------------------------------------------------------

#[test]
fn task3_the_task_runs_without_being_awaited() {
    grader::run(async || {
        probe().await;
        for max_delay in [secs(2), ms(300), DEFAULT_MAX_DELAY] {
            let handle = task_wait_random(max_delay);
            // Let time pass beyond the longest possible delay, *without* touching the handle.
            tokio::time::sleep(max_delay + TICK).await;
            settle().await;
            let max = show(max_delay);
            let later = show(max_delay + TICK);
            grader::fail(format!(
                "the task started by task_wait_random({max}) had not finished {later} later, though its delay \
                 can be at most {max}. Nobody awaited its handle, and nobody needs to: a spawned task runs on its \
                 own, from the moment it is spawned."
            ))
            .cause(
                "the task does more than `wait_random` (it waits twice, or waits before drawing), or it waits for \
                 something the caller would have to do. `tokio::spawn(wait_random(max_delay))` is the whole function.",
            )
            .read(TASK[3])
            .unless(handle.is_finished());
            let delay = join(handle, "task_wait_random").await;
            grader::fail(format!("the task of task_wait_random({max}) returned {}, more than max_delay.", show(delay)))
                .cause(
                    "the task calls `wait_random` with another bound (such as `DEFAULT_MAX_DELAY`): pass max_delay on.",
                )
                .read(TASK[3])
                .unless(delay <= max_delay);
        }
    });
}

#[test]
fn task3_each_task_finishes_when_its_delay_is_over() {
    grader::run(async || {
        probe().await;
        // Short delays, so that a blocking sleep fails here with an explanation rather than a timeout.
        let max_delay = ms(200);
        let start = Instant::now();
        let handles: Vec<_> = (0..10).map(|_| task_wait_random(max_delay)).collect();
        // Watch the tasks millisecond by millisecond and note when each one finishes.
        let mut finished_at: Vec<Option<Duration>> = vec![None; handles.len()];
        loop {
            settle().await;
            for (at, handle) in finished_at.iter_mut().zip(&handles) {
                if at.is_none() && handle.is_finished() {
                    *at = Some(start.elapsed());
                }
            }
            if finished_at.iter().all(Option::is_some) || start.elapsed() > max_delay + ms(10) {
                break;
            }
            tokio::time::sleep(TICK).await;
        }
        let mut delays = Vec::new();
        for handle in handles {
            delays.push(join(handle, "task_wait_random").await);
        }
        let rows: Vec<(String, Duration, Option<Duration>)> = delays
            .iter()
            .zip(&finished_at)
            .enumerate()
            .map(|(i, (d, at))| (format!("task {:>2} (returned {})", i + 1, show(*d)), Duration::ZERO, *at))
            .collect();
        for (i, (delay, at)) in delays.iter().zip(&finished_at).enumerate() {
            let ok = at.is_some_and(|at| at.abs_diff(*delay) <= TICK);
            if ok {
                continue;
            }
            let cause = match at {
                None => "it was still running long after max_delay: the task waits for more than its delay.",
                Some(at) if at.is_zero() => {
                    "it finished at once, without waiting on tokio's clock: the task must run \
                     `wait_random(max_delay)`, which sleeps with `tokio::time::sleep(..).await` (not \
                     `std::thread::sleep`, which blocks the thread and stops tokio's clock)."
                }
                Some(_) => "the delay the task returns is not the one it waited.",
            };
            grader::fail(format!(
                "10 tasks from task_wait_random(200 ms), watched every millisecond: each should finish when its own \
                 delay is over, but task {} returned {} and finished {}.",
                i + 1,
                show(*delay),
                at.map_or("more than 0.210 s later (still running)".to_string(), |at| format!("at {}", show(at)))
            ))
            .cause(format!("{cause}\n\n  When each task finished (virtual time):\n{}", timeline(&rows)))
            .read(TASK[3])
            .fail();
        }
    });
}

#[test]
fn task3_tasks_return_random_delays_within_max_delay() {
    grader::run(async || {
        probe().await;
        // 100 tasks that each draw their own delay are never all equal for max_delay > 0: even whole seconds
        // drawn from 0..=1 would all be equal with probability 2 × 2^-100 ≈ 2e-30.
        for max_delay in [DEFAULT_MAX_DELAY, secs(1), ms(500), Duration::ZERO] {
            let handles: Vec<_> = (0..100).map(|_| task_wait_random(max_delay)).collect();
            let mut delays = Vec::new();
            for handle in handles {
                delays.push(join(handle, "task_wait_random").await);
            }
            let max = show(max_delay);
            let highest = *delays.iter().max().unwrap();
            grader::fail(format!(
                "a task from task_wait_random({max}) returned {}, more than max_delay.",
                show(highest)
            ))
            .cause("the task calls `wait_random` with another bound (such as `DEFAULT_MAX_DELAY`): pass max_delay on.")
            .read(TASK[3])
            .unless(highest <= max_delay);
            grader::fail(format!(
                "100 tasks from task_wait_random({max}) all returned {}: each task must run `wait_random`, which \
                 draws its own random delay.",
                show(delays[0])
            ))
            .cause(format!(
                "the task returns a fixed value instead of doing the work, or (if it is 0 with max_delay {max}) the \
                 delay is drawn in whole seconds."
            ))
            .read(TASK[3])
            .unless(max_delay.is_zero() || delays.iter().any(|&d| d != delays[0]));
        }
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Task 4: task_wait_n
// ---------------------------------------------------------------------------------------------------------------

#[test]
fn task4_returns_one_delay_per_task() {
    grader::run(async || {
        probe().await;
        for (n, max_delay) in [(5, DEFAULT_MAX_DELAY), (1, secs(10)), (20, ms(300))] {
            let delays = task_wait_n(n, max_delay).await;
            check_count("task_wait_n", n, max_delay, &delays, TASK[4]);
        }
        // See task1_returns_one_delay_per_wait for the odds.
        let delays = task_wait_n(50, secs(3)).await;
        check_count("task_wait_n", 50, secs(3), &delays, TASK[4]);
        grader::fail(format!("task_wait_n(50, 3 s) returned fifty times the same delay, {}.", show(delays[0])))
            .cause(
                "one delay was drawn and reused. Start n tasks with `task_wait_random(max_delay)`: each draws its own.",
            )
            .read(TASK[4])
            .unless(delays.iter().any(|&d| d != delays[0]));
    });
}

#[test]
fn task4_runs_the_tasks_at_the_same_time() {
    grader::run(async || {
        probe().await;
        for (n, max_delay) in [(10, ms(200)), (1, DEFAULT_MAX_DELAY), (10, DEFAULT_MAX_DELAY), (25, secs(5))] {
            let (delays, took) = timed(task_wait_n(n, max_delay)).await;
            check_count("task_wait_n", n, max_delay, &delays, TASK[4]);
            check_concurrent(
                &format!("task_wait_n({n}, {})", show(max_delay)),
                took,
                &delays,
                "each task was awaited right after it was started (`task_wait_random(max_delay).await` in the \
                 loop), so the next one only started when it was over. Start all n tasks first, then collect \
                 their results.",
                TASK[4],
            );
        }
    });
}

#[test]
fn task4_returns_the_delays_in_the_order_they_finish() {
    grader::run(async || {
        probe().await;
        for (n, max_delay) in [(10, DEFAULT_MAX_DELAY), (10, DEFAULT_MAX_DELAY), (10, DEFAULT_MAX_DELAY), (30, ms(100))]
        {
            let (delays, took) = timed(task_wait_n(n, max_delay)).await;
            check_count("task_wait_n", n, max_delay, &delays, TASK[4]);
            check_completion_order(
                &format!("task_wait_n({n}, {})", show(max_delay)),
                took,
                &delays,
                "they are in the order the tasks were *started*: awaiting the handles one by one in a `for` loop \
                 (or `join_all`) gives that order. Put the handles in a `FuturesUnordered` and take each result \
                 as it comes, or send each delay down a channel as its task finishes.",
                TASK[4],
            );
        }
    });
}

#[test]
fn task4_collects_the_delays_as_they_finish_instead_of_sorting() {
    // See `check_not_sorted` for why a correct solution fails this test with probability below 1e-12.
    long_run().run(async || {
        probe().await;
        let mut runs = Vec::new();
        for _ in 0..SORTING_RUNS {
            runs.push(big_call("task_wait_n", task_wait_n(SORTING_N, DEFAULT_MAX_DELAY), TASK[4]).await);
        }
        check_not_sorted(
            "task_wait_n",
            &runs,
            "you awaited the handles one by one (or with `join_all`) and sorted the list afterwards (`sort`, \
             `sort_unstable`, a `BinaryHeap` or a `BTreeMap`). Take each result as its task finishes instead: the \
             handles in a `FuturesUnordered`, a `JoinSet` with `join_next`, or a channel each task sends its delay \
             down.",
            TASK[4],
        );
    });
}

#[test]
fn task4_no_tasks_or_zero_max_delay_return_at_once() {
    // No probe here: nothing in this test needs to wait.
    grader::run(async || {
        let (delays, took) = explained("task_wait_n(0, 10 s)", timed(task_wait_n(0, DEFAULT_MAX_DELAY))).await;
        grader::fail(format!(
            "task_wait_n(0, 10 s) returned {} delay(s) after {}: with nothing to wait for it must return an empty \
             list at once.",
            delays.len(),
            show(took)
        ))
        .cause("an off-by-one in the loop, or a wait that does not depend on n.")
        .read(TASK[4])
        .unless(delays.is_empty() && took.is_zero());
        let (delays, took) = explained("task_wait_n(3, 0 s)", timed(task_wait_n(3, Duration::ZERO))).await;
        check_count("task_wait_n", 3, Duration::ZERO, &delays, TASK[4]);
        grader::fail(format!(
            "task_wait_n(3, 0 s) took {}: with max_delay = 0 every task is over at once.",
            show(took)
        ))
        .read(TASK[4])
        .unless(took <= TICK);
    });
}

#[test]
fn task4_starts_all_its_tasks_before_waiting_for_any() {
    grader::run(async || {
        probe().await;
        let n = 8;
        // Poll it once, then let the runtime run whatever it spawned (still at 0.000 s), and count the tasks.
        let (most, (delays, took)) = grader::timing::tasks_at_start(timed(task_wait_n(n, secs(5)))).await;
        check_count("task_wait_n", n, secs(5), &delays, TASK[4]);
        // A task whose delay is under 1 ms may already be over by the time the tasks are counted.
        let instant = delays.iter().filter(|d| **d < TICK).count();
        let cause = match most {
            0 => "it started no task at all: it does not use `task_wait_random` (awaiting `wait_random` or \
                  `wait_n` directly runs the waits inside task_wait_n's own future)."
                .to_string(),
            1 => "it started one task and waited for it before starting the next.".to_string(),
            k => format!("it started {k} of them, then waited before starting the rest."),
        };
        grader::fail(format!(
            "task_wait_n({n}, 5 s) should start {n} tasks with task_wait_random, all of them before it waits for \
             any; at 0.000 s at most {most} task(s) were running."
        ))
        .cause(cause)
        .read(TASK[4])
        .unless(most + instant >= n);
        check_concurrent(
            &format!("task_wait_n({n}, 5 s)"),
            took,
            &delays,
            "each task was awaited before the next one was started.",
            TASK[4],
        );
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------

/// Runs first in every test: a `wait_random` that blocks the thread (`std::thread::sleep`, or a loop watching
/// `std::time::Instant`) fails here at once, with an explanation, instead of holding up the test until the
/// real-time watchdog stops it. Correct code always passes: a delay of more than 1 ms takes more than 1 ms of
/// virtual time.
async fn probe() {
    for _ in 0..5 {
        let (delay, took) = timed(wait_random(ms(10))).await;
        grader::fail(format!(
            "wait_random(10 ms) returned {} but no virtual time passed: it never waited on tokio's clock.",
            show(delay)
        ))
        .cause(
            "`std::thread::sleep` (it blocks the thread, so tokio's clock cannot move and no other task \
             can run), a loop watching `std::time::Instant`, or a `tokio::time::sleep(..)` without `.await`. Use \
             `tokio::time::sleep(delay).await`. (Every test checks this first, so all of them fail until \
             wait_random waits the async way.)",
        )
        .read(TASK[0])
        .unless(took >= TICK || delay <= TICK);
    }
}

/// n delays, each at most max_delay.
#[track_caller]
fn check_count(function: &str, n: usize, max_delay: Duration, delays: &[Duration], read: &str) {
    let max = show(max_delay);
    let cause = match delays.len() {
        len if len == n + 1 => " Likely cause: the loop runs once too often (`0..=n` runs n + 1 times; use `0..n`).",
        len if len + 1 == n => " Likely cause: the loop runs once too few (`1..n` runs n − 1 times; use `0..n`).",
        _ => "",
    };
    grader::fail(format!(
        "{function}({n}, {max}) returned {} delay(s): it must return exactly one per wait, {n}.{cause}",
        delays.len()
    ))
    .read(read)
    .unless(delays.len() == n);
    if let Some(d) = delays.iter().find(|&&d| d > max_delay) {
        grader::fail(format!(
            "{function}({n}, {max}) returned the delay {}, more than max_delay ({max}): {}",
            show(*d),
            list(delays)
        ))
        .cause(
            "max_delay is not passed on to every wait (a fixed bound such as `DEFAULT_MAX_DELAY` is used \
             instead).",
        )
        .read(read)
        .fail();
    }
}

/// The call took as long as its longest delay (within a tick): the waits overlapped.
#[track_caller]
fn check_concurrent(what: &str, took: Duration, delays: &[Duration], one_by_one: &str, read: &str) {
    let longest = delays.iter().copied().max().unwrap_or_default();
    let sum: Duration = delays.iter().sum();
    if took.abs_diff(longest) <= TICK {
        return;
    }
    let n = delays.len() as u32;
    let cause = if took < TICK {
        "no virtual time passed, although the delays say otherwise: the waits never happened on tokio's clock \
         (`std::thread::sleep` or a busy loop blocks the thread instead; use `tokio::time::sleep(..).await`)."
            .to_string()
    } else if took + TICK >= sum && took <= sum + TICK * n {
        // Sequential: the call took the sum of its delays. Show both timelines, built from the delays it returned.
        let mut start = Duration::ZERO;
        let one_after_another: Vec<_> = delays
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let row = (format!("wait {:>2}", i + 1), start, Some(start + *d));
                start += *d;
                row
            })
            .collect();
        let together: Vec<_> =
            delays.iter().enumerate().map(|(i, d)| (format!("wait {:>2}", i + 1), Duration::ZERO, Some(*d))).collect();
        format!(
            "{one_by_one}\n\n  The call took the *sum* of the delays it returned, {}: the waits ran one after \
             another, like this:\n{}\n  Run at the same time, they all start at 0.000 s and the call takes only \
             the longest delay, {}:\n{}",
            show(sum),
            timeline(&one_after_another),
            show(longest),
            timeline(&together)
        )
    } else if took > longest {
        "it took longer than its longest delay: something waited that did not need to (waits started in \
         batches, an extra sleep), or the delays returned are not the ones waited (do the task0 tests pass?)."
            .to_string()
    } else {
        "it finished before its longest delay was over: the delays returned are not the ones waited (do the \
         task0 tests pass?)."
            .to_string()
    };
    grader::took(format!("{what}, which returned the delays {}", list(delays)), took)
        .expected(longest)
        .within(TICK)
        .when(took, cause)
        .without_timeline()
        .read(read)
        .check();
}

/// Each delay finished no later than the next one: ascending, allowing one tick, because timers due in the same
/// millisecond finish in the order they were started.
#[track_caller]
fn check_completion_order(what: &str, took: Duration, delays: &[Duration], cause: &str, read: &str) {
    let Some(i) = delays.windows(2).position(|w| w[0] > w[1] + TICK) else {
        return;
    };
    let longest = delays.iter().copied().max().unwrap_or_default();
    let cause = if took > longest + TICK {
        "the waits ran one after another (the call took longer than its longest delay; see the \
         `runs_…_at_the_same_time` test), so they finished in the order they were started."
    } else {
        cause
    };
    grader::fail(format!(
        "{what} must return the delays in the order the waits finish, which makes them ascending, but it \
         returned\n    {}\nwhere {} (position {}) comes before {} (position {}), which finished earlier.",
        list(delays),
        show(delays[i]),
        i + 1,
        show(delays[i + 1]),
        i + 2
    ))
    .cause(format!(
        "{cause}\n  (Sorting the list afterwards is not the task: the order must come from collecting \
         each delay as its wait finishes.)"
    ))
    .read(read)
    .fail();
}

/// How many delays, and how many calls, the sorting tests draw (see `check_not_sorted`).
const SORTING_N: usize = 1000;
const SORTING_RUNS: usize = 3;

/// One call of `function(SORTING_N, 10 s)` for the sorting tests: it must return SORTING_N delays, concurrently
/// (within 10 s) and in finishing order to the millisecond; the other tests explain each of these better, so this
/// one stops with a pointer to them.
async fn big_call(function: &str, call: impl Future<Output = Vec<Duration>>, read: &str) -> Vec<Duration> {
    let what = format!("{function}({SORTING_N}, 10 s)");
    let Ok((delays, took)) = tokio::time::timeout(DEFAULT_MAX_DELAY + TICK * 2, timed(call)).await else {
        grader::fail(format!(
            "{what} was still running after {}: its waits must run at the same time, so it takes at most the \
             longest delay, 10 s. The `…_runs_the_…_at_the_same_time` test explains what happened.",
            show(DEFAULT_MAX_DELAY + TICK * 2)
        ))
        .read(read)
        .fail();
    };
    check_count(function, SORTING_N, DEFAULT_MAX_DELAY, &delays, read);
    check_completion_order(&what, took, &delays, "they are not in the order the waits finished.", read);
    delays
}

/// The chance that a correct solution, which collects delays as their waits finish, returns `delays` in perfectly
/// ascending order, to the nanosecond.
///
/// tokio's timers tick in whole milliseconds, and the waits that end in the same tick finish in the order they
/// were started (or woken), which has nothing to do with their exact delays. So within each tick the delays come
/// out in a random order: k different delays are ascending with probability 1/k! (m equal ones in the tick
/// multiply that by m!, as they are ascending in any order). Ticks are independent, so the chance is the product
/// over the ticks. Delays drawn as whole milliseconds share a tick only when they are equal: the chance is then 1
/// and no test can tell sorting from collecting.
fn chance_sorted(delays: &[Duration]) -> f64 {
    let mut ticks: std::collections::BTreeMap<u128, Vec<Duration>> = std::collections::BTreeMap::new();
    for d in delays {
        ticks.entry(d.as_nanos().div_ceil(TICK.as_nanos())).or_default().push(*d);
    }
    let factorial = |k: usize| (1..=k).map(|i| i as f64).product::<f64>();
    ticks
        .values_mut()
        .map(|group| {
            group.sort();
            let equal_runs = group.chunk_by(|a, b| a == b).map(|run| factorial(run.len())).product::<f64>();
            equal_runs / factorial(group.len())
        })
        .product()
}

/// Fails when every list in `runs` is perfectly ascending to the nanosecond, although a correct solution would
/// almost surely have put some delays of the same millisecond tick out of order (see `chance_sorted`).
///
/// The false-failure probability: the test fails only when the chance that a correct solution returns lists this
/// sorted, computed from the delays drawn, is below 1e-12; so a correct solution fails it with probability below
/// 1e-12, whatever it draws. With 1 000 uniform delays of up to 10 s, each list has about 50 pairs of delays in a
/// shared tick and a chance of about 4e-11 of being sorted (the ticks hold Poisson(0.1) delays each: the product of
/// E[1/K!] over 10 000 ticks is e^-23.9), so three lists give about 6e-32, far below the threshold, and a
/// solution that sorts is caught every time. Measured: 200 calls of a correct `wait_n(1000, 10 s)` and 200 of a
/// correct `task_wait_n` gave 0 perfectly sorted lists.
#[track_caller]
fn check_not_sorted(function: &str, runs: &[Vec<Duration>], cause: &str, read: &str) {
    if runs.iter().any(|delays| !delays.is_sorted()) {
        return;
    }
    let chance: f64 = runs.iter().map(|delays| chance_sorted(delays)).product();
    if chance >= 1e-12 {
        return; // Whole-millisecond (or coarser) delays: sorted and collected lists look the same.
    }
    let shared: usize = runs
        .iter()
        .map(|delays| delays.windows(2).filter(|w| w[0] != w[1] && ceil_tick(w[0]) == ceil_tick(w[1])).count())
        .sum();
    grader::fail(format!(
        "{function}({SORTING_N}, 10 s), called {} times, returned its delays perfectly sorted every time, to the \
         nanosecond. Collected as the waits finish, they would not be: tokio's timers tick in whole milliseconds, \
         and waits that end in the same millisecond finish in the order they were started, not in the order of \
         their exact delays. These lists had {shared} neighbouring delays that share a tick, and a list collected \
         in finishing order comes out this sorted with a chance of {chance:.0e}.",
        runs.len()
    ))
    .cause(format!("{cause} The numbers are almost the same, but the task is to get the order from the timing itself."))
    .read(read)
    .fail();
}

/// The millisecond tick a delay ends on.
fn ceil_tick(d: Duration) -> u128 {
    d.as_nanos().div_ceil(TICK.as_nanos())
}

/// `[0.512 s, 3.200 s, …]`.
fn list(delays: &[Duration]) -> String {
    const SHOWN: usize = 12;
    let mut items: Vec<String> = delays.iter().take(SHOWN).map(|d| show(*d)).collect();
    if delays.len() > SHOWN {
        items.push(format!("… {} more", delays.len() - SHOWN));
    }
    format!("[{}]", items.join(", "))
}

/// Draws rows (name, start, end) as a timeline, with the journal's renderer; at most 12 rows.
fn timeline(rows: &[(String, Duration, Option<Duration>)]) -> String {
    const SHOWN: usize = 12;
    let spans: Vec<Span> = rows
        .iter()
        .take(SHOWN)
        .map(|(name, start, end)| Span { name: name.clone(), start: *start, end: *end, cancelled: false })
        .collect();
    let mut out = render(&spans);
    if rows.len() > SHOWN {
        out.push_str(&format!("  … and {} more\n", rows.len() - SHOWN));
    }
    out
}

/// Awaits a task's handle; a task that panicked fails the test with its message.
async fn join(handle: tokio::task::JoinHandle<Duration>, function: &str) -> Duration {
    match handle.await {
        Ok(delay) => delay,
        Err(e) => {
            let e = e.to_string();
            PAGE.failure(format!("a task started by {function} did not finish normally: {e}."))
                .cause(known::cause(&e, ""))
                .fail()
        }
    }
}

/// Awaits `fut`, and fails the test with an explanation if it panics.
async fn explained<F: Future>(call: &str, fut: F) -> F::Output {
    match caught(fut).await {
        Ok(out) => out,
        Err(panic) => PAGE.failure(format!("{call} panicked: \"{panic}\".")).cause(known::cause(&panic, "")).fail(),
    }
}

/// Lets every task that is ready run before the test looks at them (at the same virtual instant).
async fn settle() {
    for _ in 0..3 {
        tokio::task::yield_now().await;
    }
}
