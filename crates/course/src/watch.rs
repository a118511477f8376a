//! `cargo course watch`: re-grades the current exercise every time its files are saved, and redraws one screen
//! with the verdict, the first failure, the progress bar and where to read.
//!
//! In a terminal, single keys drive it (n: next, h: hint, l: list, r: re-grade, q: quit). Without a terminal it
//! prints plain text and reads commands as lines. Where file watching is not available (some network or container
//! file systems) it falls back to manual mode, which `--manual` also selects: re-grade with r (or Enter).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use crossterm::event::{self, Event as TermEvent, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::terminal;
use notify::{RecursiveMode, Watcher};

use crate::fail::Result;
use crate::grade;
use crate::manifest::{Course, Exercise};
use crate::state::State;
use crate::ui;

/// Saves come in bursts (editors write, rename, touch): wait this long after the last change before grading.
const DEBOUNCE: Duration = Duration::from_millis(200);

enum Input {
    Changed,
    Key(char),
    Quit,
}

/// Restores the terminal however the watch ends.
struct RawMode(bool);

impl RawMode {
    fn enable(interactive: bool) -> RawMode {
        RawMode(interactive && terminal::enable_raw_mode().is_ok())
    }
    /// In raw mode a newline does not return the cursor to the left edge.
    fn print(&self, text: &str) {
        let text = if self.0 { text.replace('\n', "\r\n") } else { text.to_string() };
        let mut out = std::io::stdout();
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    }
    fn clear(&self) {
        if self.0 {
            let _ = crossterm::execute!(
                std::io::stdout(),
                terminal::Clear(terminal::ClearType::All),
                terminal::Clear(terminal::ClearType::Purge),
                crossterm::cursor::MoveTo(0, 0)
            );
        } else {
            println!("\n{}", "─".repeat(72));
        }
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        if self.0 {
            let _ = terminal::disable_raw_mode();
        }
    }
}

pub fn watch(course: &Course, manual: bool) -> Result<ExitCode> {
    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let mut state = State::load(course);
    let Some(mut current) = current_exercise(course, &mut state)? else {
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
        state.set_current(current);
        raw.clear();
        raw.print(&format!("Grading {}…\n", current.name));
        let verdict = grade::learner(course, &[current], true)?.remove(0);
        state.record(course, current, verdict.passed());
        state.save(course);
        raw.clear();
        let solved = course.exercises.iter().map(|e| state.known(course, e).unwrap_or(false)).collect::<Vec<_>>();
        let mut screen = ui::verdict_report(course, current, &verdict, state.hints_shown(current));
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
                Input::Changed | Input::Key('r') => break,
                Input::Key('n') => {
                    match next_unsolved_after(course, &mut state, current)? {
                        Some(next) => current = next,
                        None => extra = "No unsolved exercise after this one.".to_string(),
                    }
                    break;
                }
                Input::Key('h') => {
                    let shown = state.reveal_hint(current);
                    state.save(course);
                    raw.print(&format!("\n{}", ui::hints(current, shown)));
                }
                Input::Key('l') => {
                    let solved =
                        course.exercises.iter().map(|e| state.known(course, e).unwrap_or(false)).collect::<Vec<_>>();
                    raw.print(&format!("\n{}", ui::progress_table(course, &solved)));
                }
                Input::Key(_) => {}
            }
        }
    }
}

fn next_input(rx: &Receiver<Input>) -> Input {
    let first = match rx.recv() {
        Ok(input) => input,
        Err(_) => return Input::Quit,
    };
    if !matches!(first, Input::Changed) {
        return first;
    }
    // Debounce: swallow the rest of a burst of file events.
    loop {
        match rx.recv_timeout(DEBOUNCE) {
            Ok(Input::Changed) => continue,
            Ok(other) => return other,
            Err(RecvTimeoutError::Timeout) => return Input::Changed,
            Err(RecvTimeoutError::Disconnected) => return Input::Quit,
        }
    }
}

fn start_watcher(dir: PathBuf, tx: Sender<Input>) -> notify::Result<notify::RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !event.kind.is_access()
            && event.paths.iter().any(|p| p.extension().is_some_and(|x| x == "rs" || x == "toml"))
        {
            let _ = tx.send(Input::Changed);
        }
    })?;
    watcher.watch(&dir, RecursiveMode::Recursive)?;
    Ok(watcher)
}

/// Reads keys (in a terminal) or lines (otherwise) on a thread of its own.
fn start_input(raw: bool, manual: bool, tx: Sender<Input>) {
    std::thread::spawn(move || {
        if raw {
            loop {
                let Ok(TermEvent::Key(key)) = event::read() else { continue };
                if key.kind != KeyEventKind::Press {
                    continue;
                }
                let input = match key.code {
                    KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => Input::Quit,
                    KeyCode::Char('q') | KeyCode::Esc => Input::Quit,
                    KeyCode::Enter => Input::Key('r'),
                    KeyCode::Char(c) => Input::Key(c.to_ascii_lowercase()),
                    _ => continue,
                };
                let quit = matches!(input, Input::Quit);
                if tx.send(input).is_err() || quit {
                    return;
                }
            }
        }
        let mut line = String::new();
        loop {
            line.clear();
            match std::io::stdin().read_line(&mut line) {
                // End of input: in manual mode nothing could ever happen again, so stop; otherwise keep watching.
                Ok(0) | Err(_) => {
                    if manual {
                        let _ = tx.send(Input::Quit);
                    }
                    return;
                }
                Ok(_) => {
                    let c = line.trim().chars().next().unwrap_or('r').to_ascii_lowercase();
                    let input = if c == 'q' { Input::Quit } else { Input::Key(c) };
                    if tx.send(input).is_err() {
                        return;
                    }
                }
            }
        }
    });
}

/// The exercise the learner is on: the one `next` or `watch` last chose, else the first unsolved one.
fn current_exercise<'a>(course: &'a Course, state: &mut State) -> Result<Option<&'a Exercise>> {
    if let Some(e) = state.current(course) {
        return Ok(Some(e));
    }
    crate::first_unsolved(course, state)
}

/// The first unsolved exercise after `after` in course order (wrapping to the start), if any.
pub fn next_unsolved_after<'a>(
    course: &'a Course,
    state: &mut State,
    after: &Exercise,
) -> Result<Option<&'a Exercise>> {
    let start = course.exercises.iter().position(|e| e.name == after.name).map_or(0, |i| i + 1);
    let n = course.exercises.len();
    for offset in 0..n {
        let e = &course.exercises[(start + offset) % n];
        if e.name == after.name {
            continue;
        }
        if !crate::passes(course, state, e)? {
            return Ok(Some(e));
        }
    }
    Ok(None)
}
