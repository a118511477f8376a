//! `futures::future::join_all`: any number of futures, results in the order given.

use futures::StreamExt;
use futures::future::join_all;
use futures::stream::FuturesUnordered;
use sim::accounts::{User, find_user};

// ANCHOR: join_all
/// Looks up every id at the same time. The result has one entry per id, in the order
/// of `ids`.
pub async fn find_users(ids: &[u32]) -> Vec<Option<User>> {
    // lazy: nothing has started yet
    let lookups = ids.iter().map(|&id| find_user(id));
    join_all(lookups).await // all at once: 300 ms, however many ids
}
// ANCHOR_END: join_all

// ANCHOR: try_join_all
/// Every user, or the id of the first one that is missing, as soon as a lookup comes
/// back empty.
pub async fn all_users(ids: &[u32]) -> Result<Vec<User>, u32> {
    let lookups = ids.iter().map(|&id| async move { find_user(id).await.ok_or(id) });
    futures::future::try_join_all(lookups).await
}
// ANCHOR_END: try_join_all

// ANCHOR: completion_order
/// The same futures, but results in the order they finish: each one is paired with
/// its position.
pub async fn in_completion_order(delays_ms: &[u64]) -> Vec<usize> {
    let mut pending: FuturesUnordered<_> = delays_ms
        .iter()
        .enumerate()
        .map(|(i, &d)| async move {
            tokio::time::sleep(std::time::Duration::from_millis(d)).await;
            i
        })
        .collect();
    let mut order = Vec::new();
    while let Some(i) = pending.next().await {
        order.push(i);
    }
    order
}
// ANCHOR_END: completion_order

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use tokio::time::Instant;

    use super::*;

    #[tokio::test(start_paused = true)]
    async fn join_all_keeps_the_order_of_the_input() {
        let start = Instant::now();
        let users = find_users(&[3, 99, 1, 2]).await;
        let names: Vec<Option<&str>> =
            users.iter().map(|u| u.as_ref().map(|u| u.name.as_str())).collect();
        assert_eq!(names, [Some("Linus"), None, Some("Ada"), Some("Grace")]);
        assert_eq!(start.elapsed(), Duration::from_millis(300));
        assert_eq!(find_users(&[]).await, []);
    }

    #[tokio::test(start_paused = true)]
    async fn try_join_all_stops_at_the_first_error() {
        assert_eq!(all_users(&[1, 2]).await.unwrap().len(), 2);
        assert_eq!(all_users(&[1, 42, 2]).await, Err(42));
    }

    #[tokio::test(start_paused = true)]
    async fn futures_unordered_gives_completion_order() {
        assert_eq!(in_completion_order(&[300, 100, 200]).await, [1, 2, 0]);
    }
}
