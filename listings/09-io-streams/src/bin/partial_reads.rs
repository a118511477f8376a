//! What `read` gives, and what `read_exact` waits for.
//! `cargo run -p listings-09-io-streams --bin partial_reads`.
// ANCHOR: program
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Sends one length-prefixed message ("hello, frames!": 14 bytes after a 4-byte
/// length) through a pipe that holds only 8 bytes, and reads it twice: once with
/// `read`, once with `read_exact`. Returns the sizes of the pieces `read` gave.
async fn read_twice() -> std::io::Result<Vec<usize>> {
    let started = Instant::now();
    let message = b"hello, frames!";
    let mut frame = (message.len() as u32).to_be_bytes().to_vec(); // [0, 0, 0, 14]
    frame.extend_from_slice(message);

    // 1. Plain `read`: each call gives what has arrived, at most 8 bytes here.
    let (mut near, mut far) = tokio::io::duplex(8);
    let to_send = frame.clone();
    tokio::spawn(async move { near.write_all(&to_send).await });
    let mut pieces = Vec::new();
    let mut buf = [0; 64];
    loop {
        let n = far.read(&mut buf).await?;
        if n == 0 {
            break; // the writer is gone: end of the stream
        }
        println!("read() gave {n} bytes: {:?}", String::from_utf8_lossy(&buf[..n]));
        pieces.push(n);
    }

    // 2. `read_u32` and `read_exact`: wait until the whole thing is there.
    let (mut near, mut far) = tokio::io::duplex(8);
    tokio::spawn(async move {
        near.write_all(&frame[..6]).await?;
        tokio::time::sleep(Duration::from_millis(300)).await; // the rest comes later
        near.write_all(&frame[6..]).await
    });
    let len = far.read_u32().await?; // the 4-byte, big-endian length
    let mut payload = vec![0; len as usize];
    far.read_exact(&mut payload).await?;
    println!(
        "read_exact gave the {len} bytes {:?} after {:.1?}",
        String::from_utf8_lossy(&payload),
        started.elapsed()
    );
    Ok(pieces)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let pieces = read_twice().await?;
    println!("{} reads for one message of 18 bytes", pieces.len());
    Ok(())
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn eight_bytes_at_a_time_then_the_whole_message_after_300_ms() {
        let start = tokio::time::Instant::now();
        assert_eq!(read_twice().await.unwrap(), [8, 8, 2]);
        assert_eq!(start.elapsed(), Duration::from_millis(300));
    }
}
