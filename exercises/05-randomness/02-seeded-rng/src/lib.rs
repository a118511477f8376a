//! Exercise 5.2: a load test you can replay, from a seed.
//!
//! Read: `src/05-randomness/02-seeded-rng.md` (chapter 5, "Reproducible runs with a seed").
//! Grade: `cargo test` in this folder, or `cargo course check seeded-rng`.

use std::time::Duration;

/// Simulates one user per entry of `arrivals` visiting the archive, and returns each user's think time.
///
/// User `i` (counting from 0) arrives `arrivals[i]` after the start (users need not arrive in user order: user 3
/// may come first), then "thinks" for a random time, then fetches `/user/{i}` with `sim::archive::fetch`
/// (100 ms). All users run **concurrently**: one task per user.
///
/// The think times come from a generator seeded with `seed`, so a run can be replayed exactly:
/// create `rand::rngs::StdRng::seed_from_u64(seed)` once, then draw user 0's think time, user 1's, … in user order,
/// each with `rng.random_range(Duration::ZERO..=max_think)`, *before* you start the users. (A user that draws
/// when it arrives would get the number of its place in the arrival order, not its own.)
///
/// Returns the think times in user order. Calling it twice with the same arguments gives the same result.
pub async fn load_test(seed: u64, arrivals: &[Duration], max_think: Duration) -> Vec<Duration> {
    // TODO: build one `StdRng` from `seed` (import `rand::SeedableRng` for `seed_from_u64` and `rand::RngExt` for
    // `random_range`), draw the think times in user order, then spawn one task per user that sleeps until it
    // arrives, sleeps its think time and fetches `/user/{i}`; wait for all of them and return the think times.
    todo!("replay seed {seed} with users arriving at {arrivals:?}, thinking up to {max_think:?}")
}
