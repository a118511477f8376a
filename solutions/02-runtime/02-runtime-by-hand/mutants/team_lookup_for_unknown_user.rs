// mistake: looks a team up even when the user was not found
// expect: the team was looked up although the user was not found
use tokio::runtime::Runtime;

pub fn build_runtime() -> std::io::Result<Runtime> {
    tokio::runtime::Builder::new_current_thread().enable_time().build()
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
            let user = sim::accounts::find_user(id).await;
            let team = sim::accounts::find_team(user.as_ref().map_or(0, |u| u.team_id)).await;
            Some(format!("{} ({})", user?.name, team?))
        })
    }
}
