//! Catching a panic in the student's code so that a test can explain it: on a plain thread of its own, or while a
//! future is polled. A `todo!()` is never caught: it goes on to the harness, which says the exercise is unsolved.

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::pin::pin;
use std::task::Poll;

use crate::harness::payload_text;

/// Runs `f` on a new plain thread called `name` (outside any runtime) and waits for it. For code that builds and
/// blocks on a runtime of its own, which tokio refuses on a thread that already runs one (as every graded test body
/// does). Waiting blocks the test's thread, which has nothing else to do meanwhile; the grader's watchdog still
/// catches a call that never returns.
///
/// Returns `Err` with the panic's message if `f` panicked, so the test can say what it means.
///
/// ```
/// let answer = grader::on_plain_thread("calling the student's code", || 6 * 7);
/// assert_eq!(answer, Ok(42));
/// let failed = grader::on_plain_thread("calling the student's code", || -> u32 { panic!("no timers") });
/// assert_eq!(failed, Err("no timers".to_string()));
/// ```
pub fn on_plain_thread<T: Send + 'static>(
    name: impl Into<String>,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    let joined = std::thread::Builder::new().name(name.into()).spawn(f).expect("start a thread").join();
    joined.map_err(pass_on_todo)
}

/// Awaits `fut`, and returns `Err` with the panic's message if it panics while being polled, so the test can say
/// what it means.
///
/// ```
/// grader::run(async || {
///     let fine = grader::caught(async { 6 * 7 }).await;
///     assert_eq!(fine, Ok(42));
///     let failed = grader::caught(async { let max = 0; 10 / max }).await;
///     assert!(failed.unwrap_err().contains("divide by zero"));
/// });
/// ```
pub async fn caught<F: Future>(fut: F) -> Result<F::Output, String> {
    let mut fut = pin!(fut);
    std::future::poll_fn(move |cx| match catch_unwind(AssertUnwindSafe(|| fut.as_mut().poll(cx))) {
        Ok(Poll::Ready(out)) => Poll::Ready(Ok(out)),
        Ok(Poll::Pending) => Poll::Pending,
        Err(payload) => Poll::Ready(Err(pass_on_todo(payload))),
    })
    .await
}

/// Calls `f`, and returns `Err` with the panic's message if it panics, so the test can say what it means.
///
/// ```
/// assert_eq!(grader::catch(|| 6 * 7), Ok(42));
/// assert_eq!(grader::catch(|| -> u32 { panic!("attempt to multiply with overflow") }).unwrap_err(),
///            "attempt to multiply with overflow");
/// ```
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(pass_on_todo)
}

/// The panic message of a task that panicked, from the `JoinError` its handle gave (a task that was cancelled
/// instead says so). For a test that explains why the task panicked.
///
/// ```
/// grader::run(async || {
///     let handle = tokio::spawn(async { panic!("photo 7 is corrupt") });
///     let error = handle.await.unwrap_err();
///     assert_eq!(grader::task_panic(error), "photo 7 is corrupt");
/// });
/// ```
pub fn task_panic(error: tokio::task::JoinError) -> String {
    match error.try_into_panic() {
        Ok(payload) => pass_on_todo(payload),
        Err(error) => format!("the task did not panic: {error}"),
    }
}

/// The panic's message; a `todo!()` is not the test's to explain, so it goes on as it came.
fn pass_on_todo(payload: Box<dyn std::any::Any + Send>) -> String {
    let message = payload_text(payload.as_ref());
    if message.starts_with("not yet implemented") {
        resume_unwind(payload);
    }
    message
}
