//! `broadcast`: every receiver gets every message (fan-out), and a slow receiver
//! that falls too far behind is told how much it missed.

use tokio::sync::broadcast;

// ANCHOR: fan_out
/// Three subscribers each get every announcement, in order.
pub async fn fan_out(announcements: &[&str]) -> Vec<Vec<String>> {
    let (tx, _) = broadcast::channel::<String>(16);
    let mut listeners = Vec::new();
    for _ in 0..3 {
        // subscribe before the sending starts, or miss what came before
        let mut rx = tx.subscribe();
        listeners.push(tokio::spawn(async move {
            let mut heard = Vec::new();
            while let Ok(news) = rx.recv().await {
                heard.push(news);
            }
            heard // `recv` gave `Err(Closed)`: every sender is gone
        }));
    }
    for news in announcements {
        tx.send(news.to_string()).expect("there are subscribers");
    }
    drop(tx);
    let mut all = Vec::new();
    for listener in listeners {
        all.push(listener.await.expect("a listener panicked"));
    }
    all
}
// ANCHOR_END: fan_out

// ANCHOR: lagged
/// A receiver that reads nothing while five messages go through a channel that keeps
/// only two: it is told it missed three, then gets the last two.
pub async fn slow_subscriber() -> Vec<String> {
    let (tx, mut rx) = broadcast::channel::<u32>(2);
    for n in 1..=5 {
        tx.send(n).unwrap();
    }
    drop(tx);
    let mut seen = Vec::new();
    loop {
        match rx.recv().await {
            Ok(n) => seen.push(format!("got {n}")),
            Err(broadcast::error::RecvError::Lagged(missed)) => {
                seen.push(format!("missed {missed}"))
            }
            Err(broadcast::error::RecvError::Closed) => return seen,
        }
    }
}
// ANCHOR_END: lagged

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn every_subscriber_hears_everything() {
        let heard = fan_out(&["render farm up", "drain at 18:00"]).await;
        assert_eq!(heard.len(), 3);
        assert!(heard.iter().all(|h| h == &["render farm up", "drain at 18:00"]));
    }

    #[tokio::test(start_paused = true)]
    async fn a_lagging_subscriber_is_told_what_it_missed() {
        assert_eq!(slow_subscriber().await, ["missed 3", "got 4", "got 5"]);
    }
}
