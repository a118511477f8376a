//! A flaky service whose failures are scripted (chapter 5), for practising retries.
//!
//! A [`Flaky`] service answers each call after [`CALL_LATENCY`] with the next reply of its *script*: the list of
//! replies it was built with. Once the script is used up it keeps giving its last reply. Nothing is random: a test
//! decides exactly which calls fail, so retry code can be checked deterministically.
//!
//! | script                                          | calls answer                                      |
//! |-------------------------------------------------|---------------------------------------------------|
//! | `Flaky::failing_then_ok(2, "data")`             | `Unavailable`, `Unavailable`, `Ok("data")`, `Ok("data")`, … |
//! | `Flaky::new([Err(FlakyError::Unavailable)])`    | `Unavailable` forever (an outage)                 |
//! | `Flaky::new([Err(FlakyError::BadRequest)])`     | `BadRequest` forever (retrying cannot help)       |
//!
//! Each call is recorded in the [`journal`](crate::journal) as a span such as `call #2 → unavailable`, and the
//! service remembers when each call started ([`Flaky::call_starts`]).

use std::fmt;
use std::sync::Mutex;
use std::time::Duration;

use crate::journal::{self, work};

/// How long one [`Flaky::call`] takes, whatever it answers.
pub const CALL_LATENCY: Duration = Duration::from_millis(50);

/// Why a call failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlakyError {
    /// The service is overloaded or restarting (think HTTP 503): trying again later may work.
    Unavailable,
    /// The request itself is wrong (think HTTP 400): trying again gives the same answer.
    BadRequest,
}

impl FlakyError {
    /// True for errors worth retrying ([`FlakyError::Unavailable`]).
    pub fn is_transient(self) -> bool {
        matches!(self, FlakyError::Unavailable)
    }
}

impl fmt::Display for FlakyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FlakyError::Unavailable => write!(f, "service unavailable, try again later"),
            FlakyError::BadRequest => write!(f, "bad request"),
        }
    }
}

impl std::error::Error for FlakyError {}

/// A service that answers from a script; see the [module docs](self).
#[derive(Debug)]
pub struct Flaky {
    script: Vec<Result<String, FlakyError>>,
    starts: Mutex<Vec<Duration>>,
}

impl Flaky {
    /// A service that gives these replies, in order, then its last reply forever.
    ///
    /// # Panics
    /// If the script is empty.
    pub fn new<'a>(script: impl IntoIterator<Item = Result<&'a str, FlakyError>>) -> Self {
        let script: Vec<_> = script.into_iter().map(|r| r.map(str::to_string)).collect();
        assert!(!script.is_empty(), "a Flaky service needs at least one reply in its script");
        Flaky { script, starts: Mutex::new(Vec::new()) }
    }

    /// A service that is [`FlakyError::Unavailable`] for its first `failures` calls, then answers `Ok(body)`.
    pub fn failing_then_ok(failures: usize, body: &str) -> Self {
        Flaky::new(std::iter::repeat_n(Err(FlakyError::Unavailable), failures).chain([Ok(body)]))
    }

    /// Calls the service; takes [`CALL_LATENCY`] and gives the next reply of the script.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread", start_paused = true)]
    /// # async fn main() {
    /// use sim::flaky::{Flaky, FlakyError};
    /// let service = Flaky::failing_then_ok(1, "data");
    /// assert_eq!(service.call().await, Err(FlakyError::Unavailable));
    /// assert_eq!(service.call().await.as_deref(), Ok("data"));
    /// assert_eq!(service.calls(), 2);
    /// assert_eq!(service.call_starts(), [std::time::Duration::ZERO, sim::flaky::CALL_LATENCY]);
    /// # }
    /// ```
    pub async fn call(&self) -> Result<String, FlakyError> {
        let number = {
            let mut starts = self.starts.lock().unwrap_or_else(|e| e.into_inner());
            starts.push(journal::now());
            starts.len()
        };
        let reply = self.script[(number - 1).min(self.script.len() - 1)].clone();
        let outcome = match &reply {
            Ok(_) => "ok",
            Err(FlakyError::Unavailable) => "unavailable",
            Err(FlakyError::BadRequest) => "bad request",
        };
        work(format!("call #{number} → {outcome}"), CALL_LATENCY).await;
        reply
    }

    /// How many calls have started so far.
    pub fn calls(&self) -> usize {
        self.starts.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// When each call started, in virtual time since the journal was last reset (the grader resets it when a
    /// test starts).
    pub fn call_starts(&self) -> Vec<Duration> {
        self.starts.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_script_is_followed_then_its_last_reply_repeats() {
        journal::reset();
        let service = Flaky::new([Err(FlakyError::Unavailable), Ok("a"), Err(FlakyError::BadRequest)]);
        let mut replies = Vec::new();
        for _ in 0..5 {
            replies.push(service.call().await);
        }
        let bad = Err(FlakyError::BadRequest);
        assert_eq!(replies, [Err(FlakyError::Unavailable), Ok("a".to_string()), bad.clone(), bad.clone(), bad]);
        assert_eq!(service.call_starts(), (0..5).map(|i| CALL_LATENCY * i).collect::<Vec<_>>());
        assert_eq!(journal::spans()[1].name, "call #2 → ok");
    }

    #[test]
    fn only_unavailable_is_transient() {
        assert!(FlakyError::Unavailable.is_transient());
        assert!(!FlakyError::BadRequest.is_transient());
    }
}
