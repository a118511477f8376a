//! A hand-written join of two `Unpin` futures, with the polls of each:
//! `cargo run -p listings-10-under-the-hood --bin join_two`.

// ANCHOR: program
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::time::Instant;

/// A boxed sleep that counts its polls and returns its name.
struct Nap {
    name: &'static str,
    sleep: Pin<Box<tokio::time::Sleep>>,
    polls: u32,
}

impl Future for Nap {
    type Output = (&'static str, u32);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.polls += 1;
        let (name, polls) = (self.name, self.polls);
        self.sleep.as_mut().poll(cx).map(|()| (name, polls))
    }
}

fn nap(name: &'static str, ms: u64) -> Nap {
    let sleep = Box::pin(tokio::time::sleep(Duration::from_millis(ms)));
    Nap { name, sleep, polls: 0 }
}

/// Both at once: poll each unfinished one on every poll; keep the outputs.
struct Join2<A: Future, B: Future> {
    a: Option<A>,
    b: Option<B>,
    outs: (Option<A::Output>, Option<B::Output>),
}

impl<A: Future + Unpin, B: Future + Unpin> Future for Join2<A, B>
where
    A::Output: Unpin,
    B::Output: Unpin,
{
    type Output = (A::Output, B::Output);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        if let Some(a) = &mut this.a
            && let Poll::Ready(out) = Pin::new(a).poll(cx)
        {
            (this.outs.0, this.a) = (Some(out), None); // keep it, drop the future
        }
        if let Some(b) = &mut this.b
            && let Poll::Ready(out) = Pin::new(b).poll(cx)
        {
            (this.outs.1, this.b) = (Some(out), None);
        }
        match &mut this.outs {
            (a @ Some(_), b @ Some(_)) => {
                Poll::Ready((a.take().unwrap(), b.take().unwrap()))
            }
            _ => Poll::Pending,
        }
    }
}

#[tokio::main]
async fn main() {
    let start = Instant::now();
    let join =
        Join2 { a: Some(nap("a", 100)), b: Some(nap("b", 200)), outs: (None, None) };
    let ((a, a_polls), (b, b_polls)) = join.await;
    println!("{a} was polled {a_polls} times, {b} {b_polls} times");
    println!("both done after {:.1?} (the longer nap, not the sum)", start.elapsed());
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn both_nap_at_once() {
        let start = Instant::now();
        let join = Join2 {
            a: Some(nap("a", 100)),
            b: Some(nap("b", 200)),
            outs: (None, None),
        };
        assert_eq!(join.await, (("a", 2), ("b", 3)));
        assert_eq!(start.elapsed(), Duration::from_millis(200));
    }
}
