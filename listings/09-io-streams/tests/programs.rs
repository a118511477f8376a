//! The chapter's runnable programs (the ones the book sends to the playground) really
//! run and print what the page says. They use the real clock, as the playground does;
//! the printed durations are masked, and their timing is checked exactly, in virtual
//! time, by each program's own unit tests.

#[test]
fn the_shout_lines_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_shout_lines"));
    diagrams::check_output("output/shout_lines.txt", &printed);
}

#[test]
fn the_partial_reads_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_partial_reads"));
    diagrams::check_output("output/partial_reads.txt", &printed);
}

#[test]
fn the_tcp_server_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_tcp_server"));
    // The two clients run at the same time, so their lines may come in either order.
    let mut lines: Vec<&str> = printed.lines().collect();
    lines.sort();
    diagrams::check_output("output/tcp_server.txt", &(lines.join("\n") + "\n"));
}

#[test]
fn the_limited_fetches_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_limited_fetches"));
    diagrams::check_output("output/limited_fetches.txt", &printed);
}
