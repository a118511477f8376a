//! Exercise 2.1: what `#[tokio::main]` does.
//!
//! Read: `src/02-runtime/01-tokio-main.md` (chapter 2, "What `#[tokio::main]` does").
//! Grade: `cargo test` in this folder, or `cargo course check tokio-main` anywhere in the course.
//!
//! An `async fn main` needs a runtime to run it. `#[tokio::main]` writes the code that builds one and runs the body
//! on it. Here you write that code twice: once by hand, once by letting the attribute write it. Both functions take
//! the program's "async main" as a future, so the tests can hand them programs of their own and check what happens.

use std::future::Future;

/// Runs the future `main` to completion on a **new current-thread tokio runtime with its timers enabled**, and
/// returns what `main` returned. This is the code `#[tokio::main(flavor = "current_thread")]` generates, written by
/// hand.
///
/// It blocks the calling thread until `main` is done. The runtime lives only for the duration of the call: when
/// `run_by_hand` returns, the runtime (and any task `main` left running) is gone.
///
/// `run_by_hand(async { 6 * 7 })` returns `42`.
pub fn run_by_hand<F: Future>(main: F) -> F::Output {
    // TODO: start from `tokio::runtime::Builder::new_current_thread()`, turn the timers on with `.enable_time()`,
    // `.build()` it (that gives an `io::Result<Runtime>`: `.expect("...")` it), and `.block_on(main)`.
    todo!("build a runtime and block on `main` (a {}-byte future)", std::mem::size_of_val(&main))
}

/// The same as [`run_by_hand`], but written by `#[tokio::main]`.
pub fn run_with_attribute<F: Future>(main: F) -> F::Output {
    // TODO: turn this into an `async fn` with the same name, parameter and return type, put
    // `#[tokio::main(flavor = "current_thread")]` on it, and make its whole body `main.await`.
    // (The attribute works on any function, not only on `main`; it makes the function synchronous again.)
    todo!("let #[tokio::main] run `main` (a {}-byte future)", std::mem::size_of_val(&main))
}
