//! Exercise 8.1: keep one long future alive across the turns of a `select!` loop.
//!
//! Read: `src/08-shutdown/01-select-loop.md` (chapter 8, "`select!` in a loop").
//! Grade: `cargo test` in this folder, or `cargo course check select-loop`.
//!
//! The render farm lives in `sim::farm`: `render(&job)` renders a job (it takes `job.cost`, and gives the job's
//! id) and `answer(&question)` answers a status question (100 ms, and gives the answer).

pub use sim::farm::{Job, answer, render};
use tokio::sync::mpsc;

/// Renders `job` to the end and, while it renders, answers every question that arrives on `questions` **as soon
/// as it arrives**, with `answer(&question).await`. Returns the job's id (what `render` gives) and the answers, in
/// the order the questions came.
///
/// - Return as soon as the render is done (questions that come later are not answered).
/// - The render must run **once**, from the start to the end: a question must not interrupt or restart it.
/// - If the channel closes (every sender dropped) before the render is done, keep rendering.
pub async fn render_and_answer(job: Job, questions: mpsc::Receiver<String>) -> (u32, Vec<String>) {
    // TODO: make the render future once, before the loop: `let render = render(&job);`, then
    // `tokio::pin!(render);`. In a `loop`, `tokio::select!` on `&mut render` (done: return) and on
    // `questions.recv()` (a question: answer it and keep its answer). `recv()` gives `None` once the channel is
    // closed: switch that branch off with a condition (`question = questions.recv(), if open => ...`).
    // `recv` needs the receiver mutable: write the parameter as `mut questions`.
    todo!("render job {} and answer the questions meanwhile ({} waiting)", job.id, questions.len())
}
