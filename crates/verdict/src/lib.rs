//! The verdict channel: how the grading harness (`crates/grader`) tells the runner (`crates/course`) what became
//! of each graded test, in a way the code under test cannot forge.
//!
//! The student's code runs inside the test program, so anything it can print (`test x ... ok` lines, fake
//! failure messages) is not evidence. Instead:
//!
//! 1. The runner makes a random [`Key`] for each run of a test program and a fresh report file, sets
//!    [`ENV`] and writes one [`Handshake`] line (the key and the file's path) to the program's **stdin**, then
//!    closes it.
//! 2. The harness reads that line once, before the first graded test body runs (every body runs inside the
//!    harness), so student code finds stdin already at its end and never sees the key.
//! 3. For every finished test the harness appends one [`Record`] to the report file, sealed with a MAC over the
//!    test's name, its [`Kind`] and its message. The runner accepts only lines whose MAC checks with the key.
//!
//! Student code can still write to the report file (it is an ordinary file) but it cannot make a line the runner
//! accepts without the key; lines that do not check are counted and ignored. Code that reads the harness's
//! memory, or replaces the runner, is outside this model (see the README's "Trust model").
//!
//! ```
//! use verdict::{Key, Kind, Record};
//! let key = Key::from_bytes([7; 16]);
//! let record = Record { test: "returns_the_greeting".into(), kind: Kind::Passed, message: String::new() };
//! let line = record.seal(&key);
//! assert_eq!(Record::open(&key, &line), Ok(record));
//! assert!(Record::open(&Key::from_bytes([8; 16]), &line).is_err());
//! ```

use std::fmt;
use std::hash::Hasher as _;

/// Set (to `1`) by the runner in the test program's environment: a handshake line waits on stdin.
pub const ENV: &str = "COURSE_VERDICT_CHANNEL";

/// The marker that starts every record line (and the protocol's version).
const MARKER: &str = "verdict1";

/// What happened to one graded test, as the harness saw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The body finished and every check in it held.
    Passed,
    /// A check of the test failed (an assertion in the test file or the harness).
    Failed,
    /// The student's code (or a library it called) panicked.
    Panicked,
    /// A `todo!()` was reached: the exercise is not solved yet.
    Unfinished,
    /// The body was still waiting when the virtual-time limit ran out, with nothing left to run (a deadlock).
    NeverCompleted,
    /// The real-time watchdog fired and the thread sat idle: a blocking call.
    Blocked,
    /// The real-time watchdog fired and the thread kept computing: a busy loop.
    Busy,
    /// The real-time watchdog fired and this platform cannot tell blocked from busy.
    Stuck,
}

impl Kind {
    /// Every kind, for parsing and documentation.
    pub const ALL: [Kind; 8] = [
        Kind::Passed,
        Kind::Failed,
        Kind::Panicked,
        Kind::Unfinished,
        Kind::NeverCompleted,
        Kind::Blocked,
        Kind::Busy,
        Kind::Stuck,
    ];

    /// The name used on the channel and in the runner's JSON report (`snake_case`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Passed => "passed",
            Kind::Failed => "failed",
            Kind::Panicked => "panicked",
            Kind::Unfinished => "unfinished",
            Kind::NeverCompleted => "never_completed",
            Kind::Blocked => "blocked",
            Kind::Busy => "busy",
            Kind::Stuck => "stuck",
        }
    }

    /// The kind with this name.
    ///
    /// ```
    /// assert_eq!(verdict::Kind::parse("never_completed"), Some(verdict::Kind::NeverCompleted));
    /// assert_eq!(verdict::Kind::parse("ok"), None);
    /// ```
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Whether the test never finished in time (deadlock, blocking call or busy loop).
    pub fn is_timeout(self) -> bool {
        matches!(self, Kind::NeverCompleted | Kind::Blocked | Kind::Busy | Kind::Stuck)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A 128-bit secret, new for every run of a test program.
#[derive(Clone, PartialEq, Eq)]
pub struct Key([u8; 16]);

impl Key {
    /// A key from 16 bytes (the runner draws them from the operating system's random source).
    pub fn from_bytes(bytes: [u8; 16]) -> Key {
        Key(bytes)
    }

    fn mac(&self, parts: &[&[u8]]) -> u128 {
        let mut hasher = siphasher::sip128::SipHasher24::new_with_key(&self.0);
        for part in parts {
            // Length-prefixed, so ("ab", "c") and ("a", "bc") never seal alike.
            hasher.write(&(part.len() as u64).to_le_bytes());
            hasher.write(part);
        }
        siphasher::sip128::Hasher128::finish128(&hasher).as_u128()
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key(…)") // never printed, even by accident
    }
}

/// The line the runner writes to the test program's stdin: the key and the report file's path.
///
/// ```
/// use verdict::{Handshake, Key};
/// let h = Handshake { key: Key::from_bytes([1; 16]), report: "/tmp/x/verdicts".into() };
/// assert_eq!(Handshake::parse(&h.line()).unwrap().report, h.report);
/// ```
#[derive(Debug, Clone)]
pub struct Handshake {
    pub key: Key,
    pub report: std::path::PathBuf,
}

impl Handshake {
    /// The line to write (ends with `\n`). The path is hex-encoded, so any path survives.
    pub fn line(&self) -> String {
        format!("{} {}\n", hex(&self.key.0), hex(self.report.to_string_lossy().as_bytes()))
    }

    /// Reads a handshake line.
    pub fn parse(line: &str) -> Option<Handshake> {
        let (key, path) = line.trim_end().split_once(' ')?;
        let key: [u8; 16] = unhex(key)?.try_into().ok()?;
        let path = String::from_utf8(unhex(path)?).ok()?;
        Some(Handshake { key: Key(key), report: path.into() })
    }
}

/// One finished graded test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The test's name as libtest knows it (the name of the thread it runs on).
    pub test: String,
    pub kind: Kind,
    /// The harness's explanation when the test did not pass; empty when it did.
    pub message: String,
}

/// Why a line was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rejected {
    /// Not a record line at all.
    NotARecord,
    /// A record line whose MAC does not check: not written by the harness with this run's key.
    BadSeal,
}

impl Record {
    /// The record as one line (ending with `\n`), sealed with `key`. Name and message are hex-encoded, so the line
    /// holds no spaces or newlines of theirs.
    pub fn seal(&self, key: &Key) -> String {
        let (test, message) = (self.test.as_bytes(), self.message.as_bytes());
        let mac = key.mac(&[MARKER.as_bytes(), test, self.kind.as_str().as_bytes(), message]);
        format!("{MARKER} {} {} {} {mac:032x}\n", hex(test), self.kind, hex(message))
    }

    /// Reads and checks one line written by [`Record::seal`].
    pub fn open(key: &Key, line: &str) -> Result<Record, Rejected> {
        let mut fields = line.trim().split(' ');
        if fields.next() != Some(MARKER) {
            return Err(Rejected::NotARecord);
        }
        let (Some(test), Some(kind), Some(message), Some(mac), None) =
            (fields.next(), fields.next(), fields.next(), fields.next(), fields.next())
        else {
            return Err(Rejected::NotARecord);
        };
        let test = unhex(test).ok_or(Rejected::NotARecord)?;
        let message = unhex(message).ok_or(Rejected::NotARecord)?;
        let mac = u128::from_str_radix(mac, 16).map_err(|_| Rejected::NotARecord)?;
        let parsed_kind = Kind::parse(kind).ok_or(Rejected::NotARecord)?;
        if key.mac(&[MARKER.as_bytes(), &test, kind.as_bytes(), &message]) != mac {
            return Err(Rejected::BadSeal);
        }
        let text = |bytes: Vec<u8>| String::from_utf8(bytes).map_err(|_| Rejected::NotARecord);
        Ok(Record { test: text(test)?, kind: parsed_kind, message: text(message)? })
    }
}

fn hex(bytes: &[u8]) -> String {
    use fmt::Write as _;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> Key {
        Key::from_bytes(*b"0123456789abcdef")
    }

    fn record() -> Record {
        Record {
            test: "the_faster_mirror_wins".into(),
            kind: Kind::Failed,
            message: "expected 3 s\n got: 5 s ✗".into(),
        }
    }

    #[test]
    fn a_sealed_record_opens_with_its_key_only() {
        let line = record().seal(&key());
        assert!(line.ends_with('\n') && !line.trim_end().contains('\n'));
        assert_eq!(Record::open(&key(), &line), Ok(record()));
        assert_eq!(Record::open(&Key::from_bytes([0; 16]), &line), Err(Rejected::BadSeal));
    }

    #[test]
    fn changing_any_field_breaks_the_seal() {
        let line = record().seal(&key());
        let passed = line.replace(" failed ", " passed ");
        assert_eq!(Record::open(&key(), &passed), Err(Rejected::BadSeal));
        let mut other = record();
        other.test = "another_test".into();
        let swapped_name = format!("{} {}", "verdict1", other.seal(&key()).split(' ').nth(1).unwrap());
        let forged = line.replacen(line.split(' ').take(2).collect::<Vec<_>>().join(" ").as_str(), &swapped_name, 1);
        assert_eq!(Record::open(&key(), &forged), Err(Rejected::BadSeal));
    }

    #[test]
    fn lines_that_are_not_records_are_told_apart() {
        for line in ["test returns_the_greeting ... ok", "verdict1 zz passed 00 00", "", "verdict1 61 passed"] {
            assert_eq!(Record::open(&key(), line), Err(Rejected::NotARecord), "{line:?}");
        }
    }

    #[test]
    fn every_kind_round_trips_through_its_name() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
        assert!(Kind::Busy.is_timeout() && !Kind::Panicked.is_timeout());
    }

    #[test]
    fn the_handshake_carries_any_path() {
        let h = Handshake { key: key(), report: "/tmp/a b/ünï\ncode".into() };
        let back = Handshake::parse(&h.line()).unwrap();
        assert_eq!((back.key, back.report), (key(), h.report));
        assert!(Handshake::parse("nonsense").is_none());
    }
}
