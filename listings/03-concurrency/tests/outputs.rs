//! Text the book shows as program output is produced here, by really running the
//! code, and compared with the files in `output/` that the pages include.
//! `SNAPSHOTS=overwrite cargo test -p listings-03-concurrency` rewrites them.

use std::path::Path;

// `timeline` lists spans that start together by name, so `select!`'s random polling order
// does not change the text.
use grader::sim::journal::timeline;
use listings_03_concurrency::{join, select, timeout, try_join};

fn check_output(file: &str, actual: &str) {
    diagrams::check_output(Path::new("output").join(file), actual);
}

#[test]
fn one_by_one_and_together() {
    grader::run(async || {
        let _ = join::home_and_menu_one_by_one().await;
        check_output("one_by_one.txt", &timeline());
    });
    grader::run(async || {
        let _ = join::home_and_menu_together().await;
        check_output("together.txt", &timeline());
    });
}

#[test]
fn fail_fast_and_join_then_check() {
    grader::run(async || {
        let _ = try_join::blog_and_missing().await;
        check_output("fail_fast.txt", &timeline());
    });
    grader::run(async || {
        let _ = try_join::blog_and_missing_slowly().await;
        check_output("join_then_check.txt", &timeline());
    });
}

#[test]
fn a_race() {
    grader::run(async || {
        let _ = select::first_answer("/home").await;
        check_output("race.txt", &timeline());
    });
}

#[test]
fn a_timeout() {
    grader::run(async || {
        let _ = timeout::archive_within(grader::ms(500)).await;
        check_output("timeout.txt", &timeline());
    });
}
