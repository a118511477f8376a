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
        if at < ms(100) {
            let returned = match &frame {
                Ok(frame) => text(frame),
                Err(e) => format!("the error {e:?}"),
            };
            grader::Page::new(PAGE)
                .failure(format!(
                    "a frame's 4-byte header arrived in two pieces: [0, 0] at 0 s, then [0, 11, ..] at 0.100 s. \
                     read_frame returned {returned} at {}, before the header was complete.",
                    show(at)
                ))
                .cause(
                    "the header was read with a single `read`, and a short read split the header: `read` gives \
                     what has arrived (here 2 of the 4 bytes) and the rest of the buffer kept its zeros. Read the \
                     header with `read_exact(&mut header)`, or keep calling `read` until the 4 bytes are there (a \
                     first `read` of 0 bytes is the clean end).",
                )
                .fail();
        }
        let frame = frame.unwrap_or_else(|e| panic!("read_frame failed with {e} on a complete frame. Read: {PAGE}"));
        assert!(
            frame.as_deref() == Some(b"hello world".as_slice()) && at == ms(250),
            "a frame of 11 bytes, \"hello world\", arrived in three pieces (the last at 0.250 s): read_frame should \
             return it whole when its last byte has come, at 0.250 s. It returned {} at {}.\n\n  Likely cause: one \
             `read()` was taken for the whole payload. A read gives what has arrived so far, which may \
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

/// `write_frame` into a `Vec`, which takes any number of bytes at once; fails if it does not return within
/// `PATIENCE`.
async fn write_to_vec(payload: &[u8]) -> (std::io::Result<()>, Vec<u8>) {
    let mut sent = Vec::new();
    match tokio::time::timeout(PATIENCE, write_frame(&mut sent, payload)).await {
        Ok(result) => (result, sent),
        Err(_) => panic!(
            "write_frame of {} bytes into a `Vec<u8>` (which takes every byte at once) had not returned after {} \
             of virtual time.\n\n  Read: {PAGE}",
            payload.len(),
            show(PATIENCE)
        ),
    }
}

#[test]
fn exactly_max_frame_is_allowed_and_one_byte_more_is_refused() {
    grader::run(async || {
        // One byte over: refused by write_frame, with nothing written.
        let (refused, sent) = write_to_vec(&vec![7; MAX_FRAME + 1]).await;
        match refused {
            Err(e) if e.kind() == ErrorKind::InvalidInput && sent.is_empty() => {}
            Err(e) if sent.is_empty() => panic!(
                "write_frame of MAX_FRAME + 1 bytes (65537) was refused with a {:?} error ({e}): it should be an \
                 InvalidInput error (the caller's mistake). Read: {PAGE}",
                e.kind()
            ),
            result => panic!(
                "write_frame of MAX_FRAME + 1 bytes (65537) returned {result:?} after writing {} bytes: it should \
                 refuse the payload with an InvalidInput error before writing anything.\n\n  Likely cause: \
                 write_frame does not check the payload's length against MAX_FRAME (only read_frame does). Check \
                 it first: `if payload.len() > MAX_FRAME {{ return Err(io::Error::new(io::ErrorKind::InvalidInput, \
                 ..)) }}`; a peer would refuse such a frame anyway.\n\n  Read: {PAGE}",
                sent.len()
            ),
        }
        // Exactly MAX_FRAME: the largest payload allowed, written and read back.
        let payload: Vec<u8> = (0..MAX_FRAME).map(|i| (i % 251) as u8).collect();
        let (written, sent) = write_to_vec(&payload).await;
        if let Err(e) = written {
            panic!(
                "write_frame of exactly MAX_FRAME bytes (65536) failed with {e}: MAX_FRAME is the largest payload \
                 allowed, not the first one refused.\n\n  Likely cause: an off-by-one in the check: `>= \
                 MAX_FRAME` where `> MAX_FRAME` is meant.\n\n  Read: {PAGE}"
            );
        }
        assert!(
            sent.len() == 4 + MAX_FRAME && sent[..4] == [0, 1, 0, 0] && sent[4..] == payload[..],
            "write_frame of exactly MAX_FRAME bytes (65536) should send [0, 1, 0, 0] then the 65536 bytes; it sent \
             {} bytes starting with {:?}. Read: {PAGE}",
            sent.len(),
            &sent[..sent.len().min(8)]
        );
        let mut reader = sent.as_slice();
        let read = tokio::time::timeout(PATIENCE, read_frame(&mut reader)).await;
        match read {
            Ok(Ok(Some(frame))) if frame == payload => {}
            Ok(Err(e)) => panic!(
                "read_frame of a frame of exactly MAX_FRAME bytes (65536) failed with {e}: MAX_FRAME is the largest \
                 payload allowed, not the first one refused.\n\n  Likely cause: an off-by-one in the check: `>= \
                 MAX_FRAME` where `> MAX_FRAME` is meant.\n\n  Read: {PAGE}"
            ),
            other => panic!(
                "read_frame of a whole frame of exactly MAX_FRAME bytes (65536) should give the payload back; it \
                 gave {}. Read: {PAGE}",
                match other {
                    Ok(Ok(frame)) => format!("{} bytes", frame.map_or("None".to_string(), |f| f.len().to_string())),
                    _ => "nothing: it was still waiting".to_string(),
                }
            ),
        }
        // One byte over, announced by a peer: refused by read_frame.
        let over = (MAX_FRAME as u32 + 1).to_be_bytes();
        let mut reader = over.as_slice();
        let read = tokio::time::timeout(PATIENCE, read_frame(&mut reader)).await;
        let kind = read.map(|r| r.map_err(|e| e.kind()).map(|frame| text(&frame)));
        assert_eq!(
            kind,
            Ok(Err(ErrorKind::InvalidData)),
            "a peer announced a frame of MAX_FRAME + 1 bytes (65537): read_frame should refuse it at once with \
             InvalidData, before reading (or allocating) the payload (Ok(..) is what it returned; Err(Elapsed) means \
             it was still waiting).\n\n  Likely cause: the check lets MAX_FRAME + 1 through (`> MAX_FRAME + 1`, \
             or no check).\n\n  Read: {PAGE}"
        );
    });
}

#[test]
fn write_frame_flushes_so_a_bufwriter_sends_the_frame() {
    grader::run(async || {
        let (near, mut far) = tokio::io::duplex(1024);
        // A `BufWriter` keeps what is written until it is flushed (or its buffer of 8 KiB fills up).
        let mut buffered = tokio::io::BufWriter::new(near);
        write_frame(&mut buffered, b"hello").await.expect("write_frame should succeed");
        let mut got = [0; 9];
        let arrived = tokio::time::timeout(PATIENCE, far.read_exact(&mut got)).await;
        assert!(
            arrived.is_ok(),
            "write_frame(b\"hello\") into a `tokio::io::BufWriter` returned, but {} later the frame had not \
             reached the other end.\n\n  Likely cause: write_frame does not flush. A buffered writer keeps the \
             bytes until it is flushed, so the peer waits for ever: end write_frame with `writer.flush().await`, \
             as its doc says. (Python: `writer.write()` then `await writer.drain()`.)\n\n  Read: {PAGE}",
            show(PATIENCE)
        );
        assert_eq!(
            got,
            [0, 0, 0, 5, b'h', b'e', b'l', b'l', b'o'],
            "write_frame(b\"hello\") through a `BufWriter` should send [0, 0, 0, 5, h, e, l, l, o]. Read: {PAGE}"
        );
        drop(buffered);
    });
}
