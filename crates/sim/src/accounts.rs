//! A user directory with two slow lookups (chapter 1): find a user, then find that user's team.
//!
//! | user id | name    | team id |
//! |---------|---------|---------|
//! | 1       | Ada     | 10      |
//! | 2       | Grace   | 20      |
//! | 3       | Linus   | 10      |
//! | 4       | Barbara | 30      |
//!
//! Teams: 10 is `Compilers`, 20 is `Runtime`; there is no team 30 (Barbara's team was disbanded, so
//! `find_team(30)` gives `None`). Unknown ids give `None`.

use std::time::Duration;

use crate::journal::work;

/// How long [`find_user`] takes.
pub const USER_LATENCY: Duration = Duration::from_millis(300);
/// How long [`find_team`] takes.
pub const TEAM_LATENCY: Duration = Duration::from_millis(200);

/// A user as stored in the directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub id: u32,
    pub name: String,
    pub team_id: u32,
}

/// Looks a user up by id; takes [`USER_LATENCY`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread", start_paused = true)]
/// # async fn main() {
/// let ada = sim::accounts::find_user(1).await.unwrap();
/// assert_eq!((ada.name.as_str(), ada.team_id), ("Ada", 10));
/// # }
/// ```
pub async fn find_user(id: u32) -> Option<User> {
    work(format!("find_user({id})"), USER_LATENCY).await;
    let (name, team_id) = match id {
        1 => ("Ada", 10),
        2 => ("Grace", 20),
        3 => ("Linus", 10),
        4 => ("Barbara", 30),
        _ => return None,
    };
    Some(User { id, name: name.to_string(), team_id })
}

/// Looks a team's name up by id; takes [`TEAM_LATENCY`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread", start_paused = true)]
/// # async fn main() {
/// assert_eq!(sim::accounts::find_team(20).await.as_deref(), Some("Runtime"));
/// # }
/// ```
pub async fn find_team(id: u32) -> Option<String> {
    work(format!("find_team({id})"), TEAM_LATENCY).await;
    match id {
        10 => Some("Compilers".to_string()),
        20 => Some("Runtime".to_string()),
        _ => None,
    }
}
