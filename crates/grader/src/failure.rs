//! The one layout of a failure message: what was expected, what happened, the likely cause, the timeline of
//! simulated work, and the page to read. [`Failure`] builds it; [`crate::took`]'s timing checks use the same code.
//!
//! ```text
//! profile(4) should be `None`: user 4 exists but her team 30 does not.
//!
//!   Expected: None
//!   Got:      Some("Barbara ()")
//!
//!   Likely cause: the team lookup's `None` was replaced by a default ...
//!
//!   What ran when (virtual time):
//!   find_user(4)   |████████████████········|  0.000 s → 0.300 s
//!   find_team(30)  |················████████|  0.300 s → 0.500 s
//!
//!   Read: src/02-runtime/02-runtime-by-hand.md
//! ```

use std::fmt::{self, Debug, Display, Write as _};
use std::time::Duration;

use sim::journal;

/// The book page a test file's failures point to, set once per file:
/// `const PAGE: grader::Page = grader::Page::new("src/04-tasks/01-spawn.md");`. Its methods start a [`Failure`] or a
/// timing check ([`crate::Timing`]) that already says which page to read.
///
/// ```
/// const PAGE: grader::Page = grader::Page::new("src/03-concurrency/01-join.md");
///
/// let message = PAGE.failure("both pages should come back").message();
/// assert!(message.ends_with("Read: src/03-concurrency/01-join.md"));
/// assert_eq!(PAGE.to_string(), "src/03-concurrency/01-join.md");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page(&'static str);

impl Page {
    /// The page at `path`, relative to the book's root (`src/…md`).
    pub const fn new(path: &'static str) -> Self {
        Page(path)
    }

    /// The page's path.
    pub const fn path(self) -> &'static str {
        self.0
    }

    /// Starts a failure message whose headline is `what` went wrong, pointing to this page ([`Failure::new`]).
    pub fn failure(self, what: impl Into<String>) -> Failure {
        Failure::new(what).read(self)
    }

    /// Starts a timing check ([`crate::took`]) pointing to this page.
    pub fn took(self, what: impl Into<String>, took: Duration) -> crate::Timing {
        crate::took(what, took).read(self)
    }
}

impl Display for Page {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl From<Page> for String {
    fn from(page: Page) -> String {
        page.0.to_string()
    }
}

/// Starts a failure message whose headline says what went wrong; short for [`Failure::new`].
pub fn fail(what: impl Into<String>) -> Failure {
    Failure::new(what)
}

/// A failure message being built: what went wrong, then (each optional) what was expected and what came instead,
/// the likely cause, the timeline of simulated work ([`sim::journal`]), and the page to read. Ends with
/// [`Failure::fail`] (fail the test now), [`Failure::unless`] (fail it unless a condition holds) or
/// [`Failure::unless_eq`] (fail it unless two values are equal, showing both).
///
/// ```
/// const PAGE: grader::Page = grader::Page::new("src/02-runtime/02-runtime-by-hand.md");
///
/// grader::run(async || {
///     let line = Some("Ada (Compilers)");
///     PAGE.failure("profile(1) should be the user's name, then their team's name in parentheses")
///         .cause("the team lookup was left out")
///         .timeline()
///         .unless_eq(&line, &Some("Ada (Compilers)"));
/// });
///
/// let message = grader::fail("user_name(3) should be \"Linus\"")
///     .expected("Linus")
///     .got("Ada")
///     .cause("the id was not passed on")
///     .read(PAGE)
///     .section("Exercise: a blocking directory client")
///     .message();
/// assert_eq!(
///     message,
///     "user_name(3) should be \"Linus\"\n\n  Expected: \"Linus\"\n  Got:      \"Ada\"\n\n  Likely cause: the id was not \
///      passed on\n\n  Read: src/02-runtime/02-runtime-by-hand.md, section \"Exercise: a blocking directory client\""
/// );
/// ```
#[must_use = "a failure does nothing until `.fail()` or `.unless(..)` is called"]
#[derive(Clone, Debug, Default)]
pub struct Failure {
    what: String,
    expected: Option<String>,
    got: Option<String>,
    cause: Option<String>,
    timeline: bool,
    read: Option<String>,
    section: Option<String>,
}

impl Failure {
    /// A failure whose headline says what went wrong (or what should have happened).
    pub fn new(what: impl Into<String>) -> Self {
        Failure { what: what.into(), ..Failure::default() }
    }

    /// The value that was expected, shown as `Expected: {:?}`.
    pub fn expected(mut self, expected: impl Debug) -> Self {
        self.expected = Some(format!("{expected:?}"));
        self
    }

    /// The value that came instead, shown as `Got: {:?}`.
    pub fn got(mut self, got: impl Debug) -> Self {
        self.got = Some(format!("{got:?}"));
        self
    }

    /// The likely mistake, shown as `Likely cause: …`. Nothing is shown for an empty cause.
    pub fn cause(mut self, cause: impl Into<String>) -> Self {
        let cause = cause.into();
        self.cause = (!cause.is_empty()).then_some(cause);
        self
    }

    /// Show the timeline of the simulated work recorded so far ([`sim::journal`]), if there is any.
    pub fn timeline(mut self) -> Self {
        self.timeline = true;
        self
    }

    /// The book page to read (`Read: …`).
    pub fn read(mut self, page: impl Into<String>) -> Self {
        self.read = Some(page.into());
        self
    }

    /// The section of the page to read (`Read: page, section "…"`).
    pub fn section(mut self, section: impl Into<String>) -> Self {
        self.section = Some(section.into());
        self
    }

    /// The message, laid out.
    pub fn message(&self) -> String {
        let mut out = self.what.clone();
        match (&self.expected, &self.got) {
            (None, None) => {}
            (expected, got) => {
                out.push('\n');
                if let Some(expected) = expected {
                    let _ = write!(out, "\n  Expected: {expected}");
                }
                if let Some(got) = got {
                    let _ = write!(out, "\n  Got:      {got}");
                }
            }
        }
        let read = self.read.as_ref().map(|page| match &self.section {
            Some(section) => format!("{page}, section \"{section}\""),
            None => page.clone(),
        });
        footer(&mut out, self.cause.as_deref(), self.timeline, read.as_deref());
        out
    }

    /// Fails the test with the message.
    #[track_caller]
    pub fn fail(self) -> ! {
        panic!("{}", self.message())
    }

    /// Fails the test unless `got == expected`, showing both (`Expected:` / `Got:`) after the headline.
    ///
    /// ```
    /// # const PAGE: grader::Page = grader::Page::new("src/01-async-await/04-errors-and-question-mark.md");
    /// let total: Result<u32, String> = Ok(12);
    /// PAGE.failure("order_total(&[1, 2, 3]) should add up the three prices").unless_eq(&total, &Ok(12));
    /// ```
    #[track_caller]
    pub fn unless_eq<T, U>(self, got: &T, expected: &U)
    where
        T: PartialEq<U> + Debug + ?Sized,
        U: Debug + ?Sized,
    {
        if got != expected {
            self.expected(expected).got(got).fail()
        }
    }

    /// Fails the test with the message unless `ok`.
    #[track_caller]
    pub fn unless(self, ok: bool) {
        if !ok {
            self.fail()
        }
    }
}

impl Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// Appends the blocks every failure message ends with, each after a blank line: the likely cause, the timeline of
/// simulated work (if asked for and there is any), the page to read.
pub(crate) fn footer(out: &mut String, cause: Option<&str>, timeline: bool, read: Option<&str>) {
    if let Some(cause) = cause {
        let _ = write!(out, "\n\n  Likely cause: {cause}");
    }
    let spans = journal::spans();
    if timeline && !spans.is_empty() {
        out.push_str("\n\n  What ran when (virtual time):\n");
        out.push_str(journal::render(&spans).trim_end());
    }
    if let Some(page) = read {
        let _ = write!(out, "\n\n  Read: {page}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: Page = Page::new("src/03-concurrency/01-join.md");

    #[test]
    fn timing_checks_and_failures_share_one_layout() {
        crate::run(async || {
            sim::journal::reset();
            sim::journal::work("fetch a", Duration::from_secs(1)).await;
            let timing = PAGE.took("the fetch", Duration::from_secs(1)).expected(Duration::from_secs(2)).verdict();
            let timing = timing.unwrap_err();
            let failure = PAGE
                .failure("timing: expected the fetch to take 2.000 s of virtual time, but it took 1.000 s.")
                .cause(
                    "it finished too early: some of the waiting it should do was skipped, or done for a shorter time.",
                )
                .timeline()
                .message();
            assert_eq!(timing, failure);
            let blocks: Vec<&str> = failure.split("\n\n").collect();
            assert!(blocks[1].starts_with("  Likely cause: "), "{failure}");
            assert!(blocks[2].starts_with("  What ran when (virtual time):\n"), "{failure}");
            assert!(blocks[2].contains("fetch a"), "{failure}");
            assert_eq!(blocks[3], "  Read: src/03-concurrency/01-join.md");
        });
    }

    #[test]
    fn expected_and_got_come_after_the_headline_and_an_empty_cause_is_left_out() {
        let message = fail("two pages").expected([1, 2]).got([2, 1]).cause("").message();
        assert_eq!(message, "two pages\n\n  Expected: [1, 2]\n  Got:      [2, 1]");
    }

    #[test]
    fn unless_eq_fails_only_on_a_difference() {
        fail("equal").unless_eq(&Some(3), &Some(3));
        let caught = crate::catch(|| fail("different").unless_eq(&"a", &"b")).unwrap_err();
        assert!(caught.contains("Expected: \"b\"\n  Got:      \"a\""), "{caught}");
    }

    #[test]
    fn every_known_panic_is_found_by_its_text() {
        for known in crate::known::KNOWN {
            for text in known.says {
                assert_eq!(crate::known::find(&format!("xx {text} yy")), Some(known));
            }
        }
        assert!(crate::known::RUNTIME_KEPT.matches("time is already frozen"));
    }
}
