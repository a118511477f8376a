//! The terminal side of the runner's interactive screens: raw mode, one screen at a time, and the learner's input
//! (single keys in a terminal, lines of text otherwise) and file changes, as one stream of [`Input`]s.

use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use crossterm::event::{self, Event as TermEvent, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::terminal;

/// Saves come in bursts (editors write, rename, touch): wait this long after the last change before grading.
const DEBOUNCE: Duration = Duration::from_millis(60);

/// Something that happened: files changed, a key was pressed, or the learner wants to stop.
pub enum Input {
    /// Files changed (absolute paths).
    Changed(Vec<PathBuf>),
    /// A letter or digit (lower case), or `r` for Enter in the watch screen.
    Key(char),
    /// A key that moves or confirms, for the list.
    Nav(Nav),
    Quit,
}

/// Keys that move around a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nav {
    Up,
    Down,
    Home,
    End,
    PageUp,
    PageDown,
    Enter,
    Back,
    Backspace,
}

/// Restores the terminal however the screen ends.
pub struct RawMode(pub bool);

impl RawMode {
    pub fn enable(interactive: bool) -> RawMode {
        RawMode(interactive && terminal::enable_raw_mode().is_ok())
    }
    /// In raw mode a newline does not return the cursor to the left edge.
    pub fn print(&self, text: &str) {
        let text = if self.0 { text.replace('\n', "\r\n") } else { text.to_string() };
        let mut out = std::io::stdout();
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    }
    pub fn clear(&self) {
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
    /// The terminal's height in rows (24 when unknown).
    pub fn rows(&self) -> usize {
        terminal::size().map_or(24, |(_, rows)| rows as usize)
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        if self.0 {
            let _ = terminal::disable_raw_mode();
        }
    }
}

/// The next input, with a burst of file changes gathered into one.
pub fn next_input(rx: &Receiver<Input>) -> Input {
    let first = match rx.recv() {
        Ok(input) => input,
        Err(_) => return Input::Quit,
    };
    let Input::Changed(mut paths) = first else { return first };
    loop {
        match rx.recv_timeout(DEBOUNCE) {
            Ok(Input::Changed(more)) => paths.extend(more),
            Ok(other) => return other,
            Err(RecvTimeoutError::Timeout) => return Input::Changed(paths),
            Err(RecvTimeoutError::Disconnected) => return Input::Quit,
        }
    }
}

/// Reads keys (in a terminal) or lines (otherwise) on a thread of its own.
pub fn start_input(raw: bool, manual: bool, tx: Sender<Input>) {
    std::thread::spawn(move || {
        if raw {
            loop {
                let Ok(TermEvent::Key(key)) = event::read() else { continue };
                if key.kind != KeyEventKind::Press {
                    continue;
                }
                let input = match key.code {
                    KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => Input::Quit,
                    KeyCode::Char(c) => Input::Key(c.to_ascii_lowercase()),
                    KeyCode::Up => Input::Nav(Nav::Up),
                    KeyCode::Down => Input::Nav(Nav::Down),
                    KeyCode::Home => Input::Nav(Nav::Home),
                    KeyCode::End => Input::Nav(Nav::End),
                    KeyCode::PageUp => Input::Nav(Nav::PageUp),
                    KeyCode::PageDown => Input::Nav(Nav::PageDown),
                    KeyCode::Enter => Input::Nav(Nav::Enter),
                    KeyCode::Esc => Input::Nav(Nav::Back),
                    KeyCode::Backspace => Input::Nav(Nav::Backspace),
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
