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
//! second…), so the whole check costs one cargo build per round.
//!
//! The swapping never happens in the course itself: it happens in a mirror of the course under
//! `target/mutants/course/` (synchronised before each run, built into `target/mutants/target/`), so a solution file
//! is never replaced, even for a moment, and an interrupted run cannot leave a mutant behind.

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

/// The mirror of the course that mutants are swapped into, and its lock.
const MIRROR: &str = "target/mutants/course";
const LOCK: &str = "target/mutants/lock";
const MIRROR_TARGET: &str = "target/mutants/target";

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

/// Swaps the mutants in (in the mirror), round by round, and grades them.
pub fn run(course: &Course, mutants: &[Mutant]) -> Result<Vec<Outcome>> {
    let _lock = Lock::take(course)?;
    let mirror = mirror(course)?;
    let rounds = mutants.iter().map(|m| mutants.iter().filter(|x| x.exercise == m.exercise && x.path < m.path).count());
    let rounds: Vec<usize> = rounds.collect();
    let mut outcomes = Vec::new();
    for round in 0..rounds.iter().max().map_or(0, |m| m + 1) {
        let batch: Vec<&Mutant> = mutants.iter().zip(&rounds).filter(|(_, r)| **r == round).map(|(m, _)| m).collect();
        let exercises: Vec<&Exercise> = batch.iter().map(|m| &mirror.exercises[m.exercise]).collect();
        let io = |e: std::io::Error| Fail::usage(format!("cannot prepare the mutant check in {MIRROR}: {e}"));
        for m in &batch {
            let lib = mirror.exercises[m.exercise].solution_dir().join("src").join("lib.rs");
            std::fs::copy(course.root.join(&m.path), mirror.root.join(&lib)).map_err(io)?;
        }
        let verdicts = grade::grade(&mirror, &exercises, Side::Solution, true)?;
        for m in &batch {
            let lib = mirror.exercises[m.exercise].solution_dir().join("src").join("lib.rs");
            std::fs::copy(course.root.join(&lib), mirror.root.join(&lib)).map_err(io)?;
        }
        for (m, v) in batch.into_iter().zip(verdicts) {
            outcomes.push(Outcome { mutant: m.clone(), escaped: judge(m, &v) });
        }
    }
    Ok(outcomes)
}

/// Brings the mirror up to date with the course (changed files copied, vanished ones removed) and loads it.
fn mirror(course: &Course) -> Result<Course> {
    let root = course.root.join(MIRROR);
    let io = |e: std::io::Error| Fail::usage(format!("cannot prepare the mutant check in {MIRROR}: {e}"));
    let mut source = Vec::new();
    walk(&course.root, &course.root, &mut source);
    let mut present = Vec::new();
    walk(&root, &root, &mut present);
    for rel in &present {
        if !source.contains(rel) {
            std::fs::remove_file(root.join(rel)).map_err(io)?;
        }
    }
    for rel in &source {
        let (from, to) = (course.root.join(rel), root.join(rel));
        let same = std::fs::read(&to).ok().is_some_and(|old| std::fs::read(&from).ok().as_ref() == Some(&old));
        if !same {
            std::fs::create_dir_all(to.parent().unwrap_or(&root)).map_err(io)?;
            std::fs::copy(&from, &to).map_err(io)?;
        }
    }
    let mut mirror = Course::load(&root)?;
    // A target folder of its own: cargo names a workspace's own crates by their path *within* the workspace, so
    // the mirror's crates would otherwise overwrite the course's builds with the same names.
    mirror.target_dir = Some(course.root.join(MIRROR_TARGET));
    Ok(mirror)
}

/// Files of the course that a build can depend on, relative to `root`: everything but build output, tools and
/// version control.
fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if dir == root && ["target", "book", "node_modules"].contains(&name.as_ref())
            || name.starts_with('.') && name != ".cargo"
        {
            continue;
        }
        if path.is_dir() {
            if name != "node_modules" {
                walk(root, &path, out);
            }
        } else if let Ok(rel) = path.strip_prefix(root) {
            out.push(rel.to_path_buf());
        }
    }
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

/// Only one mutant check at a time: two would swap mutants into the same mirror.
struct Lock(PathBuf);

impl Lock {
    fn take(course: &Course) -> Result<Lock> {
        let path = course.root.join(LOCK);
        std::fs::create_dir_all(path.parent().expect("the lock has a folder"))
            .map_err(|e| Fail::usage(format!("cannot create {}: {e}", path.display())))?;
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
