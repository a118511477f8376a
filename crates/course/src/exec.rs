//! Running one graded test program, as untrusted code: in its own process group, under a real-time limit, with
//! its output read in bounded amounts, and its verdicts taken from the harness's sealed report (the `verdict`
//! crate), not from what it prints.
//!
//! - **Never hangs.** The program gets [`run_limit`] of real time; then its group is killed. Once it has exited,
//!   its group is killed too (a child it started keeps nothing open), and the output readers get a short grace
//!   period: the runner never waits for the end of a pipe that a leftover process holds.
//! - **Bounded.** Of each output stream, the first and the last [`KEEP`] bytes are kept (as lossy UTF-8), however
//!   much is printed. libtest's result lines are recognised while streaming, so none is lost in the middle.
//! - **Not forgeable by printing.** Lines such as `test x ... ok` are only a second opinion: a test passes when
//!   the harness's sealed record says so *and* libtest agrees.

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead as _, BufReader, Read, Write as _};
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use verdict::{Handshake, Key, Record, Rejected};

use crate::procs;

/// Bytes kept from the start and from the end of each output stream.
pub const KEEP: usize = 32 * 1024;
/// The longest report line read (a record holds a hex-encoded message; a real one is a few KiB).
const MAX_RECORD_LINE: usize = 1024 * 1024;
/// The most of the report file read: past this, it is someone else's writing.
const MAX_REPORT: u64 = 64 * 1024 * 1024;

/// A whole test program's real-time limit: each graded test has a 3 s watchdog of its own, so only a program
/// that misbehaves outside the harness, or has many stuck tests, comes near it. `COURSE_RUN_LIMIT_SECS` changes it.
pub fn run_limit() -> Duration {
    std::env::var("COURSE_RUN_LIMIT_SECS")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0)
        .map_or(Duration::from_secs(15), Duration::from_secs_f64)
}

/// What libtest printed about one test: how many `ok` and `FAILED` lines named it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Printed {
    pub ok: usize,
    pub failed: usize,
}

/// How the program ended.
#[derive(Debug, Clone)]
pub enum Ended {
    Exited(ExitStatus),
    /// Killed at the real-time limit.
    TimedOut(Duration),
    /// Could not be started.
    NotStarted(String),
}

/// Everything one run gave.
#[derive(Debug)]
pub struct Ran {
    pub ended: Ended,
    /// Records whose seal checked.
    pub records: Vec<Record>,
    /// Lines in the report file that were not records sealed with this run's key.
    pub foreign_lines: usize,
    /// libtest's result lines per expected test name.
    pub printed: HashMap<String, Printed>,
    /// The kept output (stdout, then stderr), for messages.
    pub stdout: String,
    pub stderr: String,
}

/// Runs the test program `exe` in `dir` and collects what it reports about the tests named `expected`.
pub fn run(exe: &Path, dir: &Path, expected: &[String]) -> Ran {
    let mut ran = Ran {
        ended: Ended::NotStarted(String::new()),
        records: Vec::new(),
        foreign_lines: 0,
        printed: HashMap::new(),
        stdout: String::new(),
        stderr: String::new(),
    };
    let report_dir = match tempfile::Builder::new().prefix("course-verdicts-").tempdir() {
        Ok(dir) => dir,
        Err(e) => {
            ran.ended = Ended::NotStarted(format!("cannot make a folder for the test report: {e}"));
            return ran;
        }
    };
    let report = report_dir.path().join("verdicts");
    if let Err(e) = std::fs::write(&report, b"") {
        ran.ended = Ended::NotStarted(format!("cannot create the test report: {e}"));
        return ran;
    }
    let mut key = [0u8; 16];
    if let Err(e) = getrandom::fill(&mut key) {
        ran.ended = Ended::NotStarted(format!("no random key for the test report: {e}"));
        return ran;
    }
    let key = Key::from_bytes(key);

    let mut cmd = Command::new(exe);
    cmd.current_dir(dir)
        .args(["--color", "never", "--test-threads", "8"])
        .env("RUST_BACKTRACE", "0")
        .env(verdict::ENV, "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut group = match procs::spawn(&mut cmd) {
        Ok(group) => group,
        Err(e) => {
            ran.ended = Ended::NotStarted(format!("could not start the tests: {e}"));
            return ran;
        }
    };
    // The handshake, then end of input: whatever reads stdin after the harness finds nothing.
    if let Some(mut stdin) = group.child.stdin.take() {
        let _ = stdin.write_all(Handshake { key: key.clone(), report: report.clone() }.line().as_bytes());
    }

    let scanner = Arc::new(Mutex::new(Scanner::new(expected)));
    let (done_tx, done_rx) = mpsc::channel::<()>();
    let out = reader(group.child.stdout.take(), Arc::clone(&scanner), done_tx.clone());
    let err = reader(group.child.stderr.take(), Arc::clone(&scanner), done_tx);

    let limit = run_limit();
    let started = Instant::now();
    ran.ended = loop {
        match group.child.try_wait() {
            Ok(Some(status)) => break Ended::Exited(status),
            Ok(None) if started.elapsed() < limit => std::thread::sleep(Duration::from_millis(5)),
            Ok(None) => break Ended::TimedOut(limit),
            Err(e) => break Ended::NotStarted(format!("lost track of the test program: {e}")),
        }
    };
    // Kill the group now: a process the tests started and left behind would keep the pipes open.
    drop(group);
    let grace = Instant::now() + Duration::from_millis(500);
    for _ in 0..2 {
        let _ = done_rx.recv_timeout(grace.saturating_duration_since(Instant::now()));
    }
    ran.stdout = out.lock().map(|c| c.text()).unwrap_or_default();
    ran.stderr = err.lock().map(|c| c.text()).unwrap_or_default();
    ran.printed = scanner.lock().map(|s| s.printed.clone()).unwrap_or_default();
    read_report(&report, &key, &mut ran);
    ran
}

/// The sealed records in the report file, and a count of the lines that are not.
fn read_report(path: &Path, key: &Key, ran: &mut Ran) {
    let Ok(file) = std::fs::File::open(path) else { return };
    let mut reader = BufReader::new(file.take(MAX_REPORT));
    let mut line = Vec::new();
    loop {
        line.clear();
        match (&mut reader).take(MAX_RECORD_LINE as u64).read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        if line.len() >= MAX_RECORD_LINE && line.last() != Some(&b'\n') {
            // Too long to be a record: skip the rest of it.
            ran.foreign_lines += 1;
            let _ = reader.skip_until(b'\n');
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        if text.trim().is_empty() {
            continue;
        }
        match Record::open(key, &text) {
            Ok(record) => ran.records.push(record),
            Err(Rejected::NotARecord | Rejected::BadSeal) => ran.foreign_lines += 1,
        }
    }
}

/// Reads one pipe to its end (or until the runner stops listening) on a thread of its own.
fn reader(
    pipe: Option<impl Read + Send + 'static>,
    scanner: Arc<Mutex<Scanner>>,
    done: mpsc::Sender<()>,
) -> Arc<Mutex<Capture>> {
    let capture = Arc::new(Mutex::new(Capture::default()));
    let kept = Arc::clone(&capture);
    std::thread::spawn(move || {
        if let Some(mut pipe) = pipe {
            let mut buf = [0u8; 8192];
            let mut line = LineTail::default();
            loop {
                match pipe.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if let Ok(mut c) = kept.lock() {
                            c.push(&buf[..n]);
                        }
                        for &byte in &buf[..n] {
                            if let Some(finished) = line.push(byte)
                                && let Ok(mut s) = scanner.lock()
                            {
                                s.line(finished);
                            }
                        }
                    }
                }
            }
        }
        let _ = done.send(());
    });
    capture
}

/// The first and last [`KEEP`] bytes of a stream, and how many were dropped between.
#[derive(Debug, Default)]
pub struct Capture {
    head: Vec<u8>,
    tail: VecDeque<u8>,
    dropped: u64,
}

impl Capture {
    pub fn push(&mut self, mut bytes: &[u8]) {
        let room = KEEP.saturating_sub(self.head.len());
        let (first, rest) = bytes.split_at(room.min(bytes.len()));
        self.head.extend_from_slice(first);
        bytes = rest;
        for &b in bytes {
            if self.tail.len() == KEEP {
                self.tail.pop_front();
                self.dropped += 1;
            }
            self.tail.push_back(b);
        }
    }

    /// The kept text, as lossy UTF-8, with a marker where bytes were left out.
    pub fn text(&self) -> String {
        let mut text = String::from_utf8_lossy(&self.head).into_owned();
        if self.dropped > 0 {
            text.push_str(&format!("\n[… {} bytes of output left out …]\n", self.dropped));
        }
        let tail: Vec<u8> = self.tail.iter().copied().collect();
        text.push_str(&String::from_utf8_lossy(&tail));
        text
    }
}

/// The last bytes of the current line: enough to recognise libtest's `test NAME ... ok` at its end, whatever
/// was written before it on the same line.
#[derive(Default)]
struct LineTail {
    bytes: VecDeque<u8>,
}

impl LineTail {
    const KEEP: usize = 2048;

    fn push(&mut self, byte: u8) -> Option<String> {
        if byte == b'\n' {
            let line: Vec<u8> = self.bytes.drain(..).collect();
            return Some(String::from_utf8_lossy(&line).trim_end_matches('\r').to_string());
        }
        if self.bytes.len() == Self::KEEP {
            self.bytes.pop_front();
        }
        self.bytes.push_back(byte);
        None
    }
}

/// Recognises libtest's result lines for the expected test names.
#[derive(Debug)]
pub struct Scanner {
    names: Vec<String>,
    pub printed: HashMap<String, Printed>,
}

impl Scanner {
    pub fn new(expected: &[String]) -> Scanner {
        Scanner { names: expected.to_vec(), printed: HashMap::new() }
    }

    pub fn line(&mut self, line: String) {
        let line = line.trim_end();
        for name in &self.names {
            let entry = || format!("test {name} ... ");
            if line.ends_with(&format!("{}ok", entry())) {
                self.printed.entry(name.clone()).or_default().ok += 1;
            } else if line.ends_with(&format!("{}FAILED", entry())) {
                self.printed.entry(name.clone()).or_default().failed += 1;
            }
        }
    }
}

/// libtest's captured output of one failed test (`---- NAME stdout ----` up to the next section), if kept.
pub fn failure_section(stdout: &str, name: &str) -> Option<String> {
    let header = format!("---- {name} stdout ----");
    let start = stdout.find(&header)? + header.len();
    let rest = &stdout[start..];
    let end = ["\n---- ", "\nfailures:", "\ntest result:"].iter().filter_map(|m| rest.find(m)).min();
    Some(rest[..end.unwrap_or(rest.len())].trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capture_keeps_head_and_tail_only() {
        let mut c = Capture::default();
        c.push(&vec![b'a'; KEEP]);
        c.push(&vec![b'b'; 3 * KEEP]);
        c.push(b"end");
        let text = c.text();
        assert!(text.starts_with(&"a".repeat(KEEP)) && text.ends_with("bend"), "{}", &text[..100]);
        assert!(text.contains(&format!("[… {} bytes of output left out …]", 2 * KEEP + 3)));
        assert!(text.len() < 2 * KEEP + 100);
    }

    #[test]
    fn odd_bytes_are_kept_as_replacement_characters() {
        let mut c = Capture::default();
        c.push(b"caf\xc3\xa9 \xff\xfe!");
        assert_eq!(c.text(), "café \u{fffd}\u{fffd}!");
    }

    #[test]
    fn result_lines_are_found_after_junk_on_the_same_line() {
        let mut s = Scanner::new(&["a_test".to_string(), "b_test".to_string()]);
        let mut tail = LineTail::default();
        for &b in b"junk without newline \xfftest a_test ... ok\ntest b_test ... FAILED\ntest c_test ... ok\n" {
            if let Some(line) = tail.push(b) {
                s.line(line);
            }
        }
        assert_eq!(s.printed["a_test"], Printed { ok: 1, failed: 0 });
        assert_eq!(s.printed["b_test"], Printed { ok: 0, failed: 1 });
        assert!(!s.printed.contains_key("c_test"));
    }

    #[test]
    fn a_failure_section_is_cut_at_the_next_one() {
        let out = "failures:\n\n---- b stdout ----\nexpected 3 s\n\n---- c stdout ----\ntodo\n\nfailures:\n    b\n";
        assert_eq!(failure_section(out, "b").as_deref(), Some("expected 3 s"));
        assert_eq!(failure_section(out, "c").as_deref(), Some("todo"));
        assert_eq!(failure_section(out, "d"), None);
    }
}
