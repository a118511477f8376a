//! `cargo course new`: adds a chapter or an exercise with every file it needs, so that `cargo course verify`
//! checks a complete skeleton from the first minute.
//!
//! - `cargo course new 10-under-the-hood --title "Under the hood"`: the `[[chapter]]` entry in `course.toml`, the
//!   chapter's index page and its line in `src/SUMMARY.md` (before the appendix), and its listings crate
//!   `listings/10-under-the-hood/` (a library, a runnable program folder, a programs test).
//! - `cargo course new 10-under-the-hood/01-poll-by-hand`: the exercise crate (manifest, stub with `todo!()`, a
//!   graded test file on the harness), the solution crate (manifest pointing at the exercise's test file, a
//!   solution that passes the skeleton test), the `course.toml` entry with placeholder hints, the page with its
//!   "Where/Grade" box and its SUMMARY line, a runnable listing program, and a `mutants/` folder.
//!
//! Nothing that exists is overwritten: a name already taken is refused before any file is written. What is
//! written is a skeleton: docs/AUTHORING.md says what to fill in, and `verify` says what is still missing (at
//! least three tests, two mutants, real hints).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::fail::{Fail, Result};
use crate::manifest::{self, Course};

/// Adds a chapter (`NN-name`, with `title`) or an exercise (`NN-chapter/MM-name`). Returns the files written.
pub fn new(course: &Course, what: &str, title: Option<&str>) -> Result<Vec<PathBuf>> {
    let what = what.trim().trim_matches('/');
    let mut plan = Plan::default();
    match what.split_once('/') {
        None => chapter(course, what, title, &mut plan)?,
        Some((chapter, folder)) => exercise(course, chapter, folder, title, &mut plan)?,
    }
    plan.apply(&course.root)
}

/// The files to create and the files to edit, checked before anything is written.
#[derive(Default)]
struct Plan {
    create: Vec<(PathBuf, String)>,
    edit: Vec<(PathBuf, String)>,
}

impl Plan {
    fn create(&mut self, path: impl Into<PathBuf>, text: String) {
        self.create.push((path.into(), text));
    }

    fn apply(self, root: &Path) -> Result<Vec<PathBuf>> {
        for (path, _) in &self.create {
            if root.join(path).exists() {
                return Err(Fail::usage(format!("{} exists already: nothing was written", path.display())));
            }
        }
        let mut written = Vec::new();
        let io = |path: &Path, e: std::io::Error| Fail::usage(format!("cannot write {}: {e}", path.display()));
        for (path, text) in self.create.into_iter().chain(self.edit) {
            let full = root.join(&path);
            std::fs::create_dir_all(full.parent().unwrap_or(root)).map_err(|e| io(&path, e))?;
            std::fs::write(&full, text).map_err(|e| io(&path, e))?;
            written.push(path);
        }
        Ok(written)
    }
}

/// `NN-name`: two digits, a dash, lowercase words joined by dashes.
fn check_folder(folder: &str, what: &str) -> Result<()> {
    let ok = folder.len() > 3
        && folder.as_bytes()[..2].iter().all(u8::is_ascii_digit)
        && folder.as_bytes()[2] == b'-'
        && folder[3..]
            .split('-')
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    if ok {
        Ok(())
    } else {
        Err(Fail::usage(format!(
            "`{folder}` is not a {what} folder name: use two digits, a dash and lowercase words (e.g. `01-poll-by-hand`)"
        )))
    }
}

fn chapter(course: &Course, dir: &str, title: Option<&str>, plan: &mut Plan) -> Result<()> {
    check_folder(dir, "chapter")?;
    let title = title.ok_or_else(|| Fail::usage("a new chapter needs a title: --title \"…\""))?;
    if course.chapters.iter().any(|c| c.dir == dir) {
        return Err(Fail::usage(format!("course.toml has a chapter `{dir}` already")));
    }
    let manifest = read(course, manifest::FILE)?;
    plan.edit.push((
        manifest::FILE.into(),
        format!("{}\n\n[[chapter]]\ndir = \"{dir}\"\ntitle = \"{title}\"\n", manifest.trim_end()),
    ));
    let summary = read(course, "src/SUMMARY.md")?;
    let line = format!("- [{title}]({dir}/index.md)\n  - [Quiz]({dir}/quiz.md)\n");
    plan.edit.push(("src/SUMMARY.md".into(), insert_before_appendix(&summary, &line)));
    plan.create(
        format!("src/{dir}/index.md"),
        format!(
            "# {title}\n\nWhat this chapter teaches, and why a Python asyncio programmer needs it. Then a table: each \
             asyncio idea beside its tokio counterpart.\n"
        ),
    );
    plan.create(format!("src/{dir}/quiz.md"), format!("# Quiz: {title}\n\n{{{{#quiz quiz.toml}}}}\n"));
    plan.create(
        format!("src/{dir}/quiz.toml"),
        "[[questions]]\ntype = \"MultipleChoice\"\nprompt.prompt = \"Replace this question.\"\nanswer.answer = \"Right\"\n\
         prompt.distractors = [\"Wrong\"]\ncontext = \"Why the right answer is right.\"\n"
            .to_string(),
    );
    let krate = format!("listings-{dir}");
    plan.create(
        format!("listings/{dir}/Cargo.toml"),
        format!(
            "[package]\nname = \"{krate}\"\nversion = \"0.1.0\"\ndescription = \"The code listings of chapter \
             {dir}: every block the book shows is included from here, compiled and tested.\"\n\
             edition.workspace = true\nrust-version.workspace = true\npublish.workspace = true\nlicense.workspace = true\n\n\
             [dependencies]\n# `#[tokio::main]` in the runnable programs (`src/bin/`) builds the multi-threaded runtime.\n\
             tokio = {{ workspace = true, features = [\"rt-multi-thread\"] }}\nsim = {{ workspace = true }}\n\n\
             [dev-dependencies]\ntokio = {{ workspace = true, features = [\"test-util\"] }}\ndiagrams = {{ workspace = true }}\n\n\
             [lints]\nworkspace = true\n"
        ),
    );
    plan.create(
        format!("listings/{dir}/src/lib.rs"),
        format!("//! Listings of chapter {dir} (\"{title}\"): one module per page, included by anchor.\n"),
    );
    plan.create(
        format!("listings/{dir}/tests/programs.rs"),
        "//! The chapter's runnable programs really run and print what the page says (`SNAPSHOTS=overwrite cargo test\n\
         //! --test programs` records their output in `output/<name>.txt`).\n"
            .to_string(),
    );
    plan.create(format!("exercises/{dir}/.gitkeep"), String::new());
    plan.create(format!("solutions/{dir}/.gitkeep"), String::new());
    Ok(())
}

fn exercise(course: &Course, chapter: &str, folder: &str, title: Option<&str>, plan: &mut Plan) -> Result<()> {
    check_folder(folder, "exercise")?;
    if !course.chapters.iter().any(|c| c.dir == chapter) {
        return Err(Fail::usage(format!(
            "course.toml has no chapter `{chapter}`: add it first with `cargo course new {chapter} --title \"…\"`"
        )));
    }
    let dir = format!("{chapter}/{folder}");
    let name = &folder[3..];
    if course.exercises.iter().any(|e| e.name == name) {
        return Err(Fail::usage(format!("an exercise is called `{name}` already: short names must be unique")));
    }
    let lib = name.replace('-', "_");
    let title = title.map_or_else(|| name.replace('-', " "), str::to_string);
    let page = format!("src/{dir}.md");

    // course.toml: after the chapter's last exercise, or after the chapter itself.
    let manifest = read(course, manifest::FILE)?;
    let entry = format!(
        "\n[[exercise]]\ndir = \"{dir}\"\nhints = [\n    \"TODO: a first hint, pointing at the idea.\",\n    \
         \"TODO: a second hint, more concrete.\",\n    \"TODO: a last hint that nearly gives the answer.\",\n]\n"
    );
    plan.edit.push((manifest::FILE.into(), insert_in_chapter(&manifest, chapter, &entry)));

    // SUMMARY.md: before the chapter's quiz line (or after its index line).
    let summary = read(course, "src/SUMMARY.md")?;
    let line = format!("  - [{title}]({dir}.md)\n");
    plan.edit.push(("src/SUMMARY.md".into(), insert_in_summary(&summary, chapter, &line)?));

    let manifest_for = |package: &str, test_path: &str, solution: bool| {
        let mut out = format!(
            "[package]\nname = \"{package}\"\nversion = \"0.1.0\"\nedition.workspace = true\n\
             rust-version.workspace = true\npublish.workspace = true\n"
        );
        if solution {
            out.push_str("autotests = false\n\n# The same library name as the exercise, so the exercise's own test file compiles against this solution.\n");
        } else {
            out.push('\n');
        }
        let _ = write!(
            out,
            "[lib]\nname = \"{lib}\"\n{}# Only the graded tests run: no unit-test or doc-test targets to wait for.\n\
             test = false\ndoctest = false\n\n[dependencies]\ntokio = {{ workspace = true }}\nsim = {{ workspace = true }}\n\n\
             [dev-dependencies]\ngrader = {{ workspace = true }}\n\n{}[[test]]\nname = \"grade\"\npath = \"{test_path}\"\n\n\
             [lints]\nworkspace = true\n",
            if solution { "doc = false\n" } else { "" },
            if solution { "# One copy of the tests: the exercise's file, run against this solution.\n" } else { "" },
        );
        out
    };
    plan.create(format!("exercises/{dir}/Cargo.toml"), manifest_for(name, "tests/grade.rs", false));
    plan.create(
        format!("solutions/{dir}/Cargo.toml"),
        manifest_for(&format!("{name}-solution"), &format!("../../../exercises/{dir}/tests/grade.rs"), true),
    );
    plan.create(
        format!("exercises/{dir}/src/lib.rs"),
        format!(
            "//! Exercise: {title}.\n//!\n//! Read: `{page}`.\n//! Grade: `cargo test` in this folder, or `cargo course check {name}`.\n\n\
             use std::time::Duration;\n\n/// Waits `delay` on tokio's clock, then returns `n + 1`. (Replace with the exercise.)\n\
             pub async fn answer(n: u32, delay: Duration) -> u32 {{\n    \
             // TODO: say how, without giving it away.\n    todo!(\"wait {{delay:?}}, then answer {{n}} + 1\")\n}}\n"
        ),
    );
    plan.create(
        format!("solutions/{dir}/src/lib.rs"),
        format!(
            "//! Solution to the exercise \"{title}\".\n\nuse std::time::Duration;\n\n\
             /// Waits `delay` on tokio's clock, then returns `n + 1`.\npub async fn answer(n: u32, delay: Duration) -> u32 {{\n    \
             // ANCHOR: solution\n    tokio::time::sleep(delay).await;\n    n + 1\n    // ANCHOR_END: solution\n}}\n"
        ),
    );
    plan.create(format!("solutions/{dir}/mutants/.gitkeep"), String::new());
    plan.create(
        format!("exercises/{dir}/tests/grade.rs"),
        format!(
            "//! Graded tests for \"{title}\", on tokio's paused clock.\n\nuse grader::secs;\nuse {lib}::answer;\n\n\
             const PAGE: &str = \"{page}\";\n\n#[test]\nfn answers_after_the_delay() {{\n    grader::run(async || {{\n        \
             let (out, took) = grader::timed(answer(41, secs(2))).await;\n        \
             assert_eq!(out, 42, \"answer(41, 2 s) should be 42. Read: {{PAGE}}\");\n        \
             grader::took(\"answer(41, 2 s)\", took).expected(secs(2)).read(PAGE).check();\n    }});\n}}\n"
        ),
    );
    plan.create(
        page.clone(),
        format!(
            "# {title}\n\nThe idea, with the Python asyncio version beside the Rust one.\n\n\
             ## Try it\n\n```rust,editable\n{{{{#include ../../listings/{chapter}/src/bin/{lib}.rs}}}}\n```\n\n\
             ## Exercise: {title}\n\n> **Where:** `exercises/{dir}/src/lib.rs`\\\n> **Grade:** `cargo course check {name}`\n\n\
             What to write, what the tests check, and what a failure looks like.\n"
        ),
    );
    let programs = format!("listings/{chapter}/tests/programs.rs");
    if let Ok(text) = std::fs::read_to_string(course.root.join(&programs)) {
        let test = format!(
            "\n#[test]\nfn the_{lib}_program() {{\n    let printed = diagrams::run_program(env!(\"CARGO_BIN_EXE_{lib}\"));\n    \
             diagrams::check_output(\"output/{lib}.txt\", &printed);\n}}\n"
        );
        plan.edit.push((programs.into(), text + &test));
        // Recorded by `SNAPSHOTS=overwrite cargo test --test programs`; empty until then, so the test says so.
        plan.create(format!("listings/{chapter}/output/{lib}.txt"), String::new());
    }
    plan.create(
        format!("listings/{chapter}/src/bin/{lib}.rs"),
        "//! A runnable program for the page (std and tokio only, so it runs in the playground).\n\n\
         use std::time::{Duration, Instant};\n\n#[tokio::main]\nasync fn main() {\n    let start = Instant::now();\n    \
         tokio::time::sleep(Duration::from_millis(100)).await;\n    println!(\"waited {:?}\", start.elapsed());\n}\n"
            .to_string(),
    );
    Ok(())
}

fn read(course: &Course, path: &str) -> Result<String> {
    std::fs::read_to_string(course.root.join(path)).map_err(|e| Fail::usage(format!("cannot read {path}: {e}")))
}

/// Inserts `entry` after the last `[[exercise]]` of `chapter` (or after the chapter's own entry).
fn insert_in_chapter(manifest: &str, chapter: &str, entry: &str) -> String {
    let blocks: Vec<&str> = manifest.split("\n[[").collect();
    let mut last = None;
    for (i, block) in blocks.iter().enumerate() {
        let belongs = block.contains(&format!("dir = \"{chapter}\"")) || block.contains(&format!("dir = \"{chapter}/"));
        if belongs {
            last = Some(i);
        }
    }
    let Some(last) = last else { return format!("{}\n{entry}", manifest.trim_end()) };
    let mut out = String::new();
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            out.push_str("\n[[");
        }
        if i == last {
            out.push_str(block.trim_end());
            out.push('\n');
            out.push_str(entry);
            if i + 1 < blocks.len() {
                out.push('\n');
            }
        } else {
            out.push_str(block);
        }
    }
    out
}

/// Inserts a page line in the chapter's list: before its quiz, else after its last line.
fn insert_in_summary(summary: &str, chapter: &str, line: &str) -> Result<String> {
    let lines: Vec<&str> = summary.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.contains(&format!("({chapter}/index.md)")))
        .ok_or_else(|| Fail::usage(format!("src/SUMMARY.md does not list the chapter {chapter}/index.md")))?;
    let mut at = start + 1;
    while at < lines.len() && lines[at].starts_with("  ") && !lines[at].contains(&format!("({chapter}/quiz.md)")) {
        at += 1;
    }
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    out.insert(at, line.trim_end().to_string());
    Ok(out.join("\n") + "\n")
}

/// Inserts a chapter's lines before the `---` that separates the appendix.
fn insert_before_appendix(summary: &str, lines: &str) -> String {
    match summary.find("\n---") {
        Some(at) => format!("{}\n{}{}", summary[..at].trim_end(), lines, &summary[at..]),
        None => format!("{}\n{lines}", summary.trim_end()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST: &str = "[[chapter]]\ndir = \"01-a\"\ntitle = \"A\"\n\n[[exercise]]\ndir = \"01-a/01-x\"\nhints = [\"h\"]\n\n\
                            [[chapter]]\ndir = \"02-b\"\ntitle = \"B\"\n";
    const SUMMARY: &str = "# Summary\n\n- [A](01-a/index.md)\n  - [X](01-a/01-x.md)\n  - [Quiz](01-a/quiz.md)\n\
                           - [B](02-b/index.md)\n\n---\n\n[Appendix](appendix.md)\n";

    #[test]
    fn an_exercise_entry_goes_after_its_chapter_s_last_exercise() {
        let out = insert_in_chapter(MANIFEST, "01-a", "\n[[exercise]]\ndir = \"01-a/02-y\"\nhints = [\"h\"]\n");
        let x = out.find("01-a/01-x").unwrap();
        let y = out.find("01-a/02-y").unwrap();
        let b = out.find("dir = \"02-b\"").unwrap();
        assert!(x < y && y < b, "{out}");
        let course = Course::parse(Path::new("/"), &out).unwrap();
        assert_eq!(course.exercises.len(), 2);
    }

    #[test]
    fn a_page_line_goes_before_the_chapter_s_quiz() {
        let out = insert_in_summary(SUMMARY, "01-a", "  - [Y](01-a/02-y.md)\n").unwrap();
        assert!(out.contains("  - [X](01-a/01-x.md)\n  - [Y](01-a/02-y.md)\n  - [Quiz](01-a/quiz.md)"), "{out}");
        let out = insert_in_summary(SUMMARY, "02-b", "  - [Z](02-b/01-z.md)\n").unwrap();
        assert!(out.contains("- [B](02-b/index.md)\n  - [Z](02-b/01-z.md)\n"), "{out}");
    }

    #[test]
    fn a_chapter_goes_before_the_appendix() {
        let out = insert_before_appendix(SUMMARY, "- [C](03-c/index.md)\n");
        assert!(out.contains("- [C](03-c/index.md)\n\n---"), "{out}");
    }

    #[test]
    fn folder_names_are_checked() {
        assert!(check_folder("01-poll-by-hand", "exercise").is_ok());
        for bad in ["1-x", "01_x", "01-", "01-X", "ab-x"] {
            assert!(check_folder(bad, "exercise").is_err(), "{bad}");
        }
    }
}
