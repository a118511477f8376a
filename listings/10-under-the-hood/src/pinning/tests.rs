use std::time::Duration;

use tokio_test::{assert_pending, assert_ready_eq, task};

use super::{CountPolls, CountPollsPinned, first_word_later, pinning_two_ways};

#[test]
fn both_ways_of_pinning_poll_the_future() {
    pinning_two_ways();
}

// ANCHOR: count_polls_tests
#[tokio::test(start_paused = true)]
async fn count_polls_of_any_future() {
    let delay = Duration::from_secs(1);
    // `CountPolls` needs `Unpin`: box the async fn's future first.
    let boxed = Box::pin(first_word_later("pinned in place".into(), delay));
    let mut counted = CountPolls { inner: boxed, polls: 0 };
    assert_eq!((&mut counted).await, 6);
    assert_eq!(counted.polls, 2); // once at the start, once when the sleep ended

    // `CountPollsPinned` takes it as it is, unboxed.
    let mut counted = task::spawn(CountPollsPinned::new(first_word_later(
        "hi there".into(),
        delay,
    )));
    assert_pending!(counted.poll());
    tokio::time::advance(delay).await;
    assert_ready_eq!(counted.poll(), 2);
    assert_eq!(counted.enter(|_, counted| counted.polls()), 2);
}
// ANCHOR_END: count_polls_tests
