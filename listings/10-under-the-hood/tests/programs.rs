//! The chapter's runnable programs really run and print what the page says (`SNAPSHOTS=overwrite cargo test
//! --test programs` records their output in `output/<name>.txt`).

#[test]
fn the_signal_future_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_signal_future"));
    diagrams::check_output("output/signal_future.txt", &printed);
}

#[test]
fn the_state_machine_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_state_machine"));
    diagrams::check_output("output/state_machine.txt", &printed);
}

#[test]
fn the_join_two_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_join_two"));
    diagrams::check_output("output/join_two.txt", &printed);
}

#[test]
fn the_block_on_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_block_on"));
    diagrams::check_output("output/block_on.txt", &printed);
}

#[test]
fn the_deadline_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_deadline"));
    diagrams::check_output("output/deadline.txt", &printed);
}
