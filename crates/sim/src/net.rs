//! In-memory connections (chapter 9): a [`Listener`] that accepts connections and a [`Connector`] that opens
//! them, like a `TcpListener` and `TcpStream::connect` on 127.0.0.1, but without a network.
//!
//! Each connection is a pair of `tokio::io::DuplexStream`s (`tokio::io::duplex`): what one end writes, the other end reads.
//! Both ends implement `AsyncRead` and `AsyncWrite`, so code written for any `AsyncRead + AsyncWrite` stream (a
//! `TcpStream` included) serves them unchanged. Nothing here waits on real I/O, so under tokio's paused clock
//! everything happens at an exact virtual instant: a client that writes a line at 2 s is read at 2 s.
//!
//! | call                     | gives                                                                   |
//! |--------------------------|-------------------------------------------------------------------------|
//! | [`listener()`]           | a `(Listener, Connector)` pair                                          |
//! | [`Connector::connect`]   | the client's end of a new connection, at once                           |
//! | [`Listener::accept`]     | the server's end of the next connection; `None` once every `Connector` is gone and none is waiting |
//!
//! The `Connector` can be cloned (one per client task). Unlike a real listener, which can always be connected
//! to again, this one *closes*: when every `Connector` has been dropped, `accept()` returns `None`, so a server
//! loop `while let Some(conn) = listener.accept().await` ends by itself, as a `Receiver` loop does.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread", start_paused = true)]
//! # async fn main() {
//! use tokio::io::{AsyncReadExt, AsyncWriteExt};
//!
//! let (mut listener, connector) = sim::net::listener();
//! let mut client = connector.connect().await.expect("the listener is there");
//! drop(connector); // nobody else will connect
//! client.write_all(b"hi").await.unwrap();
//!
//! let mut server_end = listener.accept().await.expect("one connection");
//! let mut two = [0; 2];
//! server_end.read_exact(&mut two).await.unwrap();
//! assert_eq!(&two, b"hi");
//! assert!(listener.accept().await.is_none()); // every connector is gone
//! # }
//! ```

use std::io;

use tokio::sync::mpsc;

/// One end of a connection: `tokio::io::DuplexStream`, which implements `AsyncRead` and `AsyncWrite`.
pub use tokio::io::DuplexStream as Connection;

/// How many bytes each direction of a connection holds before a writer has to wait for the reader: enough for
/// every message the exercises send.
pub const BUFFER: usize = 64 * 1024;

/// How many connections may wait to be accepted (a listener's backlog).
pub const BACKLOG: usize = 128;

/// A new listener and the connector that opens connections to it.
pub fn listener() -> (Listener, Connector) {
    let (tx, rx) = mpsc::channel(BACKLOG);
    (Listener { incoming: rx }, Connector { listener: tx })
}

/// The server side: accepts the connections that [`Connector::connect`] opens.
#[derive(Debug)]
pub struct Listener {
    incoming: mpsc::Receiver<Connection>,
}

impl Listener {
    /// Waits for the next connection and gives the server's end of it. Returns `None` once every [`Connector`]
    /// has been dropped and every connection opened before has been accepted.
    pub async fn accept(&mut self) -> Option<Connection> {
        self.incoming.recv().await
    }
}

/// The client side: opens connections to its [`Listener`]. Clone it to let several tasks connect.
#[derive(Clone, Debug)]
pub struct Connector {
    listener: mpsc::Sender<Connection>,
}

impl Connector {
    /// Opens a connection and gives the client's end of it. Fails with `ConnectionRefused` if the listener has
    /// been dropped. Waits only if [`BACKLOG`] connections are already waiting to be accepted.
    pub async fn connect(&self) -> io::Result<Connection> {
        let (client, server) = tokio::io::duplex(BUFFER);
        self.listener
            .send(server)
            .await
            .map_err(|_| io::Error::new(io::ErrorKind::ConnectionRefused, "the listener is gone"))?;
        Ok(client)
    }
}
