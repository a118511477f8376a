// mistake: always looks up team 10 instead of the user's own team
// expect: team 20
use sim::accounts::{find_team, find_user};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub team: String,
}

pub async fn load_profile(id: u32) -> Option<Profile> {
    let user = find_user(id).await?;
    let team = find_team(10).await?;
    Some(Profile { name: user.name, team })
}
