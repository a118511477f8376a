//! Heavy computation, moved off the executor with `spawn_blocking`.

// ANCHOR: count_primes
/// Counts the primes below `limit` the slow way: pure computation that never awaits.
pub fn count_primes(limit: u32) -> usize {
    (2..limit)
        .filter(|&n| (2..n).take_while(|d| d * d <= n).all(|d| n % d != 0))
        .count()
}

/// Counts them on tokio's blocking thread pool; the executor is free while it runs.
pub async fn count_primes_in_background(limit: u32) -> usize {
    let job = tokio::task::spawn_blocking(move || count_primes(limit));
    job.await.expect("count_primes panicked")
}
// ANCHOR_END: count_primes

#[cfg(test)]
mod tests;
