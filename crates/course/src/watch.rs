//! `cargo course watch`: re-grades the current exercise every time its files are saved, and redraws one screen
//! with the verdict, the first failure, the progress bar and where to read.
//!
//! In a terminal, single keys drive it (n: next, h: hint, l: list, r: re-grade, q: quit). Without a terminal it
//! prints plain text and reads commands as lines. Where file watching is not available (some network or container
//! file systems) it falls back to manual mode, which `--manual` also selects: re-grade with r (or Enter).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{self, Sender};

use notify::{RecursiveMode, Watcher};

use crate::fail::Result;
use crate::listview::{self, Picked};
use crate::manifest::{Course, Exercise};
use crate::progress::Progress;
use crate::term::{Input, Nav, RawMode, next_input, start_input};
use crate::ui;

pub fn watch(course: &Course, manual: bool, start: Option<&str>) -> Result<ExitCode> {
    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let mut progress = Progress::load(course);
    let start = match start {
        Some(query) => Some(course.find(query)?),
        None => progress.current()?,
    };
    let Some(mut current) = start else {
        println!("Every exercise is solved. Well done! `cargo course list` shows them all.");
        return Ok(ExitCode::SUCCESS);
    };
    let (tx, rx) = mpsc::channel();
    let mut notice = None;
    // Keep the watcher alive for the whole session.
    let _watcher = if manual {
        None
    } else {
        match start_watcher(course.root.join("exercises"), tx.clone()) {
            Ok(w) => Some(w),
            Err(e) => {
                notice = Some(format!("File watching is not available here ({e}); manual mode: press r to re-grade."));
                None
            }
        }
    };
    let manual = manual || _watcher.is_none();
    let raw = RawMode::enable(interactive);
    start_input(raw.0, manual, tx);

    let mut extra = notice.unwrap_or_default();
    loop {
        progress.state.set_current(current);
        raw.clear();
        raw.print(&format!("Grading {}…\n", current.name));
        let verdict = progress.grade(current)?;
        raw.clear();
        let solved = progress.solved();
        let mut screen = ui::verdict_report(course, current, &verdict, progress.state.hints_shown(current), false);
        screen.push('\n');
        screen.push_str(&ui::progress_bar(solved.iter().filter(|s| **s).count(), solved.len()));
        screen.push('\n');
        if !extra.is_empty() {
            screen.push_str(&format!("\n{extra}\n"));
            extra.clear();
        }
        let keys = if raw.0 { "keys" } else { "type a letter and Enter" };
        let save = if manual { "r: re-grade" } else { "save the file to re-grade, r: re-grade now" };
        screen.push_str(&format!("\n[{keys}] n: next  h: hint  l: list  {save}  q: quit\n"));
        raw.print(&screen);

        // Wait for something that changes the screen.
        loop {
            match next_input(&rx) {
                Input::Quit => {
                    drop(raw);
                    println!();
                    return Ok(ExitCode::SUCCESS);
                }
                Input::Changed(paths) => {
                    // Follow what the learner saves: a file of another exercise switches to that exercise.
                    match saved_exercise(course, &paths) {
                        Some(e) if e.name != current.name => {
                            extra = format!("You saved a file of {}: now on that exercise.", e.name);
                            current = e;
                            break;
                        }
                        Some(_) => break,
                        None => {} // nothing of an exercise changed (a build folder, say): nothing to re-grade
                    }
                }
                Input::Key('r') | Input::Nav(Nav::Enter) => break,
                Input::Nav(Nav::Back) => {
                    drop(raw);
                    println!();
                    return Ok(ExitCode::SUCCESS);
                }
                Input::Key('n') => {
                    match progress.next_unsolved_after(current)? {
                        Some(next) => current = next,
                        None => extra = "No unsolved exercise after this one.".to_string(),
                    }
                    break;
                }
                Input::Key('h') => {
                    let before = progress.state.hints_shown(current);
                    let shown = progress.state.reveal_hint(current);
                    progress.save();
                    raw.print(&format!("\n{}", ui::new_hint(current, before, shown)));
                }
                Input::Key('l') if raw.0 => match listview::run(&mut progress, &rx, &raw, current)? {
                    Picked::Continue(e) => {
                        if e.name != current.name {
                            extra = format!("Now on {} (picked in the list).", e.name);
                        }
                        current = e;
                        break;
                    }
                    Picked::Back => break,
                    Picked::Quit => {
                        drop(raw);
                        println!();
                        return Ok(ExitCode::SUCCESS);
                    }
                },
                Input::Key('l') => {
                    raw.print(&format!("\n{}", ui::progress_table(course, &progress.solved())));
                }
                Input::Key(_) | Input::Nav(_) => {}
            }
        }
    }
}

/// The exercise the last of `paths` belongs to (files under its folder, outside its build output).
fn saved_exercise<'a>(course: &'a Course, paths: &[PathBuf]) -> Option<&'a Exercise> {
    paths.iter().rev().find_map(|path| {
        course.exercises.iter().find(|e| {
            let dir = course.root.join(e.exercise_dir());
            path.strip_prefix(&dir).is_ok_and(|rel| !rel.starts_with("target"))
        })
    })
}

fn start_watcher(dir: PathBuf, tx: Sender<Input>) -> notify::Result<notify::RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !event.kind.is_access()
        {
            let paths: Vec<PathBuf> =
                event.paths.into_iter().filter(|p| p.extension().is_some_and(|x| x == "rs" || x == "toml")).collect();
            if !paths.is_empty() {
                let _ = tx.send(Input::Changed(paths));
            }
        }
    })?;
    watcher.watch(&dir, RecursiveMode::Recursive)?;
    Ok(watcher)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_save_belongs_to_the_exercise_whose_folder_holds_it() {
        let text = "[[chapter]]\ndir = \"01-a\"\ntitle = \"A\"\n[[exercise]]\ndir = \"01-a/01-first\"\nhints = [\"h\"]\n\
                    [[exercise]]\ndir = \"01-a/02-second\"\nhints = [\"h\"]\n";
        let course = Course::parse(std::path::Path::new("/c"), text).unwrap();
        let saved = |paths: &[&str]| {
            let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
            saved_exercise(&course, &paths).map(|e| e.name.clone())
        };
        assert_eq!(saved(&["/c/exercises/01-a/02-second/src/lib.rs"]).as_deref(), Some("second"));
        // The last save of a burst decides.
        let burst = ["/c/exercises/01-a/02-second/src/lib.rs", "/c/exercises/01-a/01-first/src/lib.rs"];
        assert_eq!(saved(&burst).as_deref(), Some("first"));
        // Build output and files outside the exercises do not count.
        assert_eq!(saved(&["/c/exercises/01-a/01-first/target/debug/x.rs", "/c/src/SUMMARY.md"]), None);
    }
}
