//! Framing: where one message ends and the next begins.

use tokio::io::{self, AsyncRead, AsyncReadExt};

// ANCHOR: encode
/// A message as it travels in a length-prefixed protocol: 4 bytes of length (a `u32`,
/// big-endian), then the bytes themselves.
pub fn encode(payload: &[u8]) -> Vec<u8> {
    let len = u32::try_from(payload.len()).expect("a frame holds at most 4 GiB");
    let mut frame = len.to_be_bytes().to_vec(); // most significant byte first
    frame.extend_from_slice(payload);
    frame
}
// ANCHOR_END: encode

// ANCHOR: naive
/// Reads one frame, the short way: fine in the middle of a conversation, but it
/// cannot tell a clean end from a cut frame (both are `UnexpectedEof`), and it
/// believes any length the peer sends.
pub async fn read_frame_naive<R>(reader: &mut R) -> io::Result<Vec<u8>>
where
    R: AsyncRead + Unpin,
{
    let len = reader.read_u32().await?; // `read_exact` of 4 bytes, big-endian
    let mut payload = vec![0; len as usize]; // 4 GiB if the peer says so
    reader.read_exact(&mut payload).await?;
    Ok(payload)
}
// ANCHOR_END: naive

#[cfg(test)]
mod tests;
