//! The chapter's runnable programs (the ones the book sends to the playground) really
//! run and print what the page says. They use the real clock, as the playground does;
//! the printed durations are masked, and their timing is checked exactly, in virtual
//! time, by each program's own unit tests.

#[test]
fn the_hello_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_hello"));
    diagrams::check_output("output/hello.txt", &printed);
}

#[test]
fn the_async_blocks_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_async_blocks"));
    diagrams::check_output("output/async_blocks.txt", &printed);
}

#[test]
fn the_one_after_another_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_one_after_another"));
    diagrams::check_output("output/one_after_another.txt", &printed);
}

#[test]
fn the_errors_and_question_mark_program() {
    let printed =
        diagrams::run_program(env!("CARGO_BIN_EXE_errors_and_question_mark"));
    diagrams::check_output("output/errors_and_question_mark.txt", &printed);
}
