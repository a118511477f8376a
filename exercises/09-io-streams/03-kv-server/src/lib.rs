//! Exercise 9.3: a key-value server for several clients at once.
//!
//! Read: `src/09-io-streams/03-kv-server.md` (chapter 9, "A server for many clients").
//! Grade: `cargo test` in this folder, or `cargo course check kv-server`.
//!
//! Clients connect through an in-memory listener (`sim::net`: `listener.accept().await` gives the next
//! connection, and `None` once nobody can connect any more). Each sends commands, one per line, and gets one
//! line back for each:
//!
//! | the client sends     | the server answers                         |
//! |----------------------|--------------------------------------------|
//! | `SET key some value` | `OK`                                       |
//! | `GET key`            | `VALUE some value`, or `NONE` if it is not set |
//! | anything else        | `ERR bad command: <the line>`              |
//!
//! [`apply`] already runs a command; you write the connection handler and the server.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use sim::net::Listener;
use tokio::io::{self, AsyncRead, AsyncWrite};

/// The data every connection shares: what one client sets, the others can get.
pub type Store = Arc<Mutex<HashMap<String, String>>>;

/// Runs one command against the store and gives the answer line (without its `\n`).
pub fn apply(store: &Store, line: &str) -> String {
    let mut words = line.splitn(3, ' ');
    let mut map = store.lock().expect("the store's lock was poisoned");
    match (words.next(), words.next(), words.next()) {
        (Some("SET"), Some(key), Some(value)) => {
            map.insert(key.to_string(), value.to_string());
            "OK".to_string()
        }
        (Some("GET"), Some(key), None) => match map.get(key) {
            Some(value) => format!("VALUE {value}"),
            None => "NONE".to_string(),
        },
        _ => format!("ERR bad command: {line}"),
    }
}

/// Serves one client: reads its lines and writes the answer to each ([`apply`]), followed by `\n`, as soon as
/// the line has arrived. Returns when the client closes its side (the end of the stream), or with the first I/O
/// error.
pub async fn handle<S>(conn: S, store: Store) -> io::Result<()>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    // TODO: as in exercise 9.1: `tokio::io::split(conn)`, `BufReader::new(reader).lines()`, and for each line
    // `writer.write_all(format!("{}\n", apply(&store, &line)).as_bytes()).await?`.
    let _ = (conn, store);
    todo!("answer one client's commands")
}

/// Runs the server: accepts connections until `listener.accept()` returns `None`, and serves every client **at
/// the same time** (a client must not wait for another one to leave), all sharing one [`Store`]. Returns once the
/// listener is closed *and* every client has left, with the number of connections it accepted.
pub async fn serve(listener: Listener) -> usize {
    // TODO: one `Store::default()`; `let mut connections = tokio::task::JoinSet::new();` then
    // `while let Some(conn) = listener.accept().await` (the listener must be `mut`): spawn `handle(conn, store)`
    // into the set, with its own clone of the `Arc`. After the loop, wait for the set to be empty
    // (`while connections.join_next().await.is_some() {}`) and return the count.
    let _ = listener;
    todo!("serve every client")
}
