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
mod tests;
