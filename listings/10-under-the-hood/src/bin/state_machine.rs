//! An `async fn` and the same state machine written by hand, side by side:
//! `cargo run -p listings-10-under-the-hood --bin state_machine`.

// ANCHOR: program
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::time::{Instant, Sleep};

async fn greet(name: String, delay: Duration) -> String {
    tokio::time::sleep(delay).await;
    format!("Hello, {name}!")
}

/// `greet` by hand: one variant per place it can be paused at.
enum Greet {
    Start { name: String, delay: Duration },
    Sleeping { sleep: Pin<Box<Sleep>>, name: String },
    Done,
}

impl Future for Greet {
    type Output = String;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<String> {
        let this = self.get_mut();
        loop {
            match this {
                Greet::Start { name, delay } => {
                    println!("  by hand: first poll, the sleep starts now");
                    let sleep = Box::pin(tokio::time::sleep(*delay));
                    *this = Greet::Sleeping { sleep, name: std::mem::take(name) };
                }
                Greet::Sleeping { sleep, name } => {
                    if sleep.as_mut().poll(cx).is_pending() {
                        println!("  by hand: Pending (the sleep keeps our waker)");
                        return Poll::Pending;
                    }
                    let greeting = format!("Hello, {name}!");
                    *this = Greet::Done;
                    return Poll::Ready(greeting);
                }
                Greet::Done => panic!("`Greet` polled after completion"),
            }
        }
    }
}

#[tokio::main]
async fn main() {
    let delay = Duration::from_millis(100);
    let by_hand = Greet::Start { name: "Ada".into(), delay };
    let compiled = greet("Grace".into(), delay);
    println!("made both futures; nothing has run yet");
    let start = Instant::now();
    println!("{} after {:.1?}", by_hand.await, start.elapsed());
    println!("{} after {:.1?}", compiled.await, start.elapsed());
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn both_take_the_delay_from_their_first_poll() {
        let delay = Duration::from_millis(100);
        let by_hand = Greet::Start { name: "Ada".into(), delay };
        let compiled = greet("Grace".into(), delay);
        tokio::time::sleep(Duration::from_secs(1)).await; // made long before polled
        let start = Instant::now();
        assert_eq!(by_hand.await, "Hello, Ada!");
        assert_eq!(start.elapsed(), delay);
        assert_eq!(compiled.await, "Hello, Grace!");
        assert_eq!(start.elapsed(), delay * 2);
    }
}
