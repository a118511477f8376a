//! The same simulated workload on tokio's paused clock (as the grader runs it) and on the real clock, for
//! `scripts/bench.py`: prints `virtual_wall_secs real_wall_secs workload_secs`.
//!
//! The workload is typical of the exercises: three lookups one after another, then ten requests at once, then a
//! pool of tasks, 2.5 s of simulated time in all.

use std::time::{Duration, Instant};

async fn workload() -> Duration {
    let start = tokio::time::Instant::now();
    // Three dependent lookups, one after another: 0.9 s.
    for _ in 0..3 {
        sim::work("lookup", Duration::from_millis(300)).await;
    }
    // Ten requests as concurrent tasks, the slowest 1 s.
    let requests: Vec<_> =
        (1..=10u64).map(|i| tokio::spawn(sim::work(format!("request {i}"), Duration::from_millis(100 * i)))).collect();
    for r in requests {
        r.await.expect("a simulated request does not panic");
    }
    // Four workers at once: 0.6 s.
    let pool: Vec<_> =
        (0..4).map(|i| tokio::spawn(sim::work(format!("worker {i}"), Duration::from_millis(600)))).collect();
    for w in pool {
        w.await.expect("a simulated worker does not panic");
    }
    start.elapsed()
}

fn run(paused: bool) -> (Duration, Duration) {
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_time().start_paused(paused).build().expect("a runtime");
    let wall = Instant::now();
    let simulated = runtime.block_on(workload());
    (wall.elapsed(), simulated)
}

fn main() {
    let (virtual_wall, simulated) = run(true);
    let (real_wall, _) = run(false);
    println!("{:.6} {:.6} {:.6}", virtual_wall.as_secs_f64(), real_wall.as_secs_f64(), simulated.as_secs_f64());
}
