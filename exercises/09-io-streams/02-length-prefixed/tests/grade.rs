//! Graded tests for exercise 9.2, on tokio's paused clock. The bytes travel through in-memory
//! `tokio::io::duplex` pipes, so each piece arrives at an exact virtual instant.

use std::io::ErrorKind;
use std::time::Duration;

use grader::sim::secs as show;
use grader::{ms, secs};
use length_prefixed::{MAX_FRAME, read_frame, write_frame};
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};
use tokio::time::Instant;

const PAGE: &str = "src/09-io-streams/02-length-prefixed.md";

/// How long a read may wait before the test gives up on it.
const PATIENCE: Duration = Duration::from_secs(10);

/// A pipe whose far end writes `pieces`, each after its delay (counted from the start), then closes.
fn pipe_sending(pieces: Vec<(Duration, Vec<u8>)>) -> DuplexStream {
    let (mut far, near) = tokio::io::duplex(1024);
    tokio::spawn(async move {
        let start = Instant::now();
        for (at, bytes) in pieces {
            tokio::time::sleep_until(start + at).await;
            far.write_all(&bytes).await.expect("the test's writer could not write");
        }
    }); // `far` is dropped here: the reader sees the end of the stream
    near
}

/// `read_frame`, which must finish within `PATIENCE`.
async fn read_one(reader: &mut DuplexStream, what: &str) -> std::io::Result<Option<Vec<u8>>> {
    match tokio::time::timeout(PATIENCE, read_frame(reader)).await {
        Ok(result) => result,
        Err(_) => {
            panic!("read_frame on {what} was still waiting after {} of virtual time.\n\n  Read: {PAGE}", show(PATIENCE))
        }
    }
}

fn text(frame: &Option<Vec<u8>>) -> String {
    match frame {
        Some(bytes) => format!("Some({:?})", String::from_utf8_lossy(bytes)),
        None => "None".to_string(),
    }
}

#[test]
fn write_frame_sends_the_length_big_endian_then_the_payload() {
    grader::run(async || {
        let (mut near, mut far) = tokio::io::duplex(1024);
        write_frame(&mut near, b"hello").await.expect("write_frame should succeed");
        write_frame(&mut near, b"").await.expect("write_frame of an empty payload should succeed");
        let too_big = vec![7; MAX_FRAME + 1];
        let refused = write_frame(&mut near, &too_big).await;
        drop(near);
        let mut sent = Vec::new();
        far.read_to_end(&mut sent).await.expect("the test could not read what was written");
        assert_eq!(
            sent,
            [0, 0, 0, 5, b'h', b'e', b'l', b'l', b'o', 0, 0, 0, 0],
            "write_frame(b\"hello\") then write_frame(b\"\") should send [0, 0, 0, 5, h, e, l, l, o] then \
             [0, 0, 0, 0]: each length as 4 bytes, big-endian (most significant byte first, the network order), \
             then the payload.\n\n  Likely cause, if the bytes are reversed: the length was written little-endian \
             (`to_le_bytes`, `write_u32_le`); `write_u32` and `to_be_bytes` are big-endian.\n\n  Read: {PAGE}"
        );
        let kind = refused.as_ref().map_err(|e| e.kind());
        assert_eq!(
            kind,
            Err(ErrorKind::InvalidInput),
            "a payload of MAX_FRAME + 1 bytes should be refused with an InvalidInput error, and nothing sent. \
             Read: {PAGE}"
        );
    });
}

#[test]
fn read_frame_waits_for_a_frame_that_arrives_in_pieces() {
    grader::run(async || {
        // [0, 0] at 0 s; [0, 11, 'h', 'e'] at 0.1 s; "llo world" at 0.25 s.
        let mut reader = pipe_sending(vec![
            (ms(0), vec![0, 0]),
            (ms(100), vec![0, 11, b'h', b'e']),
            (ms(250), b"llo world".to_vec()),
        ]);
        let start = Instant::now();
        let frame = read_one(&mut reader, "a frame in three pieces").await;
        let at = start.elapsed();
        let frame = frame.unwrap_or_else(|e| panic!("read_frame failed with {e} on a complete frame. Read: {PAGE}"));
        assert!(
            frame.as_deref() == Some(b"hello world".as_slice()) && at == ms(250),
            "a frame of 11 bytes, \"hello world\", arrived in three pieces (the last at 0.250 s): read_frame should \
             return it whole when its last byte has come, at 0.250 s. It returned {} at {}.\n\n  Likely cause: one \
             `read()` was taken for the whole payload (or header). A read gives what has arrived so far, which may \
             be less than asked for; `read_exact` waits until the buffer is full, and fails if the stream ends \
             first.\n\n  Read: {PAGE}",
            text(&frame),
            show(at)
        );
        let end = read_one(&mut reader, "a stream that ended after one frame").await;
        assert!(
            matches!(end, Ok(None)),
            "after its one frame the stream ended cleanly: read_frame should return Ok(None), but it returned \
             {end:?}. Read: {PAGE}"
        );
    });
}

#[test]
fn frames_round_trip_through_a_tiny_pipe() {
    grader::run(async || {
        // 16 bytes of room: a frame of 200 bytes is written and read in many small pieces.
        let (mut near, mut far) = tokio::io::duplex(16);
        let payloads: Vec<Vec<u8>> = vec![b"one".to_vec(), Vec::new(), (0..200u8).collect(), b"last".to_vec()];
        let sent = payloads.clone();
        let writer = tokio::spawn(async move {
            for payload in &sent {
                write_frame(&mut near, payload).await.expect("write_frame failed");
                tokio::time::sleep(ms(10)).await;
            }
        });
        let mut received = Vec::new();
        while let Some(frame) = read_one(&mut far, "frames from write_frame")
            .await
            .unwrap_or_else(|e| panic!("read_frame failed with {e} on frames written by write_frame. Read: {PAGE}"))
        {
            received.push(frame);
            assert!(received.len() <= payloads.len(), "more frames came back than were written: {received:?}");
        }
        writer.await.expect("the writer task panicked");
        assert_eq!(
            received, payloads,
            "four frames (3, 0, 200 and 4 bytes) went through a pipe that holds 16 bytes at a time: read_frame \
             should give back each payload whole, then None.\n\n  Likely cause: a `read()` that returned fewer \
             bytes than asked for was taken as the whole payload; use `read_exact`.\n\n  Read: {PAGE}"
        );
    });
}

#[test]
fn a_clean_end_is_none_and_a_cut_frame_is_an_error() {
    grader::run(async || {
        let mut empty = pipe_sending(Vec::new());
        let clean = read_one(&mut empty, "an empty stream").await;
        assert!(
            matches!(clean, Ok(None)),
            "the stream ended cleanly between two frames (here, before the first): read_frame should return \
             Ok(None), the normal end, but it returned {clean:?}.\n\n  Likely cause: the header was read with \
             `read_u32()` or `read_exact`, which fail with UnexpectedEof at a clean end too. Read it with `read()`, \
             which returns 0 at the end of the stream, and look at whether any header byte had come.\n\n  Read: \
             {PAGE}"
        );
        let mut cut_header = pipe_sending(vec![(ms(0), vec![0, 0])]);
        let cut = read_one(&mut cut_header, "a stream cut inside the header").await;
        assert_eq!(
            cut.as_ref().map_err(|e| e.kind()).map(text),
            Err(ErrorKind::UnexpectedEof),
            "the stream ended after 2 of the 4 header bytes (cut inside the header): that is an UnexpectedEof \
             error, not a clean end. Read: {PAGE}"
        );
        let mut cut_payload = pipe_sending(vec![(ms(0), vec![0, 0, 0, 9, b'a', b'b'])]);
        let cut = read_one(&mut cut_payload, "a stream cut inside the payload").await;
        assert_eq!(
            cut.as_ref().map_err(|e| e.kind()).map(text),
            Err(ErrorKind::UnexpectedEof),
            "the stream ended after 2 of the 9 payload bytes (cut inside the payload): that is an UnexpectedEof \
             error (`read_exact` gives it). Read: {PAGE}"
        );
    });
}

#[test]
fn a_length_over_max_frame_is_refused_at_once() {
    grader::run(async || {
        // The peer announces 1 MiB and then sends nothing more, but keeps the connection open.
        let (mut far, mut near) = tokio::io::duplex(1024);
        far.write_all(&(1u32 << 20).to_be_bytes()).await.expect("the test could not write");
        let start = Instant::now();
        let result = tokio::time::timeout(secs(10), read_frame(&mut near)).await;
        let kind = match result {
            Ok(result) => result.map_err(|e| e.kind()).map(|frame| text(&frame)),
            Err(_) => panic!(
                "a peer announced a frame of 1 MiB (over MAX_FRAME, 64 KiB), and read_frame was still waiting for \
                 it 10 s later. It should refuse the frame at once with an InvalidData error, before reading (or \
                 allocating) the payload: otherwise any peer can make the server wait or allocate 4 GiB by \
                 sending 4 bytes.\n\n  Read: {PAGE}"
            ),
        };
        assert_eq!(
            (kind, start.elapsed()),
            (Err(ErrorKind::InvalidData), Duration::ZERO),
            "a length of 1 MiB is over MAX_FRAME: read_frame should fail at once with InvalidData, before reading \
             (or allocating) the payload. Read: {PAGE}"
        );
        drop(far);
    });
}
