//! `cargo course grade`: the teacher's report. Grades every exercise, checks the graded files against the shipped
//! ones, prints a score table, and writes JSON and JUnit XML reports.
//!
//! The JSON schema (version 1) is documented in the README ("Grading report").

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::fail::{Fail, Result};
use crate::grade::{self, Side, Verdict};
use crate::manifest::{Course, Exercise};
use crate::shipped;

/// The whole report, as written to `--json`.
#[derive(Debug, Serialize)]
pub struct Report {
    pub schema: u32,
    pub summary: Summary,
    pub chapters: Vec<ChapterScore>,
    pub exercises: Vec<ExerciseReport>,
}

#[derive(Debug, Serialize)]
pub struct Summary {
    pub exercises: usize,
    pub exercises_passed: usize,
    pub tests: usize,
    pub tests_passed: usize,
    /// Exercises passed over exercises, in percent, rounded down.
    pub score_percent: usize,
}

#[derive(Debug, Serialize)]
pub struct ChapterScore {
    pub dir: String,
    pub title: String,
    pub exercises: usize,
    pub exercises_passed: usize,
}

#[derive(Debug, Serialize)]
pub struct ExerciseReport {
    pub name: String,
    pub dir: String,
    pub chapter: String,
    /// `passed`, `failed`, `compile_error`, `crashed` or `tampered`.
    pub status: &'static str,
    /// Graded files (tests, harness) that differ from the shipped ones; non-empty means `tampered`, score 0.
    pub tampered_files: Vec<String>,
    /// The compiler's errors when `status` is `compile_error`.
    pub compile_error: Option<String>,
    pub tests: Vec<TestReport>,
}

#[derive(Debug, Serialize)]
pub struct TestReport {
    pub name: String,
    /// `pass`, `fail`, `error` (did not run: the crate did not compile, the program crashed, files were tampered
    /// with) or `timeout` (never completed in virtual time, or blocked past the real-time watchdog).
    pub status: &'static str,
    pub message: String,
}

impl ExerciseReport {
    fn passed(&self) -> bool {
        self.status == "passed"
    }
}

/// Grades the whole course as the learner's tree has it.
pub fn build(course: &Course) -> Result<Report> {
    let all: Vec<&Exercise> = course.exercises.iter().collect();
    let verdicts = grade::grade(course, &all, Side::Exercise, true)?;
    let exercises: Vec<ExerciseReport> = all.iter().zip(verdicts).map(|(e, v)| exercise_report(course, e, v)).collect();
    let chapters = course
        .chapters
        .iter()
        .map(|c| ChapterScore {
            dir: c.dir.clone(),
            title: c.title.clone(),
            exercises: exercises.iter().filter(|e| e.chapter == c.dir).count(),
            exercises_passed: exercises.iter().filter(|e| e.chapter == c.dir && e.passed()).count(),
        })
        .collect();
    let tests = exercises.iter().map(|e| e.tests.len()).sum();
    let tests_passed = exercises.iter().flat_map(|e| &e.tests).filter(|t| t.status == "pass").count();
    let passed = exercises.iter().filter(|e| e.passed()).count();
    let summary = Summary {
        exercises: exercises.len(),
        exercises_passed: passed,
        tests,
        tests_passed,
        score_percent: (passed * 100).checked_div(exercises.len()).unwrap_or(0),
    };
    Ok(Report { schema: 1, summary, chapters, exercises })
}

fn exercise_report(course: &Course, e: &Exercise, v: Verdict) -> ExerciseReport {
    let tampered_files = shipped::tampered(course, e);
    // The graded tests are the ones the shipped test file declares, whether or not they got to run.
    let expected = shipped_test_names(e);
    let mut names: Vec<String> = expected.clone();
    for t in &v.tests {
        if !names.contains(&t.name) {
            names.push(t.name.clone());
        }
    }
    let tests = names
        .into_iter()
        .map(|name| {
            if !tampered_files.is_empty() {
                return TestReport { name, status: "error", message: "not graded: graded files were modified".into() };
            }
            if v.compile_error.is_some() {
                return TestReport { name, status: "error", message: "not run: the exercise does not compile".into() };
            }
            match v.tests.iter().find(|t| t.name == name) {
                Some(t) if t.passed => TestReport { name, status: "pass", message: String::new() },
                Some(t) => TestReport {
                    name,
                    status: if is_timeout(&t.message) { "timeout" } else { "fail" },
                    message: t.message.clone(),
                },
                None => TestReport {
                    name,
                    status: "error",
                    message: v.problem.clone().unwrap_or_else(|| "this graded test did not run".into()),
                },
            }
        })
        .collect::<Vec<_>>();
    let status = if !tampered_files.is_empty() {
        "tampered"
    } else if v.compile_error.is_some() {
        "compile_error"
    } else if v.problem.is_some() || tests.iter().any(|t| t.status == "error") {
        "crashed"
    } else if v.passed() {
        "passed"
    } else {
        "failed"
    };
    ExerciseReport {
        name: e.name.clone(),
        dir: e.dir.clone(),
        chapter: e.chapter.clone(),
        status,
        tampered_files,
        compile_error: v.compile_error,
        tests,
    }
}

/// A test that never completed, or was stopped by the real-time watchdog (the harness's wording).
fn is_timeout(message: &str) -> bool {
    message.contains("the test never completed") || message.contains("did not finish within")
}

/// The `#[test]` functions of the shipped graded test file.
fn shipped_test_names(e: &Exercise) -> Vec<String> {
    let path = e.test_file();
    let Some((_, text)) = shipped::exercise_files(e).into_iter().find(|(p, _)| *p == path) else { return Vec::new() };
    let mut names = Vec::new();
    let mut after_test = false;
    for line in text.lines().map(str::trim) {
        if line == "#[test]" {
            after_test = true;
        } else if after_test && let Some(rest) = line.strip_prefix("fn ") {
            names.push(rest.split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or_default().to_string());
            after_test = false;
        }
    }
    names
}

/// The score table printed to the terminal.
pub fn table(course: &Course, report: &Report) -> String {
    let mut out = String::new();
    for (n, chapter) in report.chapters.iter().enumerate() {
        if chapter.exercises == 0 {
            continue;
        }
        let _ =
            writeln!(out, "Chapter {}: {}  {}/{}", n + 1, chapter.title, chapter.exercises_passed, chapter.exercises);
        for e in report.exercises.iter().filter(|e| e.chapter == chapter.dir) {
            let passed = e.tests.iter().filter(|t| t.status == "pass").count();
            let mark = if e.passed() { "✓" } else { "✗" };
            let detail = match e.status {
                "tampered" => format!("TAMPERED: {}", e.tampered_files.join(", ")),
                "compile_error" => "does not compile".to_string(),
                "crashed" => "crashed".to_string(),
                _ => format!("{passed}/{} tests", e.tests.len()),
            };
            let _ = writeln!(out, "    {mark} {:<32} {detail}", e.name);
        }
    }
    let s = &report.summary;
    let _ = writeln!(
        out,
        "\nTotal: {}/{} exercises ({}%), {}/{} tests.",
        s.exercises_passed, s.exercises, s.score_percent, s.tests_passed, s.tests
    );
    let _ = course;
    out
}

/// Writes the JSON report.
pub fn write_json(report: &Report, path: &Path) -> Result<()> {
    let text = serde_json::to_string_pretty(report).map_err(|e| Fail::usage(e.to_string()))?;
    std::fs::write(path, text + "\n").map_err(|e| Fail::usage(format!("cannot write {}: {e}", path.display())))
}

/// Writes the JUnit XML report: one test suite per exercise, one test case per graded test.
pub fn write_junit(report: &Report, path: &Path) -> Result<()> {
    use quick_junit::{NonSuccessKind, Report as Junit, TestCase, TestCaseStatus, TestSuite};
    let mut junit = Junit::new("async-rust-hands-on");
    for e in &report.exercises {
        let mut suite = TestSuite::new(format!("{}/{}", e.chapter, e.name));
        for t in &e.tests {
            let status = match t.status {
                "pass" => TestCaseStatus::success(),
                "fail" | "timeout" => {
                    let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    s.set_message(format!("{}: {}", t.status, t.message.lines().next().unwrap_or_default()));
                    s.set_description(t.message.clone());
                    s
                }
                _ => {
                    let mut s = TestCaseStatus::non_success(NonSuccessKind::Error);
                    s.set_message(t.message.clone());
                    s
                }
            };
            let mut case = TestCase::new(t.name.clone(), status);
            case.set_classname(format!("{}.{}", e.chapter, e.name));
            suite.add_test_case(case);
        }
        junit.add_test_suite(suite);
    }
    let xml = junit.to_string().map_err(|e| Fail::usage(format!("cannot write the JUnit report: {e}")))?;
    std::fs::write(path, xml).map_err(|e| Fail::usage(format!("cannot write {}: {e}", path.display())))
}
