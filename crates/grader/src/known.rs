//! One table of panic messages that tokio, std and rand give for a known mistake, with what each usually means.
//! Tests that catch a panic in the student's code ([`crate::catch`], [`crate::caught`], [`crate::on_plain_thread`],
//! [`crate::task_panic`]) look the message up here rather than matching its text by hand.
//!
//! ```
//! let message = "A Tokio 1.x context was found, but timers are disabled. Call `enable_time` on the runtime builder";
//! let known = grader::known::find(message).expect("a known panic");
//! assert_eq!(known, &grader::known::TIMERS_DISABLED);
//! assert!(known.cause.contains("enable_time()"));
//! assert_eq!(grader::known::cause(message, "see the message above"), known.cause);
//! assert_eq!(grader::known::cause("index out of bounds", "see the message above"), "see the message above");
//! ```

/// A panic message (any of the texts in `says`) and the mistake it usually means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KnownPanic {
    /// Texts that identify the panic (any one of them in the message).
    pub says: &'static [&'static str],
    /// The likely cause, written for the `Likely cause:` line.
    pub cause: &'static str,
}

impl KnownPanic {
    /// Whether `message` is this panic's.
    pub fn matches(&self, message: &str) -> bool {
        self.says.iter().any(|text| message.contains(text))
    }
}

/// tokio: a timer was used on a runtime built without its time driver.
pub const TIMERS_DISABLED: KnownPanic = KnownPanic {
    says: &["timers are disabled"],
    cause: "the runtime was built without its timer driver, so `tokio::time::sleep` cannot work on it. \
            `Builder::new_current_thread()` starts with every driver off: add `.enable_time()` (or `.enable_all()`) \
            before `.build()`.",
};

/// tokio: `Handle::current()`, `tokio::spawn` or a timer used outside any runtime.
pub const NO_REACTOR: KnownPanic = KnownPanic {
    says: &["no reactor running", "must be called from the context of a Tokio"],
    cause: "the code ran outside any runtime: `Handle::current()`, `tokio::spawn` and tokio's timers only work \
            inside one. Build a runtime with `tokio::runtime::Builder` and run the future with its `block_on`.",
};

/// tokio: `block_on` called on a thread that is already running a runtime.
pub const RUNTIME_IN_RUNTIME: KnownPanic = KnownPanic {
    says: &["Cannot start a runtime from within a runtime"],
    cause: "`block_on` was called inside async code that a runtime was already running. Await inside the async \
            block instead of blocking on a runtime again.",
};

/// tokio: `tokio::time::pause()` on a runtime whose clock was built paused.
pub const STARTS_PAUSED: KnownPanic = KnownPanic {
    says: &["time is already frozen"],
    cause: "the runtime's clock was already paused when the program started: the runtime starts paused \
            (`start_paused = true`, or `.start_paused(true)`). `start_paused(true)` is for tests, which pause the \
            clock themselves; a program's runtime needs a clock that runs. Leave it out.",
};

/// tokio: the same panic as [`STARTS_PAUSED`], when the evidence shows an earlier program paused the clock (the
/// runtime was shared between calls). Not in [`KNOWN`]: only a test that has that evidence can tell.
pub const RUNTIME_KEPT: KnownPanic = KnownPanic {
    says: &["time is already frozen"],
    cause: "the runtime was not new: an earlier program had already paused its clock. A runtime kept from one call \
            to the next (in a `static`, say) is shared; build a new runtime in each call, as `#[tokio::main]` does.",
};

/// rand: a draw from an empty range (`0..0`, `Duration::ZERO..Duration::ZERO`).
pub const EMPTY_RANGE: KnownPanic = KnownPanic {
    says: &["empty range"],
    cause: "an exclusive range. `Duration::ZERO..max` (or `0.0..max`) leaves `max` out, so when `max` is zero the \
            range is empty and rand refuses to draw from it. The value may be anything from zero to the maximum \
            *included*, like Python's `random.uniform(0, max)`: write `..=`, as in `Duration::ZERO..=max`.",
};

/// std: a division by zero (of an integer, or of a `Duration` by a count of zero).
pub const DIVIDE_BY_ZERO: KnownPanic = KnownPanic {
    says: &["divide by zero", "dividing"],
    cause: "dividing by zero, say a `Duration` by a count that is 0. With nothing to divide among (n == 0), \
            return `Duration::ZERO` instead.",
};

/// std: arithmetic that overflowed (`u32::pow`, `Duration * n`, …).
pub const OVERFLOW: KnownPanic = KnownPanic {
    says: &["overflow"],
    cause: "overflowing arithmetic: the result does not fit in its type. Use the saturating forms \
            (`saturating_pow`, `Duration::saturating_mul`), which stop at the largest value.",
};

/// tokio: a task's `JoinError` that is not a panic: the task was cancelled.
pub const CANCELLED: KnownPanic = KnownPanic {
    says: &["was cancelled", "the task did not panic"],
    cause: "the task was cancelled before it finished: its handle's `abort()` was called, or the runtime shut down \
            while it still ran.",
};

/// The known panics, in the order they are looked up.
pub const KNOWN: &[KnownPanic] =
    &[TIMERS_DISABLED, NO_REACTOR, RUNTIME_IN_RUNTIME, STARTS_PAUSED, EMPTY_RANGE, DIVIDE_BY_ZERO, OVERFLOW, CANCELLED];

/// The known panic `message` is, if any.
pub fn find(message: &str) -> Option<&'static KnownPanic> {
    KNOWN.iter().find(|known| known.matches(message))
}

/// The likely cause of the panic `message`, or `otherwise` for a panic the table does not know.
pub fn cause<'a>(message: &str, otherwise: &'a str) -> &'a str {
    find(message).map_or(otherwise, |known| known.cause)
}
