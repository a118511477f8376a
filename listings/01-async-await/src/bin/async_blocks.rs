//! Async blocks and `move`: `cargo run -p listings-01-async-await --bin
//! async_blocks`. It uses only std and tokio, so the book runs it in the Rust
//! playground as it is.

use std::future::Future;
use std::time::Duration;

// ANCHOR: async_block
/// Builds a future from an async block. `move` makes the block own `name`, so the
/// future does not borrow from this function and can outlive it (it is `'static`).
fn greet_later(name: String) -> impl Future<Output = String> + Send + 'static {
    // runs now, when greet_later is called
    println!("building the future for {name}");
    async move {
        // runs only when the future is awaited
        tokio::time::sleep(Duration::from_secs(1)).await;
        format!("Hello, {name}!")
    }
}
// ANCHOR_END: async_block

// ANCHOR: spawned
/// A future that owns its data can be handed to another task.
async fn greet_in_a_task(name: String) -> String {
    tokio::spawn(greet_later(name)).await.expect("the task does not panic")
}
// ANCHOR_END: spawned

#[tokio::main]
async fn main() {
    // prints "building the future for Ada"
    let future = greet_later(String::from("Ada"));
    println!("the future is built; nothing has waited yet");
    println!("{}", future.await); // waits 1 s, then prints "Hello, Ada!"
    println!("{}", greet_in_a_task(String::from("Grace")).await);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_block_runs_when_awaited_and_owns_its_data() {
        let start = tokio::time::Instant::now();
        let future = {
            let name = String::from("Ada");
            greet_later(name)
        }; // `name` is gone from this scope; the future owns it
        assert_eq!(start.elapsed(), Duration::ZERO);
        assert_eq!(future.await, "Hello, Ada!");
        assert_eq!(start.elapsed(), Duration::from_secs(1));
        assert_eq!(greet_in_a_task("Grace".into()).await, "Hello, Grace!");
    }
}
