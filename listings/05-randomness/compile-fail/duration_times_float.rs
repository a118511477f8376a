// ANCHOR: all
use std::time::Duration;

fn main() {
    let pause = Duration::from_millis(1500);
    let longer = pause * 1.5; // Python would say `pause * 1.5`
    println!("{longer:?}");
}
// ANCHOR_END: all
