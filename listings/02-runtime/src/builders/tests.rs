//! The tests of `builders.rs`: they check what the book says about its code. In a file of their
//! own so that the book can include them without the indentation of a `mod tests` block.

use std::time::Duration;

use super::*;

fn paused_runtime() -> Runtime {
    Builder::new_current_thread().enable_time().start_paused(true).build().unwrap()
}

#[test]
fn each_block_on_runs_one_future_to_the_end() {
    let runtime = paused_runtime();
    let start = { runtime.block_on(async { tokio::time::Instant::now() }) };
    let lines = profile_lines(&runtime, &[1, 9, 2]);
    assert_eq!(lines, ["Ada (Compilers)", "user 9: not found", "Grace (Runtime)"]);
    let elapsed = runtime.block_on(async move { start.elapsed() });
    assert_eq!(elapsed, Duration::from_millis(500 + 300 + 500));
}

#[test]
fn a_current_thread_runtime_runs_tasks_on_the_callers_thread() {
    let (caller, task, _) = where_tasks_run(&current_thread_runtime().unwrap());
    assert_eq!(caller, task);
}

#[test]
fn a_multi_thread_runtime_runs_tasks_on_its_workers() {
    let (caller, task, name) = where_tasks_run(&multi_thread_runtime().unwrap());
    assert_ne!(caller, task);
    assert_eq!(name.as_deref(), Some("app-worker"));
}

// ANCHOR: no_timers
#[test]
#[should_panic(expected = "timers are disabled")]
fn a_runtime_without_the_timer_driver_cannot_sleep() {
    // no `.enable_time()`
    let runtime = Builder::new_current_thread().build().unwrap();
    runtime.block_on(async { tokio::time::sleep(Duration::from_millis(10)).await });
}
// ANCHOR_END: no_timers

// ANCHOR: sleep_outside
#[test]
#[should_panic(expected = "there is no reactor running")]
fn tokio_sleep_must_be_created_inside_the_runtime() {
    let runtime = current_thread_runtime().unwrap();
    // `sleep(..)` is called here, in plain sync code, before `block_on` has
    // entered the runtime.
    runtime.block_on(tokio::time::sleep(Duration::from_millis(10)));
}

#[test]
fn inside_an_async_block_it_is_created_by_the_runtime() {
    let runtime = current_thread_runtime().unwrap();
    runtime.block_on(async { tokio::time::sleep(Duration::from_millis(10)).await });
}
// ANCHOR_END: sleep_outside

// The page names `timeout` and `interval` next to `sleep`: both create a timer at once.
#[test]
#[should_panic(expected = "there is no reactor running")]
fn a_timeout_must_be_created_inside_the_runtime() {
    let runtime = current_thread_runtime().unwrap();
    let _ =
        runtime.block_on(tokio::time::timeout(Duration::from_millis(10), async {}));
}

#[test]
#[should_panic(expected = "there is no reactor running")]
fn an_interval_must_be_created_inside_the_runtime() {
    let _interval = tokio::time::interval(Duration::from_millis(10));
}

// ANCHOR: nested
#[test]
#[should_panic(expected = "Cannot start a runtime from within a runtime")]
fn block_on_inside_async_code_panics() {
    let outer = current_thread_runtime().unwrap();
    outer.block_on(async {
        let inner = current_thread_runtime().unwrap();
        // blocks a thread that is busy running `outer`
        inner.block_on(async { 1 + 1 })
    });
}
// ANCHOR_END: nested
