//! `?` in an async fn: `.await` gives the `Result`, `?` returns at the first error,
//! and the lookups after it never run. `cargo run -p listings-01-async-await --bin
//! errors_and_question_mark`

// ANCHOR: program
use std::time::Duration;
use tokio::time::{Instant, sleep};

/// Why a team name could not be found.
#[derive(Debug, PartialEq)]
enum LookupError {
    NoSuchUser(u32),
    NoSuchTeam(u32),
}

/// Pretends to look a user up (300 ms) and returns their team id. Users 1 and 2
/// exist.
async fn find_user(id: u32) -> Result<u32, LookupError> {
    println!("  looking up user {id}");
    sleep(Duration::from_millis(300)).await;
    match id {
        1 => Ok(10),
        2 => Ok(30),
        _ => Err(LookupError::NoSuchUser(id)),
    }
}

/// Pretends to look a team up (200 ms). Only team 10 exists.
async fn find_team(team_id: u32) -> Result<String, LookupError> {
    println!("  looking up team {team_id}");
    sleep(Duration::from_millis(200)).await;
    if team_id == 10 {
        Ok("Compilers".to_string())
    } else {
        Err(LookupError::NoSuchTeam(team_id))
    }
}

/// The name of user `id`'s team. `.await` first, then `?`: on `Err`, it returns from
/// `team_of` at once.
async fn team_of(id: u32) -> Result<String, LookupError> {
    let team_id = find_user(id).await?;
    let team = find_team(team_id).await?; // never runs if the user lookup failed
    Ok(team)
}

#[tokio::main]
async fn main() {
    for id in [1, 2, 7] {
        let started = Instant::now();
        let result = team_of(id).await;
        println!("team_of({id}) = {result:?} after {:.1?}", started.elapsed());
    }
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;

    async fn timed(id: u32) -> (Result<String, LookupError>, Duration) {
        let started = Instant::now();
        let result = team_of(id).await;
        (result, started.elapsed())
    }

    #[tokio::test(start_paused = true)]
    async fn both_lookups_run_when_the_user_exists() {
        let (result, took) = timed(1).await;
        assert_eq!(
            result,
            Ok("Compilers".to_string()),
            "user 1 is in team 10, Compilers"
        );
        assert_eq!(
            took,
            Duration::from_millis(500),
            "300 ms for the user, then 200 ms for the team"
        );
        let (result, took) = timed(2).await;
        assert_eq!(
            result,
            Err(LookupError::NoSuchTeam(30)),
            "user 2's team 30 does not exist"
        );
        assert_eq!(
            took,
            Duration::from_millis(500),
            "the team lookup should run, and fail, after the user lookup"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn question_mark_skips_the_team_lookup() {
        let (result, took) = timed(7).await;
        assert_eq!(result, Err(LookupError::NoSuchUser(7)), "user 7 does not exist");
        assert_eq!(
            took,
            Duration::from_millis(300),
            "`?` should return before the team lookup starts"
        );
    }
}
