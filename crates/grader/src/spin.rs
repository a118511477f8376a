//! Telling a loop that spins at one instant of virtual time from one that waits: a `select!` whose branch is
//! ready at once on every turn (a closed channel's `recv()` giving `None`, say) never lets tokio's clock move, and
//! only the cooperative budget makes it yield now and then, so the real-time watchdog would name it only as a
//! generic busy loop.

use std::future::Future;
use std::time::Duration;

/// How many polls at one instant of virtual time count as spinning.
const SPINS: u32 = 500;

/// Polls `fut` as `.await` would. Once `armed()` is true (say, once the test has closed the channel the code under
/// test reads), it fails the test with `explain(elapsed)` if `fut` is polled more than 500 times at one instant of
/// virtual time; `elapsed` is the virtual time since the call.
///
/// ```
/// # grader::run(async || {
/// let out = grader::spin_checked(async { tokio::time::sleep(grader::secs(1)).await; 7 }, || true, |at| {
///     format!("spun at {at:?}")
/// })
/// .await;
/// assert_eq!(out, 7);
/// # });
/// ```
pub async fn spin_checked<F: Future>(
    fut: F,
    armed: impl Fn() -> bool,
    explain: impl Fn(Duration) -> String,
) -> F::Output {
    let start = tokio::time::Instant::now();
    let mut fut = std::pin::pin!(fut);
    let (mut instant, mut polls) = (None, 0u32);
    std::future::poll_fn(move |cx| {
        if armed() {
            let now = tokio::time::Instant::now();
            if instant == Some(now) {
                polls += 1;
            } else {
                (instant, polls) = (Some(now), 0);
            }
            if polls > SPINS {
                panic!("{}", explain(now - start));
            }
        }
        fut.as_mut().poll(cx)
    })
    .await
}
