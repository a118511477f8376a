//! Text the book shows as program output is produced here, by really running the code, and compared with the
//! files in `output/` that the pages include. `UPDATE_OUTPUTS=1 cargo test -p listings-01-async-await` rewrites them.

use std::path::Path;

use grader::{Grade, secs};

fn check_output(file: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("output").join(file);
    if std::env::var_os("UPDATE_OUTPUTS").is_some() {
        std::fs::write(&path, actual).expect("write the output file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        expected,
        actual,
        "{} is out of date: rerun with UPDATE_OUTPUTS=1 and check the page that includes it",
        path.display()
    );
}

#[test]
fn the_two_users_timeline() {
    grader::run(async || {
        listings_01_async_await::sequence::two_users().await;
        check_output("two_users.txt", &grader::sim::journal::render(&grader::sim::journal::spans()));
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
    // The first lines: the verdict, the cause and the timeline (the rest names the test's source location).
    let shown: String = message.lines().take(8).map(|l| format!("{l}\n")).collect();
    check_output("sequential_failure.txt", &shown);
}
