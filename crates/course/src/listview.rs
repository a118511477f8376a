//! The interactive list of exercises that `l` opens in `cargo course watch` (in a terminal): move with ↑/↓ (or
//! j/k), Home/End, PgUp/PgDn; Enter or c continues at the selected exercise; r resets it (after a y/n question);
//! / searches by name or folder (Enter keeps the filter, Esc drops it); q or Esc goes back.

use std::fmt::Write as _;
use std::sync::mpsc::Receiver;

use crate::fail::Result;
use crate::manifest::Exercise;
use crate::progress::Progress;
use crate::term::{Input, Nav, RawMode, next_input};

/// What the learner chose in the list.
pub enum Picked<'a> {
    /// Continue at this exercise.
    Continue(&'a Exercise),
    /// Back to the exercise they were on.
    Back,
    /// Quit the runner (Ctrl-C).
    Quit,
}

/// The list's state: the rows shown (indices into the course's exercises), the selection, the search text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct List {
    pub filter: String,
    pub searching: bool,
    pub selected: usize,
    pub message: String,
}

impl List {
    /// The indices of the exercises that match the filter.
    pub fn rows(&self, exercises: &[Exercise]) -> Vec<usize> {
        let needle = self.filter.to_lowercase();
        (0..exercises.len())
            .filter(|&i| needle.is_empty() || exercises[i].dir.to_lowercase().contains(&needle))
            .collect()
    }

    /// Moves the selection by a navigation key; `page` is how many rows a page holds.
    pub fn navigate(&mut self, nav: Nav, count: usize, page: usize) {
        let last = count.saturating_sub(1);
        self.selected = match nav {
            Nav::Up => self.selected.saturating_sub(1),
            Nav::Down => (self.selected + 1).min(last),
            Nav::Home => 0,
            Nav::End => last,
            Nav::PageUp => self.selected.saturating_sub(page),
            Nav::PageDown => (self.selected + page).min(last),
            _ => self.selected,
        };
    }
}

/// Runs the list until the learner picks, goes back or quits. `current` starts selected.
pub fn run<'a>(
    progress: &mut Progress<'a>,
    rx: &Receiver<Input>,
    raw: &RawMode,
    current: &Exercise,
) -> Result<Picked<'a>> {
    let course = progress.course;
    let mut list =
        List { selected: course.exercises.iter().position(|e| e.name == current.name).unwrap_or(0), ..List::default() };
    let mut confirm_reset: Option<usize> = None;
    loop {
        let rows = list.rows(&course.exercises);
        list.selected = list.selected.min(rows.len().saturating_sub(1));
        let solved = progress.solved();
        let page = raw.rows().saturating_sub(6).max(3);
        raw.clear();
        raw.print(&render(course, &rows, &solved, &list, current, page, confirm_reset));
        let input = next_input(rx);
        if let Some(i) = confirm_reset.take() {
            if matches!(input, Input::Key('y')) {
                let e = &course.exercises[i];
                list.message = match progress.reset(e) {
                    Ok(backup) => format!("Reset {} as shipped; your files are in {}.", e.name, backup.display()),
                    Err(fail) => format!("Not reset: {}", fail.message),
                };
            } else {
                list.message = "Nothing was reset.".into();
            }
            continue;
        }
        if list.searching {
            match input {
                Input::Key(c) => {
                    list.filter.push(c);
                    list.selected = 0;
                }
                Input::Nav(Nav::Backspace) => {
                    list.filter.pop();
                    list.selected = 0;
                }
                Input::Nav(Nav::Enter) => list.searching = false,
                Input::Nav(Nav::Back) => {
                    list.searching = false;
                    list.filter.clear();
                }
                Input::Quit => return Ok(Picked::Quit),
                Input::Nav(nav) => list.navigate(nav, rows.len(), page),
                Input::Changed(_) => {}
            }
            continue;
        }
        match input {
            Input::Quit => return Ok(Picked::Quit),
            Input::Key('q') | Input::Nav(Nav::Back) => return Ok(Picked::Back),
            Input::Key('k') => list.navigate(Nav::Up, rows.len(), page),
            Input::Key('j') => list.navigate(Nav::Down, rows.len(), page),
            Input::Key('/') => {
                list.searching = true;
                list.filter.clear();
            }
            Input::Key('c') | Input::Nav(Nav::Enter) => {
                if let Some(&i) = rows.get(list.selected) {
                    let e = &course.exercises[i];
                    progress.state.set_current(e);
                    progress.save();
                    return Ok(Picked::Continue(e));
                }
            }
            Input::Key('r') => confirm_reset = rows.get(list.selected).copied(),
            Input::Nav(nav) => list.navigate(nav, rows.len(), page),
            Input::Key(_) | Input::Changed(_) => {}
        }
    }
}

/// The list as text: a header, a window of rows around the selection, the keys.
pub fn render(
    course: &crate::manifest::Course,
    rows: &[usize],
    solved: &[bool],
    list: &List,
    current: &Exercise,
    page: usize,
    confirm_reset: Option<usize>,
) -> String {
    let mut out = String::new();
    let done = solved.iter().filter(|s| **s).count();
    let _ = writeln!(out, "Exercises  {}\n", crate::ui::progress_bar(done, solved.len()));
    let first = list.selected.saturating_sub(page / 2).min(rows.len().saturating_sub(page));
    for (row, &i) in rows.iter().enumerate().skip(first).take(page) {
        let e = &course.exercises[i];
        let pointer = if row == list.selected { "▶" } else { " " };
        let mark = if solved[i] { "✓" } else { "·" };
        let here = if e.name == current.name { "  ← you are here" } else { "" };
        let _ = writeln!(out, "{pointer} {mark} {:<28} {}{here}", e.name, e.dir);
    }
    if rows.is_empty() {
        let _ = writeln!(out, "  (no exercise matches \"{}\")", list.filter);
    }
    out.push('\n');
    if let Some(i) = confirm_reset {
        let _ = writeln!(
            out,
            "Reset {} to the shipped version? Your files are kept in .course/backups/. [y/N]",
            course.exercises[i].name
        );
    } else if list.searching {
        let _ = writeln!(out, "Search: {}▏  (Enter: keep, Esc: clear)", list.filter);
    } else {
        if !list.message.is_empty() {
            let _ = writeln!(out, "{}", list.message);
        }
        let filter = if list.filter.is_empty() { String::new() } else { format!("  [filter: {}]", list.filter) };
        let _ = writeln!(out, "[keys] ↑/↓ j/k: move  Enter/c: continue here  r: reset  /: search  q/Esc: back{filter}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exercises() -> Vec<Exercise> {
        ["01-a/01-hello-await", "01-a/02-one-after-another", "02-b/01-tokio-main"]
            .iter()
            .map(|dir| Exercise {
                dir: dir.to_string(),
                chapter: dir.split('/').next().unwrap().into(),
                name: dir.split_once('/').unwrap().1[3..].into(),
                hints: vec![],
                sources: vec![],
            })
            .collect()
    }

    #[test]
    fn moving_stays_within_the_list() {
        let mut list = List::default();
        list.navigate(Nav::Up, 3, 10);
        assert_eq!(list.selected, 0);
        list.navigate(Nav::Down, 3, 10);
        list.navigate(Nav::Down, 3, 10);
        list.navigate(Nav::Down, 3, 10);
        assert_eq!(list.selected, 2);
        list.navigate(Nav::Home, 3, 10);
        assert_eq!(list.selected, 0);
        list.navigate(Nav::PageDown, 3, 10);
        assert_eq!(list.selected, 2);
    }

    #[test]
    fn the_search_filters_by_name_or_folder() {
        let list = List { filter: "TOKIO".into(), ..List::default() };
        assert_eq!(list.rows(&exercises()), [2]);
        let list = List { filter: "01-a/".into(), ..List::default() };
        assert_eq!(list.rows(&exercises()), [0, 1]);
    }

    #[test]
    fn the_selected_row_and_the_current_exercise_are_marked() {
        let course = crate::manifest::Course { root: "/".into(), chapters: vec![], exercises: exercises() };
        let list = List { selected: 1, ..List::default() };
        let text = render(&course, &[0, 1, 2], &[true, false, false], &list, &course.exercises[2], 10, None);
        assert!(text.contains("▶ · one-after-another"), "{text}");
        assert!(text.contains("  ✓ hello-await"), "{text}");
        assert!(text.contains("tokio-main                   02-b/01-tokio-main  ← you are here"), "{text}");
        let text = render(&course, &[0, 1, 2], &[true, false, false], &list, &course.exercises[2], 10, Some(1));
        assert!(text.contains("Reset one-after-another to the shipped version?"), "{text}");
    }
}
