//! Why the graded tests never use a real socket: under a paused clock, tokio jumps to
//! the next timer as soon as it has nothing to run, even while a real socket is about
//! to receive data.

use std::io::Write as _;
use std::time::Duration;

use tokio::io::AsyncBufReadExt;

/// What happened when a client waited for a line from a real socket.
#[derive(Debug)]
pub struct Outcome {
    /// Whether the line arrived before the timeout.
    pub answered: bool,
    /// How much time tokio's clock says went by.
    pub virtual_time: Duration,
    /// How much time really went by.
    pub real_time: Duration,
}

// ANCHOR: paused_socket
/// A peer on a real loopback socket answers after 50 ms; the client gives it 10 s.
/// On a paused clock, the 10 s are over long before the 50 ms.
pub fn wait_for_a_real_socket(paused: bool) -> Outcome {
    let peer = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let addr = peer.local_addr().unwrap();
    let answering = std::thread::spawn(move || {
        let (mut conn, _) = peer.accept().unwrap();
        std::thread::sleep(Duration::from_millis(50)); // 50 ms of real time
        let _ = conn.write_all(b"here I am\n"); // the client may have given up
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all() // the I/O driver for sockets, and timers
        .start_paused(paused)
        .build()
        .unwrap();
    let real = std::time::Instant::now();
    let outcome = runtime.block_on(async {
        let start = tokio::time::Instant::now();
        let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let mut lines = tokio::io::BufReader::new(stream).lines();
        let line =
            tokio::time::timeout(Duration::from_secs(10), lines.next_line()).await;
        (line.is_ok(), start.elapsed())
    });
    answering.join().unwrap();
    Outcome {
        answered: outcome.0,
        virtual_time: outcome.1,
        real_time: real.elapsed(),
    }
}
// ANCHOR_END: paused_socket

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_the_real_clock_the_answer_comes_in_time() {
        let outcome = wait_for_a_real_socket(false);
        assert!(outcome.answered, "{outcome:?}");
        assert!(outcome.real_time >= Duration::from_millis(50), "{outcome:?}");
    }

    #[test]
    fn on_the_paused_clock_the_timeout_fires_first() {
        let outcome = wait_for_a_real_socket(true);
        assert!(!outcome.answered, "{outcome:?}");
        assert_eq!(outcome.virtual_time, Duration::from_secs(10), "{outcome:?}");
        assert!(outcome.real_time < Duration::from_secs(5), "{outcome:?}");
    }
}
