// ANCHOR: move_pinned
use std::future::Future;
use std::pin::pin;

fn countdown() -> impl Future<Output = u32> {
    async { 3 }
}

fn main() {
    let mut first = pin!(countdown());
    let mut second = pin!(countdown());
    // Swapping would move both futures to new addresses: not allowed once pinned.
    std::mem::swap(first.as_mut().get_mut(), second.as_mut().get_mut());
}
// ANCHOR_END: move_pinned
