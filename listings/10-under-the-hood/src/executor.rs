//! Page "A minimal executor": a task queue on one thread (spawn, then run until idle).
//! Each task's waker puts the task back in the queue: being woken means "poll me".

use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::task::{Context, Wake, Waker};

// ANCHOR: executor
type BoxedTask = Pin<Box<dyn Future<Output = ()> + Send>>;

/// A spawned task: its future (gone once finished), and the queue to go back to.
struct Task {
    future: Mutex<Option<BoxedTask>>,
    queue: Sender<Arc<Task>>,
}

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        let queue = self.queue.clone();
        let _ = queue.send(self); // "poll me again": back in the queue
    }
}

pub struct Executor {
    ready: Receiver<Arc<Task>>,
    queue: Sender<Arc<Task>>,
}

impl Executor {
    pub fn new() -> Self {
        let (queue, ready) = channel();
        Executor { ready, queue }
    }

    /// Starts nothing: the task is queued, and runs when the executor runs.
    pub fn spawn(&self, future: impl Future<Output = ()> + Send + 'static) {
        let future = Mutex::new(Some(Box::pin(future) as BoxedTask));
        let _ = self.queue.send(Arc::new(Task { future, queue: self.queue.clone() }));
    }

    /// Polls queued tasks until none is ready; returns how many polls that took.
    /// Tasks still pending stay with whoever holds their waker.
    pub fn run_until_idle(&self) -> usize {
        let mut polls = 0;
        while let Ok(task) = self.ready.try_recv() {
            let mut slot = task.future.lock().expect("task lock");
            let Some(future) = slot.as_mut() else { continue }; // finished already
            let waker = Waker::from(Arc::clone(&task));
            polls += 1;
            if future.as_mut().poll(&mut Context::from_waker(&waker)).is_ready() {
                *slot = None; // done: drop it, never poll it again
            }
        }
        polls
    }
}
// ANCHOR_END: executor

impl Default for Executor {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests;
