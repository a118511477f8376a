//! Text the book shows as program output is produced here, by really running the
//! code, and compared with the files in `output/` that the pages include.
//! `SNAPSHOTS=overwrite cargo test -p listings-04-tasks` rewrites them.

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

/// The page quotes the breakfast timeline in words: keep the words true to the output.
#[test]
fn the_page_describes_the_breakfast_timeline_as_printed() {
    let output = std::fs::read_to_string("output/breakfast.txt").unwrap();
    let page = std::fs::read_to_string("../../src/04-tasks/01-spawn.md").unwrap();
    let page = page.split_whitespace().collect::<Vec<_>>().join(" ");
    let rows: Vec<(&str, &str)> = output
        .lines()
        .map(|row| {
            let (name, rest) = row.split_once('|').unwrap();
            (name.trim(), rest.rsplit_once('|').unwrap().1.trim())
        })
        .collect();
    let first = rows[0].0;
    assert!(
        page.contains(&format!("`{first}` is listed first")),
        "the page must say that `{first}` is the first row:\n{output}"
    );
    assert!(
        rows.iter().all(|(_, times)| times.starts_with("0.000 s")),
        "the page says both jobs start at 0.000 s:\n{output}"
    );
    assert!(page.contains("Both jobs start at 0.000 s"));
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
