//! Known-wrong solutions ("mutants") that the graded tests must reject, for `cargo course verify`.
//!
//! A mutant is a file `solutions/<dir>/mutants/<name>.rs`: a whole replacement for the solution's `src/lib.rs`
//! that makes one plausible learner mistake, declared in its header:
//!
//! ```text
//! // mistake: awaits the requests one after another instead of together
//! // expect: one after another
//! ```
//!
//! verify swaps each mutant in for the solution's `lib.rs`, grades it, and requires that at least one graded test
//! fails *and* that a failing test's message contains every `expect:` phrase: the message must point at the
//! mistake, not just fail. Mutants are swapped in rounds (the first mutant of every exercise at once, then the
//! second…), so the whole check costs one cargo build per round. The real `lib.rs` files are backed up first and
//! put back afterwards, even after an interrupted run (the next run restores them before doing anything else).

use std::path::{Path, PathBuf};

use crate::fail::{Fail, Result};
use crate::grade::{self, Side, Verdict};
use crate::manifest::{Course, Exercise};

/// One known-wrong solution.
#[derive(Debug, Clone)]
pub struct Mutant {
    pub exercise: usize,
    pub path: PathBuf,
    pub mistake: String,
    pub expect: Vec<String>,
}

/// What became of a mutant.
#[derive(Debug)]
pub struct Outcome {
    pub mutant: Mutant,
    /// `None` when rejected as required; otherwise why it counts as not caught.
    pub escaped: Option<String>,
}

const BACKUP_DIR: &str = "target/mutant-backup";

/// Every mutant of the course, with its header parsed; a malformed header is a problem to report.
pub fn find(course: &Course, problems: &mut Vec<String>) -> Vec<Mutant> {
    let mut out = Vec::new();
    for (i, e) in course.exercises.iter().enumerate() {
        let dir = course.root.join(e.solution_dir()).join("mutants");
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut paths: Vec<PathBuf> =
            entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "rs")).collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let field = |key: &str| {
                text.lines()
                    .filter_map(|l| l.trim().strip_prefix(key).map(|v| v.trim().to_string()))
                    .filter(|v| !v.is_empty())
                    .collect::<Vec<_>>()
            };
            let (mistake, expect) = (field("// mistake:"), field("// expect:"));
            let rel = path.strip_prefix(&course.root).unwrap_or(&path).to_path_buf();
            if mistake.is_empty() || expect.is_empty() {
                problems.push(format!("{}: a mutant needs `// mistake: …` and `// expect: …` lines", rel.display()));
                continue;
            }
            out.push(Mutant { exercise: i, path: rel, mistake: mistake.join(" "), expect });
        }
    }
    out
}

/// Swaps the mutants in, round by round, grades them and puts the solutions back.
pub fn run(course: &Course, mutants: &[Mutant]) -> Result<Vec<Outcome>> {
    let _lock = Lock::take(course)?;
    restore_leftovers(course)?;
    let rounds = mutants.iter().map(|m| mutants.iter().filter(|x| x.exercise == m.exercise && x.path < m.path).count());
    let rounds: Vec<usize> = rounds.collect();
    let mut outcomes = Vec::new();
    for round in 0..rounds.iter().max().map_or(0, |m| m + 1) {
        let batch: Vec<&Mutant> = mutants.iter().zip(&rounds).filter(|(_, r)| **r == round).map(|(m, _)| m).collect();
        let exercises: Vec<&Exercise> = batch.iter().map(|m| &course.exercises[m.exercise]).collect();
        let swapped = Swap::new(course, &batch)?;
        let verdicts = grade::grade(course, &exercises, Side::Solution, true);
        drop(swapped);
        for (m, v) in batch.into_iter().zip(verdicts?) {
            outcomes.push(Outcome { mutant: m.clone(), escaped: judge(m, &v) });
        }
    }
    Ok(outcomes)
}

fn judge(m: &Mutant, v: &Verdict) -> Option<String> {
    if v.compile_error.is_some() {
        return Some("it does not compile (a mutant must be a wrong program, not a broken one)".into());
    }
    let failing: Vec<&str> = v.tests.iter().filter(|t| !t.passed).map(|t| t.message.as_str()).collect();
    if failing.is_empty() && v.problem.is_none() {
        return Some("every graded test passes on it".into());
    }
    let pointed = failing.iter().any(|msg| m.expect.iter().all(|k| msg.contains(k.as_str())));
    if pointed {
        None
    } else {
        let first = failing.first().map_or("", |m| m.lines().next().unwrap_or_default());
        Some(format!("it is rejected, but no failure message contains {:?} (first failure: {first})", m.expect))
    }
}

/// The mutants of one batch, swapped in for the solutions' lib.rs; dropping it puts the solutions back.
struct Swap<'a> {
    course: &'a Course,
    libs: Vec<PathBuf>,
}

impl<'a> Swap<'a> {
    fn new(course: &'a Course, batch: &[&Mutant]) -> Result<Swap<'a>> {
        let mut swap = Swap { course, libs: Vec::new() };
        for m in batch {
            let lib = course.exercises[m.exercise].solution_dir().join("src").join("lib.rs");
            let backup = course.root.join(BACKUP_DIR).join(&lib);
            let io = |e: std::io::Error| Fail::usage(format!("cannot swap in the mutant {}: {e}", m.path.display()));
            std::fs::create_dir_all(backup.parent().expect("a backup path has a folder")).map_err(io)?;
            std::fs::copy(course.root.join(&lib), &backup).map_err(io)?;
            swap.libs.push(lib.clone());
            std::fs::copy(course.root.join(&m.path), course.root.join(&lib)).map_err(io)?;
        }
        Ok(swap)
    }
}

impl Drop for Swap<'_> {
    fn drop(&mut self) {
        for lib in &self.libs {
            restore(&self.course.root, lib);
        }
    }
}

fn restore(root: &Path, lib: &Path) {
    let backup = root.join(BACKUP_DIR).join(lib);
    if std::fs::copy(&backup, root.join(lib)).is_ok() {
        let _ = std::fs::remove_file(&backup);
    } else {
        eprintln!("warning: could not restore {} from {}", lib.display(), backup.display());
    }
}

/// Only one mutant check at a time: two would back up each other's mutants as "the original".
struct Lock(PathBuf);

impl Lock {
    fn take(course: &Course) -> Result<Lock> {
        let path = course.root.join(BACKUP_DIR).join("lock");
        std::fs::create_dir_all(course.root.join(BACKUP_DIR))
            .map_err(|e| Fail::usage(format!("cannot create {BACKUP_DIR}: {e}")))?;
        for _ in 0..2 {
            match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut file) => {
                    use std::io::Write as _;
                    let _ = write!(file, "{}", std::process::id());
                    return Ok(Lock(path));
                }
                Err(_) => {
                    // A lock whose process is gone (an interrupted run) is stale: take it over.
                    let pid = std::fs::read_to_string(&path).unwrap_or_default();
                    let alive = !pid.trim().is_empty() && Path::new("/proc").join(pid.trim()).exists();
                    if alive {
                        return Err(Fail::usage(format!(
                            "another `cargo course verify` (process {}) is swapping mutants in; wait for it to finish",
                            pid.trim()
                        )));
                    }
                    let _ = std::fs::remove_file(&path);
                }
            }
        }
        Err(Fail::usage(format!("cannot take the lock {}", path.display())))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Puts back any solution an interrupted run left swapped out.
fn restore_leftovers(course: &Course) -> Result<()> {
    for e in &course.exercises {
        let lib = e.solution_dir().join("src").join("lib.rs");
        if course.root.join(BACKUP_DIR).join(&lib).is_file() {
            eprintln!("note: restoring {} after an interrupted mutant check", lib.display());
            restore(&course.root, &lib);
        }
    }
    Ok(())
}
