//! Chapter 4's listings ("Creating tasks"). The book includes these files by anchor;
//! the tests below each listing check what the page says about it.

pub mod abort;
pub mod channels;
pub mod join_set;
pub mod semaphore;
pub mod spawn;

#[cfg(test)]
pub(crate) mod test_util {
    /// The names of the spans in the journal, in the order they started.
    pub fn names() -> Vec<String> {
        sim::journal::spans().into_iter().map(|s| s.name).collect()
    }
}
