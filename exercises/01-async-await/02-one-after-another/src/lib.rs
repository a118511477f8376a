//! Exercise 1.2: one `.await` after another.
//!
//! Read: `src/01-async-await/02-one-after-another.md` (chapter 1, "One `.await` after another").
//! Grade: `cargo test` in this folder, or `cargo course check one-after-another`.
//!
//! The simulated user directory lives in `sim::accounts`: `find_user(id)` takes 300 ms, `find_team(id)` 200 ms.

/// A user's name and the name of their team.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub team: String,
}

/// Looks user `id` up with `sim::accounts::find_user`, then that user's team with `sim::accounts::find_team`,
/// and returns both names. Returns `None` if either lookup finds nothing (and then looks nothing else up).
pub async fn load_profile(id: u32) -> Option<Profile> {
    // TODO: await `sim::accounts::find_user(id)`; with the user's `team_id`, await `sim::accounts::find_team`.
    // Each lookup gives an `Option`: `?` returns `None` early, or use `let Some(user) = ... else { return None };`.
    todo!("load the profile of user {id}")
}
