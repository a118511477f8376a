//! The tests of `framing.rs`: they check what the book says about its code.
//! In a file of their own so that the book can include them without the
//! indentation of a `mod tests` block.

use super::*;
use tokio::io::AsyncWriteExt;

#[test]
fn hello_is_nine_bytes() {
    assert_eq!(encode(b"hello"), [0, 0, 0, 5, b'h', b'e', b'l', b'l', b'o']);
    assert_eq!(encode(b""), [0, 0, 0, 0]);
}

// ANCHOR: clean_end
#[tokio::test]
async fn the_naive_reader_cannot_tell_a_clean_end_from_a_cut_frame() {
    let (mut near, mut far) = tokio::io::duplex(64);
    near.write_all(&encode(b"one")).await.unwrap();
    near.write_all(&[0, 0]).await.unwrap(); // half a header, then nothing
    drop(near);
    assert_eq!(read_frame_naive(&mut far).await.unwrap(), b"one");
    let cut = read_frame_naive(&mut far).await.unwrap_err();
    assert_eq!(cut.kind(), io::ErrorKind::UnexpectedEof);

    let (near, mut far) = tokio::io::duplex(64);
    drop(near); // a clean end, before any frame...
    let clean = read_frame_naive(&mut far).await.unwrap_err();
    assert_eq!(clean.kind(), io::ErrorKind::UnexpectedEof); // ...the same error
}
// ANCHOR_END: clean_end
