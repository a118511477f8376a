//! `cargo course grade`: the teacher's report. Grades every exercise from the course's own files with only the
//! learner's sources taken, prints a score table, and writes JSON and JUnit XML reports.
//!
//! The JSON schema (version 2) is documented in the README ("Grading report").

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::fail::{Fail, Result};
use crate::grade::{self, Verdict};
use crate::manifest::{Course, Exercise};
use crate::sources::Ignored;

/// The JSON report's schema version. 2: test `kind`; exercise `ignored_files`, `missing_files`, `notes`, status
/// `missing`; `tampered` is gone (changed files are ignored for grading, and listed).
pub const SCHEMA: u32 = 2;

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

/// The state of one exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Passed,
    Failed,
    /// The learner's sources do not compile.
    CompileError,
    /// The test program crashed, exited early or was stopped at its time limit before every test reported.
    Crashed,
    /// Source files the exercise needs are missing (a deleted folder, say).
    Missing,
}

#[derive(Debug, Serialize)]
pub struct ExerciseReport {
    pub name: String,
    pub dir: String,
    pub chapter: String,
    pub status: Status,
    /// Files of the learner's folder that grading ignored: not sources, and not as shipped.
    pub ignored_files: Vec<Ignored>,
    /// Source files that are missing (status `missing`).
    pub missing_files: Vec<String>,
    /// The compiler's errors when `status` is `compile_error`.
    pub compile_error: Option<String>,
    /// Why the test program did not end normally, when it did not.
    pub problem: Option<String>,
    /// Things a teacher should know, e.g. output that imitated test results.
    pub notes: Vec<String>,
    pub tests: Vec<TestReport>,
}

#[derive(Debug, Serialize)]
pub struct TestReport {
    pub name: String,
    /// `pass`, `fail`, `timeout` or `error` (did not run).
    pub status: &'static str,
    /// What happened, as the harness saw it: `passed`, `failed`, `panicked`, `unfinished`, `never_completed`,
    /// `blocked`, `busy`, `stuck`; or `did_not_run`, `not_built`.
    pub kind: &'static str,
    pub message: String,
}

impl ExerciseReport {
    fn passed(&self) -> bool {
        self.status == Status::Passed
    }
}

/// Grades the whole course: the exercises the shipped course lists, each from the learner's sources.
pub fn build(course: &Course) -> Result<Report> {
    build_in(course, &course.exercises_root(), "grading")
}

/// Grades the whole course from the exercises under `root` (a course's `exercises/`, or a student's submission),
/// in the scratch workspace `purpose`: exactly what [`build`] does for the learner's own folder.
pub fn build_in(course: &Course, root: &Path, purpose: &str) -> Result<Report> {
    let all: Vec<&Exercise> = course.exercises.iter().collect();
    let verdicts = grade::learner_in(course, root, purpose, &all, true)?;
    let exercises: Vec<ExerciseReport> = all.iter().zip(verdicts).map(|(e, v)| exercise_report(e, v)).collect();
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
    Ok(Report { schema: SCHEMA, summary, chapters, exercises })
}

fn exercise_report(e: &Exercise, v: Verdict) -> ExerciseReport {
    let status = if !v.missing.is_empty() {
        Status::Missing
    } else if v.compile_error.is_some() {
        Status::CompileError
    } else if v.problem.is_some() {
        Status::Crashed
    } else if v.passed() {
        Status::Passed
    } else {
        Status::Failed
    };
    let passed = v.passed();
    let tests = v
        .tests
        .into_iter()
        .map(|t| TestReport { name: t.name, status: t.kind.status(), kind: t.kind.as_str(), message: t.message })
        .collect();
    ExerciseReport {
        name: e.name.clone(),
        dir: e.dir.clone(),
        chapter: e.chapter.clone(),
        status: if passed { Status::Passed } else { status },
        ignored_files: v.ignored,
        missing_files: v.missing,
        compile_error: v.compile_error,
        problem: v.problem,
        notes: v.notes,
        tests,
    }
}

/// Checks, before any grading, that the reports can be written where asked (a typo costs a second, not a
/// whole grading run).
pub fn check_writable(path: &Path) -> Result<()> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if path.is_dir() {
        return Err(Fail::usage(format!("cannot write the report to {}: it is a folder", path.display())));
    }
    tempfile::NamedTempFile::new_in(parent)
        .map(drop)
        .map_err(|e| Fail::usage(format!("cannot write the report to {}: {e}", path.display())))
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
                Status::Missing => "source files missing".to_string(),
                Status::CompileError => "does not compile".to_string(),
                Status::Crashed => format!("crashed ({passed}/{} tests)", e.tests.len()),
                _ => format!("{passed}/{} tests", e.tests.len()),
            };
            let _ = writeln!(out, "    {mark} {:<32} {detail}", e.name);
            if !e.ignored_files.is_empty() {
                let files: Vec<String> = e.ignored_files.iter().map(|f| format!("{} ({})", f.path, f.change)).collect();
                let _ = writeln!(out, "        ignored for grading: {}", files.join(", "));
            }
            for note in &e.notes {
                let _ = writeln!(out, "        note: {note}");
            }
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
    write_atomically(path, (text + "\n").as_bytes())
}

/// Writes through a temporary file in the same folder, so a reader never sees half a report.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write as _;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let fail = |e: std::io::Error| Fail::usage(format!("cannot write {}: {e}", path.display()));
    let mut file = tempfile::NamedTempFile::new_in(parent).map_err(fail)?;
    file.write_all(bytes).map_err(fail)?;
    file.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
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
    write_atomically(path, xml.as_bytes())
}

/// Writes Gradescope's `results.json` (their "Autograder Specifications"): one Gradescope test per exercise, worth
/// one point when every graded test of the exercise passes (the course's own score counts exercises, and so does
/// GitHub Classroom's setup), with the graded tests and their messages as the test's output. Every test is
/// `visible`: the graded tests ship with the course, so their messages reveal nothing hidden.
pub fn write_gradescope(report: &Report, path: &Path, took: std::time::Duration) -> Result<()> {
    let tests: Vec<serde_json::Value> = report
        .exercises
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let chapter = report.chapters.iter().position(|c| c.dir == e.chapter).map_or(0, |n| n + 1);
            let in_chapter = report.exercises[..i].iter().filter(|x| x.chapter == e.chapter).count() + 1;
            let score = if e.passed() { 1.0 } else { 0.0 };
            serde_json::json!({
                "name": format!("{}/{}", e.chapter, e.name),
                "number": format!("{chapter}.{in_chapter}"),
                "score": score,
                "max_score": 1.0,
                "status": if e.passed() { "passed" } else { "failed" },
                "output": gradescope_output(e),
                "tags": [e.chapter.clone()],
                "visibility": "visible",
            })
        })
        .collect();
    let s = &report.summary;
    let results = serde_json::json!({
        "score": s.exercises_passed as f64,
        "execution_time": took.as_secs(),
        "output": format!(
            "{}/{} exercises pass ({}%), {}/{} graded tests. Only your exercises' sources were graded.",
            s.exercises_passed, s.exercises, s.score_percent, s.tests_passed, s.tests
        ),
        "stdout_visibility": "hidden",
        "tests": tests,
    });
    let text = serde_json::to_string_pretty(&results).map_err(|e| Fail::usage(e.to_string()))?;
    write_atomically(path, (text + "\n").as_bytes())
}

/// One exercise's Gradescope output: what went wrong as a whole, then each graded test and its message.
fn gradescope_output(e: &ExerciseReport) -> String {
    /// Gradescope shows the output in a `<pre>`; a compiler's flood of errors is cut at this many characters.
    const MAX: usize = 20_000;
    let mut out = String::new();
    match e.status {
        Status::Missing => {
            let _ = writeln!(out, "Source files are missing: {}\n", e.missing_files.join(", "));
        }
        Status::CompileError => {
            let _ = writeln!(out, "Does not compile:\n{}\n", e.compile_error.as_deref().unwrap_or_default());
        }
        Status::Crashed => {
            let _ = writeln!(out, "The test program did not finish: {}\n", e.problem.as_deref().unwrap_or_default());
        }
        _ => {}
    }
    for t in &e.tests {
        let mark = if t.status == "pass" { "✓" } else { "✗" };
        let _ = writeln!(out, "{mark} {} ({})", t.name, t.kind);
        if !t.message.is_empty() {
            let _ = writeln!(out, "\n{}\n", t.message.trim_end());
        }
    }
    if !e.ignored_files.is_empty() {
        let files: Vec<String> = e.ignored_files.iter().map(|f| format!("{} ({})", f.path, f.change)).collect();
        let _ = writeln!(out, "Ignored for grading: {}", files.join(", "));
    }
    for note in &e.notes {
        let _ = writeln!(out, "Note: {note}");
    }
    if out.len() > MAX {
        let mut cut = MAX;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
        out.push_str("\n… (cut)");
    }
    out
}
