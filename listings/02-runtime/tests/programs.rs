//! The chapter's three versions of one program (`src/bin/`) really run and print the same line: `#[tokio::main]`,
//! its expansion written by hand, and the current-thread flavor. (They use the real clock: half a second each.)

use std::process::Command;

fn run(exe: &str) -> String {
    let out = Command::new(exe).output().expect("run the program");
    assert!(out.status.success(), "{exe} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

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
