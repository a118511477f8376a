//! Passing the generator in: production hands in the thread's, a test a seeded one
//! (and keeps its twin). `cargo run -p listings-05-randomness --bin inject_rng`
// ANCHOR: program
use std::time::{Duration, Instant};

use rand::prelude::*;

const MIRRORS: [&str; 3] = ["eu.example", "us.example", "asia.example"];

/// Picks a mirror with the generator the caller hands in: one draw,
/// `random_range(0..3)`.
fn pick_mirror(rng: &mut impl Rng) -> &'static str {
    MIRRORS[rng.random_range(0..MIRRORS.len())]
}

/// Downloads each file (50 ms, pretend) from a mirror picked with `rng`, and returns
/// the URLs it used.
async fn download_all(rng: &mut impl Rng, files: &[&str]) -> Vec<String> {
    let mut urls = Vec::new();
    for file in files {
        urls.push(format!("{}/{file}", pick_mirror(rng)));
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    urls
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    // Production: the thread's generator, so the mirror changes from run to run.
    let mirror = pick_mirror(&mut rand::rng());
    println!("production picked one of the mirrors: {}", MIRRORS.contains(&mirror));

    // A test: a seeded generator, which is `Send`, so the downloads can run in a
    // task...
    let files = ["a.zip", "b.zip", "c.zip", "d.zip", "e.zip"];
    let urls = tokio::spawn(async move {
        download_all(&mut StdRng::seed_from_u64(7), &files).await
    });
    let urls = urls.await.expect("the downloads do not panic");
    // ...and its twin: the same seed, the same draws in the same order, so it knows
    // every pick in advance.
    let mut twin = StdRng::seed_from_u64(7);
    let expected: Vec<String> = files
        .iter()
        .map(|file| format!("{}/{file}", MIRRORS[twin.random_range(0..3)]))
        .collect();
    println!("the twin predicted all {} mirrors: {}", files.len(), urls == expected);
    println!("{} downloads: {:.1?}", files.len(), started.elapsed());
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[test]
    fn picks_follow_the_injected_generator_and_reach_every_mirror() {
        let mut rng = StdRng::seed_from_u64(1);
        let mut twin = StdRng::seed_from_u64(1);
        let mut seen = Vec::new();
        for _ in 0..100 {
            let mirror = pick_mirror(&mut rng);
            assert_eq!(
                mirror,
                MIRRORS[twin.random_range(0..3)],
                "the pick does not follow the generator passed in"
            );
            seen.push(mirror);
        }
        assert!(
            MIRRORS.iter().all(|m| seen.contains(m)),
            "100 picks should reach every mirror: {seen:?}"
        );
        assert!(MIRRORS.contains(&pick_mirror(&mut rand::rng())));
    }

    #[test]
    fn the_twin_catches_the_bug_the_page_suggests_planting() {
        // The page's edit: `pick_mirror` draws from `0..MIRRORS.len() - 1`. Every pick is
        // still a mirror, but seed 7's five picks no longer match the twin's.
        let mut rng = StdRng::seed_from_u64(7);
        let buggy: Vec<_> =
            (0..5).map(|_| MIRRORS[rng.random_range(0..MIRRORS.len() - 1)]).collect();
        let mut twin = StdRng::seed_from_u64(7);
        let expected: Vec<_> =
            (0..5).map(|_| MIRRORS[twin.random_range(0..3)]).collect();
        assert!(buggy.iter().all(|m| MIRRORS.contains(m)));
        assert_ne!(buggy, expected, "the twin's line would still say true");
    }

    #[tokio::test(start_paused = true)]
    async fn seeded_downloads_run_in_a_task_one_after_another() {
        let started = Instant::now();
        let task = tokio::spawn(async {
            download_all(&mut StdRng::seed_from_u64(7), &["a", "b"]).await
        });
        let urls = task.await.unwrap();
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(100),
            "two downloads of 50 ms, one after another"
        );
        let mut twin = StdRng::seed_from_u64(7);
        let expected =
            ["a", "b"].map(|f| format!("{}/{f}", MIRRORS[twin.random_range(0..3)]));
        assert_eq!(
            urls, expected,
            "one pick per file, from the generator passed in, in file order"
        );
    }
}
