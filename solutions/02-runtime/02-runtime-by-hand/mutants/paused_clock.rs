// mistake: builds the program's runtime with its clock paused, as in tests
// expect: `start_paused(true)` is for tests
use tokio::runtime::Runtime;

pub fn build_runtime() -> std::io::Result<Runtime> {
    tokio::runtime::Builder::new_current_thread().enable_time().start_paused(true).build()
}

pub struct BlockingDirectory {
    runtime: Runtime,
}

impl BlockingDirectory {
    pub fn new(runtime: Runtime) -> Self {
        BlockingDirectory { runtime }
    }

    pub fn runtime(&self) -> &Runtime {
        &self.runtime
    }

    pub fn user_name(&self, id: u32) -> Option<String> {
        self.runtime.block_on(sim::accounts::find_user(id)).map(|user| user.name)
    }

    pub fn profile(&self, id: u32) -> Option<String> {
        self.runtime.block_on(async {
            let user = sim::accounts::find_user(id).await?;
            let team = sim::accounts::find_team(user.team_id).await?;
            Some(format!("{} ({team})", user.name))
        })
    }
}
