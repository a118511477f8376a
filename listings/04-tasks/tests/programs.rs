//! The chapter's runnable programs (the ones the book sends to the playground) really
//! run and print what the page says. They use the real clock, as the playground does;
//! the printed durations are masked, and their timing is checked exactly, in virtual
//! time, by each program's own unit tests.

#[test]
fn the_spawn_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_spawn"));
    diagrams::check_output("output/spawn.txt", &printed);
}

#[test]
fn the_join_set_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_join_set"));
    diagrams::check_output("output/join_set.txt", &printed);
}

#[test]
fn the_abort_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_abort"));
    diagrams::check_output("output/abort.txt", &printed);
}

#[test]
fn the_semaphore_pool_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_semaphore_pool"));
    diagrams::check_output("output/semaphore_pool.txt", &printed);
}

#[test]
fn the_channels_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_channels"));
    diagrams::check_output("output/channels.txt", &printed);
}
