//! Solution to exercise 2.2.

use tokio::runtime::Runtime;

// ANCHOR: build_runtime
/// Builds a current-thread runtime with timers, its clock running normally.
pub fn build_runtime() -> std::io::Result<Runtime> {
    tokio::runtime::Builder::new_current_thread().enable_time().build()
}
// ANCHOR_END: build_runtime

/// A blocking version of the user directory.
pub struct BlockingDirectory {
    runtime: Runtime,
}

impl BlockingDirectory {
    /// Wraps `runtime`: every method runs its async work on it.
    pub fn new(runtime: Runtime) -> Self {
        BlockingDirectory { runtime }
    }

    /// The runtime the directory runs its work on (a caller may use it for async work of its own).
    pub fn runtime(&self) -> &Runtime {
        &self.runtime
    }

    // ANCHOR: solution
    /// The name of user `id`, or `None`.
    pub fn user_name(&self, id: u32) -> Option<String> {
        self.runtime.block_on(sim::accounts::find_user(id)).map(|user| user.name)
    }

    /// `"Ada (Compilers)"`, or `None` if either lookup finds nothing.
    pub fn profile(&self, id: u32) -> Option<String> {
        self.runtime.block_on(async {
            let user = sim::accounts::find_user(id).await?;
            let team = sim::accounts::find_team(user.team_id).await?;
            Some(format!("{} ({team})", user.name))
        })
    }
    // ANCHOR_END: solution
}
