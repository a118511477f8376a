//! The chapter's runnable programs (the ones the book sends to the playground) really
//! run and print what the page says. They use the real clock, as the playground does;
//! the printed durations are masked, and their timing is checked exactly, in virtual
//! time, by each program's own unit tests.

#[test]
fn the_five_tasks_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_five_tasks")); // runs it, durations → `<time>`
    diagrams::check_output("output/five_tasks.txt", &printed);
}

#[test]
fn the_async_comprehension_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_async_comprehension"));
    diagrams::check_output("output/async_comprehension.txt", &printed);
}
