//! The chapter's programs (`src/bin/`) really run. The three versions of one program
//! print the same line: `#[tokio::main]`, its expansion written by hand, and the
//! current-thread flavor. (They use the real clock: half a second each.) The runnable
//! programs the pages send to the playground print what the page says: their printed
//! durations are masked, and their timing is checked exactly, in virtual time, by
//! each program's own unit tests.

use diagrams::run_program as run;

#[test]
fn all_three_mains_print_the_same_profile() {
    let outputs = [
        run(env!("CARGO_BIN_EXE_report")),
        run(env!("CARGO_BIN_EXE_report_expanded")),
        run(env!("CARGO_BIN_EXE_report_one_thread")),
    ];
    for out in &outputs {
        assert_eq!(out, "Ada (Compilers)\n");
    }
}

#[test]
fn the_tokio_main_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_tokio_main"));
    diagrams::check_output("output/tokio_main.txt", &printed);
}

#[test]
fn the_runtime_by_hand_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_runtime_by_hand"));
    diagrams::check_output("output/runtime_by_hand.txt", &printed);
}

#[test]
fn the_blocking_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_blocking"));
    diagrams::check_output("output/blocking.txt", &printed);
}

#[test]
fn the_spawn_blocking_program() {
    let printed = diagrams::run_program(env!("CARGO_BIN_EXE_spawn_blocking"));
    diagrams::check_output("output/spawn_blocking.txt", &printed);
}
