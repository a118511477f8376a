//! Grading exercises: build their graded test binaries in one cargo call, run them, and give a verdict each.

use std::path::PathBuf;

use crate::cargo::{self, TestOutcome};
use crate::fail::Result;
use crate::manifest::{Course, Exercise};

/// Which crate of an exercise to grade: the learner's (as it is in `exercises/`) or the reference solution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Exercise,
    Solution,
}

impl Side {
    fn package(self, e: &Exercise) -> String {
        match self {
            Side::Exercise => e.name.clone(),
            Side::Solution => e.solution_package(),
        }
    }
    fn dir(self, course: &Course, e: &Exercise) -> PathBuf {
        course.root.join(match self {
            Side::Exercise => e.exercise_dir(),
            Side::Solution => e.solution_dir(),
        })
    }
}

/// The grade of one exercise crate.
#[derive(Debug)]
pub struct Verdict {
    pub tests: Vec<TestOutcome>,
    /// The compiler's errors, when the crate did not compile.
    pub compile_error: Option<String>,
    /// When the test program did not end normally (crashed, killed).
    pub problem: Option<String>,
}

impl Verdict {
    /// Every graded test ran and passed.
    pub fn passed(&self) -> bool {
        self.compile_error.is_none()
            && self.problem.is_none()
            && !self.tests.is_empty()
            && self.tests.iter().all(|t| t.passed)
    }

    /// The first test that failed, in the order the test file reports them.
    pub fn first_failure(&self) -> Option<&TestOutcome> {
        self.tests.iter().find(|t| !t.passed)
    }

    /// How many tests passed.
    pub fn passed_count(&self) -> usize {
        self.tests.iter().filter(|t| t.passed).count()
    }
}

/// Grades `exercises` on one `side`, with a single cargo build. Verdicts come back in the same order.
pub fn grade(course: &Course, exercises: &[&Exercise], side: Side, quiet: bool) -> Result<Vec<Verdict>> {
    if exercises.is_empty() {
        return Ok(Vec::new());
    }
    let packages: Vec<String> = exercises.iter().map(|e| side.package(e)).collect();
    let build = cargo::build(&course.root, course.target_dir.as_deref(), &packages, quiet)?;
    Ok(exercises
        .iter()
        .map(|e| {
            let dir = side.dir(course, e);
            if let Some(errors) = build.errors.get(&dir) {
                return Verdict { tests: Vec::new(), compile_error: Some(errors.clone()), problem: None };
            }
            match build.binaries.get(&dir) {
                Some(exe) => {
                    let mut run = cargo::run(exe, &dir);
                    // Libtest prints results as tests finish; present them in a stable (alphabetical) order.
                    run.tests.sort_by(|a, b| a.name.cmp(&b.name));
                    Verdict { tests: run.tests, compile_error: None, problem: run.problem }
                }
                None => Verdict {
                    tests: Vec::new(),
                    compile_error: Some("cargo built no graded test program for this crate".to_string()),
                    problem: None,
                },
            }
        })
        .collect())
}
