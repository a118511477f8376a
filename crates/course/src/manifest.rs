//! The course manifest (`course.toml`): chapters and exercises in order, with their hints.
//!
//! Every path is derived from an exercise's `dir` (`<chapter>/<NN-name>`), so folders, book pages and the manifest
//! can only agree or be reported by `cargo course verify`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::fail::{Fail, Result};

/// The manifest's file name, at the root of the course.
pub const FILE: &str = "course.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    chapter: Vec<RawChapter>,
    #[serde(default)]
    exercise: Vec<RawExercise>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChapter {
    dir: String,
    title: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExercise {
    dir: String,
    hints: Vec<String>,
    /// Glob patterns (relative to the exercise folder) of the files that are the learner's: only these are taken
    /// from the learner's folder for grading. Default: [`DEFAULT_SOURCES`].
    #[serde(default)]
    sources: Option<Vec<String>>,
}

/// The learner's files of an exercise, unless `course.toml` says otherwise: its Rust sources.
pub const DEFAULT_SOURCES: &str = "src/**/*.rs";

/// A chapter of the book, which may hold exercises.
#[derive(Clone, Debug)]
pub struct Chapter {
    /// Folder name, e.g. `01-async-await`.
    pub dir: String,
    pub title: String,
}

/// One exercise: a crate under `exercises/`, its solution under `solutions/`, and its book page.
#[derive(Clone, Debug)]
pub struct Exercise {
    /// `<chapter>/<NN-name>`, e.g. `01-async-await/01-hello-await`.
    pub dir: String,
    /// The chapter's folder name.
    pub chapter: String,
    /// The short name, e.g. `hello-await`; also the exercise crate's package name.
    pub name: String,
    pub hints: Vec<String>,
    /// Glob patterns of the learner's files, relative to the exercise folder (see [`DEFAULT_SOURCES`]).
    pub sources: Vec<String>,
}

impl Exercise {
    /// The exercise crate, relative to the course root.
    pub fn exercise_dir(&self) -> PathBuf {
        Path::new("exercises").join(&self.dir)
    }
    /// The solution crate, relative to the course root.
    pub fn solution_dir(&self) -> PathBuf {
        Path::new("solutions").join(&self.dir)
    }
    /// The book page, relative to the course root.
    pub fn page(&self) -> String {
        format!("src/{}.md", self.dir)
    }
    /// The graded test file, relative to the course root.
    pub fn test_file(&self) -> PathBuf {
        self.exercise_dir().join("tests").join("grade.rs")
    }
    /// The solution crate's package name.
    pub fn solution_package(&self) -> String {
        format!("{}-solution", self.name)
    }
}

/// The whole course, as the manifest lists it.
#[derive(Debug)]
pub struct Course {
    pub root: PathBuf,
    pub chapters: Vec<Chapter>,
    pub exercises: Vec<Exercise>,
}

impl Course {
    /// The learner's exercises folder in this course (`exercises/`).
    pub fn exercises_root(&self) -> PathBuf {
        self.root.join("exercises")
    }

    /// Finds the course root (the nearest folder upwards holding `course.toml`) and loads the manifest.
    pub fn discover() -> Result<Course> {
        let cwd = std::env::current_dir().map_err(|e| Fail::usage(format!("cannot read the current folder: {e}")))?;
        let root = cwd.ancestors().find(|dir| dir.join(FILE).is_file()).ok_or_else(|| {
            Fail::usage(format!(
                "no {FILE} here or in any folder above {}: run `cargo course` inside the course folder",
                cwd.display()
            ))
        })?;
        // Cargo reports crate folders as canonical paths; match them.
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        Course::load(&root)
    }

    /// Loads and checks the manifest at `root/course.toml`.
    pub fn load(root: &Path) -> Result<Course> {
        let path = root.join(FILE);
        let text =
            std::fs::read_to_string(&path).map_err(|e| Fail::usage(format!("cannot read {}: {e}", path.display())))?;
        Course::parse(root, &text)
    }

    /// Parses a manifest's text for a course at `root`.
    pub fn parse(root: &Path, text: &str) -> Result<Course> {
        let raw: Raw = toml::from_str(text)
            .map_err(|e| Fail::usage(format!("{FILE} is not valid: {}", e.to_string().trim_end())))?;
        let chapters: Vec<Chapter> = raw.chapter.into_iter().map(|c| Chapter { dir: c.dir, title: c.title }).collect();
        let mut exercises = Vec::new();
        for e in raw.exercise {
            let bad = |why: &str| Fail::usage(format!("{FILE}: exercise `{}` {why}", e.dir));
            let (chapter, folder) =
                e.dir.split_once('/').ok_or_else(|| bad("needs a dir of the form <chapter>/<NN-name>"))?;
            if !chapters.iter().any(|c| c.dir == chapter) {
                return Err(bad("is in a chapter that no [[chapter]] lists"));
            }
            let name = strip_number(folder).ok_or_else(|| bad("needs a folder name of the form NN-name"))?;
            if e.hints.is_empty() {
                return Err(bad("needs at least one hint"));
            }
            if exercises.iter().any(|x: &Exercise| x.name == name) {
                return Err(bad("has the same short name as an earlier exercise"));
            }
            let sources = e.sources.clone().unwrap_or_else(|| vec![DEFAULT_SOURCES.to_string()]);
            for pattern in &sources {
                if let Err(err) = globset::Glob::new(pattern) {
                    return Err(bad(&format!("has a `sources` pattern that is not a glob ({err})")));
                }
                if pattern.starts_with('/') || pattern.split('/').any(|part| part == "..") {
                    return Err(bad("has a `sources` pattern outside its folder"));
                }
            }
            exercises.push(Exercise {
                dir: e.dir.clone(),
                chapter: chapter.to_string(),
                name: name.to_string(),
                hints: e.hints,
                sources,
            });
        }
        Ok(Course { root: root.to_path_buf(), chapters, exercises })
    }

    /// Finds an exercise by short name (`hello-await`), dir (`01-async-await/01-hello-await`) or path
    /// (`exercises/01-async-await/01-hello-await`, with or without a trailing slash).
    pub fn find(&self, query: &str) -> Result<&Exercise> {
        let q = query.trim().trim_end_matches('/');
        let q = q.strip_prefix("./").unwrap_or(q);
        let q = q.strip_prefix("exercises/").or_else(|| q.strip_prefix("solutions/")).unwrap_or(q);
        if let Some(e) = self.exercises.iter().find(|e| e.name == q || e.dir == q || e.dir.ends_with(&format!("/{q}")))
        {
            return Ok(e);
        }
        let closest = self
            .exercises
            .iter()
            .flat_map(|e| [(e, e.name.as_str()), (e, e.dir.as_str())])
            .map(|(e, candidate)| (strsim::jaro_winkler(q, candidate), e))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let suggestion = match closest {
            Some((score, e)) if score >= 0.7 => format!("; did you mean `{}`?", e.name),
            _ => "; `cargo course list` shows them all".to_string(),
        };
        Err(Fail::usage(format!("there is no exercise called `{query}`{suggestion}")))
    }

    /// The exercises of one chapter, in order.
    pub fn in_chapter<'a>(&'a self, chapter: &'a str) -> impl Iterator<Item = &'a Exercise> + 'a {
        self.exercises.iter().filter(move |e| e.chapter == chapter)
    }
}

/// `01-hello-await` → `hello-await`.
fn strip_number(folder: &str) -> Option<&str> {
    let (number, name) = folder.split_once('-')?;
    (number.len() == 2 && number.bytes().all(|b| b.is_ascii_digit()) && !name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
        [[chapter]]
        dir = "01-async-await"
        title = "async/await"

        [[exercise]]
        dir = "01-async-await/01-hello-await"
        hints = ["one"]

        [[exercise]]
        dir = "01-async-await/02-one-after-another"
        hints = ["two"]
    "#;

    fn sample() -> Course {
        Course::parse(Path::new("/course"), SAMPLE).unwrap()
    }

    #[test]
    fn derives_names_paths_and_pages_from_dir() {
        let course = sample();
        let e = &course.exercises[0];
        assert_eq!((e.name.as_str(), e.chapter.as_str()), ("hello-await", "01-async-await"));
        assert_eq!(e.exercise_dir(), Path::new("exercises/01-async-await/01-hello-await"));
        assert_eq!(e.page(), "src/01-async-await/01-hello-await.md");
        assert_eq!(e.solution_package(), "hello-await-solution");
    }

    #[test]
    fn finds_by_short_name_dir_or_path() {
        let course = sample();
        for q in [
            "hello-await",
            "01-hello-await",
            "01-async-await/01-hello-await",
            "exercises/01-async-await/01-hello-await/",
        ] {
            assert_eq!(course.find(q).unwrap().name, "hello-await", "{q}");
        }
    }

    #[test]
    fn an_unknown_name_suggests_the_closest() {
        let err = sample().find("helo").unwrap_err();
        assert_eq!(err.code, 2);
        assert!(err.message.contains("did you mean `hello-await`?"), "{}", err.message);
        let err = sample().find("zzzzzzzzzzzzzzzzzz").unwrap_err();
        assert!(err.message.contains("cargo course list"), "{}", err.message);
    }

    #[test]
    fn rejects_bad_manifests_with_a_reason() {
        let unknown_chapter = "[[exercise]]\ndir = \"09-x/01-y\"\nhints = [\"h\"]";
        let err = Course::parse(Path::new("/"), unknown_chapter).unwrap_err();
        assert!(err.message.contains("no [[chapter]] lists"), "{}", err.message);
        let err = Course::parse(Path::new("/"), "[[chapter]]\ndir = 3").unwrap_err();
        assert!(err.message.contains("course.toml is not valid"), "{}", err.message);
    }
}

#[cfg(test)]
mod runner_manifests {
    /// `cargo course` inside exercises/ runs the same source as a package of the exercises' workspace
    /// (exercises/.runner): its dependencies must be the runner's own.
    #[test]
    fn the_runner_entry_of_the_exercises_workspace_has_the_runner_s_dependencies() {
        let read = |path: &str| -> toml::Table {
            let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
            text.parse().unwrap()
        };
        let (runner, entry) = (read("Cargo.toml"), read("../../exercises/.runner/Cargo.toml"));
        let deps = |t: &toml::Table, key: &str| {
            let mut d = t.get(key).and_then(|d| d.as_table()).cloned().unwrap_or_default();
            d.remove("verdict"); // a workspace dependency in one, a path in the other
            d
        };
        assert_eq!(deps(&runner, "dependencies"), deps(&entry, "dependencies"));
        assert_eq!(runner.get("target"), entry.get("target"));
        assert_eq!(entry["bin"].as_array().unwrap()[0]["path"].as_str(), Some("../../crates/course/src/main.rs"));
    }
}
