//! Known-wrong solutions ("mutants") that the graded tests must reject, for `cargo course verify`.
//!
//! A mutant is a patch `solutions/<dir>/mutants/<name>.patch` against the solution's `src/lib.rs` that makes one
//! plausible learner mistake. It starts with a header naming the mistake and the words the failure message must
//! contain (one `expect:` line per phrase), followed by a unified diff (`diff -u`, 3 lines of context):
//!
//! ```text
//! mistake: awaits the requests one after another instead of together
//! expect: one after another
//! --- src/lib.rs
//! +++ src/lib.rs
//! @@ -4,8 +4,8 @@
//! …
//! ```
//!
//! Being a patch, a mutant holds only its mistake, not a copy of the whole solution that drifts from it. When the
//! solution changes so that a patch no longer applies (the `diffy` crate applies it: hunks may move, but their
//! context must match exactly), verify stops before building anything and names the patch to regenerate.
//!
//! verify swaps each mutant in for the solution's `lib.rs`, grades it, and requires that at least one graded test
//! fails *and* that a failing test's message contains every `expect:` phrase: the message must point at the
//! mistake, not just fail. Mutants are swapped in rounds (the first mutant of every exercise at once, then the
//! second…), so the whole check costs one cargo build per round.
//!
//! Mutants are graded exactly as a learner's work is: the patched `lib.rs` is the only source taken, and it is
//! built in a scratch workspace of its own (`target/course/verify-mutants/`) beside the course's manifests and
//! tests. The course's files are never touched, so an interrupted run cannot leave a mutant behind.

use std::path::PathBuf;

use crate::fail::{Fail, Result};
use crate::grade::{self, Request, Verdict};
use crate::manifest::Course;
use crate::shipped::Snapshot;
use crate::sources;

/// One known-wrong solution.
#[derive(Debug, Clone)]
pub struct Mutant {
    pub exercise: usize,
    /// The patch file, relative to the course root.
    pub path: PathBuf,
    pub mistake: String,
    pub expect: Vec<String>,
    /// The solution's `src/lib.rs` with the patch applied: what is swapped in.
    pub text: String,
}

/// What became of a mutant.
#[derive(Debug)]
pub struct Outcome {
    pub mutant: Mutant,
    /// `None` when rejected as required; otherwise why it counts as not caught.
    pub escaped: Option<String>,
}

/// Every mutant of the course, its header parsed and its patch applied to the solution as it is now.
///
/// A malformed header, a patch that changes nothing, or a leftover whole-file mutant (`*.rs`, the old format) is a
/// problem to report. A patch that does not parse or no longer applies is an error: nothing can be checked until it
/// is regenerated, so verify stops there, naming every such patch.
pub fn find(course: &Course, problems: &mut Vec<String>) -> Result<Vec<Mutant>> {
    let mut out = Vec::new();
    let mut stale = Vec::new();
    for (i, e) in course.exercises.iter().enumerate() {
        let dir = course.root.join(e.solution_dir()).join("mutants");
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        let lib = e.solution_dir().join("src").join("lib.rs");
        // Line endings are normalised to `\n`, so a checkout that converts them does not break every patch.
        let solution = std::fs::read_to_string(course.root.join(&lib)).map(|t| t.replace("\r\n", "\n"));
        for path in paths {
            let rel = path.strip_prefix(&course.root).unwrap_or(&path).to_path_buf();
            if path.extension().is_some_and(|x| x == "rs") {
                problems.push(format!(
                    "{}: mutants are now patches against the solution's src/lib.rs; turn it into a `.patch` file as \
                     docs/AUTHORING.md (Mutants) shows",
                    rel.display()
                ));
                continue;
            }
            if path.extension().is_none_or(|x| x != "patch") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default().replace("\r\n", "\n");
            let (head, diff) = split(&text);
            let header = header(head);
            if let Err(why) = &header {
                problems.push(format!("{}: {why}", rel.display()));
            }
            let solution = match &solution {
                Ok(solution) => solution,
                Err(err) => {
                    stale.push(format!("{}: cannot read the solution {}: {err}", rel.display(), lib.display()));
                    continue;
                }
            };
            let patched = match apply(solution, diff) {
                Ok(patched) => patched,
                Err(why) => {
                    stale.push(format!("{}: {why}", rel.display()));
                    continue;
                }
            };
            let Ok((mistake, expect)) = header else { continue };
            if patched == *solution {
                problems.push(format!("{}: the patch changes nothing in {}", rel.display(), lib.display()));
                continue;
            }
            out.push(Mutant { exercise: i, path: rel, mistake, expect, text: patched });
        }
    }
    if !stale.is_empty() {
        return Err(Fail::usage(format!(
            "{} mutant patch(es) cannot be applied to their solution's src/lib.rs:\n  {}\nThe solution changed since \
             the patch was made (or the patch was damaged): regenerate it against the current src/lib.rs, as \
             docs/AUTHORING.md (\"Mutants\") shows.",
            stale.len(),
            stale.join("\n  ")
        )));
    }
    Ok(out)
}

/// Splits a patch file into its header and its diff, which starts at the first line beginning with `--- `.
fn split(text: &str) -> (&str, &str) {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with("--- ") {
            return (&text[..at], &text[at..]);
        }
        at += line.len();
    }
    (text, "")
}

/// The header's mistake (its lines joined) and expected phrases (one per line).
fn header(head: &str) -> std::result::Result<(String, Vec<String>), String> {
    let (mut mistake, mut expect) = (Vec::new(), Vec::new());
    for line in head.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match line.split_once(':').map(|(key, value)| (key, value.trim())) {
            Some(("mistake", value)) if !value.is_empty() => mistake.push(value.to_string()),
            Some(("expect", value)) if !value.is_empty() => expect.push(value.to_string()),
            _ => {
                return Err(format!(
                    "the header line `{line}` is not `mistake: …` or `expect: …` (the header is everything before \
                     the `--- src/lib.rs` line)"
                ));
            }
        }
    }
    if mistake.is_empty() || expect.is_empty() {
        return Err("a mutant needs a `mistake: …` and an `expect: …` line before its diff".into());
    }
    Ok((mistake.join(" "), expect))
}

/// The solution with the diff applied, or why it cannot be.
fn apply(solution: &str, diff: &str) -> std::result::Result<String, String> {
    if diff.is_empty() {
        return Err("no diff: it must follow the header, starting with a `--- src/lib.rs` line".into());
    }
    let patch = diffy::Patch::from_str(diff).map_err(|e| format!("the diff does not parse ({e})"))?;
    diffy::apply(solution, &patch).map_err(|e| format!("the diff no longer applies ({e})"))
}

/// Grades every mutant as a learner's work, round by round (one exercise's mutants cannot share a build).
pub fn run(course: &Course, trusted: &Snapshot, mutants: &[Mutant]) -> Result<Vec<Outcome>> {
    let rounds = mutants.iter().map(|m| mutants.iter().filter(|x| x.exercise == m.exercise && x.path < m.path).count());
    let rounds: Vec<usize> = rounds.collect();
    let mut outcomes = Vec::new();
    for round in 0..rounds.iter().max().map_or(0, |m| m + 1) {
        let batch: Vec<&Mutant> = mutants.iter().zip(&rounds).filter(|(_, r)| **r == round).map(|(m, _)| m).collect();
        let requests = batch
            .iter()
            .map(|m| {
                let e = &course.exercises[m.exercise];
                let mut sources = sources::from_dir(&course.root.join(e.solution_dir()), e);
                sources.files.insert("src/lib.rs".into(), m.text.clone().into_bytes());
                Request::with(e, sources)
            })
            .collect();
        let verdicts = grade::grade(course, trusted, "verify-mutants", requests, true)?;
        for (m, v) in batch.into_iter().zip(verdicts) {
            outcomes.push(Outcome { mutant: m.clone(), escaped: judge(m, &v) });
        }
    }
    Ok(outcomes)
}

fn judge(m: &Mutant, v: &Verdict) -> Option<String> {
    if v.compile_error.is_some() {
        return Some("it does not compile (a mutant must be a wrong program, not a broken one)".into());
    }
    let failing: Vec<&str> = v.tests.iter().filter(|t| !t.passed()).map(|t| t.message.as_str()).collect();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::{Chapter, Exercise};
    use std::path::Path;

    const SOLUTION: &str = "pub fn add(a: u32, b: u32) -> u32 {\n    a + b\n}\n";
    const PATCH: &str = "mistake: subtracts instead of adding\nexpect: the sum\n--- src/lib.rs\n+++ src/lib.rs\n\
        @@ -1,3 +1,3 @@\n pub fn add(a: u32, b: u32) -> u32 {\n-    a + b\n+    a - b\n }\n";

    /// A scratch course of one exercise whose solution is `solution` and whose mutants folder holds `files`; removed
    /// on drop.
    struct Scratch(Course, #[allow(dead_code)] tempfile::TempDir);

    impl Scratch {
        fn new(solution: &str, files: &[(&str, &str)]) -> Scratch {
            let temp = tempfile::Builder::new().prefix("course-mutants-").tempdir().unwrap();
            let root = temp.path().to_path_buf();
            let exercise = Exercise {
                dir: "01-basics/01-add".into(),
                chapter: "01-basics".into(),
                name: "add".into(),
                hints: vec!["add them".into()],
                sources: vec![crate::manifest::DEFAULT_SOURCES.into()],
            };
            let dir = root.join(exercise.solution_dir());
            std::fs::create_dir_all(dir.join("src")).unwrap();
            std::fs::create_dir_all(dir.join("mutants")).unwrap();
            std::fs::write(dir.join("src/lib.rs"), solution).unwrap();
            for (name, text) in files {
                std::fs::write(dir.join("mutants").join(name), text).unwrap();
            }
            let chapters = vec![Chapter { dir: "01-basics".into(), title: "Basics".into() }];
            Scratch(Course { root, chapters, exercises: vec![exercise] }, temp)
        }
    }

    #[test]
    fn a_good_patch_applies_to_the_solution() {
        let course = Scratch::new(SOLUTION, &[("subtracts.patch", PATCH)]);
        let mut problems = Vec::new();
        let found = find(&course.0, &mut problems).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(found.len(), 1);
        let m = &found[0];
        assert_eq!(m.path, Path::new("solutions/01-basics/01-add/mutants/subtracts.patch"));
        assert_eq!(m.mistake, "subtracts instead of adding");
        assert_eq!(m.expect, ["the sum"]);
        assert_eq!(m.text, "pub fn add(a: u32, b: u32) -> u32 {\n    a - b\n}\n");
    }

    #[test]
    fn a_patch_still_applies_when_the_solution_grows_elsewhere() {
        let course = Scratch::new(&format!("//! Adding.\n\n{SOLUTION}"), &[("subtracts.patch", PATCH)]);
        let found = find(&course.0, &mut Vec::new()).unwrap();
        assert_eq!(found[0].text, "//! Adding.\n\npub fn add(a: u32, b: u32) -> u32 {\n    a - b\n}\n");
    }

    #[test]
    fn converted_line_endings_do_not_break_a_patch() {
        let course =
            Scratch::new(&SOLUTION.replace('\n', "\r\n"), &[("subtracts.patch", &PATCH.replace('\n', "\r\n"))]);
        let found = find(&course.0, &mut Vec::new()).unwrap();
        assert_eq!(found[0].text, "pub fn add(a: u32, b: u32) -> u32 {\n    a - b\n}\n");
    }

    #[test]
    fn a_patch_that_no_longer_applies_stops_verify_naming_it() {
        let changed = SOLUTION.replace("a + b", "b + a");
        let course = Scratch::new(
            &changed,
            &[
                ("subtracts.patch", PATCH),
                ("broken.patch", "mistake: x\nexpect: y\n--- src/lib.rs\n+++ src/lib.rs\n@@ -1,3 +1,3 @@\n garbage\n"),
            ],
        );
        let err = find(&course.0, &mut Vec::new()).unwrap_err();
        assert_eq!(err.code, 2);
        let msg = err.message;
        assert!(msg.starts_with("2 mutant patch(es) cannot be applied"), "{msg}");
        assert!(
            msg.contains("solutions/01-basics/01-add/mutants/subtracts.patch: the diff no longer applies"),
            "{msg}"
        );
        assert!(msg.contains("solutions/01-basics/01-add/mutants/broken.patch: the diff does not parse"), "{msg}");
        assert!(msg.contains("The solution changed") && msg.contains("docs/AUTHORING.md"), "{msg}");
    }

    #[test]
    fn a_malformed_header_is_a_problem() {
        let old_style = PATCH.replace("mistake:", "// mistake:");
        let no_expect = PATCH.replace("expect: the sum\n", "");
        let course = Scratch::new(SOLUTION, &[("a.patch", &old_style), ("b.patch", &no_expect)]);
        let mut problems = Vec::new();
        let found = find(&course.0, &mut problems).unwrap();
        assert!(found.is_empty());
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("solutions/01-basics/01-add/mutants/a.patch: the header line `// mistake:"));
        assert!(problems[1].starts_with("solutions/01-basics/01-add/mutants/b.patch: a mutant needs"));
    }

    #[test]
    fn a_whole_file_mutant_or_an_empty_patch_is_a_problem() {
        let empty = "mistake: none\nexpect: nothing\n--- src/lib.rs\n+++ src/lib.rs\n";
        let course = Scratch::new(SOLUTION, &[("old.rs", SOLUTION), ("empty.patch", empty), ("notes.txt", "ignored")]);
        let mut problems = Vec::new();
        let found = find(&course.0, &mut problems).unwrap();
        assert!(found.is_empty());
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("empty.patch: the patch changes nothing"), "{problems:?}");
        assert!(problems[1].contains("old.rs: mutants are now patches"), "{problems:?}");
    }

    #[test]
    fn every_mutant_of_the_course_applies_to_its_solution() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let course = Course::load(&root).unwrap();
        let mut problems = Vec::new();
        let found = find(&course, &mut problems).unwrap_or_else(|e| panic!("{e}"));
        assert!(problems.is_empty(), "{problems:#?}");
        for (i, _) in course.exercises.iter().enumerate() {
            assert!(found.iter().filter(|m| m.exercise == i).count() >= 2, "{}", course.exercises[i].name);
        }
    }
}
