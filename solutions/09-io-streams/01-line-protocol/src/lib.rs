//! Solution to exercise 9.1.

use tokio::io::{self, AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};

/// The answer to one command line, and whether the conversation goes on after it.
pub fn answer(line: &str) -> (String, bool) {
    match line.split_once(' ') {
        _ if line == "PING" => ("PONG".to_string(), true),
        _ if line == "QUIT" => ("BYE".to_string(), false),
        Some(("ECHO", text)) => (text.to_string(), true),
        _ => (format!("ERR unknown command: {line}"), true),
    }
}

// ANCHOR: solution
/// Serves one connection: answers each line as soon as it has arrived.
pub async fn serve<S>(stream: S) -> io::Result<u32>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let (reader, mut writer) = io::split(stream);
    let mut lines = BufReader::new(reader).lines();
    let mut answered = 0;
    while let Some(line) = lines.next_line().await? {
        let (reply, go_on) = answer(&line);
        writer.write_all(format!("{reply}\n").as_bytes()).await?;
        answered += 1;
        if !go_on {
            break;
        }
    }
    Ok(answered) // `stream` is dropped here: the client reads end-of-file
}
// ANCHOR_END: solution
