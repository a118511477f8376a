//! Graded tests for exercise 1.2, on tokio's paused clock.

use grader::{ms, timed};
use one_after_another::{Profile, load_profile};

const PAGE: grader::Page = grader::Page::new("src/01-async-await/02-one-after-another.md");

fn profile(name: &str, team: &str) -> Option<Profile> {
    Some(Profile { name: name.to_string(), team: team.to_string() })
}

#[test]
fn ada_is_on_the_compilers_team() {
    grader::run(async || {
        PAGE.failure("user 1 is Ada, of team 10 (Compilers).")
            .unless_eq(&load_profile(1).await, &profile("Ada", "Compilers"));
    });
}

#[test]
fn grace_is_on_the_runtime_team() {
    grader::run(async || {
        PAGE.failure("user 2 is Grace, of team 20 (Runtime).")
            .unless_eq(&load_profile(2).await, &profile("Grace", "Runtime"));
        PAGE.failure("user 3 is Linus, of team 10 (Compilers)")
            .unless_eq(&load_profile(3).await, &profile("Linus", "Compilers"));
    });
}

#[test]
fn the_lookups_run_one_after_another() {
    grader::run(async || {
        let (profile, took) = timed(load_profile(1)).await;
        PAGE.failure("user 1 exists").unless(profile.is_some());
        let spans = grader::sim::journal::spans();
        // 300 ms is what the user lookup alone takes: either the team was never looked up, or both lookups ran
        // at the same time. The journal tells which.
        let team_overlapped = spans.iter().any(|s| s.name.starts_with("find_team") && s.start < ms(300));
        let at_300 = if team_overlapped {
            "the two lookups ran at the same time (with `join!`, say), but the team lookup needs the user's \
             `team_id`: await `find_user(id)` first, then `find_team(user.team_id)`."
        } else {
            "only the user lookup was awaited: the team lookup must be awaited too."
        };
        PAGE.took("load_profile(1)", took)
            .expected(ms(500))
            .when(ms(300), at_300)
            .when(ms(200), "only the team lookup was awaited: the user lookup must come first.")
            .check();
        let names: Vec<&str> = spans.iter().map(|s| s.name.as_str()).collect();
        PAGE.failure(format!(
            "load_profile(1) should look up user 1, then team 10, and nothing else.\n{}",
            grader::sim::journal::render(&spans)
        ))
        .unless_eq(&names, &["find_user(1)", "find_team(10)"]);
    });
}

#[test]
fn an_unknown_user_gives_none_without_a_team_lookup() {
    grader::run(async || {
        let (profile, took) = timed(load_profile(99)).await;
        PAGE.failure("there is no user 99, so there is no profile.").unless_eq(&profile, &None);
        PAGE.took("load_profile(99)", took)
            .expected(ms(300))
            .when(ms(500), "a team was looked up after the user lookup found nothing: return `None` right away (`?`).")
            .check();
    });
}

#[test]
fn a_user_whose_team_is_gone_gives_none() {
    grader::run(async || {
        // User 4, Barbara, belongs to team 30, which no longer exists: `find_team(30)` gives `None`.
        let (profile, took) = timed(load_profile(4)).await;
        PAGE.failure(format!(
            "user 4 (Barbara) exists but her team 30 does not (`find_team(30)` gives `None`), so load_profile(4) \
             should be `None`; it returned {profile:?}."
        ))
        .cause(
            "the team lookup's `None` was replaced by a default (`unwrap_or_default()`, `unwrap_or(..)`, an empty \
             name) instead of ending the function: either lookup finding nothing means no profile. Put `?` after \
             `find_team(user.team_id).await` too.",
        )
        .section("Exercise: load a profile")
        .unless(profile.is_none());
        PAGE.took("load_profile(4) (the user is found, the team is not)", took).expected(ms(500)).check();
    });
}
