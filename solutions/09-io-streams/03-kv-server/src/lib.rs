//! Solution to exercise 9.3.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use sim::net::Listener;
use tokio::io::{self, AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::task::JoinSet;

/// The data every connection shares.
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

// ANCHOR: handle
/// Serves one client until it closes its side.
pub async fn handle<S>(conn: S, store: Store) -> io::Result<()>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let (reader, mut writer) = io::split(conn);
    let mut lines = BufReader::new(reader).lines();
    while let Some(line) = lines.next_line().await? {
        let answer = apply(&store, &line);
        writer.write_all(format!("{answer}\n").as_bytes()).await?;
    }
    Ok(())
}
// ANCHOR_END: handle

// ANCHOR: solution
/// Accepts connections until the listener closes, serving each in its own task; returns once every connection
/// has ended, with how many there were.
pub async fn serve(mut listener: Listener) -> usize {
    let store = Store::default();
    let mut connections = JoinSet::new();
    let mut accepted = 0;
    while let Some(conn) = listener.accept().await {
        accepted += 1;
        let store = Arc::clone(&store); // one store, shared by every connection
        connections.spawn(async move {
            // A client that goes away mid-line ends its own connection, nobody else's.
            let _ = handle(conn, store).await;
        });
    }
    while connections.join_next().await.is_some() {} // the clients still connected
    accepted
}
// ANCHOR_END: solution
