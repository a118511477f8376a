//! Lines: the simplest framing. `BufReader` + `AsyncBufReadExt::lines`.

use tokio::io::{
    self, AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader,
};

// ANCHOR: shout
/// Answers every line with the same line in capitals, until the client closes its
/// side.
pub async fn shout<S>(stream: S) -> io::Result<()>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let (reader, mut writer) = io::split(stream); // two halves, usable side by side
    let mut lines = BufReader::new(reader).lines();
    while let Some(line) = lines.next_line().await? {
        // `line` is one whole line, without its "\n", however its bytes arrived
        writer.write_all(format!("{}\n", line.to_uppercase()).as_bytes()).await?;
    }
    Ok(()) // `next_line` gave `None`: the client closed its side
}
// ANCHOR_END: shout

// ANCHOR: client
/// The client side: sends each question as a line and waits for its answer.
pub async fn ask<S>(stream: S, questions: &[&str]) -> io::Result<Vec<String>>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let (reader, mut writer) = io::split(stream);
    let mut lines = BufReader::new(reader).lines();
    let mut answers = Vec::new();
    for question in questions {
        writer.write_all(format!("{question}\n").as_bytes()).await?;
        match lines.next_line().await? {
            Some(answer) => answers.push(answer),
            None => break, // the server closed the connection
        }
    }
    Ok(answers)
}
// ANCHOR_END: client

#[cfg(test)]
mod tests {
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
}
