//! A line server and its client, talking through an in-memory pipe.
//! `cargo run -p listings-09-io-streams --bin shout_lines`.
// ANCHOR: program
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};

/// The server: answers every line with the same line in capitals.
async fn shout<S: AsyncRead + AsyncWrite + Unpin>(stream: S) -> std::io::Result<u32> {
    let (reader, mut writer) = tokio::io::split(stream);
    let mut lines = BufReader::new(reader).lines();
    let mut answered = 0;
    while let Some(line) = lines.next_line().await? {
        writer.write_all(format!("{}\n", line.to_uppercase()).as_bytes()).await?;
        answered += 1;
    }
    Ok(answered) // the client closed its side
}

/// The client: two questions, the second sent in two pieces.
async fn talk() -> std::io::Result<u32> {
    let started = Instant::now();
    // Two connected ends: what one writes, the other reads (a socket, no network).
    let (client, server_end) = tokio::io::duplex(1024);
    let server = tokio::spawn(shout(server_end));

    let (reader, mut writer) = tokio::io::split(client);
    let mut answers = BufReader::new(reader).lines();
    writer.write_all(b"hello\n").await?;
    println!("{:?} after {:.1?}", answers.next_line().await?, started.elapsed());

    writer.write_all(b"in two ").await?; // half a line...
    tokio::time::sleep(Duration::from_millis(200)).await;
    writer.write_all(b"pieces\n").await?; // ...and the rest, 200 ms later
    println!("{:?} after {:.1?}", answers.next_line().await?, started.elapsed());

    writer.shutdown().await?; // the server reads the end of the stream
    server.await?
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    println!("the server answered {} lines", talk().await?);
    Ok(())
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_program_runs_in_200_ms() {
        let start = tokio::time::Instant::now();
        assert_eq!(talk().await.unwrap(), 2);
        assert_eq!(start.elapsed(), Duration::from_millis(200));
    }
}
