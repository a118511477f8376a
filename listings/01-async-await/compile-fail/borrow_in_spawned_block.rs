// ANCHOR: all
#[tokio::main]
async fn main() {
    let name = String::from("Ada");
    let handle = tokio::spawn(async {
        println!("Hello, {name}!"); // borrows `name`, which main may drop first
    });
    handle.await.unwrap();
}
// ANCHOR_END: all
