//! Errors that end a command: a one-line message and an exit code, never a panic trace.

use std::fmt;

/// What went wrong, and the exit code it gives: 1 when grading found failing tests, 2 for anything the user or
/// the course folder has to fix (unknown names, bad files, missing tools).
#[derive(Debug)]
pub struct Fail {
    pub code: i32,
    pub message: String,
}

impl Fail {
    /// Bad input or a broken setup: exit code 2.
    pub fn usage(message: impl Into<String>) -> Fail {
        Fail { code: 2, message: message.into() }
    }
    /// Grading ran and something did not pass: exit code 1.
    pub fn failed(message: impl Into<String>) -> Fail {
        Fail { code: 1, message: message.into() }
    }
}

impl fmt::Display for Fail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

pub type Result<T> = std::result::Result<T, Fail>;
