//! A tiny executor: a queue of tasks on one thread, each task's waker putting it
//! back in the queue: `cargo run -p listings-10-under-the-hood --bin block_on`.

// ANCHOR: program
use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

type BoxedTask = Pin<Box<dyn Future<Output = ()> + Send>>;

struct Task {
    name: &'static str,
    future: Mutex<Option<BoxedTask>>,
    queue: Sender<Arc<Task>>,
}

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        println!("  (wake-up: {} goes back in the queue)", self.name);
        let queue = self.queue.clone();
        let _ = queue.send(self);
    }
}

/// Pending once, waking itself, then ready: a task that steps aside.
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn spawn(queue: &Sender<Arc<Task>>, name: &'static str, future: BoxedTask) {
    let future = Mutex::new(Some(future));
    let _ = queue.send(Arc::new(Task { name, future, queue: queue.clone() }));
}

/// Polls ready tasks until the queue is empty (a real executor would then park).
fn run_until_idle(ready: &Receiver<Arc<Task>>) {
    while let Ok(task) = ready.try_recv() {
        let mut slot = task.future.lock().unwrap();
        let Some(future) = slot.as_mut() else { continue };
        println!("poll {}", task.name);
        let waker = Waker::from(Arc::clone(&task));
        if future.as_mut().poll(&mut Context::from_waker(&waker)).is_ready() {
            println!("  {} is done", task.name);
            *slot = None;
        }
    }
    println!("idle: nothing is ready");
}

fn main() {
    let (queue, ready) = channel();
    for name in ["a", "b"] {
        spawn(
            &queue,
            name,
            Box::pin(async move {
                println!("  {name}: step 1");
                YieldOnce(false).await;
                println!("  {name}: step 2");
            }),
        );
    }
    run_until_idle(&ready);
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    #[test]
    fn the_program_runs_to_idle() {
        super::main();
    }
}
