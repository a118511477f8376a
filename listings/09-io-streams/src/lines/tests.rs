//! The tests of `lines.rs`: they check what the book says about its code.
//! In a file of their own so that the book can include them without the
//! indentation of a `mod tests` block.

use super::*;
use std::time::Duration;
use tokio::time::Instant;

#[tokio::test(start_paused = true)]
async fn the_client_and_the_server_talk_in_lines() {
    let (client, server) = tokio::io::duplex(1024);
    tokio::spawn(shout(server));
    let answers = ask(client, &["hello", "are you there?"]).await.unwrap();
    assert_eq!(answers, ["HELLO", "ARE YOU THERE?"]);
}

// ANCHOR: pieces
#[tokio::test(start_paused = true)]
async fn a_line_is_whole_however_it_arrives() {
    let (mut client, server) = tokio::io::duplex(1024);
    let start = Instant::now();
    let mut lines = BufReader::new(server).lines();
    tokio::spawn(async move {
        client.write_all(b"hel").await.unwrap();
        tokio::time::sleep(Duration::from_secs(1)).await;
        client.write_all(b"lo\r\nsecond\nthird").await.unwrap(); // \r\n works too
    }); // then the client is dropped: the last line has no "\n"
    assert_eq!(lines.next_line().await.unwrap().as_deref(), Some("hello"));
    assert_eq!(start.elapsed(), Duration::from_secs(1)); // when its "\n" came
    assert_eq!(lines.next_line().await.unwrap().as_deref(), Some("second"));
    assert_eq!(lines.next_line().await.unwrap().as_deref(), Some("third"));
    assert_eq!(lines.next_line().await.unwrap(), None); // the end of the stream
}
// ANCHOR_END: pieces
