//! Graded tests for exercise 6.2, on tokio's paused clock: "10 s" below is ten seconds of virtual time.
//!
//! The numbers are random, so the tests check what holds for every draw: ten numbers per generator, each
//! between 0 and 10, one per second. Where a test checks that the numbers are really random, the chance that a
//! correct solution fails it is computed in a comment (below one in a trillion).

use std::time::Duration;

use async_comprehension::{COUNT, INTERVAL, async_comprehension, async_generator, measure_runtime};
use grader::sim::journal::{Span, render};
use grader::sim::secs as show;
use grader::{ms, secs, timed};
use tokio::sync::mpsc::Receiver;
use tokio::time::{Instant, timeout};

const PAGE: grader::Page = grader::Page::new("src/06-capstone/02-async-comprehension.md");

#[test]
fn generator_sends_ten_numbers_between_0_and_10() {
    grader::run(async || {
        PAGE.failure("COUNT and INTERVAL are given: 10 numbers, 1 s apart")
            .unless_eq(&(COUNT, INTERVAL), &(10, secs(1)));
        // Four generators, read one after the other (each runs on its own, as a task).
        let mut receivers: Vec<Receiver<f64>> = (0..4).map(|_| async_generator()).collect();
        let mut all = Vec::new();
        for rx in &mut receivers {
            all.extend(drain(rx).await);
        }
        if let Some(bad) = all.iter().find(|n| !(0.0..=10.0).contains(*n)) {
            PAGE.failure(format!(
                "a generator sent {bad}: every number must be between 0 and 10 (both included).\n\n  Likely \
                 cause: the range is wrong; draw with `rand::random_range(0.0..=10.0)`."
            ))
            .fail();
        }
        // 40 numbers drawn uniformly from [0, 10]: all equal, or all whole numbers, has probability 0 (a float
        // draw has 2^52 possible values per unit); all below 2.5, or all above 7.5, has probability 4^-40 ≈ 8e-25.
        let (lowest, highest) = all.iter().fold((f64::MAX, f64::MIN), |(lo, hi), &n| (lo.min(n), hi.max(n)));
        PAGE.failure(format!(
            "four generators sent 40 times the same number, {lowest}: each number must be drawn at random."
        ))
        .unless(lowest < highest);
        PAGE.failure(format!(
            "the 40 numbers of four generators were all whole numbers ({:?}, …): the numbers are floats, drawn \
             anywhere between 0 and 10, like Python's `random.uniform(0, 10)`.",
            &all[..4]
        ))
        .cause("an integer draw converted to f64 (`random_range(0..=10) as f64`). Draw from `0.0..=10.0`.")
        .unless(all.iter().any(|n| n.fract() != 0.0));
        PAGE.failure(format!(
            "the 40 numbers of four generators all lay between {lowest:.3} and {highest:.3}; drawn between 0 and \
             10 they spread over the whole range."
        ))
        .cause(
            "the draw is not scaled to 0..=10 (`rand::random::<f64>()` gives numbers below 1). Use \
             `rand::random_range(0.0..=10.0)`.",
        )
        .unless(highest > 2.5 && lowest < 7.5);
    });
}

#[test]
fn generator_sends_one_number_per_second() {
    grader::run(async || {
        let start = Instant::now();
        let mut rx = async_generator();
        let mut arrivals = Vec::new();
        let closed_at = loop {
            match timeout(secs(5), rx.recv()).await {
                Ok(Some(_)) if arrivals.len() < COUNT + 5 => arrivals.push(start.elapsed()),
                Ok(Some(_)) => PAGE
                    .failure(format!("the generator sent more than {} numbers: it must send {COUNT}.", COUNT + 5))
                    .fail(),
                Ok(None) => break Some(start.elapsed()),
                Err(_) => break None,
            }
        };
        let expected: Vec<Duration> = (1..=COUNT as u64).map(secs).collect();
        let on_time = arrivals == expected;
        if on_time && closed_at == Some(secs(10)) {
            return;
        }
        let cause = if arrivals.len() != COUNT {
            format!(
                "it sent {} numbers instead of {COUNT}: check the loop (`for _ in 0..COUNT` runs {COUNT} times).",
                arrivals.len()
            )
        } else if !on_time && arrivals.iter().all(|a| a.is_zero()) {
            "every number came at 0.000 s: the task does not wait on tokio's clock (a `std::thread::sleep`, or \
             a `sleep(..)` without `.await`)."
                .to_string()
        } else if !on_time && arrivals[0].is_zero() {
            "the first number came at once: the task sends and then sleeps. Python's generator sleeps first \
             (`await asyncio.sleep(1)`, then `yield`): wait, then send."
                .to_string()
        } else if !on_time {
            "the numbers do not come exactly one second apart: wait `INTERVAL` once before each number, and \
             nothing else."
                .to_string()
        } else if closed_at.is_none() {
            "the channel never closed after the tenth number, so a reader's `while let Some(..) = rx.recv().await` \
             would wait forever. `recv()` returns `None` only when every `Sender` is dropped: let the task end \
             after its loop (the `Sender` it owns is dropped then), and keep no other `Sender` alive."
                .to_string()
        } else {
            "the channel closed late: after the tenth number the task waited again before ending.".to_string()
        };
        let rows: Vec<Span> = arrivals
            .iter()
            .enumerate()
            .map(|(i, at)| Span {
                name: format!("waiting for number {:>2}", i + 1),
                start: if i == 0 { Duration::ZERO } else { arrivals[i - 1] },
                end: Some(*at),
                cancelled: false,
            })
            .collect();
        PAGE.failure(format!(
            "a generator must send its {COUNT} numbers at 1 s, 2 s, … 10 s, then close the channel at 10 s. It sent \
             {} number(s) at: {}; {}.",
            arrivals.len(),
            arrivals.iter().map(|a| show(*a)).collect::<Vec<_>>().join(", "),
            closed_at.map_or("the channel was still open 5 s after the last one".to_string(), |at| format!(
                "the channel closed at {}",
                show(at)
            ))
        ))
        .cause(format!("{cause}\n\n  The reader's waits (virtual time):\n{}", render(&rows)))
        .fail();
    });
}

#[test]
fn comprehension_collects_ten_numbers_in_ten_seconds() {
    grader::run(async || {
        let (most, outcome) = grader::timing::tasks_at_start(timeout(secs(60), timed(async_comprehension()))).await;
        let Ok((numbers, took)) = outcome else {
            PAGE.failure("async_comprehension() had not finished after 60 s of virtual time (it should take 10 s).")
                .cause(
                    "the loop over the receiver never ends. `recv()` returns `None` only once every `Sender` is \
                     dropped: the generator's task must end after its tenth number, and no other `Sender` may stay \
                     alive (a clone kept in a variable, for example).",
                )
                .fail()
        };
        PAGE.failure(
            "async_comprehension() started no task: it must collect the numbers of `async_generator()`, whose \
             numbers come from a task.",
        )
        .unless(most >= 1);
        PAGE.failure(format!(
            "async_comprehension() returned {numbers:?}: it must return the {COUNT} numbers of one generator, each \
             between 0 and 10."
        ))
        .unless(numbers.len() == COUNT && numbers.iter().all(|n| (0.0..=10.0).contains(n)));
        PAGE.took("async_comprehension(), which collects 10 numbers sent 1 s apart", took)
            .expected(secs(10))
            .when(secs(11), "after the tenth number the generator waits once more before closing the channel.")
            .check();
    });
}

#[test]
fn measure_runtime_runs_four_comprehensions_at_once() {
    grader::run(async || {
        let (most, outcome) = grader::timing::tasks_at_start(timeout(secs(120), timed(measure_runtime()))).await;
        let Ok((reported, took)) = outcome else {
            PAGE.failure(
                "measure_runtime() had not finished after 120 s of virtual time (it should take 10 s).\n\n  Likely \
                 cause: a comprehension never finishes, because its generator's channel never closes (see the \
                 other tests).",
            )
            .fail()
        };
        let comprehensions = |gap: Duration| -> String {
            let spans: Vec<Span> = (0..4u32)
                .map(|i| Span {
                    name: format!("comprehension {}", i + 1),
                    start: gap * i,
                    end: Some(gap * i + secs(10)),
                    cancelled: false,
                })
                .collect();
            render(&spans)
        };
        PAGE.took("measure_runtime(), four comprehensions of 10 s each", took)
            .expected(secs(10))
            .when(
                secs(40),
                format!(
                    "the comprehensions ran one after another:\n{}\n  Start all four before waiting for any, with \
                     `tokio::join!`; then they overlap:\n{}",
                    comprehensions(secs(10)),
                    comprehensions(Duration::ZERO)
                ),
            )
            .when(
                secs(11),
                "each comprehension took 11 s: see the other tests (the generator waits after its last number).",
            )
            .without_timeline()
            .check();
        PAGE.failure(format!(
            "measure_runtime() took 10 s, but at most {most} generator task(s) were running at once: it must run \
             four comprehensions, each with its own generator."
        ))
        .cause(if most == 0 {
            "no generator task ran at all: the comprehensions do not read from `async_generator()`."
        } else {
            "it runs fewer than four comprehensions (for example one, awaited alone). `tokio::join!` four calls of \
             `async_comprehension()`."
        })
        .unless(most >= 4);
        let cause = if reported < ms(1) {
            "it measured with `std::time::Instant`, which reads the real clock: under the paused clock the ten \
             seconds pass in microseconds. Use `tokio::time::Instant::now()` and `.elapsed()`."
        } else {
            "it does not measure exactly the time the four comprehensions take together."
        };
        PAGE.failure(format!(
            "measure_runtime() returned {} but took {} of virtual time: it must return the time it took.",
            show(reported),
            show(took)
        ))
        .cause(cause)
        .unless(reported == took);
    });
}

#[test]
fn generator_stops_when_nobody_reads_any_more() {
    grader::run(async || {
        let metrics = tokio::runtime::Handle::current().metrics();
        let before = metrics.num_alive_tasks();
        let mut rx = async_generator();
        for _ in 0..2 {
            rx.recv().await;
        }
        drop(rx); // at 2 s: the reader goes away
        tokio::time::sleep(INTERVAL + ms(1)).await;
        for _ in 0..3 {
            tokio::task::yield_now().await;
        }
        let alive = metrics.num_alive_tasks().saturating_sub(before);
        PAGE.failure(
            "the reader dropped its Receiver after two numbers, at 2 s; at 3.001 s the generator's task was still \
             running, producing numbers nobody can read.",
        )
        .cause(
            "the task ignores the `Err` that `tx.send(n).await` returns once the Receiver is gone (`let _ = \
             tx.send(n).await;`). Stop the loop then: `if tx.send(n).await.is_err() { return; }`.",
        )
        .unless(alive == 0);
    });
}

/// Reads a receiver until it closes. Fails with an explanation if it sends more than COUNT numbers or stays open
/// long after the last one.
async fn drain(rx: &mut Receiver<f64>) -> Vec<f64> {
    let mut numbers = Vec::new();
    loop {
        match timeout(secs(30), rx.recv()).await {
            Ok(Some(n)) => {
                numbers.push(n);
                PAGE.failure(format!("a generator sent more than {COUNT} numbers: {numbers:?}."))
                    .cause("the loop runs too often (`0..=COUNT` runs COUNT + 1 times; use `0..COUNT`).")
                    .unless(numbers.len() <= COUNT);
            }
            Ok(None) if numbers.len() == COUNT => return numbers,
            Ok(None) => PAGE
                .failure(format!(
                    "a generator closed its channel after {} number(s): it must send {COUNT}.",
                    numbers.len()
                ))
                .cause(
                    "the loop runs too few times, or the task stops early (a `send` whose error ends it while the \
                     reader is still there?).",
                )
                .fail(),
            Err(_) => PAGE
                .failure(format!(
                    "after {} number(s), a generator sent nothing more for 30 s and did not close its channel, so a \
                     reader's `while let Some(..) = rx.recv().await` would wait forever.",
                    numbers.len()
                ))
                .cause(if numbers.len() == COUNT {
                    "the channel stays open after the last number. `recv()` returns `None` only when every \
                     `Sender` is dropped: let the task end after its loop, and keep no other `Sender` alive."
                } else {
                    "the task stopped sending (did it panic, or wait for something that never happens?)."
                })
                .fail(),
        }
    }
}
