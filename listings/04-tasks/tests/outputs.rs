//! Text the book shows as program output is produced here, by really running the
//! code, and compared with the files in `output/` that the pages include.
//! `UPDATE_OUTPUTS=1 cargo test -p listings-04-tasks` rewrites them.

use std::path::Path;
use std::time::Duration;

use grader::Grade;
use grader::sim::journal::{self, timeline};

fn check_output(file: &str, actual: &str) {
    diagrams::check_output(Path::new("output").join(file), actual);
}

#[test]
fn the_breakfast_timeline() {
    grader::run(async || {
        listings_04_tasks::spawn::breakfast().await;
        check_output("breakfast.txt", &timeline());
    });
}

#[test]
fn the_fastest_mirror_timeline() {
    grader::run(async || {
        listings_04_tasks::join_set::fastest().await;
        tokio::time::sleep(Duration::from_secs(1)).await;
        check_output("fastest.txt", &timeline());
    });
}

#[test]
fn the_download_timelines() {
    grader::run(async || {
        listings_04_tasks::semaphore::download_all(vec![1, 2, 3, 4, 5], 2).await;
        check_output("limited.txt", &timeline());
        journal::reset();
        listings_04_tasks::semaphore::download_all_unlimited(vec![1, 2, 3, 4, 5], 2)
            .await;
        check_output("unlimited.txt", &timeline());
    });
}

#[test]
fn the_grader_on_a_receiver_that_waits_forever() {
    let message = Grade::new()
        .execute(async || {
            let (tx, mut rx) = tokio::sync::mpsc::channel::<u32>(8);
            for n in 1..=2 {
                let tx = tx.clone();
                tokio::spawn(async move {
                    journal::work(format!("worker {n}"), Duration::from_secs(n))
                        .await;
                    let _ = tx.send(n as u32).await;
                });
            }
            // `tx` itself is never dropped...
            while let Some(n) = rx.recv().await {
                println!("got {n}");
            }
        })
        .expect_err("the receiver never finishes");
    check_output("never_completed.txt", &format!("{message}\n"));
}
