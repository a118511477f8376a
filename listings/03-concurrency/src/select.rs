//! `tokio::select!`: the first future to finish wins, the others are dropped.

use std::time::Duration;

use sim::web::{FetchError, Page, Server, fetch_mirror, fetch_page};

// ANCHOR: race
/// Asks both servers for `url` and keeps the first answer, whichever it is. The
/// slower request is dropped.
pub async fn first_answer(url: &str) -> (Server, Result<Page, FetchError>) {
    tokio::select! {
        answer = fetch_page(url) => (Server::Origin, answer),
        answer = fetch_mirror(url) => (Server::Mirror, answer),
    }
}
// ANCHOR_END: race

// ANCHOR: patterns
/// A page that moved: ask for the old and the new address at once and keep the first
/// that exists.
pub async fn first_found(old: &str, new: &str) -> Option<Page> {
    tokio::select! {
        // Only an `Ok` ends the race: an `Err` disables this branch, and `select!`
        // waits for the others.
        Ok(page) = fetch_page(old) => Some(page),
        Ok(page) = fetch_page(new) => Some(page),
        // Every branch is disabled: both fetches failed.
        else => None,
    }
}
// ANCHOR_END: patterns

// ANCHOR: biased
/// Two futures that are ready at the same moment: `biased;` makes `select!` check
/// them in the order written (without it, it starts with a randomly chosen branch, so
/// that no branch can starve the others).
pub async fn tie_break() -> &'static str {
    tokio::select! {
        biased;
        _ = tokio::time::sleep(Duration::from_millis(100)) => "first branch",
        _ = tokio::time::sleep(Duration::from_millis(100)) => "second branch",
    }
}
// ANCHOR_END: biased

#[cfg(test)]
mod tests {
    use sim::journal;
    use tokio::time::Instant;

    use super::*;

    const fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[tokio::test(start_paused = true)]
    async fn the_faster_answer_wins_and_the_other_is_cancelled() {
        journal::reset();
        let start = Instant::now();
        let (server, page) = first_answer("/home").await;
        assert_eq!((server, page.unwrap().url.as_str()), (Server::Mirror, "/home"));
        assert_eq!(start.elapsed(), ms(120));
        let origin =
            journal::spans().into_iter().find(|s| s.name == "GET /home").unwrap();
        assert_eq!((origin.end, origin.cancelled), (Some(ms(120)), true));
    }

    #[tokio::test(start_paused = true)]
    async fn a_plain_race_is_won_by_an_error_too() {
        // The mirror has no copy of /news and says so after 60 ms: that answer wins
        // the race.
        let (server, page) = first_answer("/news").await;
        assert_eq!(
            (server, page),
            (Server::Mirror, Err(FetchError::NotFound("/news".into())))
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_failing_branch_is_disabled_and_else_runs_when_all_are() {
        let start = Instant::now();
        // /nope fails after 100 ms; /blog answers at 500 ms.
        assert_eq!(first_found("/nope", "/blog").await.unwrap().url, "/blog");
        assert_eq!(start.elapsed(), ms(500));
        let start = Instant::now();
        assert_eq!(first_found("/nope", "/gone").await, None);
        assert_eq!(start.elapsed(), ms(100));
    }

    #[tokio::test(start_paused = true)]
    #[should_panic(
        expected = "all branches are disabled and there is no else branch"
    )]
    async fn without_else_all_branches_disabled_panics() {
        let _: Page = tokio::select! {
            Ok(page) = fetch_page("/nope") => page,
            Ok(page) = fetch_mirror("/nope") => page,
        };
    }

    #[tokio::test(start_paused = true)]
    async fn a_false_precondition_never_polls_the_branch() {
        journal::reset();
        let use_mirror = false;
        let (server, _) = tokio::select! {
            answer = fetch_page("/home") => (Server::Origin, answer),
            answer = fetch_mirror("/home"), if use_mirror => (Server::Mirror, answer),
        };
        assert_eq!(server, Server::Origin);
        let names: Vec<String> =
            journal::spans().into_iter().map(|s| s.name).collect();
        assert_eq!(names, ["GET /home"], "the mirror was never asked");
    }

    #[tokio::test(start_paused = true)]
    async fn biased_checks_in_order() {
        for _ in 0..20 {
            assert_eq!(tie_break().await, "first branch");
        }
    }
}
