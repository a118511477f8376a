// mistake: sleeps for the whole deadline and only then checks is_finished(), instead of a timeout on the handle
// expect: it waited out the whole deadline
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
    let export = start_export(album, to);
    tokio::time::sleep(deadline).await;
    if export.is_finished() {
        export.await.map_err(why)
    } else {
        export.abort();
        Err(ExportError::TimedOut)
    }
}

fn why(error: JoinError) -> ExportError {
    if error.is_panic() { ExportError::Crashed } else { ExportError::TimedOut }
}
