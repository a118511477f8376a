//! A file store with slow reads and a CPU-heavy checksum (chapter 2).
//!
//! Reading a file is I/O: [`FileStore::read`] waits [`READ_LATENCY`] on tokio's clock. Checksumming it is
//! computation: [`Blob::checksum`] runs an Adler-32 checksum over every byte, on whatever thread calls it, and never
//! awaits. It stands in for the heavy work of real programs (hashing, compressing, parsing), scaled down so that a
//! test stays fast: it takes no virtual time and about a millisecond of real time.
//!
//! | file          | size      | note                                            |
//! |---------------|-----------|-------------------------------------------------|
//! | `notes.txt`   | 4 KiB     |                                                 |
//! | `photo.jpg`   | 96 KiB    |                                                 |
//! | `backup.tar`  | 256 KiB   |                                                 |
//! | `damaged.bin` | 64 KiB    | reads fine, but its checksum **panics** (a bad block) |
//!
//! Any other name gives [`FileError::NotFound`] (after the same latency). Each read is recorded in the
//! [`journal`](crate::journal) as a span such as `read photo.jpg`.
//!
//! So that tests can tell *where* the heavy work ran, a store remembers, for every checksum computed on a blob it
//! read, which thread computed it and whether that thread belonged to a tokio runtime ([`FileStore::checksum_runs`]).
//!
//! ```
//! # #[tokio::main(flavor = "current_thread", start_paused = true)]
//! # async fn main() {
//! use sim::files::FileStore;
//! let store = FileStore::new();
//! let blob = store.read("notes.txt").await.unwrap(); // 40 ms
//! assert_eq!(blob.len(), 4 * 1024);
//! let sum = tokio::task::spawn_blocking(move || blob.checksum()).await.unwrap();
//! assert_eq!(sum, sim::files::checksum(&sim::files::contents("notes.txt").unwrap()));
//! assert_ne!(store.checksum_runs()[0].thread, std::thread::current().id()); // it ran on the blocking pool
//! # }
//! ```

use std::fmt;
use std::sync::{Arc, Mutex};
use std::thread::ThreadId;
use std::time::Duration;

use crate::journal::work;

/// How long one [`FileStore::read`] takes, whatever the file's size.
pub const READ_LATENCY: Duration = Duration::from_millis(40);

/// The files in the store and their sizes in bytes.
const FILES: [(&str, usize); 4] =
    [("notes.txt", 4 * 1024), ("photo.jpg", 96 * 1024), ("backup.tar", 256 * 1024), ("damaged.bin", 64 * 1024)];

/// The file whose checksum panics.
const DAMAGED: &str = "damaged.bin";

/// The bytes of file `name`, known without waiting: for tests and examples. The contents are made up, but always
/// the same for the same name.
pub fn contents(name: &str) -> Option<Vec<u8>> {
    let &(_, size) = FILES.iter().find(|(n, _)| *n == name)?;
    // A small xorshift generator seeded from the name: deterministic filler.
    let mut state =
        name.bytes().fold(0x9E37_79B9_7F4A_7C15_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3));
    Some(
        (0..size)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 32) as u8
            })
            .collect(),
    )
}

/// The Adler-32 checksum of `bytes`: pure computation, no waiting. [`Blob::checksum`] computes the same value.
///
/// ```
/// assert_eq!(sim::files::checksum(b"Wikipedia"), 0x11E6_0398);
/// ```
pub fn checksum(bytes: &[u8]) -> u32 {
    const MOD: u32 = 65_521;
    let (mut a, mut b) = (1_u32, 0_u32);
    for &byte in bytes {
        a = (a + u32::from(byte)) % MOD;
        b = (b + a) % MOD;
    }
    (b << 16) | a
}

/// Why a file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    /// The store has no file with this name.
    NotFound(String),
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::NotFound(name) => write!(f, "no file called {name:?}"),
        }
    }
}

impl std::error::Error for FileError {}

/// Where one checksum was computed; see [`FileStore::checksum_runs`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChecksumRun {
    /// The file whose checksum it was.
    pub file: String,
    /// The thread that computed it.
    pub thread: ThreadId,
    /// True when that thread belonged to a tokio runtime (an executor thread or one of its blocking-pool threads);
    /// false for a thread started with `std::thread::spawn`.
    pub in_runtime: bool,
}

type RunLog = Arc<Mutex<Vec<ChecksumRun>>>;

/// A store of files; see the [module docs](self). Cloning it is cheap and gives a handle to the same store.
#[derive(Clone, Default)]
pub struct FileStore {
    runs: RunLog,
}

impl FileStore {
    /// A store holding the files listed in the [module docs](self).
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads file `name`; takes [`READ_LATENCY`].
    pub async fn read(&self, name: &str) -> Result<Blob, FileError> {
        work(format!("read {name}"), READ_LATENCY).await;
        let bytes = contents(name).ok_or_else(|| FileError::NotFound(name.to_string()))?;
        Ok(Blob { name: name.to_string(), bytes, runs: self.runs.clone() })
    }

    /// Every checksum computed so far on a blob read from this store, in the order they finished.
    pub fn checksum_runs(&self) -> Vec<ChecksumRun> {
        self.runs.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl fmt::Debug for FileStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileStore").finish_non_exhaustive()
    }
}

/// The contents of a file read from a [`FileStore`]. It owns its bytes, so it can be moved to another thread.
#[derive(Clone)]
pub struct Blob {
    name: String,
    bytes: Vec<u8>,
    runs: RunLog,
}

impl fmt::Debug for Blob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Blob").field("name", &self.name).field("len", &self.bytes.len()).finish_non_exhaustive()
    }
}

impl Blob {
    /// The name of the file.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its size in bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// True for an empty file (none of the store's files is empty).
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Its bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Computes the file's checksum: heavy computation that **blocks the calling thread** until it is done (it
    /// never awaits). Call it from `tokio::task::spawn_blocking`, not from async code directly.
    ///
    /// # Panics
    /// On `damaged.bin`, part-way through: its data has a bad block.
    pub fn checksum(&self) -> u32 {
        let sum = if self.name == DAMAGED {
            let _ = checksum(&self.bytes[..self.bytes.len() / 2]);
            panic!("checksum of {DAMAGED}: unreadable block at byte {}", self.bytes.len() / 2);
        } else {
            checksum(&self.bytes)
        };
        let run = ChecksumRun {
            file: self.name.clone(),
            thread: std::thread::current().id(),
            in_runtime: tokio::runtime::Handle::try_current().is_ok(),
        };
        self.runs.lock().unwrap_or_else(|e| e.into_inner()).push(run);
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contents_are_deterministic_and_sized() {
        for (name, size) in FILES {
            let bytes = contents(name).unwrap();
            assert_eq!(bytes.len(), size);
            assert_eq!(contents(name), Some(bytes));
        }
        assert_ne!(contents("notes.txt").unwrap()[..64], contents("photo.jpg").unwrap()[..64]);
        assert_eq!(contents("missing.txt"), None);
    }

    #[tokio::test(start_paused = true)]
    async fn reads_take_their_latency_and_checksums_record_their_thread() {
        let store = FileStore::new();
        let start = tokio::time::Instant::now();
        let blob = store.read("photo.jpg").await.unwrap();
        assert_eq!(start.elapsed(), READ_LATENCY);
        assert_eq!(store.read("nope").await.unwrap_err(), FileError::NotFound("nope".to_string()));

        let here = std::thread::current().id();
        let inline = blob.checksum();
        let pooled = tokio::task::spawn_blocking({
            let blob = blob.clone();
            move || blob.checksum()
        })
        .await
        .unwrap();
        let plain = std::thread::spawn(move || blob.checksum()).join().unwrap();
        let expected = checksum(&contents("photo.jpg").unwrap());
        assert_eq!((inline, pooled, plain), (expected, expected, expected));
        let runs = store.checksum_runs();
        assert_eq!(runs.len(), 3);
        assert!(runs[0].thread == here && runs[0].in_runtime);
        assert!(runs[1].thread != here && runs[1].in_runtime);
        assert!(runs[2].thread != here && !runs[2].in_runtime);
    }

    #[tokio::test(start_paused = true)]
    async fn the_damaged_file_panics_in_its_checksum() {
        let blob = FileStore::new().read("damaged.bin").await.unwrap();
        let err = tokio::task::spawn_blocking(move || blob.checksum()).await.unwrap_err();
        assert!(err.is_panic());
    }
}
