//! `#[tokio::main]` starts a runtime and runs `main` on it; a task still running when
//! `main` returns is dropped. `cargo run -p listings-02-runtime --bin tokio_main`

// ANCHOR: program
use std::time::{Duration, Instant};

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

/// A background job that needs a whole second.
async fn send_newsletter() {
    tokio::time::sleep(Duration::from_secs(1)).await;
    println!("newsletter sent");
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    tokio::spawn(send_newsletter()); // runs in the background, on the same runtime
    match profile_line(1).await {
        Some(line) => println!("{line}"),
        None => println!("no such user"),
    }
    println!("main returns after {:.1?}", started.elapsed());
    // here the runtime is dropped, and the newsletter task with it, mid-sleep: it
    // never prints
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_profile_line_takes_both_lookups() {
        let started = tokio::time::Instant::now();
        assert_eq!(
            profile_line(1).await.as_deref(),
            Some("Ada (Compilers)"),
            "wrong line for user 1"
        );
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(500),
            "the two lookups should take 300 + 200 ms"
        );
        let started = tokio::time::Instant::now();
        assert_eq!(profile_line(7).await, None, "user 7 does not exist");
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(300),
            "an unknown user should cost one lookup only"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_newsletter_is_still_running_when_main_is_done() {
        let newsletter = tokio::spawn(send_newsletter());
        profile_line(1).await;
        assert!(
            !newsletter.is_finished(),
            "the newsletter should need longer than main's 500 ms"
        );
        let started = tokio::time::Instant::now();
        newsletter.await.expect("the newsletter task does not panic");
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(500),
            "the newsletter should take 1 s in all"
        );
    }
}
