//! The learner's files: which files of an exercise folder are graded (its `sources` patterns in `course.toml`,
//! `src/**/*.rs` by default), and which others differ from the shipped course and are therefore ignored.
//!
//! Like a test runner that copies only a student's solution files into a pristine exercise, grading takes nothing
//! else from the learner's folder: not the manifest, not the graded tests, not a `build.rs`. What it leaves out
//! is listed, never dropped silently.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::Serialize;

use crate::manifest::Exercise;
use crate::shipped::{Snapshot, normalise, slash};

/// Source files: path relative to the exercise folder (with `/`) → contents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources {
    pub files: BTreeMap<String, Vec<u8>>,
}

/// How a file of the learner's folder differs from the shipped one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Not in the shipped course.
    Added,
    /// Different from the shipped file.
    Changed,
    /// A shipped file that is gone.
    Missing,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Change::Added => "added",
            Change::Changed => "changed",
            Change::Missing => "missing",
        })
    }
}

/// A file that grading did not take from the learner's folder, and why it is worth a mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ignored {
    /// Path relative to the course root.
    pub path: String,
    pub change: Change,
}

/// What the learner's folder of one exercise gives grading.
#[derive(Debug, Clone)]
pub struct Collected {
    pub sources: Sources,
    /// Files that are not sources and differ from the shipped ones: ignored for grading.
    pub ignored: Vec<Ignored>,
    /// Shipped source files that are missing (the exercise cannot be built without its library's root file).
    pub missing_sources: Vec<String>,
}

/// A matcher for an exercise's `sources` patterns (already checked when the manifest was read).
fn matcher(e: &Exercise) -> globset::GlobSet {
    let mut set = globset::GlobSetBuilder::new();
    for pattern in &e.sources {
        if let Ok(glob) = globset::GlobBuilder::new(pattern).literal_separator(true).build() {
            set.add(glob);
        }
    }
    set.build().unwrap_or_else(|_| globset::GlobSet::empty())
}

/// The learner's sources of `e` from its folder under `exercises` (the folder holding the chapter folders: a
/// course's `exercises/`, or a student's submission), compared with the shipped files in `trusted`.
pub fn learner(exercises: &Path, trusted: &Snapshot, e: &Exercise) -> Collected {
    let dir = slash(&e.exercise_dir());
    let matcher = matcher(e);
    let mut sources = Sources::default();
    let mut ignored = Vec::new();
    let present = files_in(&exercises.join(&e.dir));
    for (rel, bytes) in &present {
        let path = format!("{dir}/{rel}");
        if matcher.is_match(rel) {
            sources.files.insert(rel.clone(), bytes.clone());
            continue;
        }
        match trusted.get(&path) {
            None => ignored.push(Ignored { path, change: Change::Added }),
            Some(shipped) if normalise(&String::from_utf8_lossy(bytes)) != shipped => {
                ignored.push(Ignored { path, change: Change::Changed })
            }
            Some(_) => {}
        }
    }
    let mut missing_sources = Vec::new();
    for (path, _) in trusted.under(&dir) {
        let rel = &path[dir.len() + 1..];
        if present.contains_key(rel) {
            continue;
        }
        if matcher.is_match(rel) {
            missing_sources.push(path.to_string());
        } else {
            ignored.push(Ignored { path: path.to_string(), change: Change::Missing });
        }
    }
    ignored.sort_by(|a, b| a.path.cmp(&b.path));
    Collected { sources, ignored, missing_sources }
}

/// The sources of `e` in another folder laid out like the exercise (a solution crate), by the same patterns.
pub fn from_dir(dir: &Path, e: &Exercise) -> Sources {
    let matcher = matcher(e);
    Sources { files: files_in(dir).into_iter().filter(|(rel, _)| matcher.is_match(rel)).collect() }
}

/// The sources of `e` as shipped (the stub with its `todo!()`s).
pub fn shipped(trusted: &Snapshot, e: &Exercise) -> Sources {
    let dir = slash(&e.exercise_dir());
    let matcher = matcher(e);
    let files = trusted
        .under(&dir)
        .map(|(path, text)| (path[dir.len() + 1..].to_string(), text.as_bytes().to_vec()))
        .filter(|(rel, _)| matcher.is_match(rel))
        .collect();
    Sources { files }
}

/// Every file under `dir` (relative path with `/` → contents), skipping build output. Hidden files count: a
/// learner's `.cargo/config.toml` is exactly the kind of file that must be listed as ignored.
fn files_in(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| !(entry.depth() == 1 && entry.file_name() == "target"))
        .flatten()
        .filter(|entry| entry.file_type().is_file())
        .filter_map(|entry| {
            let rel = slash(entry.path().strip_prefix(dir).ok()?);
            Some((rel, std::fs::read(entry.path()).ok()?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_matching_the_patterns_are_sources() {
        let e = Exercise {
            dir: "01-a/01-b".into(),
            chapter: "01-a".into(),
            name: "b".into(),
            hints: vec![],
            sources: vec!["src/**/*.rs".into()],
        };
        let m = matcher(&e);
        assert!(m.is_match("src/lib.rs") && m.is_match("src/deep/er/mod.rs"));
        assert!(!m.is_match("build.rs") && !m.is_match("tests/grade.rs") && !m.is_match("src/data.txt"));
        assert!(!m.is_match("Cargo.toml") && !m.is_match("x/src/lib.rs"));
    }
}
