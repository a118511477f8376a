//! Exercise 9.2: length-prefixed frames.
//!
//! Read: `src/09-io-streams/02-length-prefixed.md` (chapter 9, "Framing: length-prefixed messages").
//! Grade: `cargo test` in this folder, or `cargo course check length-prefixed`.
//!
//! A frame is a payload of bytes preceded by its length:
//!
//! ```text
//! ┌──────────────────────────────┬──────────────────────┐
//! │ length: 4 bytes, big-endian  │ payload: length bytes│
//! └──────────────────────────────┴──────────────────────┘
//! ```
//!
//! `b"hello"` travels as `[0, 0, 0, 5, b'h', b'e', b'l', b'l', b'o']`. A stream carries frames one after
//! another; the bytes may arrive in any pieces, so the reader must not assume that one read gives one frame.

use tokio::io::{self, AsyncRead, AsyncWrite};

/// The largest payload a frame may carry: 64 KiB.
pub const MAX_FRAME: usize = 64 * 1024;

/// Writes one frame to `writer`: the payload's length as a `u32`, big-endian (4 bytes), then the payload, then
/// flushes. A payload longer than [`MAX_FRAME`] is refused with an `InvalidInput` error, and nothing is written.
pub async fn write_frame<W>(writer: &mut W, payload: &[u8]) -> io::Result<()>
where
    W: AsyncWrite + Unpin,
{
    // TODO: check the length, then `writer.write_u32(len).await?` (big-endian; `use tokio::io::AsyncWriteExt;`),
    // `writer.write_all(payload).await?` and `writer.flush().await`.
    let _ = writer;
    todo!("write a frame of {} bytes", payload.len())
}

/// Reads one frame from `reader` and returns its payload.
///
/// - `Ok(None)` if the stream ends *cleanly*: before the first byte of a frame.
/// - An `UnexpectedEof` error if it ends in the middle of a frame (inside the length or the payload).
/// - An `InvalidData` error, at once, if the length is over [`MAX_FRAME`]: don't wait for (or allocate) such a
///   payload.
///
/// The bytes may arrive in any pieces and at any time: wait until the whole frame is there.
pub async fn read_frame<R>(reader: &mut R) -> io::Result<Option<Vec<u8>>>
where
    R: AsyncRead + Unpin,
{
    // TODO: fill a `[u8; 4]` header with `reader.read(&mut header[filled..]).await?` in a loop
    // (`use tokio::io::AsyncReadExt;`): 0 bytes read before any header byte is a clean end (`Ok(None)`), after
    // some is `io::ErrorKind::UnexpectedEof`. Then `u32::from_be_bytes(header)`, check it against MAX_FRAME,
    // and `reader.read_exact(&mut payload).await?` into a `vec![0; len]`.
    let _ = reader;
    todo!("read a frame")
}
