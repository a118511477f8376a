//! The shape of `std::future::Future`, copied here to be read (the real one is in std).

use std::pin::Pin;
use std::task::{Context, Poll};

// ANCHOR: trait
pub trait Future {
    /// What `.await` gives when the future is done.
    type Output;

    /// Make as much progress as possible now, without blocking. `Ready(v)`: done,
    /// here is the value. `Pending`: not yet, and I have arranged for `cx.waker()`
    /// to be called when it is worth polling me again.
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output>;
}
// ANCHOR_END: trait
