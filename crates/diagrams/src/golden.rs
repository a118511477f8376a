//! The listing tests' helpers: compare what the code produces with the committed file (a picture, a program's
//! output), or overwrite it on demand, with snapbox; and run a book program with its printed durations masked.

use std::path::Path;
use std::time::Duration;

/// The variable that makes the comparisons overwrite the committed files (snapbox's `SNAPSHOTS`, set to
/// `overwrite`).
pub const UPDATE_VAR: &str = snapbox::assert::DEFAULT_ACTION_ENV;
/// The one command that regenerates every picture and recorded output of the course.
pub const REGENERATE: &str = "SNAPSHOTS=overwrite cargo test";

/// Compares `text` with the file at `path`, or overwrites the file when `SNAPSHOTS=overwrite` is set.
#[track_caller]
pub(crate) fn check(path: &Path, text: &str) {
    let overwrite = std::env::var(UPDATE_VAR).is_ok_and(|v| v == "overwrite");
    check_file(path, text, overwrite);
}

/// [`check`] with the action given: overwrite, or verify (failing with a diff and the command to run).
#[track_caller]
pub(crate) fn check_file(path: &Path, text: &str, overwrite: bool) {
    if overwrite && let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    }
    if !overwrite && !path.exists() {
        panic!("{} does not exist yet.\n  Create it with `{REGENERATE}`.", path.display());
    }
    let action = if overwrite { snapbox::assert::Action::Overwrite } else { snapbox::assert::Action::Verify };
    // `raw`: compared as it is (only line endings normalised), with none of snapbox's wildcards.
    snapbox::Assert::new().action(action).eq(text, snapbox::Data::read_from(path, None).raw());
}

/// Compares program output the book shows (a timeline, a grader message) with the file at `path` (relative to the
/// package), or (re)writes it with `SNAPSHOTS=overwrite`: the listings' `tests/outputs.rs` use it, so no text a
/// page includes as "output" can drift from what the code really prints.
#[track_caller]
pub fn check_output(path: impl AsRef<Path>, text: &str) {
    check(path.as_ref(), text);
}

/// How long [`run_program`] lets a book program run before it kills it: the programs sleep for real (the playground
/// has no paused clock) but only for fractions of a second.
pub const PROGRAM_LIMIT: Duration = Duration::from_secs(20);

/// Runs one of the book's runnable programs (a `src/bin` target of a listings crate: pass
/// `env!("CARGO_BIN_EXE_<name>")`) and returns what it printed, with every duration it printed (`601.3ms`, `1.2s`,
/// as `{:?}` and `{:.1?}` write them) replaced by `<time>`: those programs run on the real clock, as they do in the
/// playground, so the printed times vary. Their timing is checked exactly, in virtual time, by their unit tests.
///
/// Panics, with the program's stderr, when it fails or runs past [`PROGRAM_LIMIT`] (then it is killed first).
///
/// ```no_run
/// // In a listings crate's tests/programs.rs the path is `env!("CARGO_BIN_EXE_hello")`.
/// let printed = diagrams::run_program("target/debug/hello");
/// assert_eq!(printed, "the page has 18 bytes\n");
/// ```
pub fn run_program(exe: &str) -> String {
    use std::process::{Command, Stdio};
    use std::time::Instant;

    let mut child = Command::new(exe)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {exe}: {e}"));
    let started = Instant::now();
    // Poll rather than wait: a program that hangs must fail this test, not hang `cargo test`.
    while child.try_wait().expect("wait for the program").is_none() {
        if started.elapsed() > PROGRAM_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{exe} still ran after {PROGRAM_LIMIT:?}: killed it");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let out = child.wait_with_output().expect("collect the program's output");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{exe} failed ({}):\n{stderr}", out.status);
    mask_durations(&String::from_utf8(out.stdout).expect("the program prints UTF-8"))
}

/// Replaces every duration written the way `Duration`'s `Debug` writes it (`12ns`, `3.5µs`, `601.3ms`, `1.2s`) by
/// `<time>`. A number followed by a letter that makes it a word (`3 steps`, `2sec`) is left alone.
pub fn mask_durations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_digit() {
            let digits = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
            let after = &rest[digits..];
            // `v1.0s`, `x10ms`: part of a word, not a duration.
            let in_word = out.chars().next_back().is_some_and(|p| p.is_alphanumeric() || p == '_');
            let unit = ["ns", "µs", "ms", "s"].into_iter().find(|u| after.starts_with(u));
            if let Some(unit) = unit.filter(|_| !in_word)
                && !after[unit.len()..].chars().next().is_some_and(|n| n.is_alphanumeric() || n == '_')
            {
                out.push_str("<time>");
                rest = &after[unit.len()..];
                continue;
            }
            out.push_str(&rest[..digits]);
            rest = after;
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}
