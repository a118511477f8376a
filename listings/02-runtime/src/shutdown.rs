//! What happens to tasks still running when the async `main` returns.

use std::sync::{Arc, Mutex};
use std::time::Duration;

// ANCHOR: leftover_task
/// A program whose `main` starts a background task and returns without waiting for
/// it.
pub fn run_program(log: Arc<Mutex<Vec<&'static str>>>) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("build the runtime");
    runtime.block_on(async {
        let background_log = log.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(1)).await;
            background_log.lock().unwrap().push("background task finished");
        });
        log.lock().unwrap().push("main finished");
    });
    // `block_on` has returned: `main`'s future is done. Dropping the runtime drops
    // the background task with it.
    drop(runtime);
}
// ANCHOR_END: leftover_task

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_background_task_never_finishes() {
        let log = Arc::new(Mutex::new(Vec::new()));
        run_program(log.clone());
        assert_eq!(*log.lock().unwrap(), ["main finished"]);
    }
}
