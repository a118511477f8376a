// mistake: unwraps the JoinError of a finished export, so a crashed export panics in the caller
// expect: the `JoinError` of the crashed task was unwrapped
use std::time::Duration;

pub use sim::photos::{Album, Photo};
use sim::photos::{build_archive, email_link};
use tokio::task::{JoinError, JoinHandle};

pub fn start_export(album: Album, to: &str) -> JoinHandle<String> {
    let to = to.to_string();
    tokio::spawn(async move {
        let archive = build_archive(&album).await;
        email_link(&to, &archive).await;
        archive.url
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportError {
    TimedOut,
    Crashed,
}

pub async fn export_within(album: Album, to: &str, deadline: Duration) -> Result<String, ExportError> {
    let mut export = start_export(album, to);
    match tokio::time::timeout(deadline, &mut export).await {
        Ok(finished) => Ok(finished.unwrap()),
        Err(_elapsed) => {
            export.abort();
            export.await.map_err(why)
        }
    }
}

fn why(error: JoinError) -> ExportError {
    if error.is_panic() { ExportError::Crashed } else { ExportError::TimedOut }
}
