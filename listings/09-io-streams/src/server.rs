//! A server for many clients: an accept loop that hands each connection to a task.

use sim::net::Listener;

use crate::lines::shout;

// ANCHOR: serve
/// Serves every client at the same time, each in its own task.
pub async fn serve(mut listener: Listener) {
    while let Some(conn) = listener.accept().await {
        tokio::spawn(async move {
            if let Err(e) = shout(conn).await {
                eprintln!("a client left badly: {e}"); // only this connection ends
            }
        });
        // straight back to `accept()`: the next client does not wait
    }
}
// ANCHOR_END: serve

// ANCHOR: one_at_a_time
/// The classic mistake: the loop awaits each client before it accepts the next one.
pub async fn serve_one_at_a_time(mut listener: Listener) {
    while let Some(conn) = listener.accept().await {
        let _ = shout(conn).await; // nobody else is served until this client leaves
    }
}
// ANCHOR_END: one_at_a_time

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::ask;
    use std::time::Duration;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn two_clients_at_once() {
        let (listener, connector) = sim::net::listener();
        tokio::spawn(serve(listener));
        let start = Instant::now();
        let alice = connector.connect().await.unwrap();
        let _alice = tokio::io::split(alice); // stays connected
        let bob = connector.connect().await.unwrap();
        assert_eq!(ask(bob, &["hi"]).await.unwrap(), ["HI"]);
        assert_eq!(start.elapsed(), Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn one_at_a_time_keeps_the_second_client_waiting() {
        let (listener, connector) = sim::net::listener();
        tokio::spawn(serve_one_at_a_time(listener));
        let alice = connector.connect().await.unwrap();
        let bob = connector.connect().await.unwrap();
        let waited =
            tokio::time::timeout(Duration::from_secs(60), ask(bob, &["hi"])).await;
        assert!(waited.is_err(), "bob waits as long as alice is connected");
        drop(alice);
    }
}
