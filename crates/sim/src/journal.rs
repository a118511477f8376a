//! A journal of simulated work: what ran, from when to when, in virtual time.
//!
//! Every simulated service in this crate records a [`Span`] here while it runs, so a test can show the learner a
//! timeline of what their code did. The journal belongs to the current thread: each graded test runs on its own
//! thread with its own current-thread runtime, so tests never see each other's spans.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread", start_paused = true)]
//! # async fn main() {
//! use std::time::Duration;
//! sim::journal::reset();
//! tokio::join!(
//!     sim::journal::work("a", Duration::from_secs(1)),
//!     sim::journal::work("b", Duration::from_secs(2)),
//! );
//! let spans = sim::journal::spans();
//! assert_eq!(spans[1].end, Some(Duration::from_secs(2)));
//! print!("{}", sim::journal::render(&spans));
//! # }
//! ```

use std::cell::RefCell;
use std::fmt::Write as _;
use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;

/// One piece of simulated work, in virtual time measured from the last [`reset`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// What ran, e.g. `fetch /home`.
    pub name: String,
    /// When it started.
    pub start: Duration,
    /// When it finished; `None` while it is still running.
    pub end: Option<Duration>,
    /// True when the work was dropped before it finished (cancelled, e.g. the loser of a `select!`).
    pub cancelled: bool,
}

impl Span {
    /// How long the span lasted (up to now for a span still running).
    pub fn duration(&self) -> Duration {
        self.end.unwrap_or_else(now).saturating_sub(self.start)
    }
}

struct Journal {
    origin: Option<Instant>,
    spans: Vec<Span>,
}

thread_local! {
    static JOURNAL: RefCell<Journal> = const { RefCell::new(Journal { origin: None, spans: Vec::new() }) };
}

/// Clears the journal and sets its zero to the current (virtual) instant.
pub fn reset() {
    JOURNAL.with_borrow_mut(|j| {
        j.origin = Some(Instant::now());
        j.spans.clear();
    });
}

/// Virtual time elapsed since the last [`reset`] (since the first use of the journal if there was none).
pub fn now() -> Duration {
    JOURNAL.with_borrow_mut(|j| Instant::now().saturating_duration_since(*j.origin.get_or_insert_with(Instant::now)))
}

/// A copy of every span recorded since the last [`reset`], in the order they started.
pub fn spans() -> Vec<Span> {
    JOURNAL.with_borrow(|j| j.spans.clone())
}

/// The most spans whose name starts with `prefix` that were in progress at the same instant, among the spans
/// recorded since the last [`reset`]: how many renders, writes or downloads really overlapped. A span that ends at
/// the instant another starts does not overlap it. A span still running counts as running for ever.
///
/// ```
/// # #[tokio::main(flavor = "current_thread", start_paused = true)]
/// # async fn main() {
/// use std::time::Duration;
/// use sim::journal;
///
/// journal::reset();
/// let ms = Duration::from_millis;
/// tokio::join!(journal::work("write a", ms(200)), journal::work("write b", ms(100)));
/// journal::work("write c", ms(100)).await;
/// assert_eq!(journal::most_at_once("write "), 2);
/// # }
/// ```
pub fn most_at_once(prefix: &str) -> usize {
    let mut events: Vec<(Duration, i32)> = Vec::new();
    for span in spans().iter().filter(|s| s.name.starts_with(prefix)) {
        events.push((span.start, 1));
        events.push((span.end.unwrap_or(Duration::MAX), -1));
    }
    events.sort(); // at the same instant, an end (-1) sorts before a start (+1)
    let (mut now, mut most) = (0, 0);
    for (_, change) in events {
        now += change;
        most = most.max(now);
    }
    most as usize
}

/// The first span called `name` recorded since the last [`reset`], if any.
pub fn span(name: &str) -> Option<Span> {
    JOURNAL.with_borrow(|j| j.spans.iter().find(|s| s.name == name).cloned())
}

/// Every span recorded since the last [`reset`], drawn as a text timeline with [`render`].
pub fn timeline() -> String {
    render(&spans())
}

/// Runs `fut`, recording it as a span called `name`.
///
/// If the returned future is dropped before `fut` completes, the span is closed at that moment and marked
/// `cancelled`. The span starts when the returned future is first polled, not when it is created: futures are lazy.
pub async fn traced<F: Future>(name: impl Into<String>, fut: F) -> F::Output {
    let index = JOURNAL.with_borrow_mut(|j| {
        let start = Instant::now().saturating_duration_since(*j.origin.get_or_insert_with(Instant::now));
        j.spans.push(Span { name: name.into(), start, end: None, cancelled: false });
        j.spans.len() - 1
    });
    let mut guard = CloseOnDrop { index, finished: false };
    let out = fut.await;
    guard.finished = true;
    out
}

/// Simulated work: sleeps `duration` of (virtual) time and records it as a span called `name`.
pub async fn work(name: impl Into<String>, duration: Duration) {
    traced(name, tokio::time::sleep(duration)).await
}

struct CloseOnDrop {
    index: usize,
    finished: bool,
}

impl Drop for CloseOnDrop {
    fn drop(&mut self) {
        let end = now();
        let finished = self.finished;
        // `try_with`: a span dropped while the thread is being torn down has nowhere to go, and that is fine.
        let _ = JOURNAL.try_with(|j| {
            if let Ok(mut j) = j.try_borrow_mut()
                && let Some(span) = j.spans.get_mut(self.index)
            {
                span.end = Some(end);
                span.cancelled = !finished;
            }
        });
    }
}

/// Formats seconds with millisecond precision, the resolution of tokio's timers: `2.500 s`.
pub fn secs(d: Duration) -> String {
    format!("{}.{:03} s", d.as_secs(), d.subsec_millis())
}

/// Draws spans as a text timeline, one row per span (by start time, then name), scaled to the latest end.
///
/// ```text
/// fetch a  |██████████··········|  0.000 s → 1.000 s
/// fetch b  |··········██████████|  1.000 s → 2.000 s
/// ```
/// A cancelled span is drawn with `░` and marked `(cancelled)`; one still running ends in `…`.
pub fn render(spans: &[Span]) -> String {
    const WIDTH: u128 = 40;
    const NAME_WIDTH: usize = 36;
    if spans.is_empty() {
        return "  (no simulated work was started)\n".to_string();
    }
    // Spans that start together (say, the branches of a `select!`, polled in random order) are listed by name,
    // so the same run always draws the same picture.
    let mut spans = spans.to_vec();
    spans.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| natural_key(&a.name).cmp(&natural_key(&b.name))));
    let horizon = spans.iter().map(|s| s.end.unwrap_or_else(now)).max().unwrap_or_default();
    let scale = horizon.as_micros().max(1);
    let name_width = spans.iter().map(|s| s.name.chars().count()).max().unwrap_or(0).min(NAME_WIDTH);
    let mut out = String::new();
    for span in &spans {
        let end = span.end.unwrap_or_else(now);
        let from = (span.start.as_micros() * WIDTH / scale) as usize;
        let mut to = (end.as_micros() * WIDTH / scale) as usize;
        if to == from && end > span.start {
            to = from + 1; // keep short spans visible
        }
        let fill = if span.cancelled { '░' } else { '█' };
        let bar: String =
            (0..WIDTH as usize).map(|i| if i >= from && i < to.min(WIDTH as usize) { fill } else { '·' }).collect();
        let name: String = if span.name.chars().count() > NAME_WIDTH {
            span.name.chars().take(NAME_WIDTH - 1).chain(['…']).collect()
        } else {
            span.name.clone()
        };
        let tail = match (span.end, span.cancelled) {
            (None, _) => format!("{} → …  (still running)", secs(span.start)),
            (Some(e), true) => format!("{} → {}  (cancelled)", secs(span.start), secs(e)),
            (Some(e), false) => format!("{} → {}", secs(span.start), secs(e)),
        };
        let _ = writeln!(out, "  {name:<name_width$} |{bar}| {tail}");
    }
    out
}

/// Orders names the way people read them: `wait 2` before `wait 10`.
fn natural_key(name: &str) -> Vec<(String, u64)> {
    let mut key = Vec::new();
    let mut text = String::new();
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            let mut number = u64::from(c.to_digit(10).unwrap_or(0));
            while let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                number = number.saturating_mul(10).saturating_add(u64::from(d));
                chars.next();
            }
            key.push((std::mem::take(&mut text), number));
        } else {
            text.push(c);
        }
    }
    key.push((text, 0));
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn records_concurrent_and_sequential_work() {
        reset();
        tokio::join!(work("a", Duration::from_secs(1)), work("b", Duration::from_secs(2)));
        work("c", Duration::from_millis(500)).await;
        let s = spans();
        assert_eq!(s.len(), 3);
        assert_eq!((s[0].start, s[0].end), (Duration::ZERO, Some(Duration::from_secs(1))));
        assert_eq!((s[1].start, s[1].end), (Duration::ZERO, Some(Duration::from_secs(2))));
        assert_eq!((s[2].start, s[2].end), (Duration::from_secs(2), Some(Duration::from_millis(2500))));
        assert!(s.iter().all(|s| !s.cancelled));
    }

    #[tokio::test(start_paused = true)]
    async fn a_dropped_span_is_marked_cancelled() {
        reset();
        let slow = work("slow", Duration::from_secs(5));
        let _ = tokio::time::timeout(Duration::from_secs(1), slow).await;
        let s = spans();
        assert_eq!(s[0].end, Some(Duration::from_secs(1)));
        assert!(s[0].cancelled);
        assert!(render(&s).contains("(cancelled)"));
    }

    #[tokio::test(start_paused = true)]
    async fn render_draws_one_row_per_span_with_times() {
        reset();
        work("first", Duration::from_secs(1)).await;
        work("second", Duration::from_secs(1)).await;
        let text = timeline();
        let rows: Vec<&str> = text.lines().collect();
        assert_eq!(rows.len(), 2);
        assert!(rows[0].contains("first") && rows[0].ends_with("0.000 s → 1.000 s"), "{text}");
        assert!(rows[1].contains("second") && rows[1].ends_with("1.000 s → 2.000 s"), "{text}");
        // The first half of the first bar is filled, the second half of the second one.
        assert!(rows[0].contains(&format!("|{}{}|", "█".repeat(20), "·".repeat(20))), "{text}");
        assert!(rows[1].contains(&format!("|{}{}|", "·".repeat(20), "█".repeat(20))), "{text}");
    }

    #[test]
    fn spans_starting_together_are_listed_in_natural_order() {
        let at = |name: &str| Span {
            name: name.into(),
            start: Duration::ZERO,
            end: Some(Duration::from_secs(1)),
            cancelled: false,
        };
        let text = render(&[at("wait 10"), at("wait 2"), at("wait 1")]);
        let names: Vec<&str> = text.lines().map(|l| l.split('|').next().unwrap_or_default().trim()).collect();
        assert_eq!(names, ["wait 1", "wait 2", "wait 10"]);
    }

    #[test]
    fn secs_has_millisecond_precision() {
        assert_eq!(secs(Duration::from_micros(2_500_400)), "2.500 s");
        assert_eq!(secs(Duration::ZERO), "0.000 s");
    }
}
