//! Where a `std::sync::MutexGuard` ends, and what that means for a spawned future.
//! Each function here spawns a task that locks, updates, then awaits: they all
//! compile. The ones that do not are in `compile-fail/`.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::task::JoinHandle;
use tokio::time::sleep;

// ANCHOR: block
pub fn bump_in_a_block(count: Arc<Mutex<u32>>) -> JoinHandle<()> {
    tokio::spawn(async move {
        {
            let mut n = count.lock().unwrap();
            *n += 1;
        } // the guard's scope ends here, before the `.await`
        sleep(Duration::from_secs(1)).await;
    })
}
// ANCHOR_END: block

// ANCHOR: temporary
pub fn bump_in_one_statement(count: Arc<Mutex<u32>>) -> JoinHandle<()> {
    tokio::spawn(async move {
        *count.lock().unwrap() += 1; // a temporary guard, dropped at the `;`
        sleep(Duration::from_secs(1)).await;
    })
}
// ANCHOR_END: temporary

// ANCHOR: helper
/// An ordinary function: the guard cannot outlive it, and it cannot `.await`.
fn bump(count: &Mutex<u32>) -> u32 {
    let mut n = count.lock().unwrap();
    *n += 1;
    *n
}

pub fn bump_in_a_function(count: Arc<Mutex<u32>>) -> JoinHandle<()> {
    tokio::spawn(async move {
        let now = bump(&count);
        sleep(Duration::from_millis(u64::from(now))).await;
    })
}
// ANCHOR_END: helper

// ANCHOR: never_borrowed
pub fn drop_an_unused_guard(count: Arc<Mutex<u32>>) -> JoinHandle<()> {
    tokio::spawn(async move {
        let guard = count.lock().unwrap(); // (waits until nobody else holds it)
        drop(guard); // never borrowed, moved out: it does not count as held
        sleep(Duration::from_secs(1)).await;
    })
}
// ANCHOR_END: never_borrowed

// ANCHOR: moved
fn take(guard: std::sync::MutexGuard<'_, u32>) -> u32 {
    *guard + 1
}

pub fn move_the_guard_away(count: Arc<Mutex<u32>>) -> JoinHandle<()> {
    tokio::spawn(async move {
        let guard = count.lock().unwrap();
        let next = take(guard); // moved into `take` before anything borrowed it
        sleep(Duration::from_millis(u64::from(next))).await;
    })
}
// ANCHOR_END: moved

// ANCHOR: tokio_mutex
/// A connection that must send one whole message at a time: its lock is held for
/// the whole send, `.await`s included, so messages never interleave.
pub struct Connection {
    socket: tokio::sync::Mutex<Vec<String>>, // stands for a real socket
}

impl Connection {
    pub fn new() -> Self {
        Connection { socket: tokio::sync::Mutex::new(Vec::new()) }
    }

    pub async fn send(&self, parts: &[&str]) {
        let mut socket = self.socket.lock().await; // waits without blocking
        for part in parts {
            sleep(Duration::from_millis(10)).await; // writing takes a while
            socket.push(part.to_string());
        }
    } // released here, after the last part

    pub async fn sent(&self) -> Vec<String> {
        self.socket.lock().await.clone()
    }
}
// ANCHOR_END: tokio_mutex

impl Default for Connection {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn every_version_that_compiles_counts() {
        let count = Arc::new(Mutex::new(0));
        bump_in_a_block(Arc::clone(&count)).await.unwrap();
        bump_in_one_statement(Arc::clone(&count)).await.unwrap();
        bump_in_a_function(Arc::clone(&count)).await.unwrap();
        drop_an_unused_guard(Arc::clone(&count)).await.unwrap();
        move_the_guard_away(Arc::clone(&count)).await.unwrap();
        assert_eq!(*count.lock().unwrap(), 3);
    }

    #[tokio::test(start_paused = true)]
    async fn messages_sent_at_once_never_interleave() {
        let conn = Arc::new(Connection::new());
        let a = {
            let conn = Arc::clone(&conn);
            tokio::spawn(async move { conn.send(&["a1", "a2", "a3"]).await })
        };
        let b = {
            let conn = Arc::clone(&conn);
            tokio::spawn(async move { conn.send(&["b1", "b2"]).await })
        };
        let start = tokio::time::Instant::now();
        a.await.unwrap();
        b.await.unwrap();
        assert_eq!(start.elapsed(), Duration::from_millis(50)); // one after the other
        assert_eq!(conn.sent().await, ["a1", "a2", "a3", "b1", "b2"]);
    }
}
