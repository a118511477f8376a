//! A real TCP server on 127.0.0.1, and two clients talking to it at the same time.
//! `cargo run -p listings-09-io-streams --bin tcp_server`.
// ANCHOR: program
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// One connection: answers every line in capitals. Generic, so the tests can hand it
/// an in-memory pipe instead of a socket.
async fn shout<S: AsyncRead + AsyncWrite + Unpin>(stream: S) -> std::io::Result<()> {
    let (reader, mut writer) = tokio::io::split(stream);
    let mut lines = BufReader::new(reader).lines();
    while let Some(line) = lines.next_line().await? {
        writer.write_all(format!("{}\n", line.to_uppercase()).as_bytes()).await?;
    }
    Ok(())
}

/// The accept loop: every connection gets its own task.
async fn serve(listener: TcpListener) -> std::io::Result<()> {
    loop {
        let (socket, peer) = listener.accept().await?;
        tokio::spawn(async move {
            if let Err(e) = shout(socket).await {
                eprintln!("{peer}: {e}");
            }
        });
    }
}

/// A client: connects, then sends a line every 100 ms and prints each answer.
async fn client(name: &str, port: u16, started: Instant) -> std::io::Result<()> {
    let stream = TcpStream::connect(("127.0.0.1", port)).await?;
    let (reader, mut writer) = stream.into_split();
    let mut answers = BufReader::new(reader).lines();
    for word in ["hello", "bye"] {
        writer.write_all(format!("{word} from {name}\n").as_bytes()).await?;
        if let Some(answer) = answers.next_line().await? {
            println!("{name} got {answer:?} after {:.1?}", started.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let started = Instant::now();
    let listener = TcpListener::bind("127.0.0.1:0").await?; // port 0: any free port
    let port = listener.local_addr()?.port();
    tokio::spawn(serve(listener));
    // Both clients at once: the server must not make one wait for the other.
    let (ann, bob) =
        tokio::join!(client("ann", port, started), client("bob", port, started));
    ann?;
    bob?;
    println!("both done after {:.1?}", started.elapsed());
    Ok(())
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;

    /// The handler is checked in memory, on the paused clock: no socket needed.
    #[tokio::test(start_paused = true)]
    async fn the_handler_answers_in_capitals() {
        let (client, server) = tokio::io::duplex(64);
        tokio::spawn(shout(server));
        let (reader, mut writer) = tokio::io::split(client);
        writer.write_all(b"hi\n").await.unwrap();
        let mut lines = BufReader::new(reader).lines();
        assert_eq!(lines.next_line().await.unwrap().as_deref(), Some("HI"));
    }
}
