//! Text the book shows as program output is produced here, by really running the
//! code, and compared with the files in `output/` that the pages include.
//! `SNAPSHOTS=overwrite cargo test -p listings-02-runtime` rewrites them.

use std::path::Path;
use std::time::Duration;

use grader::{Grade, ms};

fn check_output(file: &str, actual: &str) {
    diagrams::check_output(Path::new("output").join(file), actual);
}

/// The timeline of the blocking poll: the checks come back to back, because tokio's
/// clock stood still while the thread slept. (This test really sleeps 4 × 200 ms.)
#[test]
fn the_blocking_poll_timeline() {
    grader::run(async || {
        let link =
            listings_02_runtime::blocking::wait_for_export_blocking("sales").await;
        assert_eq!(link.as_deref(), Ok("https://exports.example.com/sales.csv"));
        check_output("blocking_poll.txt", &grader::sim::journal::timeline());
    });
}

/// What the grader says about a test body that blocks its thread for longer than the
/// real-time limit. (The limit is shortened to 0.3 s here, and the message shows the
/// 3 s that graded tests get.)
#[test]
fn the_watchdog_message() {
    let message = Grade::new()
        .wall_limit(ms(300))
        .execute(async || std::thread::sleep(Duration::from_millis(900)))
        .expect_err("the watchdog fires");
    let real =
        format!("within {} s of real time", grader::DEFAULT_WALL_LIMIT.as_secs());
    let shown = message.replace("within 0.3 s of real time", &real);
    check_output("watchdog.txt", &format!("{}\n", shown.trim_end()));
}
