//! Grading: the learner's sources go into the scratch workspace beside the course's own manifests and tests, one
//! cargo call builds every requested exercise, the test programs run (several at once), and each graded test gets
//! one verdict, from the harness's sealed report checked against libtest's own result line.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use verdict::Kind;

use crate::cargo;
use crate::exec::{self, Ended, Ran};
use crate::fail::Result;
use crate::manifest::{Course, Exercise};
use crate::scratch::Scratch;
use crate::shipped::Snapshot;
use crate::sources::{self, Ignored, Sources};

/// What one graded test came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestKind {
    /// What the harness reported (and, for a pass, libtest confirmed).
    Harness(Kind),
    /// No verdict: the program crashed, exited early or was stopped before this test reported.
    DidNotRun,
    /// No verdict: the exercise did not build (or its sources are missing).
    NotBuilt,
}

impl TestKind {
    /// The name in the JSON report (`kind`).
    pub fn as_str(self) -> &'static str {
        match self {
            TestKind::Harness(kind) => kind.as_str(),
            TestKind::DidNotRun => "did_not_run",
            TestKind::NotBuilt => "not_built",
        }
    }

    /// The coarse status in the JSON and JUnit reports: `pass`, `fail`, `timeout` or `error`.
    pub fn status(self) -> &'static str {
        match self {
            TestKind::Harness(Kind::Passed) => "pass",
            TestKind::Harness(kind) if kind.is_timeout() => "timeout",
            TestKind::Harness(_) => "fail",
            TestKind::DidNotRun | TestKind::NotBuilt => "error",
        }
    }
}

impl fmt::Display for TestKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The outcome of one graded test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestOutcome {
    pub name: String,
    pub kind: TestKind,
    /// The explanation when it did not pass.
    pub message: String,
}

impl TestOutcome {
    pub fn passed(&self) -> bool {
        self.kind == TestKind::Harness(Kind::Passed)
    }
}

/// The grade of one exercise.
#[derive(Debug, Default)]
pub struct Verdict {
    /// One per graded test of the shipped test file, in its order.
    pub tests: Vec<TestOutcome>,
    /// The compiler's errors, when the exercise did not compile (all of them, as one text).
    pub compile_error: Option<String>,
    /// The same errors one by one, with the file each points at.
    pub compile_errors: Vec<cargo::CompilerMessage>,
    /// Compiler warnings that point at a likely mistake (an unused future).
    pub warnings: Vec<cargo::CompilerMessage>,
    /// Source files the exercise needs that are missing from the learner's folder.
    pub missing: Vec<String>,
    /// When the test program did not end normally (crashed, exited early, stopped at the time limit).
    pub problem: Option<String>,
    /// Files of the learner's folder that grading ignored (not sources, and different from the shipped ones).
    pub ignored: Vec<Ignored>,
    /// Things a teacher should know: output that imitated test results, foreign lines in the report.
    pub notes: Vec<String>,
}

impl Verdict {
    /// Every graded test ran and passed.
    pub fn passed(&self) -> bool {
        self.compile_error.is_none()
            && self.missing.is_empty()
            && self.problem.is_none()
            && !self.tests.is_empty()
            && self.tests.iter().all(TestOutcome::passed)
    }

    /// The first test that failed, in the order of the test file.
    pub fn first_failure(&self) -> Option<&TestOutcome> {
        self.tests.iter().find(|t| !t.passed())
    }

    /// How many tests passed.
    pub fn passed_count(&self) -> usize {
        self.tests.iter().filter(|t| t.passed()).count()
    }
}

/// One exercise to grade, with the sources to grade it on.
pub struct Request<'a> {
    pub exercise: &'a Exercise,
    pub sources: Sources,
    pub ignored: Vec<Ignored>,
    pub missing: Vec<String>,
}

impl<'a> Request<'a> {
    /// The learner's own work, from their folder under `exercises` (a course's `exercises/`, or the same folder
    /// in a student's submission).
    pub fn learner(exercises: &Path, trusted: &Snapshot, e: &'a Exercise) -> Request<'a> {
        let collected = sources::learner(exercises, trusted, e);
        Request {
            exercise: e,
            sources: collected.sources,
            ignored: collected.ignored,
            missing: collected.missing_sources,
        }
    }

    /// Given sources (a solution, a mutant, the shipped stub).
    pub fn with(e: &'a Exercise, sources: Sources) -> Request<'a> {
        Request { exercise: e, sources, ignored: Vec::new(), missing: Vec::new() }
    }
}

/// Grades the learner's exercises with the shipped course embedded in the runner.
pub fn learner(course: &Course, exercises: &[&Exercise], quiet: bool) -> Result<Vec<Verdict>> {
    learner_in(course, &course.exercises_root(), "grading", exercises, quiet)
}

/// Grades the exercises found under `root` (a folder laid out like the course's `exercises/`: the learner's own,
/// or a student's submission) with the shipped course embedded in the runner, in the scratch workspace `purpose`.
pub fn learner_in(
    course: &Course,
    root: &Path,
    purpose: &str,
    exercises: &[&Exercise],
    quiet: bool,
) -> Result<Vec<Verdict>> {
    let trusted = Snapshot::embedded();
    let requests: Vec<Request> = exercises.iter().map(|e| Request::learner(root, trusted, e)).collect();
    grade(course, trusted, purpose, requests, quiet)
}

/// Grades `requests` in the scratch workspace `purpose`, built from `trusted`. Verdicts come back in order.
pub fn grade(
    course: &Course,
    trusted: &Snapshot,
    purpose: &str,
    requests: Vec<Request>,
    quiet: bool,
) -> Result<Vec<Verdict>> {
    if requests.is_empty() {
        return Ok(Vec::new());
    }
    let scratch = Scratch::open(course, trusted, purpose)?;
    for r in &requests {
        let buildable = r.missing.is_empty();
        scratch.put_exercise(trusted, r.exercise, buildable.then_some(&r.sources))?;
    }
    scratch.write_manifest(trusted, course)?;
    let packages: Vec<String> =
        requests.iter().filter(|r| r.missing.is_empty()).map(|r| r.exercise.name.clone()).collect();
    let build = if packages.is_empty() {
        cargo::Build::default()
    } else {
        cargo::build(&scratch.root, Some(&scratch.target), &packages, quiet)?
    };

    // Run the test programs, a few at once: they spend their time on a virtual clock, or waiting for a watchdog.
    let runs: Vec<Option<Ran>> = {
        let jobs = jobs().min(requests.len());
        let next = AtomicUsize::new(0);
        let results: Vec<std::sync::Mutex<Option<Ran>>> = requests.iter().map(|_| Default::default()).collect();
        std::thread::scope(|s| {
            for _ in 0..jobs {
                s.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, Ordering::SeqCst);
                        let Some(r) = requests.get(i) else { break };
                        let dir = scratch.exercise_dir(r.exercise);
                        if let Some(exe) = build.binaries.get(&dir) {
                            let ran = exec::run(exe, &dir, &trusted.test_names(r.exercise));
                            *results[i].lock().unwrap_or_else(|p| p.into_inner()) = Some(ran);
                        }
                    }
                });
            }
        });
        results.into_iter().map(|m| m.into_inner().unwrap_or_else(|p| p.into_inner())).collect()
    };

    Ok(requests
        .into_iter()
        .zip(runs)
        .map(|(r, ran)| {
            let dir = scratch.exercise_dir(r.exercise);
            let names = trusted.test_names(r.exercise);
            let mut verdict = Verdict { ignored: r.ignored, missing: r.missing, ..Verdict::default() };
            let outer = |m: &cargo::CompilerMessage| cargo::CompilerMessage {
                rendered: scratch.outer_paths(&m.rendered),
                file: m.file.as_deref().map(|f| scratch.outer_paths(f)),
            };
            verdict.warnings = build.warnings.get(&dir).into_iter().flatten().map(outer).collect();
            if !verdict.missing.is_empty() {
                verdict.tests = not_built(&names, "not graded: source files of the exercise are missing");
            } else if let Some(errors) = build.errors.get(&dir) {
                verdict.compile_errors = errors.iter().map(outer).collect();
                let all: Vec<&str> = verdict.compile_errors.iter().map(|m| m.rendered.as_str()).collect();
                verdict.compile_error = Some(if all.is_empty() {
                    "the compiler stopped with an error (see `cargo test` in the exercise's folder)".into()
                } else {
                    all.concat()
                });
                verdict.tests = not_built(&names, "not run: the exercise does not compile");
            } else if let Some(ran) = ran {
                judge(&names, ran, &mut verdict);
                for t in &mut verdict.tests {
                    t.message = scratch.outer_paths(&t.message);
                }
            } else {
                verdict.compile_error = Some("cargo built no graded test program for this exercise".into());
                verdict.tests = not_built(&names, "not run: no test program was built");
            }
            verdict
        })
        .collect())
}

/// How many test programs run at once (`COURSE_JOBS`, default: twice the cores, 2 to 8).
fn jobs() -> usize {
    std::env::var("COURSE_JOBS")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
        .filter(|n| *n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get() * 2).clamp(2, 8))
}

fn not_built(names: &[String], why: &str) -> Vec<TestOutcome> {
    names.iter().map(|n| TestOutcome { name: n.clone(), kind: TestKind::NotBuilt, message: why.into() }).collect()
}

/// One verdict per expected test, from the sealed records, checked against libtest's result lines.
fn judge(names: &[String], ran: Ran, verdict: &mut Verdict) {
    let ended = match &ran.ended {
        // libtest exits with 101 when a test failed: that is a normal run.
        Ended::Exited(s) if s.success() || s.code() == Some(101) => None,
        Ended::Exited(s) => Some(format!("the test program ended early ({s})")),
        Ended::TimedOut(limit) => {
            Some(format!("the test program was stopped after {} s of real time", limit.as_secs_f64()))
        }
        Ended::NotStarted(why) => Some(why.clone()),
    };
    let mut records: HashMap<&str, Vec<&verdict::Record>> = HashMap::new();
    for record in &ran.records {
        records.entry(record.test.as_str()).or_default().push(record);
    }
    for name in names {
        let printed = ran.printed.get(name).copied().unwrap_or_default();
        let found = records.remove(name.as_str()).unwrap_or_default();
        let (kind, message) = match found.as_slice() {
            [] => {
                if printed.ok > 0 {
                    verdict.notes.push(format!(
                        "`{name}`: the program printed an `ok` line for it, but the harness never reported it: \
                         output that imitates test results does not count"
                    ));
                }
                let why = ended.clone().unwrap_or_else(|| "the test program ended without finishing it".into());
                (TestKind::DidNotRun, format!("this graded test did not report a result: {why}"))
            }
            [record] if record.kind == Kind::Passed => {
                if printed.failed > 0 {
                    let message = exec::failure_section(&ran.stdout, name)
                        .unwrap_or_else(|| "libtest reported the test as failed after the harness passed it".into());
                    (TestKind::Harness(Kind::Failed), message)
                } else if printed.ok == 0 {
                    let why = ended.clone().unwrap_or_else(|| "it ended first".into());
                    (TestKind::DidNotRun, format!("the harness passed this test, but libtest never did: {why}"))
                } else {
                    (TestKind::Harness(Kind::Passed), String::new())
                }
            }
            [record] => {
                if printed.ok > 0 {
                    verdict.notes.push(format!(
                        "`{name}`: the program printed an `ok` line for it, but the harness reported it as {}: \
                         output that imitates test results does not count",
                        record.kind
                    ));
                }
                (TestKind::Harness(record.kind), record.message.trim().to_string())
            }
            many => (
                TestKind::DidNotRun,
                format!("the harness reported this test {} times; exactly one report is expected", many.len()),
            ),
        };
        verdict.tests.push(TestOutcome { name: name.clone(), kind, message });
    }
    for unknown in records.keys() {
        verdict.notes.push(format!("the report named a test that is not graded: `{unknown}`"));
    }
    if ran.foreign_lines > 0 {
        verdict.notes.push(format!(
            "{} line(s) in the test report were not written by the harness and were ignored",
            ran.foreign_lines
        ));
    }
    let unreported = verdict.tests.iter().any(|t| t.kind == TestKind::DidNotRun);
    verdict.problem = match ended {
        Some(why) => Some(why),
        None if unreported => Some("the test program ended before every graded test reported a result".into()),
        None => None,
    };
    if let Some(problem) = &verdict.problem {
        let tail: Vec<&str> = ran.stderr.lines().rev().filter(|l| !l.trim().is_empty()).take(3).collect();
        if !tail.is_empty() && matches!(ran.ended, Ended::Exited(_)) {
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            verdict.problem = Some(format!("{problem}; its last words: {}", tail.join(" / ")));
        }
    }
}
