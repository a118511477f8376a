//! The chapter's runnable programs (the ones the book sends to the playground) really
//! run and print what the page says. They use the real clock, as the playground does;
//! the printed durations are masked, and their timing is checked exactly, in virtual
//! time, by each program's own unit tests.

#[test]
fn the_select_loop_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_select_loop"));
    diagrams::check_output("output/select_loop.txt", &printed);
}

#[test]
fn the_ticker_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_ticker"));
    diagrams::check_output("output/ticker.txt", &printed);
}

#[test]
fn the_cancel_safe_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_cancel_safe"));
    diagrams::check_output("output/cancel_safe.txt", &printed);
}

#[test]
fn the_shutdown_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_shutdown"));
    diagrams::check_output("output/shutdown.txt", &printed);
}
