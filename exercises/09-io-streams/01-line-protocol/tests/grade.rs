//! Graded tests for exercise 9.1, on tokio's paused clock. The client is the other end of an in-memory
//! `tokio::io::duplex` pipe, so every line arrives at an exact virtual instant.

use std::time::Duration;

use grader::sim::secs as show;
use grader::{ms, secs};
use line_protocol::serve;
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream, ReadHalf, WriteHalf};
use tokio::task::JoinHandle;
use tokio::time::Instant;

const PAGE: &str = "src/09-io-streams/01-line-protocol.md";

/// How long the client waits for an answer before it gives up.
const PATIENCE: Duration = Duration::from_secs(10);

const WHOLE_INPUT: &str = "the server waits for the whole input (`read_to_end`, `read_to_string`, or collecting \
                           every line first) before it answers, but the client waits for each answer before it \
                           sends more, and has not closed the connection. Read one line at a time with \
                           `BufReader::new(reader).lines()` and `next_line().await`, and write each answer at once. \
                           (Or the answers were written into a `BufWriter` that was never flushed: nothing \
                           reaches the client until `writer.flush().await`.)";

/// The client's end of a connection to `serve`, which runs in its own task.
struct Client {
    reader: ReadHalf<DuplexStream>,
    writer: WriteHalf<DuplexStream>,
    /// Bytes received and not yet taken as a line.
    received: Vec<u8>,
    server: JoinHandle<std::io::Result<u32>>,
    start: Instant,
}

impl Client {
    fn connect() -> Client {
        let (client, server_end) = tokio::io::duplex(4096);
        let server = tokio::spawn(serve(server_end));
        let (reader, writer) = tokio::io::split(client);
        Client { reader, writer, received: Vec::new(), server, start: Instant::now() }
    }

    async fn send(&mut self, text: &str) {
        self.writer.write_all(text.as_bytes()).await.expect("the client could not write to the connection");
    }

    /// The next line from the server (without its `\n`), or `None` if the server closed the connection first.
    /// Fails with an explanation if nothing comes within `PATIENCE`.
    async fn answer(&mut self, to: &str) -> Option<String> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(end) = self.received.iter().position(|&b| b == b'\n') {
                let line: Vec<u8> = self.received.drain(..=end).collect();
                return Some(String::from_utf8_lossy(&line[..end]).into_owned());
            }
            let mut buf = [0; 1024];
            match tokio::time::timeout_at(deadline, self.reader.read(&mut buf)).await {
                Ok(Ok(0)) | Ok(Err(_)) => {
                    assert!(
                        self.received.is_empty(),
                        "the server sent {:?} and closed the connection: an answer is a line, which ends with \
                         `\\n`. Read: {PAGE}",
                        String::from_utf8_lossy(&self.received)
                    );
                    return None;
                }
                Ok(Ok(n)) => self.received.extend_from_slice(&buf[..n]),
                Err(_) if !self.received.is_empty() => panic!(
                    "the client sent `{to}` and received {:?}, but no `\\n` came after it in {} of virtual time, so \
                     the client is still waiting for the end of the line.\n\n  Likely cause: the answer was \
                     written without its `\\n`. Each answer is one line: write `format!(\"{{reply}}\\n\")`.\n\n  \
                     Read: {PAGE}",
                    String::from_utf8_lossy(&self.received),
                    show(PATIENCE)
                ),
                Err(_) if self.server.is_finished() => panic!(
                    "the client sent `{to}` and waited for an answer, but the server had already returned \
                     without answering (it returned {}).\n\n  Read: {PAGE}",
                    describe(&mut self.server).await
                ),
                Err(_) => panic!(
                    "the client sent `{to}` and waited {} of virtual time for an answer, but none came.\n\n  \
                     Likely cause: {WHOLE_INPUT}\n\n  Read: {PAGE}",
                    show(PATIENCE)
                ),
            }
        }
    }

    /// Sends `line` (with its `\n`) and checks that `expected` comes back at once.
    async fn ask(&mut self, line: &str, expected: &str) {
        let sent_at = self.start.elapsed();
        self.send(&format!("{line}\n")).await;
        let answer = self.answer(&format!("{line}\\n")).await;
        assert_eq!(
            answer.as_deref(),
            Some(expected),
            "the client sent {line:?} and expected the answer {expected:?} (None means the connection was \
             closed). Read: {PAGE}"
        );
        let at = self.start.elapsed();
        assert_eq!(
            at,
            sent_at,
            "the client sent {line:?} at {} and got its answer at {}: the server should answer as soon as a line \
             has arrived, without waiting. Read: {PAGE}",
            show(sent_at),
            show(at)
        );
    }

    /// What `serve` returned, once the client has closed its side; fails if it does not return at once.
    async fn served(mut self, what: &str) -> u32 {
        let waited = tokio::time::timeout(PATIENCE, &mut self.server).await;
        let returned = waited.unwrap_or_else(|_| {
            panic!(
                "{what}, so `serve` should have returned at once; {} later it had not.\n\n  Likely cause: the loop \
                 does not end at the end of the stream. `lines.next_line().await?` gives `None` there: `while let \
                 Some(line) = ...` stops on it.\n\n  Read: {PAGE}",
                show(PATIENCE)
            )
        });
        let returned =
            returned.unwrap_or_else(|e| panic!("`serve` panicked: {}\n\n  Read: {PAGE}", grader::task_panic(e)));
        returned.unwrap_or_else(|e| {
            panic!("`serve` returned an error, {e}, where it should count the lines it answered. Read: {PAGE}")
        })
    }
}

async fn describe(server: &mut JoinHandle<std::io::Result<u32>>) -> String {
    match server.await {
        Ok(Ok(n)) => format!("Ok({n})"),
        Ok(Err(e)) => format!("the error {e}"),
        Err(e) => format!("nothing: it panicked: {}", grader::task_panic(e)),
    }
}

#[test]
fn answers_each_line_as_soon_as_it_arrives() {
    grader::run(async || {
        let mut client = Client::connect();
        client.ask("PING", "PONG").await;
        tokio::time::sleep(secs(2)).await;
        client.ask("ECHO hello there", "hello there").await;
        client.ask("HELLO", "ERR unknown command: HELLO").await;
        client.writer.shutdown().await.expect("the client could not close its side");
        let answered = client.served("the client closed its side after three lines").await;
        assert_eq!(answered, 3, "`serve` answered three lines and should return Ok(3). Read: {PAGE}");
    });
}

#[test]
fn a_line_may_arrive_in_pieces_and_lines_may_arrive_together() {
    grader::run(async || {
        let mut client = Client::connect();
        client.send("PI").await;
        tokio::time::sleep(ms(100)).await;
        client.send("NG\n").await;
        let first = client.answer("PI, then NG\\n 100 ms later").await;
        assert_eq!(
            first.as_deref(),
            Some("PONG"),
            "the line `PING` arrived in two pieces (`PI` at 0 s, `NG\\n` at 0.1 s): it should get one answer, \
             `PONG`, once the `\\n` has come.\n\n  Likely cause: each `read()` was taken for one line. A read gives \
             whatever bytes have arrived so far: part of a line, or several lines. `lines().next_line()` (or \
             `read_line`) collects bytes up to the `\\n` for you.\n\n  Read: {PAGE}"
        );
        assert_eq!(client.start.elapsed(), ms(100), "the answer to PING should come when its `\\n` arrives, at 0.1 s");
        client.send("ECHO one\nECHO two\n").await;
        let (one, two) = (client.answer("ECHO one\\nECHO two\\n").await, client.answer("ECHO one\\nECHO two\\n").await);
        assert_eq!(
            (one.as_deref(), two.as_deref()),
            (Some("one"), Some("two")),
            "two lines arrived in one piece, `ECHO one\\nECHO two\\n`: each should get its own answer, `one` then \
             `two`.\n\n  Likely cause: each `read()` was taken for one line (lines arrived in pieces or together); \
             read line by line with `lines().next_line()`.\n\n  Read: {PAGE}"
        );
        client.writer.shutdown().await.expect("the client could not close its side");
        let answered = client.served("the client closed its side after three lines").await;
        assert_eq!(answered, 3, "`serve` answered three lines (PING, ECHO one, ECHO two) and should return Ok(3)");
    });
}

#[test]
fn quit_says_bye_and_closes_the_connection() {
    grader::run(async || {
        let mut client = Client::connect();
        client.ask("PING", "PONG").await;
        client.send("QUIT\n").await;
        let bye = client.answer("QUIT\\n").await;
        assert_eq!(bye.as_deref(), Some("BYE"), "the answer to QUIT should be BYE. Read: {PAGE}");
        // The client keeps its side open: the server must close the connection itself.
        let mut rest = Vec::new();
        let closed = tokio::time::timeout(PATIENCE, client.reader.read_to_end(&mut rest)).await;
        assert!(
            closed.is_ok(),
            "after `BYE` the server should close the connection (the client keeps its own side open), but {} \
             later it was still open.\n\n  Likely cause: the loop goes on after `QUIT`: `break` out of it once \
             `BYE` is written; the stream is dropped when `serve` returns, which closes the connection.\n\n  \
             Read: {PAGE}",
            show(PATIENCE)
        );
        assert!(
            rest.is_empty(),
            "after `BYE` the server sent {:?}: nothing should come after it. Read: {PAGE}",
            String::from_utf8_lossy(&rest)
        );
        let answered = client.served("the server answered QUIT").await;
        assert_eq!(answered, 2, "`serve` answered two lines (PING and QUIT) and should return Ok(2). Read: {PAGE}");
    });
}

#[test]
fn stops_at_the_end_of_the_stream() {
    grader::run(async || {
        let mut client = Client::connect();
        client.writer.shutdown().await.expect("the client could not close its side");
        let answered = client.served("the client closed its side without sending anything").await;
        assert_eq!(answered, 0, "`serve` answered nothing and should return Ok(0). Read: {PAGE}");
    });
}

#[test]
fn a_last_line_without_its_newline_still_counts() {
    grader::run(async || {
        let mut client = Client::connect();
        client.ask("PING", "PONG").await;
        // The last line has no `\n`: the client closes its side right after it.
        client.send("ECHO last words").await;
        client.writer.shutdown().await.expect("the client could not close its side");
        let last = client.answer("ECHO last words (no \\n), then closed its side").await;
        assert_eq!(
            last.as_deref(),
            Some("last words"),
            "the client sent `ECHO last words` without a `\\n` and closed its side: the end of the stream ends \
             that line, which still counts and should be answered `last words` (None means the server closed the \
             connection without answering).\n\n  Likely cause: a line is taken only when its `\\n` has come, \
             so the bytes left at the end of the stream are dropped. `lines().next_line()` gives that last line \
             before `None`; with `read_line`/`read_until`, a last chunk without `\\n` is a line too.\n\n  \
             Read: {PAGE}"
        );
        let answered = client.served("the client closed its side after two lines").await;
        assert_eq!(answered, 2, "`serve` answered two lines (PING and ECHO) and should return Ok(2). Read: {PAGE}");
    });
}
