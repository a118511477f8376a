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
mod tests {
    use super::*;
    use tokio::io::AsyncWriteExt;

    #[test]
    fn hello_is_nine_bytes() {
        assert_eq!(encode(b"hello"), [0, 0, 0, 5, b'h', b'e', b'l', b'l', b'o']);
        assert_eq!(encode(b""), [0, 0, 0, 0]);
    }

    // ANCHOR: clean_end
    #[tokio::test]
    async fn the_naive_reader_cannot_tell_a_clean_end_from_a_cut_frame() {
        let (mut near, mut far) = tokio::io::duplex(64);
        near.write_all(&encode(b"one")).await.unwrap();
        near.write_all(&[0, 0]).await.unwrap(); // half a header, then nothing
        drop(near);
        assert_eq!(read_frame_naive(&mut far).await.unwrap(), b"one");
        let cut = read_frame_naive(&mut far).await.unwrap_err();
        assert_eq!(cut.kind(), io::ErrorKind::UnexpectedEof);

        let (near, mut far) = tokio::io::duplex(64);
        drop(near); // a clean end, before any frame...
        let clean = read_frame_naive(&mut far).await.unwrap_err();
        assert_eq!(clean.kind(), io::ErrorKind::UnexpectedEof); // ...the same error
    }
    // ANCHOR_END: clean_end
}
