//! The chapter's runnable programs (the ones the book sends to the playground) really
//! run and print what the page says. They use the real clock, as the playground does;
//! the printed durations are masked, and their timing is checked exactly, in virtual
//! time, by each program's own unit tests.

#[test]
fn the_join_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_join"));
    diagrams::check_output("output/join.txt", &printed);
}

#[test]
fn the_try_join_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_try_join"));
    diagrams::check_output("output/try_join.txt", &printed);
}

#[test]
fn the_select_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_select"));
    diagrams::check_output("output/select.txt", &printed);
}

#[test]
fn the_timeout_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_timeout"));
    diagrams::check_output("output/timeout_program.txt", &printed);
}

#[test]
fn the_gather_in_order_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_gather_in_order"));
    diagrams::check_output("output/gather_in_order.txt", &printed);
}
