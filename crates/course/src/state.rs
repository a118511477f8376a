//! The learner's progress, kept in `.course/state.json`: which exercises passed (keyed by a fingerprint of their
//! files, so an edit, a renamed exercise or a course update simply means "grade again") and how many hints each
//! has shown. It is only a cache: a missing or damaged file is rebuilt with a one-line notice.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::manifest::{Course, Exercise};
use crate::shipped::Snapshot;

const DIR: &str = ".course";
const FILE: &str = "state.json";
const VERSION: u32 = 1;

/// What is remembered between runs.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct State {
    version: u32,
    /// Exercise name → the last grade: the fingerprint graded and whether every test passed.
    #[serde(default)]
    graded: BTreeMap<String, Graded>,
    /// Exercise name → how many hints have been shown.
    #[serde(default)]
    hints: BTreeMap<String, usize>,
    /// The exercise `next` or `watch` last moved to.
    #[serde(default)]
    current: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Graded {
    fingerprint: String,
    passed: bool,
}

impl State {
    /// Loads the state; a missing file gives an empty state, a damaged one an empty state and a notice.
    pub fn load(course: &Course) -> State {
        let path = path(&course.root);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(_) => return State { version: VERSION, ..State::default() },
        };
        match serde_json::from_str::<State>(&text) {
            Ok(state) if state.version == VERSION => state,
            _ => {
                eprintln!(
                    "note: {} was damaged or from another version; progress is rebuilt by grading.",
                    path.display()
                );
                State { version: VERSION, ..State::default() }
            }
        }
    }

    /// Saves the state (atomically: a crash never leaves half a file). Failing to save only costs a re-grade
    /// later, so it is a warning, not an error.
    pub fn save(&self, course: &Course) {
        let path = path(&course.root);
        let result = (|| -> std::io::Result<()> {
            std::fs::create_dir_all(path.parent().expect("the state file has a folder"))?;
            let tmp = path.with_extension("json.tmp");
            std::fs::write(&tmp, serde_json::to_string_pretty(self).map_err(std::io::Error::other)?)?;
            std::fs::rename(&tmp, &path)
        })();
        if let Err(e) = result {
            eprintln!("warning: could not save progress to {}: {e}", path.display());
        }
    }

    /// Whether the exercise passed when last graded, if its files have not changed since.
    pub fn known(&self, course: &Course, e: &Exercise) -> Option<bool> {
        let graded = self.graded.get(&e.name)?;
        (graded.fingerprint == fingerprint(course, e)).then_some(graded.passed)
    }

    /// Remembers a grade for the exercise's current files.
    pub fn record(&mut self, course: &Course, e: &Exercise, passed: bool) {
        self.graded.insert(e.name.clone(), Graded { fingerprint: fingerprint(course, e), passed });
    }

    /// How many hints the exercise has shown.
    pub fn hints_shown(&self, e: &Exercise) -> usize {
        self.hints.get(&e.name).copied().unwrap_or(0)
    }

    /// Shows one more hint (up to all of them) and returns the new count.
    pub fn reveal_hint(&mut self, e: &Exercise) -> usize {
        let shown = (self.hints_shown(e) + 1).min(e.hints.len());
        self.hints.insert(e.name.clone(), shown);
        shown
    }
}

impl State {
    /// The exercise the learner last moved to, if it still exists in the course.
    pub fn current<'a>(&self, course: &'a Course) -> Option<&'a Exercise> {
        let name = self.current.as_deref()?;
        course.exercises.iter().find(|e| e.name == name)
    }

    /// Remembers the exercise the learner is on.
    pub fn set_current(&mut self, e: &Exercise) {
        self.current = Some(e.name.clone());
    }
}

fn path(root: &Path) -> PathBuf {
    root.join(DIR).join(FILE)
}

/// A fingerprint of everything that decides an exercise's grade: the learner's sources (the only files grading
/// takes from their folder) and the shipped course the runner grades with.
pub fn fingerprint(course: &Course, e: &Exercise) -> String {
    let trusted = Snapshot::embedded();
    let sources = crate::sources::learner(&course.exercises_root(), trusted, e).sources;
    let mut hasher = DefaultHasher::new();
    hasher.write_u64(trusted.digest());
    for (path, bytes) in &sources.files {
        hasher.write(path.as_bytes());
        hasher.write_usize(bytes.len());
        hasher.write(bytes);
    }
    format!("{:016x}", hasher.finish())
}

/// Copies the exercise's current files to a new folder `.course/backups/<name>-<seconds since 1970>[-N]/` (never
/// one that exists: two resets in one second keep both versions); returns that folder.
pub fn backup(course: &Course, e: &Exercise) -> crate::fail::Result<PathBuf> {
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let backups = course.root.join(DIR).join("backups");
    let fail = |err: std::io::Error, dest: &Path| {
        crate::fail::Fail::usage(format!(
            "cannot back up the exercise to {}: {err}; nothing was changed",
            dest.display()
        ))
    };
    std::fs::create_dir_all(&backups).map_err(|err| fail(err, &backups))?;
    let dest = (0..1000)
        .map(|n| backups.join(if n == 0 { format!("{}-{stamp}", e.name) } else { format!("{}-{stamp}-{n}", e.name) }))
        // `create_dir` (not `_all`) fails if the folder exists: taking a name is atomic.
        .find(|dest| std::fs::create_dir(dest).is_ok())
        .ok_or_else(|| fail(std::io::Error::other("no free backup folder name"), &backups))?;
    let source = course.root.join(e.exercise_dir());
    let copy = || -> std::io::Result<()> {
        if !source.exists() {
            return Ok(()); // a deleted folder: nothing to keep, and reset restores it
        }
        for entry in walkdir::WalkDir::new(&source)
            .into_iter()
            .filter_entry(|entry| !(entry.depth() == 1 && entry.file_name() == "target"))
        {
            let entry = entry?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(&source).map_err(std::io::Error::other)?;
            let target = dest.join(rel);
            std::fs::create_dir_all(target.parent().unwrap_or(&dest))?;
            std::fs::copy(entry.path(), target)?;
        }
        Ok(())
    };
    copy().map_err(|err| fail(err, &dest))?;
    Ok(dest.strip_prefix(&course.root).map(Path::to_path_buf).unwrap_or(dest))
}
