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
mod tests;
