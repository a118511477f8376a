//! `cargo course`: the course runner.
//!
//! One module per responsibility: [`manifest`] (the exercise model), [`cargo`] (building and running tests),
//! [`grade`] (verdicts), [`state`] (progress), [`watch`] (the watch loop), [`report`] (the teacher's grade),
//! [`shipped`] (the embedded shipped course, for reset and the tamper check), [`verify`] (the maintainers' check),
//! [`book`] (the mdBook build), [`ui`] (what the learner sees).

mod archive;
mod batch;
mod book;
mod cargo;
mod exec;
mod fail;
mod grade;
mod listview;
mod manifest;
mod mutants;
mod procs;
mod progress;
mod report;
mod scaffold;
mod scratch;
mod shipped;
mod sources;
mod state;
mod term;
mod ui;
mod verify;
mod watch;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::fail::Result;
use crate::manifest::{Course, Exercise};
use crate::progress::Progress;
use crate::state::State;

/// The runner of "Async Rust, Hands-On": grade exercises, show hints and progress, build the book.
#[derive(Parser)]
#[command(name = "cargo course", bin_name = "cargo course", version)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Re-grade the current exercise every time you save it (keys: n next, h hint, l list, r re-grade, q quit).
    Watch {
        /// The exercise to start at (short name or folder); by default the one you were on, or the first unsolved.
        exercise: Option<String>,
        /// Do not watch files; re-grade when you press r (for file systems where watching does not work).
        #[arg(long)]
        manual: bool,
    },
    /// Show every exercise by chapter, solved or not, with a progress bar.
    List,
    /// Grade one exercise (by default the first one not solved yet) and explain what failed.
    Check {
        /// The exercise: its short name (`hello-await`) or folder (`exercises/01-async-await/01-hello-await`).
        /// Inside an exercise's folder, that exercise.
        exercise: Option<String>,
        /// Show every compiler error, not only the first.
        #[arg(long)]
        full: bool,
    },
    /// Show the next hint for an exercise (one more each time).
    Hint {
        /// The exercise: its short name or folder.
        exercise: String,
    },
    /// Move to the next exercise you have not solved, and say where it is.
    Next,
    /// Restore an exercise's files exactly as shipped (your version is kept in .course/backups/).
    Reset {
        /// The exercise: its short name or folder.
        exercise: String,
        /// Do not ask for confirmation.
        #[arg(long, short)]
        yes: bool,
    },
    /// Show the reference solution of an exercise you have solved.
    Solution {
        /// The exercise: its short name or folder.
        exercise: String,
        /// Show it even though the exercise does not pass yet.
        #[arg(long)]
        force: bool,
    },
    /// For teachers: grade every exercise, check the graded files were not modified, print a score table and
    /// write reports. Exit code 0 only when everything passes. With --submissions: grade a whole class.
    Grade {
        /// Write a JSON report here (schema in the README).
        #[arg(long, value_name = "FILE")]
        json: Option<std::path::PathBuf>,
        /// Write a JUnit XML report here.
        #[arg(long, value_name = "FILE")]
        junit: Option<std::path::PathBuf>,
        /// Write Gradescope's results.json here (one Gradescope test per exercise; platforms/gradescope/).
        #[arg(long, value_name = "FILE", conflicts_with = "submissions")]
        gradescope: Option<std::path::PathBuf>,
        /// Grade every submission in DIR (one folder, git repository, .zip or .tar.gz per student), each on its
        /// own, and write a class report (exit code 0 when every submission could be graded, whatever the scores).
        #[arg(long, value_name = "DIR", conflicts_with_all = ["json", "junit"])]
        submissions: Option<std::path::PathBuf>,
        /// With --submissions: how many submissions are graded at once (default: the number of cores).
        #[arg(long, value_name = "N", requires = "submissions", value_parser = clap::value_parser!(u16).range(1..=256))]
        jobs: Option<u16>,
        /// With --submissions: where the class report goes (class.json, class.csv, class.html, students/).
        #[arg(long, value_name = "DIR", requires = "submissions")]
        out: Option<std::path::PathBuf>,
    },
    /// For authors: add a chapter (`NN-name --title "…"`) or an exercise (`NN-chapter/MM-name`) with every file it
    /// needs (manifests, stub, solution, graded test file, course.toml entry, page, SUMMARY line, listing program).
    New {
        /// `NN-chapter` for a chapter, `NN-chapter/MM-name` for an exercise.
        what: String,
        /// The chapter's title (required for a chapter), or the exercise page's title.
        #[arg(long)]
        title: Option<String>,
    },
    /// For maintainers: record the course as it is now as the shipped version (used by reset and grade).
    Seal,
    /// For maintainers and CI: solutions pass, shipped exercises fail every graded test, and the manifest,
    /// folders and book agree.
    Verify,
    /// Build the book with the pinned mdBook (installed into .tools/ on first use) and serve it locally.
    Book {
        /// Open the book in a browser once it is served.
        #[arg(long)]
        open: bool,
        /// Only build the book into book/, do not serve it.
        #[arg(long, conflicts_with = "open")]
        build: bool,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    // Ctrl-C, SIGTERM and SIGHUP stop everything: the runner kills the process groups of cargo and the test
    // program it started. Progress and backups are written atomically or before any change, so stopping at any
    // moment loses nothing.
    procs::stop_on_signals();
    match run(cli.command) {
        Ok(code) => code,
        Err(fail) => {
            eprintln!("error: {}", fail.message);
            ExitCode::from(fail.code as u8)
        }
    }
}

fn run(command: Cmd) -> Result<ExitCode> {
    let course = Course::discover()?;
    match command {
        Cmd::Watch { exercise, manual } => watch::watch(&course, manual, exercise.as_deref()),
        Cmd::List => list(&course),
        Cmd::Next => next(&course),
        Cmd::Reset { exercise, yes } => reset(&course, &exercise, yes),
        Cmd::Solution { exercise, force } => solution(&course, &exercise, force),
        Cmd::Grade { submissions: Some(dir), jobs, out, .. } => {
            let shipped = shipped::Snapshot::embedded().manifest(&course.root)?;
            let jobs = jobs.map_or_else(batch::default_jobs, usize::from);
            let out = out.unwrap_or_else(|| "class-report".into());
            batch::run(&shipped, &batch::Options { submissions: dir, jobs, out })
        }
        Cmd::Grade { json, junit, gradescope, .. } => {
            grade_all(&course, json.as_deref(), junit.as_deref(), gradescope.as_deref())
        }
        Cmd::Seal => shipped::seal(&course).map(|()| ExitCode::SUCCESS),
        Cmd::New { what, title } => {
            let written = scaffold::new(&course, &what, title.as_deref())?;
            println!("Wrote {} file(s):", written.len());
            for path in &written {
                println!("  {}", path.display());
            }
            println!(
                "Next: fill them in (docs/AUTHORING.md), add mutants, then `cargo course seal` and `cargo course verify`."
            );
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Check { exercise, full } => check(&course, exercise.as_deref(), full),
        Cmd::Hint { exercise } => hint(&course, &exercise),
        Cmd::Verify => verify::verify(&course),
        Cmd::Book { open, build } => book::book(&course, open, build),
    }
}

fn list(course: &Course) -> Result<ExitCode> {
    let mut progress = Progress::load(course);
    let solved = progress.bring_up_to_date()?;
    print!("{}", ui::progress_table(course, &solved));
    Ok(ExitCode::SUCCESS)
}

fn check(course: &Course, query: Option<&str>, full: bool) -> Result<ExitCode> {
    let mut progress = Progress::load(course);
    let exercise = match query {
        Some(q) => course.find(q)?,
        None => match folder_exercise(course) {
            Some(e) => e,
            None => match progress.first_unsolved()? {
                Some(e) => e,
                None => {
                    println!("Every exercise is solved. Well done! `cargo course list` shows them all.");
                    return Ok(ExitCode::SUCCESS);
                }
            },
        },
    };
    eprintln!("Grading {}…", exercise.name);
    let verdict = progress.grade(exercise)?;
    print!("{}", ui::verdict_report(course, exercise, &verdict, progress.state.hints_shown(exercise), full));
    Ok(if verdict.passed() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// The exercise whose folder (or a folder inside it) the runner was started in, if any.
fn folder_exercise(course: &Course) -> Option<&Exercise> {
    let cwd = std::env::current_dir().ok()?;
    let cwd = std::fs::canonicalize(&cwd).unwrap_or(cwd);
    course.exercises.iter().find(|e| cwd.starts_with(course.root.join(e.exercise_dir())))
}

fn hint(course: &Course, query: &str) -> Result<ExitCode> {
    let exercise = course.find(query)?;
    let mut state = State::load(course);
    let shown = state.reveal_hint(exercise);
    state.save(course);
    print!("{}", ui::hints(exercise, shown));
    Ok(ExitCode::SUCCESS)
}

fn next(course: &Course) -> Result<ExitCode> {
    let mut progress = Progress::load(course);
    let next = match progress.state.current(course) {
        Some(current) => progress.next_unsolved_after(current)?,
        None => progress.first_unsolved()?,
    };
    let Some(e) = next else {
        println!("Every exercise is solved. Well done!");
        return Ok(ExitCode::SUCCESS);
    };
    progress.state.set_current(e);
    progress.save();
    println!("Next: {} ({})", e.name, e.dir);
    println!("  Read:  {}", e.page());
    println!("  Edit:  exercises/{}/src/lib.rs", e.dir);
    println!("  Grade: cargo course check {}   (or `cargo course watch`)", e.name);
    Ok(ExitCode::SUCCESS)
}

fn reset(course: &Course, query: &str, yes: bool) -> Result<ExitCode> {
    use std::io::IsTerminal;
    let e = course.find(query)?;
    if !yes {
        if !std::io::stdin().is_terminal() {
            return Err(fail::Fail::usage("reset asks for confirmation: run it in a terminal, or pass --yes"));
        }
        print!(
            "Reset exercises/{} to the version shipped with the course? Your current files are kept in .course/backups/. [y/N] ",
            e.dir
        );
        use std::io::Write;
        let _ = std::io::stdout().flush();
        let mut answer = String::new();
        let _ = std::io::stdin().read_line(&mut answer);
        if !answer.trim().eq_ignore_ascii_case("y") && !answer.trim().eq_ignore_ascii_case("yes") {
            println!("Nothing changed.");
            return Ok(ExitCode::from(1));
        }
    }
    let backup = Progress::load(course).reset(e)?;
    println!("Reset {} to the shipped version. Your previous files are in {}.", e.name, backup.display());
    Ok(ExitCode::SUCCESS)
}

fn solution(course: &Course, query: &str, force: bool) -> Result<ExitCode> {
    let e = course.find(query)?;
    let passed = Progress::load(course).passes(e)?;
    if !passed && !force {
        return Err(fail::Fail::failed(format!(
            "{} does not pass yet, so its solution stays hidden: `cargo course check {}` says what is missing, \
             `cargo course hint {}` helps. (To look anyway: `cargo course solution {} --force`.)",
            e.name, e.name, e.name, e.name
        )));
    }
    let path = e.solution_dir().join("src").join("lib.rs");
    let text = std::fs::read_to_string(course.root.join(&path))
        .map_err(|err| fail::Fail::usage(format!("cannot read {}: {err}", path.display())))?;
    println!(
        "{} ({}):\n\n{text}",
        path.display(),
        if passed { "you solved it: compare" } else { "shown with --force" }
    );
    Ok(ExitCode::SUCCESS)
}

fn grade_all(
    course: &Course,
    json: Option<&std::path::Path>,
    junit: Option<&std::path::Path>,
    gradescope: Option<&std::path::Path>,
) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    // Before anything is graded: a report path that cannot be written fails now, not after minutes of grading.
    for path in json.iter().chain(junit.iter()).chain(gradescope.iter()) {
        report::check_writable(path)?;
    }
    // The exercises graded are those of the shipped course, whatever the course.toml in this folder says.
    let shipped = shipped::Snapshot::embedded().manifest(&course.root)?;
    if shipped.exercises.iter().map(|e| &e.dir).ne(course.exercises.iter().map(|e| &e.dir)) {
        eprintln!(
            "note: this folder's course.toml lists other exercises than the shipped course; grading the shipped list."
        );
    }
    let course = &shipped;
    eprintln!("Grading all {} exercises…", course.exercises.len());
    let report = report::build(course)?;
    print!("{}", report::table(course, &report));
    if let Some(path) = json {
        report::write_json(&report, path)?;
        println!("JSON report: {}", path.display());
    }
    if let Some(path) = junit {
        report::write_junit(&report, path)?;
        println!("JUnit report: {}", path.display());
    }
    if let Some(path) = gradescope {
        report::write_gradescope(&report, path, started.elapsed())?;
        println!("Gradescope results: {}", path.display());
    }
    let all = report.summary.exercises_passed == report.summary.exercises;
    Ok(if all { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
