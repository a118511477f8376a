//! Exercise 8.1, solved: one render kept alive across the turns of a `select!` loop.

pub use sim::farm::{Job, answer, render};
use tokio::sync::mpsc;

// ANCHOR: solution
/// Renders `job` to the end, answering each question as soon as it arrives.
pub async fn render_and_answer(job: Job, mut questions: mpsc::Receiver<String>) -> (u32, Vec<String>) {
    // One future for the whole render, made once and pinned: each turn of the loop
    // polls the same one through `&mut`, so `select!` never drops it.
    let render = render(&job);
    tokio::pin!(render);
    let mut answers = Vec::new();
    let mut inbox_open = true;
    loop {
        tokio::select! {
            id = &mut render => return (id, answers),
            question = questions.recv(), if inbox_open => match question {
                Some(question) => answers.push(answer(&question).await),
                // Closed: switch the branch off, or `recv()` would be ready at once,
                // on every turn, for ever.
                None => inbox_open = false,
            },
        }
    }
}
// ANCHOR_END: solution
