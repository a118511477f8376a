//! Graded tests for exercise 2.4, on tokio's paused clock.
//!
//! Computation takes no virtual time wherever it runs, so the clock cannot tell whether the checksums held up the
//! executor. The file store can: it records which thread computed each checksum, and whether that thread belonged
//! to the runtime. The executor's own thread is the one running the test body.

use grader::ms;
use grader::sim::journal;
use sim::files::{FileError, FileStore, READ_LATENCY, checksum, contents};
use spawn_blocking::{BatchError, checksum_files};

const PAGE: grader::Page = grader::Page::new("src/02-runtime/04-spawn-blocking.md");

fn expected_sum(name: &str) -> (String, u32) {
    (name.to_string(), checksum(&contents(name).expect("a file of the store")))
}

/// The names of the files read so far, from the journal.
fn files_read() -> Vec<String> {
    journal::spans().into_iter().filter_map(|s| s.name.strip_prefix("read ").map(str::to_string)).collect()
}

/// Runs `checksum_files` as a task of its own, so that a panic inside it comes back as an error this test can
/// explain instead of ending the test.
async fn run_batch(store: &FileStore, names: &'static [&'static str]) -> Result<Vec<(String, u32)>, BatchError> {
    let store = store.clone();
    match tokio::spawn(async move { checksum_files(&store, names).await }).await {
        Ok(result) => result,
        Err(e) => {
            let message = grader::task_panic(e);
            PAGE.failure(format!("checksum_files({names:?}) panicked: {message}"))
                .cause(
                    "a panic in a checksum reached your function. Inside `spawn_blocking` the panic stays on the \
                     blocking thread, and awaiting the job gives `Err(JoinError)`: turn that into \
                     `BatchError::ChecksumPanicked { file }` instead of unwrapping it. (If the checksum runs \
                     directly in your async function, nothing catches its panic.)",
                )
                .fail()
        }
    }
}

#[test]
fn returns_each_files_checksum_in_order() {
    grader::run(async || {
        let store = FileStore::new();
        let names = &["backup.tar", "notes.txt", "photo.jpg"];
        let (got, took) = grader::timed(run_batch(&store, names)).await;
        let expected: Vec<(String, u32)> = names.iter().map(|n| expected_sum(n)).collect();
        PAGE.failure("checksum_files should give each file's name and `blob.checksum()`, in the order of `names`.")
            .unless_eq(&got, &Ok(expected));
        // The reads take 40 ms each; computation takes no virtual time.
        PAGE.took("three reads, each followed by its checksum", took).expected(READ_LATENCY * 3).check();
    });
}

#[test]
fn checksums_run_on_the_blocking_pool() {
    grader::run(async || {
        let executor = std::thread::current().id();
        let store = FileStore::new();
        let names = &["notes.txt", "photo.jpg", "backup.tar"];
        let got = run_batch(&store, names).await;
        PAGE.failure(format!("checksum_files({names:?}) should succeed; it gave {got:?}.")).unless(got.is_ok());
        let runs = store.checksum_runs();
        let files: Vec<&str> = runs.iter().map(|r| r.file.as_str()).collect();
        PAGE.failure("each file's checksum should be computed once, in order (`blob.checksum()`, once per file).")
            .unless_eq(&files, &names);
        for run in &runs {
            PAGE.failure(format!(
                "the checksum of {} ran on the executor's own thread, so while it ran no other task could.",
                run.file
            ))
            .cause(
                "`blob.checksum()` was called directly in the async function (or in a task started \
                 with `tokio::spawn`, which runs on the same executor). Move it to the blocking pool: \
                 `tokio::task::spawn_blocking(move || blob.checksum()).await`.",
            )
            .unless(run.thread != executor);
            PAGE.failure(format!(
                "the checksum of {} ran on a thread that does not belong to the runtime: one started with \
                 `std::thread::spawn`, probably. Waiting for that thread (`join()`) blocks the executor just the \
                 same. Use `tokio::task::spawn_blocking`, whose handle you can `.await`.",
                run.file
            ))
            .unless(run.in_runtime);
        }
    });
}

#[test]
fn a_missing_file_stops_the_batch() {
    grader::run(async || {
        let store = FileStore::new();
        let (got, took) = grader::timed(run_batch(&store, &["notes.txt", "missing.txt", "photo.jpg"])).await;
        PAGE.failure(
            "missing.txt does not exist: checksum_files should stop there with `BatchError::Read(..)` (what `?` \
             makes of the `FileError`).",
        )
        .unless_eq(&got, &Err(BatchError::Read(FileError::NotFound("missing.txt".to_string()))));
        PAGE.failure("after missing.txt failed, nothing else should be read (photo.jpg comes after it).")
            .unless_eq(&files_read(), &["notes.txt", "missing.txt"]);
        PAGE.took("a batch that stops at its second file", took).expected(ms(80)).check();
    });
}

#[test]
fn a_panicking_checksum_becomes_an_error() {
    grader::run(async || {
        let store = FileStore::new();
        let (got, took) = grader::timed(run_batch(&store, &["notes.txt", "damaged.bin", "photo.jpg"])).await;
        PAGE.failure(
            "the checksum of damaged.bin panics: checksum_files should stop there with \
             `BatchError::ChecksumPanicked { file: \"damaged.bin\" }`.",
        )
        .unless_eq(&got, &Err(BatchError::ChecksumPanicked { file: "damaged.bin".to_string() }));
        let runs: Vec<String> = store.checksum_runs().into_iter().map(|r| r.file).collect();
        PAGE.failure("only notes.txt's checksum should have been computed before the failure")
            .unless_eq(&runs, &["notes.txt"]);
        let read = files_read();
        PAGE.failure(format!(
            "the checksum of damaged.bin failed, so checksum_files should have stopped there, without reading \
             photo.jpg, which comes after it; but it read {read:?}."
        ))
        .cause(
            "you read every file first and checksummed them afterwards (two loops), so a problem found in a checksum \
             does not stop the reads: the batch does not stop at the first problem. Handle one file at a time: read \
             it, checksum it, then go on to the next.",
        )
        .timeline()
        .section("Exercise: checksums off the executor")
        .unless(read == ["notes.txt", "damaged.bin"]);
        PAGE.took("a batch that stops at the checksum of its second file", took).expected(ms(80)).check();
    });
}
