//! Graded tests for exercise 9.3, on tokio's paused clock. The clients connect through `sim::net`, an
//! in-memory listener whose connections are `tokio::io::duplex` pipes: every line arrives at an exact instant.

use std::time::Duration;

use grader::secs;
use grader::sim::net::{self, Connector};
use grader::sim::secs as show;
use kv_server::serve;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, DuplexStream, Lines, ReadHalf, WriteHalf};
use tokio::task::JoinHandle;
use tokio::time::Instant;

const PAGE: &str = "src/09-io-streams/03-kv-server.md";

/// How long a client waits for an answer before it gives up.
const PATIENCE: Duration = Duration::from_secs(10);

const NO_ANSWER: &str = "the server does not answer a line as soon as it arrives. `handle` reads one line at a \
                         time (`lines().next_line().await?`) and writes its answer, with its `\\n`, at once.";

const ONE_AT_A_TIME: &str = "the server serves one connection at a time: it awaits `handle(conn, ..)` in its \
                             accept loop, so the next client waits until the previous one leaves. Spawn each \
                             connection's `handle` as a task (into a `JoinSet`) and go straight back to \
                             `accept()`.";

struct Client {
    name: String,
    lines: Lines<BufReader<ReadHalf<DuplexStream>>>,
    writer: WriteHalf<DuplexStream>,
}

impl Client {
    async fn connect(connector: &Connector, name: &str) -> Client {
        let conn = connector.connect().await.expect("the listener should be there");
        let (reader, writer) = tokio::io::split(conn);
        Client { name: name.to_string(), lines: BufReader::new(reader).lines(), writer }
    }

    /// Sends `line` and checks that `expected` comes back at once; `cause` explains a missing answer.
    async fn ask(&mut self, line: &str, expected: &str, cause: &str) {
        let start = Instant::now();
        self.writer.write_all(format!("{line}\n").as_bytes()).await.expect("the client could not write");
        let answer = match tokio::time::timeout(PATIENCE, self.lines.next_line()).await {
            Ok(Ok(answer)) => answer,
            Ok(Err(e)) => panic!("{} sent {line:?} and the connection failed: {e}. Read: {PAGE}", self.name),
            Err(_) => {
                // what comes once the client closes its side tells why nothing came before
                let _ = self.writer.shutdown().await;
                let cause = match tokio::time::timeout(PATIENCE, self.lines.next_line()).await {
                    Ok(Ok(None)) | Ok(Err(_)) => {
                        "the answer never left the server: when the client closed its side, the server ended the \
                         connection without sending anything. The answer was written into a `BufWriter` that was \
                         never flushed (a `BufWriter` sends only when its buffer is full or on `flush().await`, \
                         and dropping it loses what it holds). Flush after each answer, or write to the \
                         connection directly."
                            .to_string()
                    }
                    Ok(Ok(Some(late))) => format!(
                        "the answer ({late:?}) came only once the client had closed its side: the server read \
                         all the input before answering, or left the `\\n` off its answers. Answer each line as \
                         soon as it is read, ending with `\\n`."
                    ),
                    Err(_) => cause.to_string(),
                };
                panic!(
                    "{} sent {line:?} and waited {} of virtual time for an answer, but none came.\n\n  Likely \
                     cause: {cause}\n\n  Read: {PAGE}",
                    self.name,
                    show(PATIENCE)
                )
            }
        };
        assert_eq!(
            answer.as_deref(),
            Some(expected),
            "{} sent {line:?} and expected {expected:?} back (None means the server closed the connection). \
             Read: {PAGE}",
            self.name
        );
        assert_eq!(start.elapsed(), Duration::ZERO, "the answer should come at once");
    }

    async fn leave(mut self) {
        self.writer.shutdown().await.expect("the client could not close its side");
    }
}

/// Starts `serve` in a task, with a connector to it.
fn start() -> (Connector, JoinHandle<usize>) {
    let (listener, connector) = net::listener();
    (connector, tokio::spawn(serve(listener)))
}

/// What `serve` returned, and when; fails if it does not return within `PATIENCE`.
async fn served(server: JoinHandle<usize>) -> (usize, Duration) {
    let start = Instant::now();
    match tokio::time::timeout(PATIENCE, server).await {
        Ok(Ok(count)) => (count, start.elapsed()),
        Ok(Err(e)) => panic!("`serve` panicked: {}\n\n  Read: {PAGE}", grader::task_panic(e)),
        Err(_) => panic!(
            "every client had left and the listener was closed, so `serve` should have returned; {} later it was \
             still running.\n\n  Likely cause: the accept loop does not end when `accept()` returns `None` \
             (`while let Some(conn) = listener.accept().await`), or a connection's `handle` does not return at \
             the end of its stream.\n\n  Read: {PAGE}",
            show(PATIENCE)
        ),
    }
}

/// Why `serve` returned while `client` was still connected, from what the connection does now: still answered
/// (its task went on, detached) or closed (its task was aborted with the `JoinSet`).
async fn returned_early_cause(client: &mut Client) -> &'static str {
    let asked = client.writer.write_all(b"GET anything\n").await.is_ok();
    let answered = asked && matches!(tokio::time::timeout(PATIENCE, client.lines.next_line()).await, Ok(Ok(Some(_))));
    if answered {
        "the accept loop ended and `serve` returned without waiting for the connections' tasks, which went on on \
         their own (the client was still connected and still answered): a plain `tokio::spawn` is not waited for. \
         Keep the tasks in a `JoinSet` and `while set.join_next().await.is_some() {}` after the loop."
    } else {
        "the JoinSet of connection tasks was dropped when `serve` returned after the accept loop, and a dropped \
         `JoinSet` aborts every task in it: the client's connection was closed under it (its next line got no \
         answer, only the end of the stream). Wait for the tasks before returning: `while \
         set.join_next().await.is_some() {}` after the loop."
    }
}

#[test]
fn one_client_sets_and_gets() {
    grader::run(async || {
        let (connector, server) = start();
        let mut client = Client::connect(&connector, "the client").await;
        drop(connector);
        client.ask("SET color deep blue", "OK", NO_ANSWER).await;
        client.ask("GET color", "VALUE deep blue", NO_ANSWER).await;
        client.ask("GET size", "NONE", NO_ANSWER).await;
        client.ask("DELETE color", "ERR bad command: DELETE color", NO_ANSWER).await;
        client.leave().await;
        let (count, _) = served(server).await;
        assert_eq!(count, 1, "`serve` accepted one connection and should return 1. Read: {PAGE}");
    });
}

#[test]
fn clients_are_served_at_the_same_time_and_share_the_store() {
    grader::run(async || {
        let (connector, server) = start();
        let mut alice = Client::connect(&connector, "alice").await;
        alice.ask("SET greeting hello", "OK", NO_ANSWER).await;
        // alice stays connected while bob talks to the server.
        let mut bob = Client::connect(&connector, "bob (connected while alice still is)").await;
        bob.ask("SET answer 42", "OK", ONE_AT_A_TIME).await;
        let mut got = String::new();
        bob.writer.write_all(b"GET greeting\n").await.expect("bob could not write");
        if let Ok(Ok(Some(line))) = tokio::time::timeout(PATIENCE, bob.lines.next_line()).await {
            got = line;
        }
        assert_eq!(
            got, "VALUE hello",
            "alice set `greeting` to `hello`; then bob asked `GET greeting` and should get `VALUE hello`.\n\n  \
             Likely cause: each connection got its own store. There is one `Store` for the whole server, \
             shared: clone the `Arc` for each connection's task (`Arc::clone(&store)`), not the map.\n\n  Read: \
             {PAGE}"
        );
        alice.ask("GET answer", "VALUE 42", NO_ANSWER).await;

        // Twenty more clients, all connected at once, each setting a key and reading its neighbour's.
        let mut clients = Vec::new();
        for i in 0..20 {
            let mut client = Client::connect(&connector, &format!("client {i}")).await;
            client.ask(&format!("SET key{i} value{i}"), "OK", ONE_AT_A_TIME).await;
            clients.push(client);
        }
        drop(connector);
        for (i, client) in clients.iter_mut().enumerate() {
            let next = (i + 1) % 20;
            client.ask(&format!("GET key{next}"), &format!("VALUE value{next}"), ONE_AT_A_TIME).await;
        }
        for client in clients {
            client.leave().await;
        }
        alice.leave().await;
        bob.leave().await;
        let (count, _) = served(server).await;
        assert_eq!(count, 22, "`serve` accepted 22 connections and should return 22. Read: {PAGE}");
    });
}

#[test]
fn serve_returns_only_once_every_client_has_left() {
    grader::run(async || {
        let (connector, server) = start();
        let mut client = Client::connect(&connector, "the client").await;
        drop(connector); // the listener is closed: nobody else can connect
        tokio::time::sleep(secs(1)).await;
        if server.is_finished() {
            let cause = returned_early_cause(&mut client).await;
            panic!(
                "the listener was closed at 0 s, but a client was still connected, and `serve` had already \
                 returned by 1 s. It should keep serving the clients still connected and return only once they \
                 have all left.\n\n  Likely cause: {cause}\n\n  Read: {PAGE}"
            );
        }
        client.ask("SET late yes", "OK", NO_ANSWER).await;
        tokio::time::sleep(secs(1)).await;
        client.ask("GET late", "VALUE yes", NO_ANSWER).await;
        client.leave().await;
        let (count, took) = served(server).await;
        assert_eq!(
            (count, took),
            (1, Duration::ZERO),
            "the last client left at 2 s: `serve` should return at once then, with 1 connection. Read: {PAGE}"
        );
    });
}

#[test]
fn serve_waits_for_the_last_of_several_clients() {
    grader::run(async || {
        let (connector, server) = start();
        let mut clients = Vec::new();
        for name in ["ann", "ben", "cat"] {
            let mut client = Client::connect(&connector, name).await;
            client.ask(&format!("SET {name} here"), "OK", ONE_AT_A_TIME).await;
            clients.push(client);
        }
        drop(connector); // the listener is closed at 0 s, with three clients still connected
        // ann leaves at 1 s, ben at 2 s, cat at 3 s; each still talks to the server just before it leaves.
        let start = Instant::now();
        for (i, mut client) in clients.into_iter().enumerate() {
            let leaves_at = secs(i as u64 + 1);
            tokio::time::sleep_until(start + leaves_at).await;
            let returned_early = server.is_finished();
            if returned_early && i == 0 {
                let cause = returned_early_cause(&mut client).await;
                panic!(
                    "the listener was closed at 0 s with three clients connected (ann, ben, cat), which leave at \
                     1 s, 2 s and 3 s. `serve` had returned by 1 s, before any of them left.\n\n  Likely cause: \
                     {cause}\n\n  Read: {PAGE}"
                );
            }
            assert!(
                !returned_early,
                "the listener was closed at 0 s with three clients connected (ann, ben, cat), which leave at 1 s, \
                 2 s and 3 s. `serve` had returned by {}, while {} still connected.\n\n  Likely cause: \
                 after the accept loop, `serve` waits for only one connection's task (a single \
                 `set.join_next().await`, which returns as soon as ANY task ends), so it returns when the first \
                 client leaves. Wait for all of them: `while set.join_next().await.is_some() {{}}` (or \
                 `set.join_all().await`).\n\n  Read: {PAGE}",
                show(leaves_at),
                ["ann, ben and cat were", "ben and cat were", "cat was"][i]
            );
            client.ask("GET ann", "VALUE here", NO_ANSWER).await;
            client.leave().await;
        }
        let (count, took) = served(server).await;
        assert_eq!(
            (count, took),
            (3, Duration::ZERO),
            "the last client, cat, left at 3 s: `serve` should return at once then, with 3 connections. Read: {PAGE}"
        );
    });
}

#[test]
fn a_closed_listener_with_no_clients_returns_at_once() {
    grader::run(async || {
        let (connector, server) = start();
        drop(connector);
        let (count, took) = served(server).await;
        assert_eq!(
            (count, took),
            (0, Duration::ZERO),
            "nobody connected: `serve` should return 0 at once. Read: {PAGE}"
        );
    });
}
