//! Exercise 2.4: heavy work off the executor.
//!
//! Read: `src/02-runtime/04-spawn-blocking.md` (chapter 2, "Heavy work: `spawn_blocking`").
//! Grade: `cargo test` in this folder, or `cargo course check spawn-blocking` anywhere in the course.
//!
//! The file store `sim::files::FileStore` has two kinds of work. `store.read(name).await` is I/O: it takes 40 ms
//! of waiting and gives a `Blob`. `blob.checksum()` is computation: it crunches every byte on the thread that calls
//! it and never awaits, so called from async code it holds the executor until it is done. (Here it takes about a
//! millisecond; real hashing of real files takes much longer.)

use std::fmt;

use sim::files::{FileError, FileStore};

/// Why a batch of checksums stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BatchError {
    /// A file could not be read.
    Read(FileError),
    /// Computing the checksum of `file` panicked (its data is damaged).
    ChecksumPanicked { file: String },
}

impl From<FileError> for BatchError {
    fn from(e: FileError) -> Self {
        BatchError::Read(e)
    }
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BatchError::Read(e) => write!(f, "could not read a file: {e}"),
            BatchError::ChecksumPanicked { file } => write!(f, "the checksum of {file} failed"),
        }
    }
}

impl std::error::Error for BatchError {}

/// Computes the checksum of every file in `names`, in order, and returns `(name, checksum)` pairs in that order.
///
/// For each file: read it with `store.read(name).await`, then compute `blob.checksum()` **on tokio's blocking
/// thread pool** (`tokio::task::spawn_blocking`), so the executor stays free for other tasks while it runs; then
/// go on to the next file.
///
/// It stops at the first problem and returns it:
/// - a file that cannot be read gives `BatchError::Read(..)` (no later file is read);
/// - a checksum that panics gives `BatchError::ChecksumPanicked { file }`: the panic stays on the blocking thread,
///   and awaiting the job gives an `Err(JoinError)` instead of the checksum.
pub async fn checksum_files(store: &FileStore, names: &[&str]) -> Result<Vec<(String, u32)>, BatchError> {
    // TODO: loop over `names`. For each: `let blob = store.read(name).await?;` then
    // `tokio::task::spawn_blocking(move || blob.checksum())`, and `.await` the handle it returns: that gives
    // `Result<u32, JoinError>`. Turn an `Err` into `BatchError::ChecksumPanicked { file: name.to_string() }`
    // (`map_err` then `?`), and collect `(name.to_string(), checksum)` pairs.
    todo!("checksum {names:?} from {store:?}")
}
