//! The shape of the exercise's `Join` (the struct only: its `poll` is the exercise).

use pin_project_lite::pin_project;

// ANCHOR: join_pinned
pin_project! {
    pub struct Join<A: Future, B: Future> {
        #[pin]
        a: A, // reached as `Pin<&mut A>`
        #[pin]
        b: B,
        a_out: Option<A::Output>, // reached as `&mut Option<..>`
        b_out: Option<B::Output>,
        finished: bool,
    }
}
// ANCHOR_END: join_pinned

pub fn join<A: Future, B: Future>(a: A, b: B) -> Join<A, B> {
    Join { a, b, a_out: None, b_out: None, finished: false }
}

impl<A: Future, B: Future> Join<A, B> {
    /// Whether both futures are still unfinished (no output kept yet).
    pub fn fresh(self: std::pin::Pin<&mut Self>) -> bool {
        let this = self.project();
        this.a_out.is_none() && this.b_out.is_none() && !*this.finished
    }
}

#[test]
fn async_blocks_fit_unboxed() {
    let mut joined = std::pin::pin!(join(async { 1 }, async { 2 }));
    assert!(joined.as_mut().fresh());
}
