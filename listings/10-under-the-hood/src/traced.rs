//! `Traced<F>`: a wrapper that writes down when its future is polled and when the
//! future's task is woken, in virtual time (the diagrams of this chapter are drawn
//! from it).

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use pin_project_lite::pin_project;

/// The instants a [`Traced`] future saw, from `sim::journal::now()`.
#[derive(Debug, Default, Clone)]
pub struct Trace {
    /// When it was polled.
    pub polls: Vec<Duration>,
    /// When a waker it was given was called.
    pub wakes: Vec<Duration>,
}

pin_project! {
    /// `inner`, recording its polls and wake-ups into a shared [`Trace`].
    pub struct Traced<F> {
        #[pin]
        inner: F,
        trace: Arc<Mutex<Trace>>,
    }
}

/// `inner`, traced, and the trace to read afterwards.
pub fn traced<F: Future>(inner: F) -> (Traced<F>, Arc<Mutex<Trace>>) {
    let trace = Arc::new(Mutex::new(Trace::default()));
    (Traced { inner, trace: Arc::clone(&trace) }, trace)
}

/// A waker that notes the instant it is called, then wakes the real task.
struct NotingWaker {
    inner: Waker,
    trace: Arc<Mutex<Trace>>,
}

impl Wake for NotingWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.trace.lock().expect("trace").wakes.push(sim::journal::now());
        self.inner.wake_by_ref();
    }
}

impl<F: Future> Future for Traced<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        this.trace.lock().expect("trace").polls.push(sim::journal::now());
        let waker = Waker::from(Arc::new(NotingWaker {
            inner: cx.waker().clone(),
            trace: Arc::clone(this.trace),
        }));
        this.inner.poll(&mut Context::from_waker(&waker))
    }
}
