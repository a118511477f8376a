use std::sync::{Arc, Mutex};
use std::time::Duration;

// ANCHOR: all
pub fn count_visit(count: Arc<Mutex<u32>>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut n = count.lock().unwrap();
        *n += 1;
        // the guard `n` is still in scope here...
        tokio::time::sleep(Duration::from_secs(1)).await;
    }) // ...until the end of the block
}
// ANCHOR_END: all

fn main() {}
