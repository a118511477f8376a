//! Solution to exercise 1.2.

use sim::accounts::{find_team, find_user};

/// A user's name and the name of their team.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub team: String,
}

/// Looks the user up, then their team; `None` if either is unknown.
pub async fn load_profile(id: u32) -> Option<Profile> {
    // ANCHOR: solution
    let user = find_user(id).await?;
    let team = find_team(user.team_id).await?;
    Some(Profile { name: user.name, team })
    // ANCHOR_END: solution
}
