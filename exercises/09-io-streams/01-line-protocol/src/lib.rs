//! Exercise 9.1: a line protocol over a byte stream.
//!
//! Read: `src/09-io-streams/01-line-protocol.md` (chapter 9, "Reading and writing lines").
//! Grade: `cargo test` in this folder, or `cargo course check line-protocol`.
//!
//! The client sends commands, one per line (each ends with `\n`); the server answers each one with one line:
//!
//! | the client sends | the server answers                                          |
//! |------------------|-------------------------------------------------------------|
//! | `PING`           | `PONG`                                                      |
//! | `ECHO some text` | `some text`                                                 |
//! | `QUIT`           | `BYE`, then it closes the connection                        |
//! | anything else    | `ERR unknown command: <the line>`                           |
//!
//! [`answer`] already knows what to answer; you write the I/O around it.

use tokio::io::{self, AsyncRead, AsyncWrite};

/// The answer to one command line (without its `\n`), and whether the conversation goes on after it (`false`
/// after `QUIT`).
pub fn answer(line: &str) -> (String, bool) {
    match line.split_once(' ') {
        _ if line == "PING" => ("PONG".to_string(), true),
        _ if line == "QUIT" => ("BYE".to_string(), false),
        Some(("ECHO", text)) => (text.to_string(), true),
        _ => (format!("ERR unknown command: {line}"), true),
    }
}

/// Serves one connection: reads the client's lines and writes the [`answer`] to each, followed by `\n`, **as
/// soon as that line has arrived** (the client waits for each answer before it sends more). Stops after
/// answering `QUIT`, or when the client closes its side (end of the stream), and returns how many lines it
/// answered. When `serve` returns, the stream is dropped, which closes the connection.
pub async fn serve<S>(stream: S) -> io::Result<u32>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    // TODO: `let (reader, mut writer) = tokio::io::split(stream);` then
    // `let mut lines = tokio::io::BufReader::new(reader).lines();` (`use tokio::io::AsyncBufReadExt;`).
    // `while let Some(line) = lines.next_line().await? { ... }`: answer the line with
    // `writer.write_all(...).await?` (`use tokio::io::AsyncWriteExt;`), count it, and `break` after `QUIT`.
    let _ = stream;
    todo!("answer the client's lines")
}
