//! The chapter's runnable programs (the ones the book sends to the playground) really
//! run and print what the page says. They use the real clock and fresh randomness, as
//! the playground does: the printed durations are masked, and a line with a random
//! count is checked for its shape. Their timing and draws are checked exactly, in
//! virtual time and with seeded twins, by each program's own unit tests.

#[test]
fn the_random_delay_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_random_delay"));
    diagrams::check_output("output/random_delay.txt", &printed);
}

#[test]
fn the_seeded_rng_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_seeded_rng"));
    diagrams::check_output("output/seeded_rng.txt", &printed);
}

#[test]
fn the_inject_rng_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_inject_rng"));
    diagrams::check_output("output/inject_rng.txt", &printed);
}

#[test]
fn the_backoff_with_jitter_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_backoff_with_jitter"));
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines.len(), 2, "one line per herd:\n{printed}");
    assert_eq!(
        lines[0],
        "without jitter: retries from <time> to <time>, at most 100 in any 20 ms"
    );
    // With jitter the count is random: 10 on average, and far below the herd's 100.
    let most = lines[1]
        .strip_prefix("with full jitter: retries from <time> to <time>, at most ")
        .and_then(|rest| rest.strip_suffix(" in any 20 ms"))
        .unwrap_or_else(|| panic!("unexpected second line: {:?}", lines[1]));
    let most: usize =
        most.parse().unwrap_or_else(|_| panic!("not a count: {most:?}"));
    assert!(
        (1..50).contains(&most),
        "{most} of 100 jittered retries within 20 ms: the herd did not spread"
    );
}
