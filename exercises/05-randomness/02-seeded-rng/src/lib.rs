//! Exercise 5.2: a load test you can replay, from a seed.
//!
//! Read: `src/05-randomness/02-seeded-rng.md` (chapter 5, "Reproducible runs with a seed").
//! Grade: `cargo test` in this folder, or `cargo course check seeded-rng`.

use std::time::Duration;

/// Simulates `users` users visiting the archive at the same time, and returns each user's think time.
///
/// User `i` (counting from 0) first "thinks" for a random time, then fetches `/user/{i}` with
/// `sim::archive::fetch` (100 ms). All users run **concurrently**: one task per user.
///
/// The think times come from a generator seeded with `seed`, so a run can be replayed exactly:
/// create `rand::rngs::StdRng::seed_from_u64(seed)` once, then draw user 0's think time, user 1's, … in user order,
/// each with `rng.random_range(Duration::ZERO..=max_think)`, *before* you start the users.
///
/// Returns the think times in user order. Calling it twice with the same arguments gives the same result.
pub async fn load_test(seed: u64, users: usize, max_think: Duration) -> Vec<Duration> {
    // TODO: build one `StdRng` from `seed` (import `rand::SeedableRng` for `seed_from_u64` and `rand::RngExt` for
    // `random_range`), draw the think times in user order, then spawn one task per user that sleeps its think time
    // and fetches `/user/{i}`; wait for all of them and return the think times.
    todo!("replay seed {seed} with {users} users thinking up to {max_think:?}")
}
