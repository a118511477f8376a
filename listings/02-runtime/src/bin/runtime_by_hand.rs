//! A plain, synchronous `main` that builds a runtime with `tokio::runtime::Builder`
//! and blocks on it, once per lookup: `cargo run -p listings-02-runtime --bin
//! runtime_by_hand`

// ANCHOR: program
use std::time::{Duration, Instant};

use tokio::runtime::{Builder, Runtime};

/// Looks user `id` up (300 ms), then the user's team (200 ms): `"Ada (Compilers)"`.
async fn profile_line(id: u32) -> Option<String> {
    tokio::time::sleep(Duration::from_millis(300)).await; // find the user
    let (name, team) = match id {
        1 => ("Ada", "Compilers"),
        2 => ("Grace", "Runtime"),
        _ => return None,
    };
    tokio::time::sleep(Duration::from_millis(200)).await; // find the user's team
    Some(format!("{name} ({team})"))
}

/// Synchronous code that needs the async lookup: each `block_on` runs one future to
/// the end on `runtime`.
fn profile_lines(runtime: &Runtime, ids: &[u32]) -> Vec<String> {
    let mut lines = Vec::new();
    for &id in ids {
        // this thread waits here until the lookup is done
        let line = runtime.block_on(profile_line(id));
        lines.push(line.unwrap_or_else(|| format!("user {id}: not found")));
    }
    lines
}

fn main() {
    let runtime = Builder::new_current_thread()
        .enable_time() // the timer driver, which `tokio::time::sleep` needs
        .build()
        .expect("build the runtime");
    let started = Instant::now();
    for line in profile_lines(&runtime, &[1, 9]) {
        println!("{line}");
    }
    println!("two lookups on one runtime: {:.1?}", started.elapsed());
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_profile_line_takes_both_lookups() {
        let started = tokio::time::Instant::now();
        assert_eq!(
            profile_line(2).await.as_deref(),
            Some("Grace (Runtime)"),
            "wrong line for user 2"
        );
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(500),
            "the two lookups should take 300 + 200 ms"
        );
    }

    /// `block_on` cannot be called inside a `#[tokio::test]` (that would nest
    /// runtimes), so this test builds a runtime itself, from a plain thread, with its
    /// clock paused.
    #[test]
    fn each_block_on_runs_its_lookup_to_the_end_on_the_runtime() {
        let runtime = Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .unwrap();
        let started = runtime.block_on(async { tokio::time::Instant::now() });
        let lines = profile_lines(&runtime, &[1, 9, 2]);
        assert_eq!(
            lines,
            ["Ada (Compilers)", "user 9: not found", "Grace (Runtime)"],
            "wrong lines"
        );
        let elapsed = runtime.block_on(async move { started.elapsed() });
        assert_eq!(
            elapsed,
            Duration::from_millis(500 + 300 + 500),
            "the lookups should run one after another"
        );
    }
}
