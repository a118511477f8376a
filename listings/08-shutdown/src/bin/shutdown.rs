//! A graceful shutdown with std and tokio only: a `watch` channel as the signal, a
//! `JoinSet` to drain within a deadline, then abort: `cargo run -p
//! listings-08-shutdown --bin shutdown`.

// ANCHOR: program
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinSet;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Runs the jobs until the signal, then drains for at most `drain`, then aborts.
async fn run(jobs: &[(u32, u64)], mut stop: watch::Receiver<bool>, drain: Duration) {
    let mut running = JoinSet::new();
    for &(id, cost) in jobs {
        running.spawn(async move {
            tokio::time::sleep(ms(cost)).await;
            id
        });
    }
    // Wait for the signal, reporting the jobs that finish meanwhile.
    loop {
        tokio::select! {
            _ = stop.wait_for(|&stop| stop) => break,
            Some(Ok(id)) = running.join_next() => println!("job {id} finished"),
        }
    }
    println!("shutdown: draining {} jobs for up to {drain:?}", running.len());
    let drained = tokio::time::timeout(drain, async {
        while let Some(Ok(id)) = running.join_next().await {
            println!("job {id} finished in the drain");
        }
    })
    .await;
    if drained.is_err() {
        println!("still running after the drain, aborted: {}", running.len());
        running.shutdown().await;
    }
}

#[tokio::main]
async fn main() {
    let (ctrl_c, stop) = watch::channel(false);
    tokio::spawn(async move {
        tokio::time::sleep(ms(300)).await; // a simulated Ctrl-C at 300 ms
        let _ = ctrl_c.send(true);
    });
    run(&[(1, 100), (2, 450), (3, 2000)], stop, ms(300)).await;
    println!("bye");
}
// ANCHOR_END: program

#[cfg(test)]
mod tests {
    use tokio::time::Instant;

    use super::*;

    #[tokio::test(start_paused = true)]
    async fn job_2_drains_and_job_3_is_aborted_at_600_ms() {
        let (ctrl_c, stop) = watch::channel(false);
        tokio::spawn(async move {
            tokio::time::sleep(ms(300)).await;
            let _ = ctrl_c.send(true);
        });
        let started = Instant::now();
        run(&[(1, 100), (2, 450), (3, 2000)], stop, ms(300)).await;
        assert_eq!(started.elapsed(), ms(600));
    }
}
