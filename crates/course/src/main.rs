//! `cargo course`: the course runner.
//!
//! One module per responsibility: [`manifest`] (the exercise model), [`cargo`] (building and running tests),
//! [`grade`] (verdicts), [`state`] (progress), [`verify`] (the maintainers' check), [`book`] (the mdBook build),
//! [`ui`] (what the learner sees).

mod book;
mod cargo;
mod fail;
mod grade;
mod manifest;
mod state;
mod ui;
mod verify;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::fail::Result;
use crate::grade::Side;
use crate::manifest::{Course, Exercise};
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
    /// Show every exercise by chapter, solved or not, with a progress bar.
    List,
    /// Grade one exercise (by default the first one not solved yet) and explain what failed.
    Check {
        /// The exercise: its short name (`hello-await`) or folder (`exercises/01-async-await/01-hello-await`).
        exercise: Option<String>,
    },
    /// Show the next hint for an exercise (one more each time).
    Hint {
        /// The exercise: its short name or folder.
        exercise: String,
    },
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
        Cmd::List => list(&course),
        Cmd::Check { exercise } => check(&course, exercise.as_deref()),
        Cmd::Hint { exercise } => hint(&course, &exercise),
        Cmd::Verify => verify::verify(&course),
        Cmd::Book { open, build } => book::book(&course, open, build),
    }
}

/// Solved or not, for every exercise: from the cache where the files are unchanged, else by grading (all the
/// stale ones in one build).
fn statuses(course: &Course, state: &mut State) -> Result<Vec<bool>> {
    let stale: Vec<&Exercise> = course.exercises.iter().filter(|e| state.known(course, e).is_none()).collect();
    if !stale.is_empty() {
        eprintln!("Grading {} exercise(s) to bring your progress up to date…", stale.len());
        let verdicts = grade::grade(course, &stale, Side::Exercise, true)?;
        for (e, v) in stale.iter().zip(&verdicts) {
            state.record(course, e, v.passed());
        }
        state.save(course);
    }
    Ok(course.exercises.iter().map(|e| state.known(course, e).unwrap_or(false)).collect())
}

fn list(course: &Course) -> Result<ExitCode> {
    let mut state = State::load(course);
    let solved = statuses(course, &mut state)?;
    print!("{}", ui::progress_table(course, &solved));
    Ok(ExitCode::SUCCESS)
}

fn check(course: &Course, query: Option<&str>) -> Result<ExitCode> {
    let mut state = State::load(course);
    let exercise = match query {
        Some(q) => course.find(q)?,
        None => match first_unsolved(course, &mut state)? {
            Some(e) => e,
            None => {
                println!("Every exercise is solved. Well done! `cargo course list` shows them all.");
                return Ok(ExitCode::SUCCESS);
            }
        },
    };
    let verdict = grade::grade(course, &[exercise], Side::Exercise, false)?.remove(0);
    state.record(course, exercise, verdict.passed());
    state.save(course);
    print!("{}", ui::verdict_report(course, exercise, &verdict, state.hints_shown(exercise)));
    Ok(if verdict.passed() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// The first exercise in course order that is not solved, grading one at a time so only what is needed is built.
fn first_unsolved<'a>(course: &'a Course, state: &mut State) -> Result<Option<&'a Exercise>> {
    for e in &course.exercises {
        let passed = match state.known(course, e) {
            Some(p) => p,
            None => {
                let v = grade::grade(course, &[e], Side::Exercise, true)?.remove(0);
                state.record(course, e, v.passed());
                state.save(course);
                v.passed()
            }
        };
        if !passed {
            return Ok(Some(e));
        }
    }
    Ok(None)
}

fn hint(course: &Course, query: &str) -> Result<ExitCode> {
    let exercise = course.find(query)?;
    let mut state = State::load(course);
    let shown = state.reveal_hint(exercise);
    state.save(course);
    print!("{}", ui::hints(exercise, shown));
    Ok(ExitCode::SUCCESS)
}
