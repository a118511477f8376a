//! `cargo course verify`: the course is honest in both directions.
//!
//! - the manifest, the exercise and solution folders and the book's `SUMMARY.md` agree;
//! - each solution runs its exercise's own test file (one copy of every test);
//! - every solution passes every graded test;
//! - every exercise, as shipped, compiles and fails *every one* of its graded tests (at least three);
//! - every known-wrong solution (a mutant: a patch against the solution, see [`mutants`]) is rejected by a graded
//!   test whose message names the mistake.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::fail::Result;
use crate::grade::{self, Request, Verdict};
use crate::manifest::{Course, Exercise};
use crate::mutants;
use crate::shipped::Snapshot;
use crate::sources;

/// The fewest graded tests an exercise may have.
const MIN_TESTS: usize = 3;
/// The fewest hints an exercise may have.
const MIN_HINTS: usize = 2;
/// The fewest known-wrong solutions (mutants) an exercise must reject.
const MIN_MUTANTS: usize = 2;

pub fn verify(course: &Course) -> Result<ExitCode> {
    let mut problems = Vec::new();
    check_layout(course, &mut problems);
    check_book(course, &mut problems);
    for e in &course.exercises {
        check_crates(course, e, &mut problems);
    }
    let stale = crate::shipped::staleness(course);
    if !stale.is_empty() {
        let shown: Vec<String> = stale.iter().take(5).map(|s| format!("    {s}")).collect();
        problems.push(format!(
            "the runner's shipped copy of the course is out of date; run `cargo course seal` and commit {}:\n{}{}",
            crate::shipped::FILE,
            shown.join("\n"),
            if stale.len() > 5 { format!("\n    … and {} more", stale.len() - 5) } else { String::new() }
        ));
    }

    // Before any build: a mutant patch that no longer applies stops verify here, with the patches to regenerate.
    let mutants = mutants::find(course, &mut problems)?;

    // Graded exactly as learners are: the course's manifests and tests as they are on disk now, and only the
    // sources of each solution, or of each exercise as shipped.
    let trusted = Snapshot::from_disk(course);
    let all: Vec<&Exercise> = course.exercises.iter().collect();
    eprintln!("Building and running the graded tests of {} exercises and their solutions…", all.len());
    let solution_requests =
        all.iter().map(|e| Request::with(e, sources::from_dir(&course.root.join(e.solution_dir()), e))).collect();
    let solutions = grade::grade(course, &trusted, "verify-solutions", solution_requests, true)?;
    let shipped_requests = all.iter().map(|e| Request::with(e, sources::shipped(&trusted, e))).collect();
    let shipped = grade::grade(course, &trusted, "verify-shipped", shipped_requests, true)?;
    let mut report = String::new();
    for ((e, sol), ex) in all.iter().zip(&solutions).zip(&shipped) {
        let before = problems.len();
        check_grades(e, sol, ex, &mut problems);
        let mark = if problems.len() == before { "✓" } else { "✗" };
        let _ = writeln!(
            report,
            "  {mark} {:<32} solution passes {}/{}; as shipped fails {}/{}",
            e.name,
            sol.passed_count(),
            sol.tests.len(),
            ex.tests.len() - ex.passed_count(),
            ex.tests.len()
        );
    }
    println!("Graded tests:\n{report}");

    eprintln!("Swapping in {} known-wrong solutions (mutants)…", mutants.len());
    let outcomes = mutants::run(course, &trusted, &mutants)?;
    println!("Mutants (known-wrong solutions the tests must reject, with a message naming the mistake):");
    for (i, e) in course.exercises.iter().enumerate() {
        let mine: Vec<&mutants::Outcome> = outcomes.iter().filter(|o| o.mutant.exercise == i).collect();
        if mine.len() < MIN_MUTANTS {
            problems.push(format!(
                "{}: {} mutant(s) in solutions/{}/mutants/; give at least {MIN_MUTANTS}",
                e.name,
                mine.len(),
                e.dir
            ));
        }
        for o in mine {
            let mark = if o.escaped.is_none() { "✓ rejected" } else { "✗ ESCAPED " };
            println!("  {mark} {:<28} {}", e.name, o.mutant.mistake);
            if let Some(why) = &o.escaped {
                problems.push(format!(
                    "{}: the mutant {} ({}) is not caught: {why}",
                    e.name,
                    o.mutant.path.display(),
                    o.mutant.mistake
                ));
            }
        }
    }
    println!();
    for (n, chapter) in course.chapters.iter().enumerate() {
        let in_chapter: Vec<&mutants::Outcome> =
            outcomes.iter().filter(|o| course.exercises[o.mutant.exercise].chapter == chapter.dir).collect();
        let rejected = in_chapter.iter().filter(|o| o.escaped.is_none()).count();
        println!(
            "  Chapter {}: {} exercise(s), mutants rejected {rejected}/{}  ({})",
            n + 1,
            course.in_chapter(&chapter.dir).count(),
            in_chapter.len(),
            chapter.title
        );
    }
    let rejected = outcomes.iter().filter(|o| o.escaped.is_none()).count();
    println!("  Total: mutants rejected {rejected}/{}", outcomes.len());
    if problems.is_empty() {
        println!("\nverify: all checks passed ({} exercises).", course.exercises.len());
        Ok(ExitCode::SUCCESS)
    } else {
        println!("\nverify found {} problem(s):", problems.len());
        for p in &problems {
            println!("  ✗ {p}");
        }
        Ok(ExitCode::from(1))
    }
}

/// Every folder under exercises/ and solutions/ is in the manifest, and every manifest entry has both.
fn check_layout(course: &Course, problems: &mut Vec<String>) {
    let known: BTreeSet<&str> = course.exercises.iter().map(|e| e.dir.as_str()).collect();
    let chapters: BTreeSet<&str> = course.chapters.iter().map(|c| c.dir.as_str()).collect();
    for side in ["exercises", "solutions"] {
        for chapter in subdirs(&course.root.join(side)) {
            if !chapters.contains(chapter.as_str()) {
                problems.push(format!("{side}/{chapter}/ is not a chapter in course.toml"));
                continue;
            }
            for folder in subdirs(&course.root.join(side).join(&chapter)) {
                let dir = format!("{chapter}/{folder}");
                if !known.contains(dir.as_str()) {
                    problems.push(format!("{side}/{dir}/ is not an exercise in course.toml"));
                }
            }
        }
    }
    for e in &course.exercises {
        for dir in [e.exercise_dir(), e.solution_dir()] {
            if !course.root.join(&dir).join("Cargo.toml").is_file() {
                problems.push(format!("{} (in course.toml) has no crate at {}/", e.name, dir.display()));
            }
        }
        if !course.root.join(e.test_file()).is_file() {
            problems.push(format!("{} has no graded test file {}", e.name, e.test_file().display()));
        }
        if e.hints.len() < MIN_HINTS {
            problems.push(format!(
                "{} has {} hint(s) in course.toml; give at least {MIN_HINTS}",
                e.name,
                e.hints.len()
            ));
        }
    }
}

/// Each chapter has an index page and each exercise a page, all in SUMMARY.md, exercises in manifest order.
fn check_book(course: &Course, problems: &mut Vec<String>) {
    let summary_path = course.root.join("src/SUMMARY.md");
    let Ok(summary) = std::fs::read_to_string(&summary_path) else {
        problems.push("src/SUMMARY.md is missing".to_string());
        return;
    };
    let linked: Vec<String> = summary
        .split("](")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .map(|link| link.trim_start_matches("./").to_string())
        .collect();
    for chapter in &course.chapters {
        let index = format!("{}/index.md", chapter.dir);
        if !linked.contains(&index) {
            problems.push(format!("src/SUMMARY.md does not link the chapter page {index}"));
        }
    }
    check_includes(&course.root.join("src"), problems);
    let mut last = None;
    for e in &course.exercises {
        let page = format!("{}.md", e.dir);
        if !course.root.join(e.page()).is_file() {
            problems.push(format!("{} has no book page {}", e.name, e.page()));
        }
        match linked.iter().position(|l| *l == page) {
            None => problems.push(format!("src/SUMMARY.md does not link {page} (exercise {})", e.name)),
            Some(i) => {
                if last.is_some_and(|l| i < l) {
                    problems.push(format!("src/SUMMARY.md lists {page} out of the order of course.toml"));
                }
                last = Some(i);
            }
        }
    }
}

/// The exercise and solution crates are named as the manifest says, share a library name, and the solution runs
/// the exercise's test file rather than a copy.
fn check_crates(course: &Course, e: &Exercise, problems: &mut Vec<String>) {
    let read = |dir: &Path| -> Option<toml::Table> {
        std::fs::read_to_string(course.root.join(dir).join("Cargo.toml")).ok()?.parse::<toml::Table>().ok()
    };
    let (Some(ex), Some(sol)) = (read(&e.exercise_dir()), read(&e.solution_dir())) else {
        return; // reported by check_layout (or unparsable: cargo reports that when building)
    };
    let package =
        |t: &toml::Table| t.get("package").and_then(|p| p.get("name")).and_then(|n| n.as_str()).map(String::from);
    let lib = |t: &toml::Table| t.get("lib").and_then(|l| l.get("name")).and_then(|n| n.as_str()).map(String::from);
    if package(&ex).as_deref() != Some(e.name.as_str()) {
        problems.push(format!("exercises/{}/Cargo.toml: the package must be named `{}`", e.dir, e.name));
    }
    if package(&sol).as_deref() != Some(e.solution_package().as_str()) {
        problems.push(format!("solutions/{}/Cargo.toml: the package must be named `{}`", e.dir, e.solution_package()));
    }
    if lib(&ex).is_none() || lib(&ex) != lib(&sol) {
        problems.push(format!("{}: the exercise and its solution must declare the same [lib] name", e.name));
    }
    let test_paths: Vec<PathBuf> = sol
        .get("test")
        .and_then(|t| t.as_array())
        .into_iter()
        .flatten()
        .filter_map(|t| t.get("path").and_then(|p| p.as_str()))
        .map(|p| course.root.join(e.solution_dir()).join(p))
        .collect();
    let expected = std::fs::canonicalize(course.root.join(e.test_file())).ok();
    let runs_exercise_tests =
        test_paths.iter().any(|p| std::fs::canonicalize(p).ok() == expected && expected.is_some());
    if !runs_exercise_tests {
        problems.push(format!(
            "solutions/{}: its [[test]] must point at the exercise's own test file ../../../{}",
            e.dir,
            e.test_file().display()
        ));
    }
    let solution_dir = course.root.join(e.solution_dir());
    if solution_dir.join("tests").exists() {
        problems
            .push(format!("solutions/{}/tests/ exists: solutions run the exercise's test file, never a copy", e.dir));
    }
    if let Ok(test_text) = std::fs::read(course.root.join(e.test_file())) {
        let mut files = Vec::new();
        rust_files(&solution_dir, &mut files);
        for f in files.iter().filter(|f| std::fs::read(f).ok().as_deref() == Some(&test_text[..])) {
            problems.push(format!("{} is a copy of the exercise's test file", f.display()));
        }
    }
}

fn check_grades(e: &Exercise, sol: &Verdict, ex: &Verdict, problems: &mut Vec<String>) {
    if let Some(err) = &sol.compile_error {
        problems.push(format!("{}: the solution does not compile:\n{err}", e.name));
    } else if let Some(p) = &sol.problem {
        problems.push(format!("{}: the solution's tests did not run to the end: {p}", e.name));
    } else {
        for t in sol.tests.iter().filter(|t| !t.passed()) {
            problems.push(format!("{}: the solution fails `{}`:\n{}", e.name, t.name, t.message));
        }
    }
    if let Some(err) = &ex.compile_error {
        problems.push(format!("{}: the exercise does not compile as shipped (it must; use todo!()):\n{err}", e.name));
        return;
    }
    if let Some(p) = &ex.problem {
        problems.push(format!("{}: the shipped exercise's tests did not run to the end: {p}", e.name));
    }
    for t in ex.tests.iter().filter(|t| t.passed()) {
        problems.push(format!(
            "{}: `{}` passes on the exercise as shipped; every graded test must fail until it is solved",
            e.name, t.name
        ));
    }
    if ex.tests.len() < MIN_TESTS {
        problems.push(format!(
            "{}: {} graded test(s); each exercise needs at least {MIN_TESTS}",
            e.name,
            ex.tests.len()
        ));
    }
    let names = |v: &Verdict| v.tests.iter().map(|t| t.name.clone()).collect::<BTreeSet<_>>();
    if sol.compile_error.is_none() && names(sol) != names(ex) {
        problems.push(format!("{}: the solution and the exercise ran different tests", e.name));
    }
}

/// Every `{{#include file:anchor}}` of the book names a file that exists and an anchor it has, with something
/// in it: mdBook itself shows a missing anchor as an empty code block, without a word.
fn check_includes(src: &Path, problems: &mut Vec<String>) {
    let pages = walkdir::WalkDir::new(src).into_iter().flatten();
    for page in pages.filter(|p| p.path().extension().is_some_and(|x| x == "md")) {
        let Ok(text) = std::fs::read_to_string(page.path()) else { continue };
        let shown = page.path().strip_prefix(src.parent().unwrap_or(src)).unwrap_or(page.path()).display();
        for (file, anchor) in includes(&text) {
            let path = page.path().parent().unwrap_or(src).join(file);
            match std::fs::read_to_string(&path) {
                Err(_) => problems.push(format!("{shown} includes {file}, which does not exist")),
                Ok(listing) => {
                    if let Some(anchor) = anchor
                        && anchored(&listing, anchor).is_none_or(|lines| lines.trim().is_empty())
                    {
                        problems.push(format!("{shown} includes {file}:{anchor}, an anchor that file does not have"));
                    }
                }
            }
        }
    }
}

/// The `{{#include …}}` directives of a page: the file, and the anchor when one is named (not a line range).
fn includes(page: &str) -> Vec<(&str, Option<&str>)> {
    page.split("{{#")
        .skip(1)
        .filter_map(|rest| {
            let body = rest.split("}}").next()?.trim();
            let spec = body.strip_prefix("include ").or_else(|| body.strip_prefix("rustdoc_include "))?.trim();
            let (file, anchor) = spec.split_once(':').map_or((spec, None), |(f, a)| (f, Some(a)));
            let named = anchor.filter(|a| !a.is_empty() && !a.starts_with(|c: char| c.is_ascii_digit()));
            Some((file, named))
        })
        .collect()
}

/// The lines between `ANCHOR: name` and `ANCHOR_END: name`, if the file marks that anchor.
fn anchored<'a>(listing: &'a str, name: &str) -> Option<&'a str> {
    // mdBook's rule: the mark, then the name (letters, digits, `_`, `-`); anything after it is ignored.
    let is_mark = |line: &str, mark: &str| {
        line.split_once(mark).is_some_and(|(_, rest)| {
            let rest = rest.trim_start();
            let len = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')).unwrap_or(rest.len());
            &rest[..len] == name
        })
    };
    let start = listing.lines().position(|l| is_mark(l, "ANCHOR:"))?;
    let lines: Vec<&str> = listing.lines().collect();
    let end = lines.iter().skip(start + 1).position(|l| is_mark(l, "ANCHOR_END:"))? + start + 1;
    let from = lines[..=start].iter().map(|l| l.len() + 1).sum::<usize>();
    let to = lines[..end].iter().map(|l| l.len() + 1).sum::<usize>();
    listing.get(from..to.min(listing.len()))
}

fn subdirs(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.') && name != "target")
        .collect();
    names.sort();
    names
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = walkdir::WalkDir::new(dir).into_iter().filter_entry(|e| e.file_name() != "target").flatten();
    out.extend(
        entries
            .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "rs"))
            .map(walkdir::DirEntry::into_path),
    );
}

#[cfg(test)]
mod tests {
    use super::{anchored, includes};

    #[test]
    fn includes_are_read_with_their_anchors_and_line_ranges_are_not_anchors() {
        let page =
            "a\n{{#include ../x.rs:shape}}\n{{#include ../y.txt}}\n{{#rustdoc_include z.rs:3:9}}\n{{#title T}}\n";
        assert_eq!(includes(page), vec![("../x.rs", Some("shape")), ("../y.txt", None), ("z.rs", None)]);
    }

    #[test]
    fn an_anchor_is_found_by_its_whole_name_and_an_empty_or_missing_one_is_not() {
        let listing =
            "// ANCHOR: shape_more\nno\n// ANCHOR_END: shape_more\n// ANCHOR: shape\nfn f() {}\n// ANCHOR_END: shape\n";
        assert_eq!(anchored(listing, "shape"), Some("fn f() {}\n"));
        assert_eq!(anchored(listing, "trait"), None);
        assert_eq!(anchored("<!-- ANCHOR: a -->\n<!-- ANCHOR_END: a -->\n", "a"), Some(""));
    }
}
