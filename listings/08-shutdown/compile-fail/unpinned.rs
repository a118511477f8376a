// ANCHOR: unpinned
use std::time::Duration;

async fn render() -> u32 {
    tokio::time::sleep(Duration::from_secs(3)).await;
    1
}

#[tokio::main]
async fn main() {
    let (_tx, mut questions) = tokio::sync::mpsc::channel::<String>(8);
    let mut render = render(); // made once, but not pinned
    loop {
        tokio::select! {
            id = &mut render => return println!("rendered {id}"),
            Some(question) = questions.recv() => println!("{question}"),
        }
    }
}
// ANCHOR_END: unpinned
