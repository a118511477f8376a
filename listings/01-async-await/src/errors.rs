//! `Result` and `?` in async code: exactly as in sync code, after the `.await`.

use sim::accounts::{find_team, find_user};

// ANCHOR: team_of
/// Why a team name could not be found.
#[derive(Debug, PartialEq, Eq)]
pub enum LookupError {
    NoSuchUser(u32),
    NoSuchTeam(u32),
}

/// The name of the team user `id` belongs to.
pub async fn team_of(id: u32) -> Result<String, LookupError> {
    // `.await` first gives the Option; `ok_or` turns it into a Result; `?` returns
    // early on Err.
    let user = find_user(id).await.ok_or(LookupError::NoSuchUser(id))?;
    let team =
        find_team(user.team_id).await.ok_or(LookupError::NoSuchTeam(user.team_id))?;
    Ok(team)
}
// ANCHOR_END: team_of

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[tokio::test(start_paused = true)]
    async fn question_mark_returns_early_without_the_second_lookup() {
        assert_eq!(team_of(2).await, Ok("Runtime".to_string()));
        sim::journal::reset();
        let start = tokio::time::Instant::now();
        assert_eq!(team_of(7).await, Err(LookupError::NoSuchUser(7)));
        assert_eq!(
            start.elapsed(),
            Duration::from_millis(300),
            "only the user lookup ran"
        );
        assert_eq!(sim::journal::spans().len(), 1);
    }
}
