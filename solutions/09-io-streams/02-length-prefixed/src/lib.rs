//! Solution to exercise 9.2.

use tokio::io::{self, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// The largest payload a frame may carry: 64 KiB.
pub const MAX_FRAME: usize = 64 * 1024;

// ANCHOR: write
/// Writes one frame: the payload's length as 4 bytes, big-endian, then the payload.
pub async fn write_frame<W>(writer: &mut W, payload: &[u8]) -> io::Result<()>
where
    W: AsyncWrite + Unpin,
{
    if payload.len() > MAX_FRAME {
        let message = format!("a frame of {} bytes is over MAX_FRAME", payload.len());
        return Err(io::Error::new(io::ErrorKind::InvalidInput, message));
    }
    writer.write_u32(payload.len() as u32).await?; // big-endian, as `u32::to_be_bytes`
    writer.write_all(payload).await?;
    writer.flush().await // a `BufWriter` would otherwise keep the frame
}
// ANCHOR_END: write

// ANCHOR: solution
/// Reads one frame. `Ok(None)`: the stream ended cleanly, between two frames.
pub async fn read_frame<R>(reader: &mut R) -> io::Result<Option<Vec<u8>>>
where
    R: AsyncRead + Unpin,
{
    let mut header = [0; 4];
    let mut filled = 0;
    while filled < header.len() {
        // `read` gives what has arrived: maybe less than the 4 bytes asked for.
        match reader.read(&mut header[filled..]).await? {
            0 if filled == 0 => return Ok(None), // no frame started: a clean end
            0 => return Err(io::ErrorKind::UnexpectedEof.into()), // cut inside the header
            n => filled += n,
        }
    }
    let len = u32::from_be_bytes(header) as usize;
    if len > MAX_FRAME {
        let message = format!("a frame of {len} bytes is over MAX_FRAME");
        return Err(io::Error::new(io::ErrorKind::InvalidData, message));
    }
    let mut payload = vec![0; len];
    reader.read_exact(&mut payload).await?; // waits for all `len` bytes, or fails
    Ok(Some(payload))
}
// ANCHOR_END: solution
