//! `tokio::sync::Notify`: waking tasks, and what it remembers.

use std::collections::VecDeque;
use std::sync::Mutex;

use tokio::sync::Notify;

// ANCHOR: permit
/// `notify_one` with nobody waiting leaves one permit: the next `notified().await`
/// takes it and returns at once. `notify_waiters` leaves nothing behind.
pub async fn early_notifications() -> (bool, bool) {
    let notify = Notify::new();
    notify.notify_one(); // nobody waits yet: a permit is stored
    let one_went_through = tokio::time::timeout(
        std::time::Duration::from_secs(1),
        notify.notified(), // takes the permit
    )
    .await
    .is_ok();

    notify.notify_waiters(); // nobody waits: lost
    let all_went_through =
        tokio::time::timeout(std::time::Duration::from_secs(1), notify.notified())
            .await
            .is_ok();
    (one_went_through, all_went_through) // (true, false)
}
// ANCHOR_END: permit

// ANCHOR: mailbox
/// A queue whose `take` waits until something is in it: `asyncio.Condition`'s job.
#[derive(Default)]
pub struct Mailbox {
    letters: Mutex<VecDeque<String>>,
    arrived: Notify,
}

impl Mailbox {
    pub fn put(&self, letter: &str) {
        self.letters.lock().unwrap().push_back(letter.to_string());
        self.arrived.notify_one(); // wakes one taker, or leaves it a permit
    }

    pub async fn take(&self) -> String {
        loop {
            // the guard is a temporary: gone before the `.await` below
            if let Some(letter) = self.letters.lock().unwrap().pop_front() {
                return letter;
            }
            self.arrived.notified().await; // then look again
        }
    }
}
// ANCHOR_END: mailbox

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use tokio::time::{Duration, Instant, sleep};

    #[tokio::test(start_paused = true)]
    async fn a_permit_is_kept_for_notify_one_only() {
        assert_eq!(early_notifications().await, (true, false));
    }

    #[tokio::test(start_paused = true)]
    async fn take_waits_for_a_letter() {
        let mailbox = Arc::new(Mailbox::default());
        let taker = {
            let mailbox = Arc::clone(&mailbox);
            tokio::spawn(async move { (mailbox.take().await, Instant::now()) })
        };
        let start = Instant::now();
        sleep(Duration::from_secs(3)).await;
        mailbox.put("hello");
        let (letter, at) = taker.await.unwrap();
        assert_eq!((letter.as_str(), at - start), ("hello", Duration::from_secs(3)));
        mailbox.put("early"); // nobody waiting: the letter and a permit wait
        assert_eq!(mailbox.take().await, "early");
    }
}
