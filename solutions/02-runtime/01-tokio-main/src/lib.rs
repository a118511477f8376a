//! Solution to exercise 2.1.

use std::future::Future;

// ANCHOR: solution
/// Runs `main` to completion on a new current-thread runtime with timers, and returns its output.
pub fn run_by_hand<F: Future>(main: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("failed to build the tokio runtime")
        .block_on(main)
}

/// The same, written by `#[tokio::main]`.
#[tokio::main(flavor = "current_thread")]
pub async fn run_with_attribute<F: Future>(main: F) -> F::Output {
    main.await
}
// ANCHOR_END: solution
