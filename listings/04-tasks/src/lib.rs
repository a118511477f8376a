//! Chapter 4's listings ("Creating tasks"). The book includes these files by anchor;
//! the tests below each listing check what the page says about it.

pub mod abort;
pub mod channels;
pub mod join_set;
pub mod semaphore;
pub mod spawn;

#[cfg(test)]
pub(crate) mod test_util {
    use std::time::Duration;

    /// The names of the spans in the journal, in the order they started.
    pub fn names() -> Vec<String> {
        sim::journal::spans().into_iter().map(|s| s.name).collect()
    }

    /// The most spans whose name starts with `prefix` in progress at the same
    /// instant.
    pub fn most_at_once(prefix: &str) -> usize {
        let mut events: Vec<(Duration, i32)> = Vec::new();
        for span in
            sim::journal::spans().iter().filter(|s| s.name.starts_with(prefix))
        {
            events.push((span.start, 1));
            events.push((span.end.unwrap_or(Duration::MAX), -1));
        }
        events.sort();
        let (mut now, mut most) = (0, 0);
        for (_, change) in events {
            now += change;
            most = most.max(now);
        }
        most as usize
    }
}
