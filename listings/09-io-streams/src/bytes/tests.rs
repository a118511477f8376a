//! The tests of `bytes.rs`: they check what the book says about its code.
//! In a file of their own so that the book can include them without the
//! indentation of a `mod tests` block.

use super::*;
use std::time::Duration;
use tokio::io::BufWriter;
use tokio::time::Instant;

// ANCHOR: pieces
#[tokio::test(start_paused = true)]
async fn a_read_gives_what_has_arrived() {
    // A pipe that holds at most 4 bytes: the writer must wait for the reader.
    let (mut writer, reader) = tokio::io::duplex(4);
    tokio::spawn(async move {
        writer.write_all(b"hello world").await.unwrap(); // 11 bytes
        tokio::time::sleep(Duration::from_millis(100)).await;
        writer.write_all(b"!").await.unwrap();
    }); // the writer is dropped: the reader sees the end
    assert_eq!(piece_sizes(reader).await.unwrap(), [4, 4, 3, 1]);
}
// ANCHOR_END: pieces

#[tokio::test(start_paused = true)]
async fn read_exact_and_write_all_wait_for_every_byte() {
    let (client, mut server) = tokio::io::duplex(2);
    let start = Instant::now();
    let answer = tokio::spawn(async move {
        let mut hello = [0; 5];
        server.read_exact(&mut hello).await.unwrap();
        tokio::time::sleep(Duration::from_secs(1)).await;
        server.write_all(b"howdy").await.unwrap();
        hello
    });
    assert_eq!(&greet(client).await.unwrap(), b"howdy");
    assert_eq!(&answer.await.unwrap(), b"hello");
    assert_eq!(start.elapsed(), Duration::from_secs(1));
}

#[tokio::test(start_paused = true)]
async fn read_exact_fails_if_the_stream_ends_first() {
    let (mut writer, mut reader) = tokio::io::duplex(64);
    writer.write_all(b"hel").await.unwrap();
    drop(writer);
    let mut five = [0; 5];
    let err = reader.read_exact(&mut five).await.unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
}

// ANCHOR: flush
#[tokio::test(start_paused = true)]
async fn a_buffered_writer_sends_nothing_until_flushed() {
    let (near, mut far) = tokio::io::duplex(64);
    let mut writer = BufWriter::new(near);
    writer.write_all(b"PING\n").await.unwrap(); // into the BufWriter's memory
    let mut buf = [0; 16];
    let waited = tokio::time::timeout(Duration::from_secs(5), far.read(&mut buf));
    assert!(waited.await.is_err(), "nothing arrived: the bytes are still buffered");
    writer.flush().await.unwrap(); // now they are written to the stream
    assert_eq!(far.read(&mut buf).await.unwrap(), 5);
}
// ANCHOR_END: flush
