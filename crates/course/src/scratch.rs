//! The scratch workspace grading builds in: the course's own manifests, lock file, cargo configuration, harness
//! crates, exercise manifests and graded tests (all from a trusted [`Snapshot`]), plus only the learner's
//! sources. It lives under the build folder (`target/course/<purpose>/`), is kept between runs so that cargo
//! rebuilds only what changed, and shares the build folder, so dependencies are compiled once.
//!
//! Files are rewritten only when their contents change: cargo decides what to rebuild by modification time.
//!
//! Cargo names the build of a workspace's own crate after its path *relative to the workspace root*, and judges
//! it fresh by modification times. So the crates sit one folder deeper, under a folder named after the purpose
//! (`target/course/grading/grading/exercises/…`): no other workspace sharing the build folder — the course's own,
//! where a learner may `cargo test` a modified manifest, or another purpose's — has crates at those relative paths,
//! and none of their builds can be mistaken for this one's.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::path::{Path, PathBuf};

use crate::fail::{Fail, Result};
use crate::manifest::{Course, Exercise};
use crate::shipped::{self, Snapshot, slash};
use crate::sources::Sources;

/// A prepared scratch workspace, locked for this process while it lives.
pub struct Scratch {
    /// The workspace's root folder.
    pub root: PathBuf,
    /// The folder under the root that holds the crates (named after the purpose).
    prefix: String,
    /// The build folder (shared with the course's own builds).
    pub target: PathBuf,
    _lock: File,
}

/// Where cargo builds the course: `CARGO_TARGET_DIR`, or `target/` in the course.
pub fn target_dir(course: &Course) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => course.root.join(dir),
        None => course.root.join("target"),
    }
}

impl Scratch {
    /// Takes the workspace for `purpose` (one at a time: a second runner waits for the first) and brings the
    /// course's files up to date in it.
    pub fn open(course: &Course, trusted: &Snapshot, purpose: &str) -> Result<Scratch> {
        if trusted.is_empty() {
            return Err(shipped::not_sealed());
        }
        let target = target_dir(course);
        let root = target.join("course").join(purpose);
        let io = |what: &str, e: std::io::Error| Fail::usage(format!("cannot {what} {}: {e}", root.display()));
        std::fs::create_dir_all(&root).map_err(|e| io("create", e))?;
        // Cargo reports crate folders as canonical paths: match them.
        let root = std::fs::canonicalize(&root).unwrap_or_else(|_| root.clone());
        let lock = File::create(target.join("course").join(format!("{purpose}.lock"))).map_err(|e| io("lock", e))?;
        if lock.try_lock().is_err() {
            eprintln!("Waiting for another `cargo course` that is grading in this course…");
            lock.lock().map_err(|e| io("lock", e))?;
        }
        let scratch = Scratch { root, target, prefix: purpose.to_string(), _lock: lock };
        for (path, text) in trusted_files(trusted) {
            let path = if path.starts_with("crates/") { scratch.inner(&path) } else { path };
            scratch.put(&path, text.as_bytes())?;
        }
        Ok(scratch)
    }

    /// Puts an exercise in the workspace: its shipped manifest and tests, and `sources` (the rest of its folder
    /// is removed). With `sources` = `None` the exercise is taken out of the workspace.
    pub fn put_exercise(&self, trusted: &Snapshot, e: &Exercise, sources: Option<&Sources>) -> Result<()> {
        let dir = slash(&e.exercise_dir());
        let folder = self.root.join(self.inner(&dir));
        let Some(sources) = sources else {
            return remove_dir(&folder);
        };
        let mut wanted: BTreeMap<String, &[u8]> = BTreeMap::new();
        for (path, text) in trusted.under(&dir) {
            let rel = &path[dir.len() + 1..];
            if rel == "Cargo.toml" || rel.starts_with("tests/") {
                wanted.insert(rel.to_string(), text.as_bytes());
            }
        }
        for (rel, bytes) in &sources.files {
            wanted.entry(rel.clone()).or_insert(bytes);
        }
        for path in files_under(&folder) {
            if !wanted.contains_key(&path) {
                let _ = std::fs::remove_file(folder.join(&path));
            }
        }
        for (rel, bytes) in wanted {
            self.put(&self.inner(&format!("{dir}/{rel}")), bytes)?;
        }
        Ok(())
    }

    /// A course path's place in the workspace.
    fn inner(&self, path: &str) -> String {
        format!("{}/{path}", self.prefix)
    }

    /// Course paths as the compiler saw them in this workspace (`grading/exercises/…`) → as the learner knows them
    /// (`exercises/…`), for messages.
    pub fn outer_paths(&self, text: &str) -> String {
        text.replace(&format!("{}/exercises/", self.prefix), "exercises/")
            .replace(&format!("{}/crates/", self.prefix), "crates/")
    }

    /// Writes the workspace manifest: the course's own, with its members set to the harness crates and the
    /// exercises now in the workspace (those with a library to build).
    pub fn write_manifest(&self, trusted: &Snapshot, course: &Course) -> Result<()> {
        let text = trusted.get("Cargo.toml").ok_or_else(shipped::not_sealed)?;
        let mut manifest: toml::Table =
            text.parse().map_err(|e| Fail::usage(format!("the shipped Cargo.toml does not parse: {e}")))?;
        let mut members: Vec<String> = shipped::HARNESS_CRATES.iter().map(|s| self.inner(s)).collect();
        let present: BTreeSet<String> = course
            .exercises
            .iter()
            .map(|e| self.inner(&slash(&e.exercise_dir())))
            .filter(|dir| self.root.join(dir).join("src/lib.rs").is_file())
            .collect();
        members.extend(present);
        let crates: BTreeSet<&str> = shipped::HARNESS_CRATES.into_iter().collect();
        if let Some(toml::Value::Table(workspace)) = manifest.get_mut("workspace") {
            workspace.remove("default-members");
            workspace.insert("members".into(), toml::Value::Array(members.into_iter().map(Into::into).collect()));
            if let Some(toml::Value::Table(deps)) = workspace.get_mut("dependencies") {
                // Path dependencies of crates that are not here (the runner, the diagrams) would not resolve.
                deps.retain(|_, dep| dep.get("path").and_then(|p| p.as_str()).is_none_or(|p| crates.contains(p)));
                for (_, dep) in deps.iter_mut() {
                    if let Some(toml::Value::String(path)) = dep.get_mut("path") {
                        *path = self.inner(path.as_str());
                    }
                }
            }
        }
        let text = toml::to_string(&manifest).map_err(|e| Fail::usage(format!("cannot write a manifest: {e}")))?;
        self.put("Cargo.toml", text.as_bytes())
    }

    /// The folder of an exercise's crate in the workspace.
    pub fn exercise_dir(&self, e: &Exercise) -> PathBuf {
        self.root.join(self.inner(&slash(&e.exercise_dir())))
    }

    /// Writes one file if its contents differ (or it is missing).
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.root.join(rel);
        if std::fs::read(&path).is_ok_and(|old| old == bytes) {
            return Ok(());
        }
        let write = || -> std::io::Result<()> {
            std::fs::create_dir_all(path.parent().unwrap_or(&self.root))?;
            std::fs::write(&path, bytes)
        };
        write().map_err(|e| Fail::usage(format!("cannot write {}: {e}", path.display())))
    }
}

/// The snapshot's files that every grading workspace holds: the lock file, the cargo configuration and the
/// harness crates. (The workspace manifest is written by [`Scratch::write_manifest`].)
fn trusted_files(trusted: &Snapshot) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    for file in shipped::ROOT_FILES.into_iter().filter(|f| *f != "Cargo.toml" && *f != "course.toml") {
        if let Some(text) = trusted.get(file) {
            out.push((file.to_string(), text));
        }
    }
    for dir in shipped::HARNESS_CRATES {
        out.extend(trusted.under(dir).map(|(p, t)| (p.to_string(), t)));
    }
    out
}

fn files_under(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|entry| entry.file_type().is_file())
        .filter_map(|entry| entry.path().strip_prefix(dir).ok().map(slash))
        .collect()
}

fn remove_dir(dir: &Path) -> Result<()> {
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(Fail::usage(format!("cannot remove {}: {e}", dir.display())))
        }
        _ => Ok(()),
    }
}
