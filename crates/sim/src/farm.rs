//! A render farm (chapter 8): long render jobs, status questions, a probe sampled on a schedule, a feed of
//! frames that must be decoded, and a store that takes them in batches.
//!
//! | call                               | latency                                   | journal span        |
//! |------------------------------------|-------------------------------------------|---------------------|
//! | [`render`]`(&job)`                 | `job.cost`                                | `render #3`         |
//! | [`answer`]`(question)`             | 100 ms                                    | `answer "eta?"`     |
//! | [`Probe::read`]                    | the probe's next latency (see below)      | `read #1`           |
//! | [`Feed::next`]                     | waits for the next frame, then 100 ms     | `decode #4`         |
//! | [`store`]`(&batch)`                | 50 ms                                     | `store [1, 2]`      |
//!
//! [`Feed::next`] is **not cancel-safe**: it takes the frame off the feed *before* decoding it, so a `next()`
//! future dropped while it decodes loses that frame for good (its span is drawn cancelled). Waiting for a frame
//! that has not arrived yet is safe to cancel: nothing has been taken.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread", start_paused = true)]
//! # async fn main() {
//! use std::time::Duration;
//! use sim::farm::{Feed, Job, render};
//! let ms = Duration::from_millis;
//! let start = tokio::time::Instant::now();
//! assert_eq!(render(&Job::new(3, ms(500))).await, 3);
//! let feed = Feed::new(vec![(ms(700), 1)]); // frame 1 arrives 700 ms after the feed is made
//! assert_eq!(feed.next().await, Some(1)); // at 700 ms, decoded 100 ms later
//! assert_eq!(feed.next().await, None); // nothing left
//! assert_eq!(start.elapsed(), ms(1300));
//! # }
//! ```

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

use crate::journal::{now, traced, work};

/// How long [`answer`] takes.
pub const ANSWER_LATENCY: Duration = Duration::from_millis(100);
/// How long [`Feed::next`] decodes a frame once it has taken it.
pub const DECODE_LATENCY: Duration = Duration::from_millis(100);
/// How long [`store`] takes.
pub const STORE_LATENCY: Duration = Duration::from_millis(50);

/// A render job: `cost` is how long [`render`] takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Job {
    pub id: u32,
    pub cost: Duration,
}

impl Job {
    pub fn new(id: u32, cost: Duration) -> Self {
        Job { id, cost }
    }
}

/// Renders `job`: `job.cost` of work, recorded as `render #<id>`. Returns the job's id.
pub async fn render(job: &Job) -> u32 {
    work(format!("render #{}", job.id), job.cost).await;
    job.id
}

/// Answers a status question (100 ms, recorded as `answer "<question>"`).
pub async fn answer(question: &str) -> String {
    work(format!("answer {question:?}"), ANSWER_LATENCY).await;
    format!("{question} -> still rendering")
}

/// One reading of a [`Probe`]: its number (from 1) and when it started, in journal time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reading {
    pub n: u32,
    pub at: Duration,
}

/// A gauge that takes a while to read: the k-th [`Probe::read`] takes `latencies[k - 1]` (the last latency
/// repeats once the list runs out; 200 ms if it is empty).
#[derive(Clone, Debug)]
pub struct Probe {
    latencies: Vec<Duration>,
    reads: u32,
}

impl Probe {
    pub fn new(latencies: Vec<Duration>) -> Self {
        Probe { latencies, reads: 0 }
    }

    /// How many reads have started.
    pub fn reads(&self) -> u32 {
        self.reads
    }

    /// Reads the gauge, recorded as `read #<n>`.
    pub async fn read(&mut self) -> Reading {
        self.reads += 1;
        let n = self.reads;
        let index = (n as usize - 1).min(self.latencies.len().saturating_sub(1));
        let latency = self.latencies.get(index).copied().unwrap_or(Duration::from_millis(200));
        let at = now();
        work(format!("read #{n}"), latency).await;
        Reading { n, at }
    }
}

/// A feed of numbered frames, each arriving at a set time after the feed was made. Cloning it gives another
/// handle on the same feed.
#[derive(Clone, Debug)]
pub struct Feed {
    origin: Instant,
    frames: Arc<Mutex<VecDeque<(Duration, u32)>>>,
}

impl Feed {
    /// A feed whose frames arrive at the given offsets from now, in order.
    pub fn new(arrivals: Vec<(Duration, u32)>) -> Self {
        Feed { origin: Instant::now(), frames: Arc::new(Mutex::new(arrivals.into())) }
    }

    /// How many frames have not been taken yet.
    pub fn remaining(&self) -> usize {
        self.frames.lock().map(|f| f.len()).unwrap_or(0)
    }

    /// The next frame: waits until it arrives, **takes it off the feed**, decodes it (100 ms, recorded as
    /// `decode #<id>`) and gives its id; `None` once every frame has been taken.
    ///
    /// Not cancel-safe: dropped during the decode, the frame is lost. The future owns a handle on the feed
    /// (`'static`), so it can be kept across the iterations of a loop while the feed is used elsewhere.
    pub fn next(&self) -> impl Future<Output = Option<u32>> + Send + 'static {
        let feed = self.clone();
        async move {
            let due = feed.frames.lock().ok()?.front().map(|(at, _)| *at)?;
            tokio::time::sleep_until(feed.origin + due).await; // cancel-safe: nothing taken yet
            let (_, id) = feed.frames.lock().ok()?.pop_front()?;
            traced(format!("decode #{id}"), tokio::time::sleep(DECODE_LATENCY)).await;
            Some(id)
        }
    }
}

/// Stores a batch of frames (50 ms, recorded as `store [1, 2]`).
pub async fn store(batch: &[u32]) {
    traced(format!("store {batch:?}"), tokio::time::sleep(STORE_LATENCY)).await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{reset, span, spans};

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[tokio::test(start_paused = true)]
    async fn a_probe_reads_with_its_latencies_then_repeats_the_last() {
        reset();
        let mut probe = Probe::new(vec![ms(100), ms(300)]);
        let a = probe.read().await;
        let b = probe.read().await;
        let c = probe.read().await;
        assert_eq!((a.n, a.at, b.at, c.at, now()), (1, ms(0), ms(100), ms(400), ms(700)));
    }

    #[tokio::test(start_paused = true)]
    async fn a_feed_dropped_while_decoding_loses_the_frame() {
        reset();
        let feed = Feed::new(vec![(ms(100), 1), (ms(150), 2)]);
        let lost = tokio::time::timeout(ms(150), feed.next()).await;
        assert!(lost.is_err());
        assert_eq!(feed.next().await, Some(2));
        assert_eq!(now(), ms(250));
        assert!(span("decode #1").is_some_and(|s| s.cancelled));
        assert_eq!(feed.next().await, None);
    }

    #[tokio::test(start_paused = true)]
    async fn a_feed_dropped_while_waiting_loses_nothing() {
        reset();
        let feed = Feed::new(vec![(ms(500), 1)]);
        assert!(tokio::time::timeout(ms(200), feed.next()).await.is_err());
        assert_eq!(feed.remaining(), 1);
        assert_eq!(feed.next().await, Some(1));
        assert_eq!(now(), ms(600));
        assert_eq!(spans().len(), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn render_answer_and_store_take_their_time() {
        reset();
        render(&Job::new(1, ms(700))).await;
        answer("eta?").await;
        store(&[1, 2]).await;
        let names: Vec<String> = spans().into_iter().map(|s| s.name).collect();
        assert_eq!(names, ["render #1", "answer \"eta?\"", "store [1, 2]"]);
        assert_eq!(now(), ms(850));
    }
}
