//! Awaits in a row add up: each `.await` suspends the function until that step is
//! done, so the next step only starts then. `cargo run -p listings-01-async-await
//! --bin one_after_another`

// ANCHOR: program
use std::time::Duration;
use tokio::time::{Instant, sleep};

/// Pretends to look a user up in a slow service: 300 ms.
async fn find_user(id: u32) -> String {
    sleep(Duration::from_millis(300)).await;
    format!("user {id}")
}

/// Pretends to look up a user's team: 200 ms. It needs the user, so it can only come
/// after `find_user`.
async fn find_team(user: &str) -> String {
    sleep(Duration::from_millis(200)).await;
    format!("the team of {user}")
}

/// Two independent lookups, one after the other: the second does not even start until
/// the first is done.
async fn two_users() -> (String, String) {
    let started = Instant::now();
    let first = find_user(1).await; // 300 ms: nothing below runs until this is done
    println!("found {first} at {:.1?}", started.elapsed());
    let second = find_user(2).await; // another 300 ms
    println!("found {second} at {:.1?}", started.elapsed());
    (first, second)
}

/// Two dependent lookups: here one after the other is the only possible order.
async fn profile(id: u32) -> (String, String) {
    let user = find_user(id).await;
    // needs `user`, so it must wait for the first lookup anyway
    let team = find_team(&user).await;
    (user, team)
}

#[tokio::main]
async fn main() {
    two_users().await; // prints as it goes
    let started = Instant::now();
    let (user, team) = profile(1).await;
    println!("{user}, then {team}: {:.1?}", started.elapsed());
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn awaits_in_a_row_add_up() {
        let started = Instant::now();
        assert_eq!(two_users().await, ("user 1".to_string(), "user 2".to_string()));
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(600),
            "two 300 ms lookups awaited one after the other should take 600 ms"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_team_lookup_comes_after_the_user_lookup() {
        let started = Instant::now();
        assert_eq!(
            profile(1).await,
            ("user 1".to_string(), "the team of user 1".to_string())
        );
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(500),
            "300 ms for the user, then 200 ms for the team"
        );
    }
}
