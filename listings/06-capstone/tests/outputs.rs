//! Text the book shows as program output is produced here, by really running the
//! code, and compared with the files in `output/` that the pages include.
//! `SNAPSHOTS=overwrite cargo test -p listings-06-capstone` rewrites them.

use std::path::Path;
use std::time::Duration;

use grader::sim::journal;
use listings_06_capstone::{spawning, traps};

fn check_output(file: &str, actual: &str) {
    diagrams::check_output(Path::new("output").join(file), actual);
}

fn three_two_one() -> Vec<Duration> {
    [3, 1, 2].into_iter().map(Duration::from_secs).collect()
}

#[test]
fn the_two_traps_timelines() {
    grader::run(async || {
        traps::one_at_a_time(&three_two_one()).await;
        check_output("one_at_a_time.txt", &journal::timeline());
        journal::reset();
        traps::all_at_once(&three_two_one()).await;
        check_output("all_at_once.txt", &journal::timeline());
    });
}

#[test]
fn the_two_spawning_timelines() {
    grader::run(async || {
        let delays = [300, 100, 200].map(Duration::from_millis);
        spawning::wait_in_turn(&delays).await;
        check_output("wait_in_turn.txt", &journal::timeline());
        journal::reset();
        spawning::wait_all_first(&delays).await;
        check_output("wait_all_first.txt", &journal::timeline());
    });
}
