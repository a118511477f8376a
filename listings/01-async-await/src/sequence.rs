//! What `.await` does to the caller: it waits there, so awaits in a row add up.

use sim::accounts::{User, find_user};

// ANCHOR: two_lookups
/// Looks up two users, one after the other. Each `.await` suspends this function
/// until that lookup is done.
pub async fn two_users() -> (Option<User>, Option<User>) {
    let first = find_user(1).await; // 300 ms: nothing below runs until this is done
    let second = find_user(2).await; // another 300 ms
    (first, second)
}
// ANCHOR_END: two_lookups

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[tokio::test(start_paused = true)]
    async fn awaits_in_a_row_add_up() {
        sim::journal::reset();
        let start = tokio::time::Instant::now();
        let (a, b) = two_users().await;
        assert_eq!(
            (a.unwrap().name, b.unwrap().name),
            ("Ada".to_string(), "Grace".to_string())
        );
        assert_eq!(start.elapsed(), Duration::from_millis(600));
        let spans = sim::journal::spans();
        assert_eq!(
            spans[1].start,
            spans[0].end.unwrap(),
            "the second lookup starts when the first ends"
        );
    }
}
