use std::sync::{Arc, Mutex};
use std::time::Duration;

// ANCHOR: all
pub fn count_visit(count: Arc<Mutex<u32>>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut n = count.lock().unwrap();
        *n += 1; // borrows the guard (`DerefMut`)
        drop(n); // too late: a borrowed value counts as held to the end of its scope
        tokio::time::sleep(Duration::from_secs(1)).await;
    })
}
// ANCHOR_END: all

fn main() {}
