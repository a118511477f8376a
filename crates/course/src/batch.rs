//! `cargo course grade --submissions DIR`: a whole class graded in one command.
//!
//! Every entry of DIR is one student's submission: a folder (a copy of the course, or of its `exercises/`), a git
//! repository (its checked-out work tree is graded; no git command runs, since a repository's own configuration
//! can make git run programs), or a `.zip` / `.tar.gz` / `.tgz` archive of either (unpacked by [`crate::archive`]).
//! Each is graded exactly as `cargo course grade` grades one student's copy: from the runner's sealed course, with
//! only that student's sources taken ([`report::build_in`]). A submission that cannot be graded (a damaged or
//! hostile archive, no exercises in it) is "unusable", with its problem named, and costs that student only.
//!
//! # Parallel, and sharing one build cache
//!
//! Up to `--jobs N` submissions are graded at once, one per *job slot*. Slot k grades in its own scratch
//! workspace (purpose `batch-k`, i.e. `target/course/batch-k/`), reused from one submission to the next, and
//! every slot builds into the course's one build folder (`target/`), where the teacher's own `grade` builds too.
//! Why this layout (figures in docs/BENCHMARKS.md):
//!
//! - **No student's crate is ever taken for another's.** Cargo names a workspace crate's build after its path
//!   relative to the workspace root: each slot's crates sit under `batch-k/`, so two slots never share a crate
//!   build, and within a slot the next student's sources overwrite the last one's (only files whose contents
//!   differ are rewritten), which cargo sees as changed by their modification time, exactly as it sees a
//!   learner's edit. A student whose file is byte-for-byte the previous student's reuses that build, which is the
//!   same build.
//! - **Dependencies are compiled once.** tokio, tokio-test, rand… are registry crates: their builds are named by
//!   version, features and profile only, so every slot (and the teacher's `grade`) uses the same ones. The harness
//!   crates (`crates/grader`, `sim`, `verdict`) are path crates, compiled once per slot. So after the first
//!   submission of each slot, a submission costs only its own exercise crates.
//! - **Builds take turns; test programs overlap.** Cargo locks a build folder for the length of a build, so the
//!   slots' builds run one after another (cargo still compiles a student's crates on every core), while one
//!   slot's test programs run as another slot builds. A hostile submission spends its time in its test programs
//!   (each stopped at its real-time limit), which never hold the build lock, so it delays no one but itself.
//!   One build folder per slot would let builds overlap too, but on a machine with few cores they would only
//!   compete for the same cores, after compiling every dependency once per slot.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::archive::{self, Limits};
use crate::fail::{Fail, Result};
use crate::manifest::Course;
use crate::report::{self, Report, Status};
use crate::shipped::Snapshot;

/// The class report's schema version.
pub const SCHEMA: u32 = 1;

/// How a submission came.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    Zip,
    TarGz,
    /// A folder with `.git`: its checked-out work tree is graded.
    Git,
    Folder,
    /// A file of another kind: unusable.
    Other,
}

impl Form {
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Zip => "zip",
            Form::TarGz => "tar_gz",
            Form::Git => "git",
            Form::Folder => "folder",
            Form::Other => "other",
        }
    }
}

/// One entry of the submissions folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    /// The student id: the entry's name without its archive extension.
    pub id: String,
    /// The entry's name.
    pub source: String,
    pub form: Form,
    pub path: PathBuf,
}

/// The student id and form of an entry named `name` (`is_dir`: a folder; `is_git`: a folder holding `.git`).
pub fn identify(name: &str, is_dir: bool, is_git: bool) -> (String, Form) {
    if is_dir {
        return (name.to_string(), if is_git { Form::Git } else { Form::Folder });
    }
    let lower = name.to_ascii_lowercase();
    for (ext, form) in [(".tar.gz", Form::TarGz), (".tgz", Form::TarGz), (".zip", Form::Zip)] {
        if lower.ends_with(ext) && lower.len() > ext.len() {
            return (name[..name.len() - ext.len()].to_string(), form);
        }
    }
    (name.to_string(), Form::Other)
}

/// The submissions in `dir`, by name; hidden entries (`.DS_Store`, `.git`) are not submissions.
pub fn discover(dir: &Path) -> Result<Vec<Submission>> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Fail::usage(format!("cannot read the submissions folder {}: {e}", dir.display())))?;
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        // A link to a folder or archive counts as what it points at: the teacher put it there.
        let is_dir = path.is_dir();
        let (id, form) = identify(&name, is_dir, is_dir && path.join(".git").exists());
        out.push(Submission { id, source: name, form, path });
    }
    out.sort_by(|a, b| a.source.cmp(&b.source));
    if out.is_empty() {
        return Err(Fail::usage(format!(
            "no submissions in {}: expected one folder, git repository, .zip or .tar.gz per student",
            dir.display()
        )));
    }
    Ok(out)
}

/// Where a submission's exercises are: the folder that holds the chapter folders (`<root>/exercises`, the root
/// itself, or the same one or two folders down, as archives often wrap everything in a folder of their own).
pub fn find_exercises(root: &Path, course: &Course) -> Option<PathBuf> {
    let chapters: HashSet<&str> = course.exercises.iter().map(|e| e.chapter.as_str()).collect();
    let holds_chapters = |dir: &Path| chapters.iter().any(|c| dir.join(c).is_dir());
    let mut level = vec![root.to_path_buf()];
    for _ in 0..3 {
        for dir in &level {
            if holds_chapters(&dir.join("exercises")) {
                return Some(dir.join("exercises"));
            }
            if holds_chapters(dir) {
                return Some(dir.clone());
            }
        }
        // A course copy whose exercises are all gone still counts: each exercise is then graded as missing.
        if let Some(dir) = level.iter().find(|d| d.join("exercises").is_dir() && d.join("course.toml").is_file()) {
            return Some(dir.join("exercises"));
        }
        let mut next = Vec::new();
        for dir in &level {
            let Ok(entries) = std::fs::read_dir(dir) else { continue };
            let mut subdirs: Vec<PathBuf> = entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .filter(|e| {
                    let n = e.file_name().to_string_lossy().into_owned();
                    !n.starts_with('.') && n != "target" && n != "__MACOSX"
                })
                .map(|e| e.path())
                .collect();
            subdirs.sort();
            next.extend(subdirs);
        }
        level = next;
    }
    None
}

/// One student's line in the class report.
#[derive(Debug, Serialize)]
pub struct Student {
    pub id: String,
    pub source: String,
    pub form: Form,
    /// `graded` or `unusable`.
    pub status: &'static str,
    /// Why the submission could not be graded.
    pub problem: Option<String>,
    pub seconds: f64,
    /// When grading it started and ended, in seconds from the start of the batch.
    pub started: f64,
    pub ended: f64,
    /// The job slot that graded it (1..=jobs).
    pub slot: usize,
    /// The student's schema-2 report, exactly as `cargo course grade --json` writes it.
    pub report: Option<Report>,
}

#[derive(Debug, Serialize)]
pub struct ClassExercise {
    pub name: String,
    pub dir: String,
    pub chapter: String,
    pub title: String,
    pub tests: usize,
}

#[derive(Debug, Serialize)]
pub struct ClassChapter {
    pub dir: String,
    pub title: String,
}

/// `class.json`.
#[derive(Debug, Serialize)]
pub struct Class {
    pub schema: u32,
    pub kind: &'static str,
    pub jobs: usize,
    /// Wall time of the whole batch, in seconds.
    pub seconds: f64,
    pub exercises: Vec<ClassExercise>,
    pub chapters: Vec<ClassChapter>,
    pub students: Vec<Student>,
}

/// What the teacher asked for.
pub struct Options {
    pub submissions: PathBuf,
    pub jobs: usize,
    pub out: PathBuf,
}

/// The number of job slots when `--jobs` is not given: the machine's cores.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// Grades every submission; writes class.json, class.csv, class.html and students/<id>.json under `out`.
pub fn run(course: &Course, opts: &Options) -> Result<ExitCode> {
    let subs = discover(&opts.submissions)?;
    prepare_out(&opts.out)?;
    let trusted = Snapshot::embedded();
    if trusted.is_empty() {
        return Err(crate::shipped::not_sealed());
    }
    // Archives are unpacked here (under the build folder, so on the same disk), each into a fresh folder.
    let unpack_root = crate::scratch::target_dir(course).join("course").join("unpacked");
    std::fs::create_dir_all(&unpack_root)
        .map_err(|e| Fail::usage(format!("cannot create {}: {e}", unpack_root.display())))?;
    let jobs = opts.jobs.clamp(1, subs.len());
    let limits = Limits::default();
    println!(
        "Grading {} submission(s) from {}, {jobs} at a time (each exercise's test program is stopped after {} s)…",
        subs.len(),
        opts.submissions.display(),
        crate::exec::run_limit().as_secs_f64()
    );

    let duplicates = duplicate_ids(&subs);
    let start = Instant::now();
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<(usize, Student)>();
    let mut students: Vec<Option<Student>> = subs.iter().map(|_| None).collect();
    let total = subs.len();
    std::thread::scope(|s| {
        for slot in 1..=jobs {
            let tx = tx.clone();
            let (subs, next, duplicates, unpack_root) = (&subs, &next, &duplicates, &unpack_root);
            s.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(sub) = subs.get(i) else { break };
                    let started = start.elapsed();
                    let outcome = match duplicates.get(&sub.id) {
                        Some(others) => Err(format!(
                            "more than one submission has the student id {:?} ({}): keep one",
                            sub.id,
                            others.join(", ")
                        )),
                        None => grade_one(course, sub, slot, unpack_root, limits),
                    };
                    let ended = start.elapsed();
                    let (report, problem) = match outcome {
                        Ok(report) => (Some(report), None),
                        Err(problem) => (None, Some(problem)),
                    };
                    let student = Student {
                        id: sub.id.clone(),
                        source: sub.source.clone(),
                        form: sub.form,
                        status: if report.is_some() { "graded" } else { "unusable" },
                        problem,
                        seconds: round2(ended - started),
                        started: round2(started),
                        ended: round2(ended),
                        slot,
                        report,
                    };
                    if tx.send((i, student)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut done = 0;
        for (i, student) in rx {
            done += 1;
            println!("{}", line(done, total, &student));
            if let Some(report) = &student.report {
                let path = opts.out.join("students").join(format!("{}.json", student.id));
                if let Err(e) = report::write_json(report, &path) {
                    eprintln!("warning: {}", e.message);
                }
            }
            students[i] = Some(student);
        }
    });
    let students: Vec<Student> = students.into_iter().flatten().collect();
    let class = Class {
        schema: SCHEMA,
        kind: "class",
        jobs,
        seconds: round2(start.elapsed()),
        exercises: course
            .exercises
            .iter()
            .map(|e| ClassExercise {
                name: e.name.clone(),
                dir: e.dir.clone(),
                chapter: e.chapter.clone(),
                title: page_title(&course.root.join(e.page())).unwrap_or_else(|| e.name.clone()),
                tests: trusted.test_names(e).len(),
            })
            .collect(),
        chapters: course.chapters.iter().map(|c| ClassChapter { dir: c.dir.clone(), title: c.title.clone() }).collect(),
        students,
    };
    write(&opts.out.join("class.json"), (to_json(&class)? + "\n").as_bytes())?;
    write(&opts.out.join("class.csv"), csv(&class).as_bytes())?;
    write(&opts.out.join("class.html"), html(&class)?.as_bytes())?;
    print!("{}", summary(&class));
    println!(
        "Class report: {} (and class.json, class.csv, students/<id>.json beside it)",
        opts.out.join("class.html").display()
    );
    let unusable = class.students.iter().filter(|s| s.report.is_none()).count();
    Ok(if unusable == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Grades one submission; `Err` is the problem that makes it unusable.
fn grade_one(
    course: &Course,
    sub: &Submission,
    slot: usize,
    unpack_root: &Path,
    limits: Limits,
) -> std::result::Result<Report, String> {
    let unpacked;
    let root: &Path = match sub.form {
        Form::Folder | Form::Git => &sub.path,
        Form::Zip | Form::TarGz => {
            unpacked = tempfile::Builder::new()
                .prefix(&format!("slot-{slot}-"))
                .tempdir_in(unpack_root)
                .map_err(|e| format!("cannot make a folder to unpack into: {e}"))?;
            if sub.form == Form::Zip {
                archive::unpack_zip(&sub.path, unpacked.path(), limits)?;
            } else {
                archive::unpack_tar_gz(&sub.path, unpacked.path(), limits)?;
            }
            unpacked.path()
        }
        Form::Other => return Err("not a folder, a .zip, a .tar.gz or a .tgz".into()),
    };
    let exercises = find_exercises(root, course).ok_or_else(|| {
        "no exercises found: expected a copy of the course (with its exercises/ folder) or of its exercises/ folder"
            .to_string()
    })?;
    if matches!(sub.form, Form::Folder | Form::Git) {
        archive::check_folder(&exercises, limits)?;
    }
    report::build_in(course, &exercises, &format!("batch-{slot}"))
        .map_err(|fail| format!("grading could not run: {}", fail.message))
}

/// Ids given by more than one entry (`alice/` and `alice.zip`): id → the entries.
fn duplicate_ids(subs: &[Submission]) -> BTreeMap<String, Vec<String>> {
    let mut by_id: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for s in subs {
        by_id.entry(s.id.clone()).or_default().push(s.source.clone());
    }
    by_id.retain(|_, sources| sources.len() > 1);
    by_id
}

/// Creates the output folder and checks it can be written, before anything is graded. Reports of a previous
/// run under `students/` are removed, so the folder always matches class.json.
fn prepare_out(out: &Path) -> Result<()> {
    let fail = |e: std::io::Error| Fail::usage(format!("cannot write the class report to {}: {e}", out.display()));
    let students = out.join("students");
    std::fs::create_dir_all(&students).map_err(fail)?;
    tempfile::NamedTempFile::new_in(out).map_err(fail)?;
    if let Ok(entries) = std::fs::read_dir(&students) {
        for entry in entries.flatten() {
            if entry.path().extension().is_some_and(|x| x == "json") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    Ok(())
}

fn round2(x: impl Into<Seconds>) -> f64 {
    (x.into().0 * 100.0).round() / 100.0
}

struct Seconds(f64);

impl From<Duration> for Seconds {
    fn from(d: Duration) -> Seconds {
        Seconds(d.as_secs_f64())
    }
}

/// A page's title: its first `# ` heading.
fn page_title(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    text.lines().find_map(|l| l.strip_prefix("# ")).map(|t| t.trim().to_string())
}

/// The line printed when a submission is done.
fn line(done: usize, total: usize, s: &Student) -> String {
    let width = total.to_string().len();
    let head = format!("[{done:>width$}/{total}] {:<20} {:<7}", s.id, s.form.as_str());
    match &s.report {
        Some(r) => format!(
            "{head} {:>3}/{} exercises {:>3}%  {:>4}/{} tests  {:>6.1} s",
            r.summary.exercises_passed,
            r.summary.exercises,
            r.summary.score_percent,
            r.summary.tests_passed,
            r.summary.tests,
            s.seconds
        ),
        None => format!("{head} unusable: {}", s.problem.as_deref().unwrap_or_default()),
    }
}

/// The closing summary.
fn summary(class: &Class) -> String {
    let graded: Vec<&Student> = class.students.iter().filter(|s| s.report.is_some()).collect();
    let unusable: Vec<&Student> = class.students.iter().filter(|s| s.report.is_none()).collect();
    let mut out = String::new();
    let _ = write!(
        out,
        "\nGraded {} of {} submission(s) in {:.1} s ({} at a time)",
        graded.len(),
        class.students.len(),
        class.seconds,
        class.jobs
    );
    if !graded.is_empty() {
        let mean = graded.iter().filter_map(|s| s.report.as_ref()).map(|r| r.summary.score_percent).sum::<usize>()
            as f64
            / graded.len() as f64;
        let _ = write!(out, "; mean score {mean:.0}%");
    }
    let _ = writeln!(out, ".");
    if !unusable.is_empty() {
        let _ = writeln!(out, "Unusable ({}), not graded:", unusable.len());
        for s in unusable {
            let _ = writeln!(out, "  {} ({}): {}", s.id, s.source, s.problem.as_deref().unwrap_or_default());
        }
    }
    out
}

fn to_json(class: &Class) -> Result<String> {
    serde_json::to_string_pretty(class).map_err(|e| Fail::usage(format!("cannot write class.json: {e}")))
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    report::write_atomically(path, bytes)
}

/// `class.csv`: one row per student; per exercise `passed/total` tests, or the status word when it did not run
/// (`compile_error`, `crashed`, `missing`). Unusable submissions have empty cells.
pub fn csv(class: &Class) -> String {
    let mut rows = Vec::new();
    let mut header: Vec<String> =
        ["student", "status", "score_percent", "exercises_passed", "tests_passed", "tests"].map(String::from).to_vec();
    header.extend(class.exercises.iter().map(|e| e.dir.clone()));
    rows.push(header);
    for s in &class.students {
        let mut row = vec![s.id.clone(), s.status.to_string()];
        match &s.report {
            Some(r) => {
                let m = &r.summary;
                row.extend([m.score_percent, m.exercises_passed, m.tests_passed, m.tests].map(|n| n.to_string()));
                for e in &class.exercises {
                    let cell = match r.exercises.iter().find(|x| x.dir == e.dir) {
                        Some(x) => match x.status {
                            Status::Passed | Status::Failed => {
                                let passed = x.tests.iter().filter(|t| t.status == "pass").count();
                                format!("{passed}/{}", x.tests.len())
                            }
                            Status::CompileError => "compile_error".into(),
                            Status::Crashed => "crashed".into(),
                            Status::Missing => "missing".into(),
                        },
                        None => String::new(),
                    };
                    row.push(cell);
                }
            }
            None => row.extend(std::iter::repeat_n(String::new(), 4 + class.exercises.len())),
        }
        rows.push(row);
    }
    rows.iter().map(|row| row.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(",") + "\n").collect()
}

fn csv_cell(cell: &str) -> String {
    // A leading = + - @ would be read as a formula by spreadsheets: quote it and prefix a '.
    let formula = cell.starts_with(['=', '+', '-', '@']);
    if formula || cell.contains([',', '"', '\n', '\r']) {
        let cell = if formula { format!("'{cell}") } else { cell.to_string() };
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

/// The HTML page's template (the class report renders in the browser from the JSON embedded in it).
const TEMPLATE: &str = include_str!("../assets/class-report.html");
/// The line of the template that receives the class JSON in place of `{}`.
pub const PLACEHOLDER: &str = r#"<script type="application/json" id="class-data">{}</script>"#;

/// `class.html`: the template with the class JSON in its data block.
pub fn html(class: &Class) -> Result<String> {
    fill_template(TEMPLATE, &to_json(class)?)
}

/// Puts `json` into `template`'s data block. `</` is written `<\/` (and `<!--` as `<\u0021--`), which JSON reads
/// the same inside a string, so no text in the data can end the script element early.
pub fn fill_template(template: &str, json: &str) -> Result<String> {
    if template.matches(PLACEHOLDER).count() != 1 {
        return Err(Fail::usage(format!(
            "the class report template does not hold its data line exactly once: {PLACEHOLDER}"
        )));
    }
    let safe = json.replace("</", "<\\/").replace("<!--", "<\\u0021--");
    let filled = PLACEHOLDER.replacen("{}", &safe, 1);
    Ok(template.replacen(PLACEHOLDER, &filled, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_forms_come_from_the_entry_name() {
        assert_eq!(identify("alice.zip", false, false), ("alice".into(), Form::Zip));
        assert_eq!(identify("Bob.Smith.ZIP", false, false), ("Bob.Smith".into(), Form::Zip));
        assert_eq!(identify("carol.tar.gz", false, false), ("carol".into(), Form::TarGz));
        assert_eq!(identify("dave.tgz", false, false), ("dave".into(), Form::TarGz));
        assert_eq!(identify("erin", true, true), ("erin".into(), Form::Git));
        assert_eq!(identify("frank.zip", true, false), ("frank.zip".into(), Form::Folder));
        assert_eq!(identify("notes.txt", false, false), ("notes.txt".into(), Form::Other));
        assert_eq!(identify(".zip", false, false), (".zip".into(), Form::Other));
        assert_eq!(identify("x.gz", false, false), ("x.gz".into(), Form::Other));
    }

    #[test]
    fn the_submissions_folder_is_read_by_name_and_hidden_entries_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::create_dir_all(p.join("bob/.git")).unwrap();
        std::fs::create_dir(p.join("carol")).unwrap();
        std::fs::write(p.join("alice.zip"), b"").unwrap();
        std::fs::write(p.join(".DS_Store"), b"").unwrap();
        let subs = discover(p).unwrap();
        let got: Vec<(&str, Form)> = subs.iter().map(|s| (s.id.as_str(), s.form)).collect();
        assert_eq!(got, [("alice", Form::Zip), ("bob", Form::Git), ("carol", Form::Folder)]);
        std::fs::write(p.join("alice.tgz"), b"").unwrap();
        let dups = duplicate_ids(&discover(p).unwrap());
        assert_eq!(dups.get("alice").unwrap(), &["alice.tgz", "alice.zip"]);

        let empty = tempfile::tempdir().unwrap();
        assert!(discover(empty.path()).unwrap_err().message.contains("no submissions"));
        assert!(discover(&p.join("nowhere")).unwrap_err().message.contains("cannot read"));
    }

    #[test]
    fn exercises_are_found_in_a_course_copy_an_exercises_copy_or_one_folder_down() {
        let course = Course::parse(
            Path::new("/course"),
            "[[chapter]]\ndir = \"01-a\"\ntitle = \"A\"\n[[exercise]]\ndir = \"01-a/01-b\"\nhints = [\"h\"]\n",
        )
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::create_dir_all(p.join("course/exercises/01-a")).unwrap();
        assert_eq!(find_exercises(p, &course), Some(p.join("course/exercises")));
        assert_eq!(find_exercises(&p.join("course"), &course), Some(p.join("course/exercises")));
        assert_eq!(find_exercises(&p.join("course/exercises"), &course), Some(p.join("course/exercises")));
        let other = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(other.path().join("wrap/deeper/still/01-a")).unwrap();
        assert_eq!(find_exercises(other.path(), &course), None);
        std::fs::create_dir_all(other.path().join("copy/exercises")).unwrap();
        std::fs::write(other.path().join("copy/course.toml"), "").unwrap();
        assert_eq!(find_exercises(other.path(), &course), Some(other.path().join("copy/exercises")));
    }

    #[test]
    fn the_template_takes_the_json_and_nothing_in_it_can_close_the_script() {
        assert_eq!(TEMPLATE.matches(PLACEHOLDER).count(), 1, "the template must hold its data line once");
        let json = serde_json::json!({ "message": "a </script><script>alert(1)</script> <!-- x" }).to_string();
        let page =
            fill_template("<p>\n<script type=\"application/json\" id=\"class-data\">{}</script>\n", &json).unwrap();
        assert!(!page.contains("</script><script>") && !page.contains("<!--"), "{page}");
        let inner = page.split("id=\"class-data\">").nth(1).unwrap().split("</script>").next().unwrap();
        let back: serde_json::Value = serde_json::from_str(inner).unwrap();
        assert_eq!(back["message"], "a </script><script>alert(1)</script> <!-- x");
        assert!(fill_template("<p>no data line</p>", "{}").is_err());
    }

    #[test]
    fn csv_cells_that_need_it_are_quoted() {
        assert_eq!(csv_cell("alice"), "alice");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=cmd()"), "\"'=cmd()\"");
    }
}
