//! The runner's behaviour on bad input: a clear one-line error and exit code 2, never a panic trace, and no
//! learner file lost. (Scenarios that need cargo to build exercises, such as Ctrl-C during grading, are in
//! scripts/sabotage.py.)

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn course_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_course")).current_dir(dir).args(args).output().expect("the runner starts")
}

/// Runs the runner in `dir` with a cargo that does not exist: for what must be decided before anything is built.
fn run_without_cargo(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_course"))
        .current_dir(dir)
        .env("CARGO", "/nonexistent/cargo")
        .args(args)
        .output()
        .expect("the runner starts")
}

/// Writes the learner's `src/lib.rs` of exercise `dir` (e.g. `01-async-await/01-hello-await`) in a scratch course;
/// returns its `src` folder.
fn learner_lib(course: &Path, dir: &str) -> PathBuf {
    let src = course.join("exercises").join(dir).join("src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join("lib.rs"), "// the learner's work\n").unwrap();
    src
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn no_panic(out: &Output) {
    let err = stderr(out);
    assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "a panic trace: {err}");
}

/// A scratch course: the real manifest and one exercise's folder, enough for the commands that do not build.
fn scratch_course() -> tempfile::TempDir {
    let dir = tempfile::Builder::new().prefix("course-cli-").tempdir().unwrap();
    std::fs::copy(course_root().join("course.toml"), dir.path().join("course.toml")).unwrap();
    dir
}

#[test]
fn an_unknown_exercise_gets_the_closest_name_and_exit_code_2() {
    let out = run(&course_root(), &["hint", "helo-awiat"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out).trim(), "error: there is no exercise called `helo-awiat`; did you mean `hello-await`?");
    let out = run(&course_root(), &["check", "qqqqqqqqqqqqqqqq"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`cargo course list` shows them all"), "{}", stderr(&out));
    no_panic(&out);
}

#[test]
fn outside_the_course_folder_is_a_clear_error() {
    let outside = tempfile::tempdir().unwrap();
    let out = run(outside.path(), &["list"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with("error: no course.toml here or in any folder above"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    no_panic(&out);
}

#[test]
fn a_broken_manifest_is_a_clear_error() {
    let dir = scratch_course();
    std::fs::write(dir.path().join("course.toml"), "[[exercise]]\ndir = 7\n").unwrap();
    let out = run(dir.path(), &["list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: course.toml is not valid"), "{}", stderr(&out));
    no_panic(&out);
}

#[test]
fn a_damaged_progress_file_is_rebuilt_with_a_notice() {
    let dir = scratch_course();
    std::fs::create_dir_all(dir.path().join(".course")).unwrap();
    std::fs::write(dir.path().join(".course/state.json"), "{ not json").unwrap();
    let out = run(dir.path(), &["hint", "hello-await"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("was damaged or from another version; progress is rebuilt"), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("1/3."));
    // The rebuilt file is valid again: the next hint is the second one, without a notice.
    let out = run(dir.path(), &["hint", "hello-await"]);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("2/3."));
}

#[test]
fn hints_are_progressive_and_stop_at_the_last() {
    let dir = scratch_course();
    let texts: Vec<String> = (0..4)
        .map(|_| String::from_utf8_lossy(&run(dir.path(), &["hint", "hello-await"]).stdout).into_owned())
        .collect();
    assert!(texts[0].contains("1/3.") && !texts[0].contains("2/3."));
    assert!(texts[1].contains("2/3.") && !texts[1].contains("3/3."));
    assert!(texts[2].contains("3/3.") && texts[2].contains("That was the last hint"));
    assert_eq!(texts[2], texts[3], "asking past the last hint shows them all again");
}

#[test]
fn reset_without_a_terminal_needs_yes_and_changes_nothing() {
    let root = course_root();
    let lib = root.join("exercises/01-async-await/01-hello-await/src/lib.rs");
    let before = std::fs::read(&lib).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_course"))
        .current_dir(&root)
        .args(["reset", "hello-await"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("pass --yes"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&lib).unwrap(), before);
}

#[test]
fn reset_that_cannot_back_up_changes_nothing() {
    // A course whose .course is a file, not a folder: the backup cannot be written (like a read-only folder).
    let dir = scratch_course();
    let ex = dir.path().join("exercises/01-async-await/01-hello-await/src");
    std::fs::create_dir_all(&ex).unwrap();
    std::fs::write(ex.join("lib.rs"), "// the learner's work\n").unwrap();
    std::fs::write(dir.path().join(".course"), "not a folder").unwrap();
    let out = run(dir.path(), &["reset", "hello-await", "--yes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot back up") && stderr(&out).contains("nothing was changed"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(ex.join("lib.rs")).unwrap(), "// the learner's work\n");
    no_panic(&out);
}

#[test]
fn a_missing_cargo_is_a_clear_error() {
    let dir = scratch_course();
    learner_lib(dir.path(), "01-async-await/01-hello-await");
    let out = run_without_cargo(dir.path(), &["check", "hello-await"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).lines().any(|l| l.starts_with("error: cannot run cargo")), "{}", stderr(&out));
    no_panic(&out);
}

#[test]
fn verify_stops_on_a_mutant_patch_that_no_longer_applies() {
    // A solution changed since its mutant was made: verify names the patch and says how to fix it, before building
    // anything (this scratch course has nothing to build).
    let dir = scratch_course();
    let sol = dir.path().join("solutions/01-async-await/01-hello-await");
    std::fs::create_dir_all(sol.join("src")).unwrap();
    std::fs::create_dir_all(sol.join("mutants")).unwrap();
    std::fs::write(sol.join("src/lib.rs"), "pub fn greeting() -> &'static str {\n    \"Hi\"\n}\n").unwrap();
    let patch = "mistake: greets wrongly\nexpect: must return exactly\n--- src/lib.rs\n+++ src/lib.rs\n@@ -1,3 +1,3 @@\n \
                 pub fn greeting() -> &'static str {\n-    \"Hello\"\n+    \"Hullo\"\n }\n";
    std::fs::write(sol.join("mutants/wrong_greeting.patch"), patch).unwrap();
    let out = run(dir.path(), &["verify"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "solutions/01-async-await/01-hello-await/mutants/wrong_greeting.patch: the diff no longer applies"
        ),
        "{err}"
    );
    assert!(err.contains("The solution changed") && err.contains("docs/AUTHORING.md"), "{err}");
    no_panic(&out);
}

#[test]
fn check_inside_an_exercise_folder_grades_that_exercise() {
    let dir = scratch_course();
    let src = learner_lib(dir.path(), "01-async-await/02-one-after-another");
    let out = run_without_cargo(&src, &["check"]);
    assert!(stderr(&out).starts_with("Grading one-after-another…"), "{}", stderr(&out));
    no_panic(&out);
}

#[test]
fn a_deleted_exercise_folder_is_named_and_costs_only_that_exercise() {
    // No cargo is needed to see that the sources are gone: nothing is built, the message says how to restore them.
    let dir = scratch_course();
    let out = run_without_cargo(dir.path(), &["check", "hello-await"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("src/lib.rs") && text.contains("cargo course reset hello-await"), "{text}");
    no_panic(&out);
}

#[test]
fn an_unwritable_report_path_is_refused_before_grading() {
    let dir = scratch_course();
    let out = run(dir.path(), &["grade", "--json", "/nonexistent-folder/report.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot write the report to /nonexistent-folder/report.json"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("Grading"), "{}", stderr(&out));
    no_panic(&out);
}

#[test]
fn unknown_commands_and_flags_exit_2() {
    let out = run(&course_root(), &["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    no_panic(&out);
}

#[test]
fn a_class_batch_with_bad_input_is_refused_before_anything_is_graded() {
    let dir = scratch_course();
    let missing = dir.path().join("no-such-folder");
    let out = run_without_cargo(dir.path(), &["grade", "--submissions", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read the submissions folder"), "{}", stderr(&out));
    no_panic(&out);

    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = run_without_cargo(dir.path(), &["grade", "--submissions", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no submissions in"), "{}", stderr(&out));

    std::fs::create_dir(empty.join("alice")).unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let out_dir = file.join("out");
    let args = ["grade", "--submissions", empty.to_str().unwrap(), "--out", out_dir.to_str().unwrap()];
    let out = run_without_cargo(dir.path(), &args);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot write the class report"), "{}", stderr(&out));
    no_panic(&out);
}

#[test]
fn a_class_of_unusable_submissions_still_gets_its_report_and_exit_code_1() {
    let dir = scratch_course();
    let subs = dir.path().join("subs");
    std::fs::create_dir(&subs).unwrap();
    std::fs::write(subs.join("gus.zip"), b"PK\x03\x04 not really a zip").unwrap();
    std::fs::write(subs.join("ike.tgz"), b"\x1f\x8b\x08 not really gzip").unwrap();
    std::fs::write(subs.join("notes.txt"), b"hello").unwrap();
    std::fs::write(subs.join(".DS_Store"), b"").unwrap();
    // A folder without any exercise in it: unusable too, and nothing is built (the cargo here does not exist).
    std::fs::create_dir_all(subs.join("kim/homework")).unwrap();
    let out_dir = dir.path().join("report");
    let args = ["grade", "--submissions", subs.to_str().unwrap(), "--out", out_dir.to_str().unwrap()];
    let out = run_without_cargo(dir.path(), &args);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    no_panic(&out);
    let class: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("class.json")).unwrap()).unwrap();
    assert_eq!((class["schema"].as_u64(), class["kind"].as_str()), (Some(1), Some("class")));
    let students = class["students"].as_array().unwrap();
    let got: Vec<(&str, &str, &str)> = students
        .iter()
        .map(|s| (s["id"].as_str().unwrap(), s["form"].as_str().unwrap(), s["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ("gus", "zip", "unusable"),
            ("ike", "tar_gz", "unusable"),
            ("kim", "folder", "unusable"),
            ("notes.txt", "other", "unusable")
        ]
    );
    let problems: Vec<&str> = students.iter().map(|s| s["problem"].as_str().unwrap()).collect();
    assert!(problems[0].contains("not a readable zip"), "{problems:?}");
    assert!(problems[1].contains("not a readable .tar.gz"), "{problems:?}");
    assert!(problems[2].contains("no exercises found"), "{problems:?}");
    assert!(students.iter().all(|s| s["report"].is_null()));
    let csv = std::fs::read_to_string(out_dir.join("class.csv")).unwrap();
    assert!(csv.starts_with(
        "student,status,score_percent,exercises_passed,tests_passed,tests,01-async-await/01-hello-await,"
    ));
    assert_eq!(csv.lines().count(), 5);
    let html = std::fs::read_to_string(out_dir.join("class.html")).unwrap();
    assert!(html.contains(r#"<script type="application/json" id="class-data">{"#) && html.contains("\"notes.txt\""));
    assert_eq!(std::fs::read_dir(out_dir.join("students")).unwrap().count(), 0);
}
