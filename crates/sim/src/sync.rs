//! Locks and flags that graded tests can race deterministically.
//!
//! [`Mutex`] is `std::sync::Mutex` and [`AtomicBool`] is `std::sync::atomic::AtomicBool`, with the same methods,
//! plus one thing: each of them marks the instants at which another thread could run in between two of your
//! steps. An unlock is such an instant (between two lock sections, another thread can take the lock), and so is
//! a flag's load (the flag can change right after you read it) and a flag's store (anything can happen just
//! before it). Outside graded tests nothing happens there; a program using these types behaves exactly as with
//! std's.
//!
//! A graded test runs on one thread, so it cannot rely on luck to make two threads meet in the gap between two
//! lock sections. Instead it installs an [`interleave`] hook: at each such instant the hook may run another
//! caller (a second `record`, a second `get`, an `open`) right there, as a second thread could. The race then
//! happens on every run, and a check-then-act written as two steps is caught every time.
//!
//! | instant | [`Point`] | reached |
//! |---|---|---|
//! | a [`MutexGuard`] is dropped | [`Point::Unlocked`] | after the lock is released |
//! | [`AtomicBool::load`] | [`Point::Loaded`] | after the value is read, before it is returned |
//! | [`AtomicBool::store`], [`AtomicBool::swap`] | [`Point::Storing`] | before the value is written |
//!
//! ```
//! use std::cell::Cell;
//! use std::rc::Rc;
//!
//! let lock = std::sync::Arc::new(sim::sync::Mutex::new(0));
//! let unlocks = Rc::new(Cell::new(0));
//! let seen = Rc::clone(&unlocks);
//! let _hook = sim::sync::interleave(move |point| {
//!     if point == sim::sync::Point::Unlocked {
//!         seen.set(seen.get() + 1);
//!     }
//! });
//! *lock.lock().unwrap() += 1;
//! assert_eq!(unlocks.get(), 1);
//! ```

use std::cell::RefCell;
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::{LockResult, PoisonError, TryLockError, TryLockResult};

/// An instant at which another thread could run in between two steps of the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Point {
    /// A [`Mutex`]'s guard was dropped: the lock is free, the caller has not done its next step yet.
    Unlocked,
    /// An [`AtomicBool`] was read: the value is about to be returned, and may already be out of date.
    Loaded,
    /// An [`AtomicBool`] is about to be written.
    Storing,
}

type Hook = Box<dyn FnMut(Point)>;

thread_local! {
    static HOOK: RefCell<Option<Hook>> = const { RefCell::new(None) };
}

/// Calls `hook` at every [`Point`] this thread reaches, until the returned guard is dropped.
///
/// While the hook runs it is switched off, so what it runs (another caller) does not re-enter it. Only this
/// thread is affected: tests running at the same time on other threads are not. A hook installed while another
/// is replaces it until the guard is dropped.
pub fn interleave(hook: impl FnMut(Point) + 'static) -> Interleaving {
    let before = HOOK.with(|h| h.borrow_mut().replace(Box::new(hook)));
    Interleaving { before: Some(before) }
}

/// Removes the hook [`interleave`] installed (and puts back the one before it) when dropped.
#[must_use = "the hook is removed when this guard is dropped"]
pub struct Interleaving {
    before: Option<Option<Hook>>,
}

impl Drop for Interleaving {
    fn drop(&mut self) {
        let before = self.before.take().flatten();
        HOOK.with(|h| *h.borrow_mut() = before);
    }
}

impl fmt::Debug for Interleaving {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Interleaving")
    }
}

/// Runs this thread's hook, if any, at `point`.
fn reached(point: Point) {
    if std::thread::panicking() {
        return;
    }
    let Some(mut hook) = HOOK.with(|h| h.borrow_mut().take()) else {
        return;
    };
    hook(point);
    HOOK.with(|h| {
        let mut slot = h.borrow_mut();
        if slot.is_none() {
            *slot = Some(hook);
        }
    });
}

/// `std::sync::Mutex` with the same methods; dropping its guard is a [`Point::Unlocked`].
#[derive(Default)]
pub struct Mutex<T: ?Sized> {
    inner: std::sync::Mutex<T>,
}

impl<T> Mutex<T> {
    /// A new unlocked mutex holding `value`.
    pub const fn new(value: T) -> Self {
        Self { inner: std::sync::Mutex::new(value) }
    }

    /// The value, consuming the mutex.
    pub fn into_inner(self) -> LockResult<T> {
        self.inner.into_inner()
    }
}

impl<T: ?Sized> Mutex<T> {
    /// Blocks until the lock is free, then holds it until the guard is dropped (as `std::sync::Mutex::lock`).
    pub fn lock(&self) -> LockResult<MutexGuard<'_, T>> {
        match self.inner.lock() {
            Ok(guard) => Ok(MutexGuard { inner: Some(guard) }),
            Err(poisoned) => Err(PoisonError::new(MutexGuard { inner: Some(poisoned.into_inner()) })),
        }
    }

    /// Takes the lock if it is free right now (as `std::sync::Mutex::try_lock`).
    pub fn try_lock(&self) -> TryLockResult<MutexGuard<'_, T>> {
        match self.inner.try_lock() {
            Ok(guard) => Ok(MutexGuard { inner: Some(guard) }),
            Err(TryLockError::Poisoned(poisoned)) => {
                Err(TryLockError::Poisoned(PoisonError::new(MutexGuard { inner: Some(poisoned.into_inner()) })))
            }
            Err(TryLockError::WouldBlock) => Err(TryLockError::WouldBlock),
        }
    }

    /// The value, through a unique borrow: no lock needed.
    pub fn get_mut(&mut self) -> LockResult<&mut T> {
        self.inner.get_mut()
    }
}

impl<T> From<T> for Mutex<T> {
    fn from(value: T) -> Self {
        Self::new(value)
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for Mutex<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}

/// The lock of a [`Mutex`], held until dropped (it is `!Send`, like std's guard).
pub struct MutexGuard<'a, T: ?Sized> {
    inner: Option<std::sync::MutexGuard<'a, T>>,
}

impl<T: ?Sized> Deref for MutexGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.inner.as_deref().expect("a guard holds its lock until dropped")
    }
}

impl<T: ?Sized> DerefMut for MutexGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        self.inner.as_deref_mut().expect("a guard holds its lock until dropped")
    }
}

impl<T: ?Sized> Drop for MutexGuard<'_, T> {
    fn drop(&mut self) {
        drop(self.inner.take()); // first release the lock, as std's guard does
        reached(Point::Unlocked);
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for MutexGuard<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

/// `std::sync::atomic::AtomicBool` with the same methods; a load is a [`Point::Loaded`], a store or swap a
/// [`Point::Storing`].
#[derive(Default)]
pub struct AtomicBool {
    inner: std::sync::atomic::AtomicBool,
}

impl AtomicBool {
    /// A new flag holding `value`.
    pub const fn new(value: bool) -> Self {
        Self { inner: std::sync::atomic::AtomicBool::new(value) }
    }

    /// Reads the flag (as `std::sync::atomic::AtomicBool::load`).
    pub fn load(&self, order: std::sync::atomic::Ordering) -> bool {
        let value = self.inner.load(order);
        reached(Point::Loaded);
        value
    }

    /// Writes the flag (as `std::sync::atomic::AtomicBool::store`).
    pub fn store(&self, value: bool, order: std::sync::atomic::Ordering) {
        reached(Point::Storing);
        self.inner.store(value, order);
    }

    /// Writes the flag and returns what it held (as `std::sync::atomic::AtomicBool::swap`).
    pub fn swap(&self, value: bool, order: std::sync::atomic::Ordering) -> bool {
        reached(Point::Storing);
        self.inner.swap(value, order)
    }

    /// The value, consuming the flag.
    pub fn into_inner(self) -> bool {
        self.inner.into_inner()
    }
}

impl From<bool> for AtomicBool {
    fn from(value: bool) -> Self {
        Self::new(value)
    }
}

impl fmt::Debug for AtomicBool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}
