use sim::photos::{Photo, Thumbnail, render_thumbnail};
use tokio::task::JoinHandle;

// ANCHOR: all
pub fn start_thumbnail(photo: Photo) -> JoinHandle<Thumbnail> {
    // the future borrows `photo`, a local of this function
    tokio::spawn(render_thumbnail(&photo))
}
// ANCHOR_END: all

fn main() {}
