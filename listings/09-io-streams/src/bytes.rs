//! `AsyncRead` and `AsyncWrite`: bytes in, bytes out, in whatever pieces they come.

use tokio::io::{self, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

// ANCHOR: read
/// Reads a stream to its end, one `read` at a time, and gives the size of each piece.
pub async fn piece_sizes<R>(mut reader: R) -> io::Result<Vec<usize>>
where
    R: AsyncRead + Unpin,
{
    let mut buf = [0; 1024];
    let mut sizes = Vec::new();
    loop {
        let n = reader.read(&mut buf).await?; // waits until *some* bytes are there
        if n == 0 {
            return Ok(sizes); // 0 bytes: the other side closed, the stream is over
        }
        sizes.push(n); // `buf[..n]` holds them: maybe fewer than we hoped for
    }
}
// ANCHOR_END: read

// ANCHOR: exact
/// Sends a 5-byte greeting and waits for a 5-byte reply.
pub async fn greet<S>(mut stream: S) -> io::Result<[u8; 5]>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    stream.write_all(b"hello").await?; // loops over `write` until all 5 bytes are out
    let mut reply = [0; 5];
    stream.read_exact(&mut reply).await?; // loops over `read` until all 5 are in
    Ok(reply)
}
// ANCHOR_END: exact

#[cfg(test)]
mod tests;
