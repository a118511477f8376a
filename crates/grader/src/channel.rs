//! The harness's end of the verdict channel (see the `verdict` crate): under the course runner, every finished
//! graded test is reported as a sealed record in the runner's report file. Under a plain `cargo test` there is no
//! channel and nothing is reported.

use std::fs::File;
use std::io::{Read as _, Write as _};
use std::sync::{Mutex, OnceLock};

use verdict::{Handshake, Key, Kind, Record};

struct Channel {
    key: Key,
    file: Mutex<File>,
}

static CHANNEL: OnceLock<Option<Channel>> = OnceLock::new();

/// Reads the runner's handshake from stdin, once per test program, before the first test body runs. Every graded
/// test calls this first, and the others wait for the first, so no student code can read stdin before it.
pub(crate) fn open() {
    CHANNEL.get_or_init(connect);
}

fn connect() -> Option<Channel> {
    std::env::var_os(verdict::ENV)?;
    // The handshake is one line; the runner closes stdin after it. Reading to the end leaves nothing for anyone
    // else to read.
    let mut text = String::new();
    let read = std::io::stdin().lock().read_to_string(&mut text);
    let handshake = read.ok().and_then(|_| Handshake::parse(&text));
    let Some(handshake) = handshake else {
        eprintln!("grader: no valid handshake on stdin; this run's verdicts cannot be reported to the runner");
        return None;
    };
    match std::fs::OpenOptions::new().append(true).open(&handshake.report) {
        Ok(file) => Some(Channel { key: handshake.key, file: Mutex::new(file) }),
        Err(e) => {
            eprintln!("grader: cannot open the runner's report file: {e}");
            None
        }
    }
}

/// Reports one finished test. The line starts on a fresh line (in case something else wrote half a line to the
/// file) and goes out in a single write.
pub(crate) fn report(test: &str, kind: Kind, message: &str) {
    let Some(Some(channel)) = CHANNEL.get() else { return };
    let line = Record { test: test.to_string(), kind, message: message.to_string() }.seal(&channel.key);
    let mut file = channel.file.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let _ = file.write_all(format!("\n{line}").as_bytes());
    let _ = file.flush();
}
