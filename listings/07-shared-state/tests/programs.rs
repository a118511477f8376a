//! The chapter's runnable programs (the ones the book sends to the playground) really
//! run and print what the page says. They use the real clock, as the playground does;
//! the printed durations are masked, and their timing is checked exactly, in virtual
//! time, by each program's own unit tests.

#[test]
fn the_counter_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_counter"));
    diagrams::check_output("output/counter.txt", &printed);
}

#[test]
fn the_cache_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_cache"));
    diagrams::check_output("output/cache.txt", &printed);
}

#[test]
fn the_single_flight_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_single_flight"));
    diagrams::check_output("output/single_flight.txt", &printed);
}

#[test]
fn the_gate_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_gate"));
    diagrams::check_output("output/gate.txt", &printed);
}
