//! Solution to exercise 2.4.

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

/// Computes the checksum of every file in `names`, in order, on the blocking pool.
// ANCHOR: solution
pub async fn checksum_files(store: &FileStore, names: &[&str]) -> Result<Vec<(String, u32)>, BatchError> {
    let mut sums = Vec::with_capacity(names.len());
    for &name in names {
        let blob = store.read(name).await?;
        let sum = tokio::task::spawn_blocking(move || blob.checksum())
            .await
            .map_err(|_| BatchError::ChecksumPanicked { file: name.to_string() })?;
        sums.push((name.to_string(), sum));
    }
    Ok(sums)
}
// ANCHOR_END: solution
