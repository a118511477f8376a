//! A long download keeps going while questions are answered, in a `select!` loop:
//! `cargo run -p listings-08-shutdown --bin select_loop`. Only std and tokio, so the
//! book runs it in the Rust playground as it is.

// ANCHOR: program
use std::time::{Duration, Instant};

use tokio::sync::mpsc;

async fn download(ms: u64) -> &'static str {
    tokio::time::sleep(Duration::from_millis(ms)).await;
    "report.pdf"
}

/// Downloads, answering each question as it comes; returns the file and the answers.
async fn download_and_answer(
    ms: u64,
    mut questions: mpsc::Receiver<&'static str>,
) -> (&'static str, Vec<String>) {
    let download = download(ms); // made once...
    tokio::pin!(download); // ...and pinned, so that `&mut download` is a future
    let mut answers = Vec::new();
    loop {
        tokio::select! {
            file = &mut download => return (file, answers),
            Some(question) = questions.recv() => {
                answers.push(format!("{question} -> still downloading"));
            }
        }
    }
}

/// Sends a question every 100 ms, then keeps the channel open.
fn ask(questions: &[&'static str]) -> mpsc::Receiver<&'static str> {
    let (tx, rx) = mpsc::channel(8);
    let questions = questions.to_vec();
    tokio::spawn(async move {
        for question in questions {
            tokio::time::sleep(Duration::from_millis(100)).await;
            let _ = tx.send(question).await;
        }
        std::future::pending::<()>().await;
    });
    rx
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    let questions = ask(&["eta?", "how big?", "which server?"]);
    let (file, answers) = download_and_answer(600, questions).await;
    for answer in answers {
        println!("{answer}");
    }
    println!("{file} downloaded after {:.0?}", started.elapsed());
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use tokio::time::Instant;

    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_download_runs_once_while_the_questions_are_answered() {
        let started = Instant::now();
        let (file, answers) = download_and_answer(600, ask(&["a", "b", "c"])).await;
        assert_eq!((file, answers.len()), ("report.pdf", 3));
        assert_eq!(started.elapsed(), Duration::from_millis(600));
    }
}
