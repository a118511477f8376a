// mistake: looks a team up even when the user lookup found nothing
// expect: a team was looked up after the user lookup found nothing
use sim::accounts::{find_team, find_user};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub team: String,
}

pub async fn load_profile(id: u32) -> Option<Profile> {
    let user = find_user(id).await;
    let team = find_team(user.as_ref().map_or(0, |u| u.team_id)).await;
    Some(Profile { name: user?.name, team: team? })
}
