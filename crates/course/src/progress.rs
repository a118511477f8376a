//! The one owner of the learner's progress: the course, the saved [`State`], and what is known about each
//! exercise. Every command asks it whether an exercise is solved, which comes next, and records new grades.
//!
//! An exercise is known to be solved or not when its sources are exactly as shipped (a shipped exercise fails
//! every graded test: `verify` proves it) or when its sources have the fingerprint of its last grade. Anything else
//! is graded (quietly), recorded and saved.

use crate::fail::Result;
use crate::grade::{self, Verdict};
use crate::manifest::{Course, Exercise};
use crate::shipped::Snapshot;
use crate::sources;
use crate::state::{self, State};

pub struct Progress<'a> {
    pub course: &'a Course,
    pub state: State,
}

impl<'a> Progress<'a> {
    /// The saved progress of `course` (a missing or damaged file is rebuilt).
    pub fn load(course: &'a Course) -> Progress<'a> {
        Progress { course, state: State::load(course) }
    }

    pub fn save(&self) {
        self.state.save(self.course);
    }

    /// Whether `e` is solved, if known without grading.
    pub fn known(&self, e: &Exercise) -> Option<bool> {
        let trusted = Snapshot::embedded();
        let collected = sources::learner(&self.course.exercises_root(), trusted, e);
        if collected.missing_sources.is_empty() && collected.sources == sources::shipped(trusted, e) {
            return Some(false);
        }
        self.state.known(self.course, e)
    }

    /// Solved or not for every exercise, as far as known without grading (unknown counts as not solved).
    pub fn solved(&self) -> Vec<bool> {
        self.course.exercises.iter().map(|e| self.known(e).unwrap_or(false)).collect()
    }

    /// Grades `e` (showing cargo's output unless `quiet`), records the grade and saves.
    pub fn grade(&mut self, e: &Exercise) -> Result<Verdict> {
        let verdict = grade::learner(self.course, &[e], true)?.remove(0);
        self.state.record(self.course, e, verdict.passed());
        self.save();
        Ok(verdict)
    }

    /// Solved or not for every exercise, grading the ones not known (all in one build).
    pub fn bring_up_to_date(&mut self) -> Result<Vec<bool>> {
        let stale: Vec<&Exercise> = self.course.exercises.iter().filter(|e| self.known(e).is_none()).collect();
        if !stale.is_empty() {
            eprintln!("Grading {} exercise(s) changed since they were last graded…", stale.len());
            let verdicts = grade::learner(self.course, &stale, true)?;
            for (e, v) in stale.iter().zip(&verdicts) {
                self.state.record(self.course, e, v.passed());
            }
            self.save();
        }
        Ok(self.solved())
    }

    /// Whether `e` passes: known, or graded now.
    pub fn passes(&mut self, e: &Exercise) -> Result<bool> {
        match self.known(e) {
            Some(passed) => Ok(passed),
            None => Ok(self.grade(e)?.passed()),
        }
    }

    /// The first exercise in course order that is not solved (grading only what must be).
    pub fn first_unsolved(&mut self) -> Result<Option<&'a Exercise>> {
        let course = self.course;
        for e in &course.exercises {
            if !self.passes(e)? {
                return Ok(Some(e));
            }
        }
        Ok(None)
    }

    /// The first unsolved exercise after `after` in course order (wrapping round), if any.
    pub fn next_unsolved_after(&mut self, after: &Exercise) -> Result<Option<&'a Exercise>> {
        let course = self.course;
        let start = course.exercises.iter().position(|e| e.name == after.name).map_or(0, |i| i + 1);
        let n = course.exercises.len();
        for offset in 0..n {
            let e = &course.exercises[(start + offset) % n];
            if e.name != after.name && !self.passes(e)? {
                return Ok(Some(e));
            }
        }
        Ok(None)
    }

    /// The exercise the learner is on: the one `next`, `watch` or the list last chose, else the first unsolved.
    pub fn current(&mut self) -> Result<Option<&'a Exercise>> {
        if let Some(e) = self.state.current(self.course) {
            return Ok(Some(e));
        }
        self.first_unsolved()
    }

    /// Restores `e` as shipped, after backing up the learner's files; returns the backup folder.
    pub fn reset(&mut self, e: &Exercise) -> Result<std::path::PathBuf> {
        let files = crate::shipped::exercise_files(e);
        if files.is_empty() {
            return Err(crate::shipped::not_sealed());
        }
        let backup = state::backup(self.course, e)?;
        for (path, text) in &files {
            let target = self.course.root.join(path);
            let written =
                target.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(&target, text));
            if let Err(err) = written {
                return Err(crate::fail::Fail::usage(format!(
                    "cannot write {}: {err}. Your previous files are safe in {}",
                    path.display(),
                    backup.display()
                )));
            }
        }
        Ok(backup)
    }
}
