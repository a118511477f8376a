//! Text the book shows as program output is produced here, by really running the
//! code, and compared with the files in `output/` that the pages include.
//! `SNAPSHOTS=overwrite cargo test -p listings-01-async-await` rewrites them.

use std::path::Path;

use grader::{Grade, secs};

fn check_output(file: &str, actual: &str) {
    diagrams::check_output(Path::new("output").join(file), actual);
}

#[test]
fn the_two_users_timeline() {
    grader::run(async || {
        listings_01_async_await::sequence::two_users().await;
        check_output("two_users.txt", &grader::sim::journal::timeline());
    });
}

#[test]
fn a_failed_timing_check() {
    let message = Grade::new()
        .execute(async || {
            let (_, took) = grader::timed(async {
                grader::sim::work("fetch /a", secs(1)).await;
                grader::sim::work("fetch /b", secs(1)).await;
                grader::sim::work("fetch /c", secs(1)).await;
            })
            .await;
            grader::took("the three requests", took)
                .expected(secs(1))
                .when(secs(3), "you awaited them one after another; start them together with `tokio::join!`.")
                .check();
        })
        .expect_err("the check fails");
    // The first lines: the verdict, the cause and the timeline (the rest names the
    // test's source location).
    let shown: String = message.lines().take(8).map(|l| format!("{l}\n")).collect();
    check_output("sequential_failure.txt", &shown);
}
