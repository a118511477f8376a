//! Exercise 2.2: a runtime you build and keep.
//!
//! Read: `src/02-runtime/02-runtime-by-hand.md` (chapter 2, "Building a runtime by hand").
//! Grade: `cargo test` in this folder, or `cargo course check runtime-by-hand` anywhere in the course.
//!
//! A synchronous program (a command-line tool, a GUI's click handler, a plugin for a sync framework) wants to use the
//! async user directory `sim::accounts`: `find_user(id)` takes 300 ms, `find_team(id)` 200 ms. You give it a
//! blocking face: a struct that owns a runtime and runs each request on it with `block_on`.

use tokio::runtime::Runtime;

/// Builds the runtime a synchronous program uses to run async code: a **current-thread** runtime with its
/// **timers enabled** and its clock running normally (not paused: pausing is for tests).
pub fn build_runtime() -> std::io::Result<Runtime> {
    // TODO: `tokio::runtime::Builder::new_current_thread()`, then `.enable_time()`, then `.build()`: that already
    // returns an `io::Result<Runtime>`.
    todo!("build a current-thread runtime with timers")
}

/// A blocking version of the user directory, for code that is not async. Each method blocks the calling thread
/// until its async work is done, and must not be called from async code (tokio refuses to block a thread that is
/// running a runtime).
pub struct BlockingDirectory {
    runtime: Runtime,
}

impl BlockingDirectory {
    /// Wraps `runtime`: every method runs its async work on it. A program passes `build_runtime()?`; the tests pass
    /// a runtime whose clock is paused, so its 300 ms lookups take no real time.
    pub fn new(runtime: Runtime) -> Self {
        BlockingDirectory { runtime }
    }

    /// The runtime the directory runs its work on (a caller may use it for async work of its own).
    pub fn runtime(&self) -> &Runtime {
        &self.runtime
    }

    /// The name of user `id`, or `None` for an unknown id. Runs `sim::accounts::find_user(id)` on the directory's
    /// runtime and blocks until it is done (300 ms).
    pub fn user_name(&self, id: u32) -> Option<String> {
        // TODO: `self.runtime.block_on(...)` runs a future to completion and returns its output. Give it
        // `sim::accounts::find_user(id)`, then keep only the user's `name` (`Option::map`).
        todo!("look user {id} up on the directory's runtime")
    }

    /// The user's name and their team's name as one line, `"Ada (Compilers)"`, or `None` if either lookup finds
    /// nothing (then nothing more is looked up). Both lookups run one after the other (300 ms + 200 ms) inside a
    /// single `block_on`.
    pub fn profile(&self, id: u32) -> Option<String> {
        // TODO: `self.runtime.block_on(async { ... })`: inside the async block, await `find_user(id)`, then
        // `find_team(user.team_id)` (`?` works on `Option` inside a block that returns an `Option`), and build the
        // line with `format!("{} ({})", ...)`.
        todo!("look user {id} and their team up on the directory's runtime")
    }
}
