use std::rc::Rc;
use std::time::Duration;

// ANCHOR: all
pub fn start_reporting() -> tokio::task::JoinHandle<()> {
    tokio::spawn(async {
        let visits = Rc::new(42); // `Rc` is not `Send`...
        // ...and it is kept across this `.await`
        tokio::time::sleep(Duration::from_secs(1)).await;
        println!("{visits} visits");
    })
}
// ANCHOR_END: all

fn main() {}
