//! Building runtimes with `tokio::runtime::Builder`, and using them from synchronous
//! code.

use std::io;
use std::thread::ThreadId;

use tokio::runtime::{Builder, Runtime};

// ANCHOR: current_thread
/// One thread: the caller's. Tasks run while the caller is inside `block_on`.
pub fn current_thread_runtime() -> io::Result<Runtime> {
    Builder::new_current_thread()
        // the timer driver: `tokio::time::sleep`, `timeout`, `interval`
        .enable_time()
        .build()
}
// ANCHOR_END: current_thread

// ANCHOR: multi_thread
/// A pool of worker threads that share the tasks between them (what `#[tokio::main]`
/// builds by default).
pub fn multi_thread_runtime() -> io::Result<Runtime> {
    Builder::new_multi_thread()
        .worker_threads(4) // default: one per CPU core
        .thread_name("app-worker")
        // every driver this build of tokio has: timers, and I/O if the `net` features
        // are on
        .enable_all()
        .build()
}
// ANCHOR_END: multi_thread

// ANCHOR: sync_caller
/// A plain, synchronous function that needs the async directory. It blocks on
/// `runtime` once per user: each `block_on` runs its future to the end and returns
/// the output.
pub fn profile_lines(runtime: &Runtime, ids: &[u32]) -> Vec<String> {
    let mut lines = Vec::new();
    for &id in ids {
        let line = runtime.block_on(crate::app::profile_line(id));
        lines.push(line.unwrap_or_else(|| format!("user {id}: not found")));
    }
    lines
}
// ANCHOR_END: sync_caller

// ANCHOR: where_tasks_run
/// Spawns a task on `runtime` and reports the caller's thread, and the thread (id and
/// name) the task ran on.
pub fn where_tasks_run(runtime: &Runtime) -> (ThreadId, ThreadId, Option<String>) {
    let caller = std::thread::current().id();
    let (task_thread, task_thread_name) = runtime.block_on(async {
        let task = tokio::spawn(async {
            let me = std::thread::current();
            (me.id(), me.name().map(String::from))
        });
        task.await.expect("the task does not panic")
    });
    (caller, task_thread, task_thread_name)
}
// ANCHOR_END: where_tasks_run

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn paused_runtime() -> Runtime {
        Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .unwrap()
    }

    #[test]
    fn each_block_on_runs_one_future_to_the_end() {
        let runtime = paused_runtime();
        let start = { runtime.block_on(async { tokio::time::Instant::now() }) };
        let lines = profile_lines(&runtime, &[1, 9, 2]);
        assert_eq!(
            lines,
            ["Ada (Compilers)", "user 9: not found", "Grace (Runtime)"]
        );
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
        runtime
            .block_on(async { tokio::time::sleep(Duration::from_millis(10)).await });
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
        runtime
            .block_on(async { tokio::time::sleep(Duration::from_millis(10)).await });
    }
    // ANCHOR_END: sleep_outside

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
}
