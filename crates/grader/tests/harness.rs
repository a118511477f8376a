//! The harness's own tests: each failure mode fails fast with the right explanation, and correct bodies pass.
//! Every check here is deterministic: nothing depends on how loaded the machine is.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use grader::{Grade, ms, secs};

fn failure(grade: Grade, body: impl AsyncFnOnce() + Send + 'static) -> String {
    grade.execute(body).expect_err("the body should have failed")
}

#[test]
fn a_correct_body_passes_in_virtual_time() {
    let started = std::time::Instant::now();
    Grade::new().virtual_limit(secs(7200)).run(async || {
        let (_, took) = grader::timed(tokio::time::sleep(secs(3600))).await;
        assert_eq!(took, secs(3600));
    });
    // An hour of virtual time is nowhere near an hour of real time (a generous bound: it takes microseconds).
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_deadlocked_body_fails_at_once_in_real_time() {
    let started = std::time::Instant::now();
    let message = failure(Grade::new(), async || {
        let (_tx, mut rx) = tokio::sync::mpsc::channel::<u32>(1);
        // The sender is alive and never sends: this waits forever.
        rx.recv().await;
    });
    assert!(message.contains("never completed"), "{message}");
    assert!(message.contains("300.000 s of virtual time"), "{message}");
    assert!(message.contains("senders are never all dropped"), "{message}");
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
}

#[test]
fn a_deadlock_message_shows_what_ran_before_it() {
    let message = failure(Grade::new().virtual_limit(secs(10)), async || {
        grader::sim::work("load config", secs(2)).await;
        std::future::pending::<()>().await;
    });
    assert!(message.contains("10.000 s of virtual time"), "{message}");
    assert!(message.contains("load config") && message.contains("0.000 s → 2.000 s"), "{message}");
}

#[test]
fn a_blocking_body_fails_within_the_watchdog_and_is_named_blocking() {
    let started = std::time::Instant::now();
    let message = failure(Grade::new().wall_limit(ms(700)), async || {
        std::thread::sleep(Duration::from_secs(3));
    });
    assert!(message.contains("did not finish within 0.7 s of real time"), "{message}");
    assert!(message.contains("sat idle"), "{message}");
    assert!(message.contains("std::thread::sleep"), "{message}");
    assert!(started.elapsed() < Duration::from_secs(3), "took {:?}", started.elapsed());
}

#[test]
fn a_busy_loop_fails_within_the_watchdog_and_is_named_a_busy_loop() {
    let stop = Arc::new(AtomicBool::new(false));
    let spinning = stop.clone();
    let message = failure(Grade::new().wall_limit(ms(800)), async move || {
        // Spins without ever awaiting, like `loop {}`, but can be stopped so it does not burn a core after the test.
        while !spinning.load(Ordering::Relaxed) {
            std::hint::spin_loop();
        }
    });
    stop.store(true, Ordering::Relaxed);
    assert!(message.contains("kept computing"), "{message}");
    assert!(message.contains("busy loop"), "{message}");
    assert!(message.contains("spawn_blocking"), "{message}");
}

#[test]
fn a_panicking_body_keeps_its_message_and_location() {
    let message = failure(Grade::new(), async || {
        let answer = 41;
        assert_eq!(answer, 42, "the answer should be 42");
    });
    assert!(message.contains("the answer should be 42"), "{message}");
    assert!(message.contains("left: 41"), "{message}");
    assert!(message.contains("tests/harness.rs"), "{message}");
}

#[test]
fn a_todo_gets_advice_to_replace_it() {
    let message = failure(Grade::new(), async || todo!());
    assert!(message.starts_with("not yet implemented"), "{message}");
    assert!(message.contains("Replace it with your solution"), "{message}");
}

#[test]
fn a_todo_caught_by_a_test_still_gets_the_harness_s_advice() {
    // `caught` and `on_plain_thread` hand other panics to the test to explain, but never a `todo!()`.
    let in_a_future = failure(Grade::new(), async || {
        let _ = grader::caught(async { todo!() }).await;
    });
    let on_a_thread = failure(Grade::new(), async || {
        let _ = grader::on_plain_thread("your code", || todo!());
    });
    for message in [in_a_future, on_a_thread] {
        assert!(message.starts_with("not yet implemented"), "{message}");
        assert!(message.contains("Replace it with your solution"), "{message}");
    }
}

#[test]
#[should_panic(expected = "the answer should be 42")]
fn run_fails_the_test_with_the_body_s_panic_message() {
    grader::run(async || panic!("the answer should be 42"));
}

#[test]
fn a_panic_in_a_spawned_task_does_not_fail_a_body_that_handles_it() {
    grader::run(async || {
        let handle = tokio::spawn(async { panic!("task failed") });
        assert!(handle.await.unwrap_err().is_panic());
    });
}

#[test]
fn the_clock_starts_paused_and_exact() {
    grader::run(async || {
        let start = tokio::time::Instant::now();
        tokio::join!(tokio::time::sleep(secs(3)), tokio::time::sleep(secs(5)));
        assert_eq!(start.elapsed(), secs(5));
        tokio::time::sleep(ms(3)).await;
        assert_eq!(start.elapsed(), ms(5003));
    });
}

#[test]
fn a_timing_check_names_the_cause_and_shows_the_timeline() {
    let message = failure(Grade::new(), async || {
        let (_, took) = grader::timed(async {
            grader::sim::work("request a", secs(2)).await;
            grader::sim::work("request b", secs(2)).await;
            grader::sim::work("request c", secs(2)).await;
        })
        .await;
        grader::took("the three requests", took)
            .expected(secs(2))
            .when(secs(6), "you awaited them one after another; see chapter 3")
            .read("src/03-concurrency/index.md")
            .check();
    });
    assert!(message.contains("expected the three requests to take 2.000 s of virtual time, but it took 6.000 s"));
    assert!(message.contains("Likely cause: you awaited them one after another"), "{message}");
    assert!(message.contains("request c") && message.contains("4.000 s → 6.000 s"), "{message}");
    assert!(message.contains("Read: src/03-concurrency/index.md"), "{message}");
    assert!(message.contains("tests/harness.rs"), "the location of the check: {message}");
}

#[test]
fn a_timing_check_with_no_time_passed_suspects_a_blocking_sleep() {
    let message = failure(Grade::new(), async || {
        grader::took("the nap", Duration::ZERO).expected(secs(1)).check();
    });
    assert!(message.contains("no virtual time passed"), "{message}");
    assert!(message.contains("std::thread::sleep"), "{message}");
}

#[test]
fn a_timing_check_accepts_within_its_tolerance_only() {
    grader::run(async || {
        grader::took("a", ms(1001)).expected(secs(1)).within(ms(1)).check();
        assert!(grader::took("a", ms(1002)).expected(secs(1)).within(ms(1)).verdict().is_err());
        assert!(grader::took("a", ms(999)).expected(secs(1)).verdict().is_err());
    });
}

#[test]
fn expect_ready_at_accepts_a_future_that_is_ready_exactly_on_time() {
    grader::run(async || {
        let out = grader::expect_ready_at(
            "the sleep",
            async {
                tokio::time::sleep(secs(2)).await;
                5
            },
            secs(2),
        )
        .await;
        assert_eq!(out, 5);
    });
}

#[test]
fn expect_ready_at_rejects_early_immediate_and_late_futures() {
    let early = failure(Grade::new(), async || {
        grader::expect_ready_at("the nap", tokio::time::sleep(secs(1)), secs(2)).await;
    });
    assert!(early.contains("still be waiting at 1.999 s"), "{early}");
    let immediate = failure(Grade::new(), async || {
        grader::expect_ready_at("the nap", async {}, secs(2)).await;
    });
    assert!(immediate.contains("ready the first time it was polled"), "{immediate}");
    let late = failure(Grade::new(), async || {
        grader::expect_ready_at("the nap", tokio::time::sleep(secs(3)), secs(2)).await;
    });
    assert!(late.contains("but it finished at 3.000 s"), "{late}");
}

#[test]
fn tokio_test_polling_works_under_the_harness() {
    use grader::tokio_test::{assert_pending, assert_ready, task};
    grader::run(async || {
        let mut sleep = task::spawn(tokio::time::sleep(secs(1)));
        assert_pending!(sleep.poll());
        tokio::time::advance(secs(1)).await;
        assert!(sleep.is_woken());
        assert_ready!(sleep.poll());
    });
}

/// The kind of each outcome is data the runner reads, not prose it matches.
#[test]
fn each_outcome_has_its_kind() {
    use grader::Kind;
    let quick = || Grade::new().wall_limit(ms(300));
    assert_eq!(quick().judge(async || tokio::time::sleep(secs(1)).await).0, Kind::Passed);
    assert_eq!(quick().judge(async || std::future::pending::<()>().await).0, Kind::NeverCompleted);
    assert_eq!(quick().judge(async || todo!()).0, Kind::Unfinished);
    let (kind, message) = quick().judge(async || assert_eq!(1 + 1, 3, "a check of the test"));
    assert_eq!(kind, Kind::Failed, "{message}");
    let (kind, _) = quick().judge(async || std::thread::sleep(Duration::from_secs(2)));
    assert!(matches!(kind, Kind::Blocked | Kind::Stuck), "{kind}");
    let (kind, _) = quick().judge(async || {
        let spin = std::time::Instant::now();
        while spin.elapsed() < Duration::from_secs(2) {
            std::hint::spin_loop();
        }
    });
    assert!(matches!(kind, Kind::Busy | Kind::Stuck), "{kind}");
}
