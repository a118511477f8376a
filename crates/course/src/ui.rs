//! What the learner reads: the progress table, verdicts, hints.

use std::fmt::Write as _;

use verdict::Kind;

use crate::grade::{TestKind, Verdict};
use crate::manifest::{Course, Exercise};

/// `[██████······] 3/12 exercises solved (25%)`.
pub fn progress_bar(done: usize, total: usize) -> String {
    const WIDTH: usize = 30;
    let filled = (done * WIDTH).checked_div(total).unwrap_or(0);
    let percent = (done * 100).checked_div(total).unwrap_or(0);
    format!("[{}{}] {done}/{total} exercises solved ({percent}%)", "█".repeat(filled), "·".repeat(WIDTH - filled))
}

/// Every chapter with its exercises, solved or not, and the overall progress bar.
pub fn progress_table(course: &Course, solved: &[bool]) -> String {
    let mut out = String::new();
    let is_solved = |e: &Exercise| course.exercises.iter().position(|x| x.name == e.name).is_some_and(|i| solved[i]);
    for (n, chapter) in course.chapters.iter().enumerate() {
        let exercises: Vec<&Exercise> = course.in_chapter(&chapter.dir).collect();
        let done = exercises.iter().filter(|e| is_solved(e)).count();
        let _ = writeln!(out, "Chapter {}: {}  ({done}/{})", n + 1, chapter.title, exercises.len());
        if exercises.is_empty() {
            let _ = writeln!(out, "    (no exercises yet)");
        }
        for e in exercises {
            let mark = if is_solved(e) { "✓ solved " } else { "· not yet" };
            let _ = writeln!(out, "    {mark}  {:<28} exercises/{}", e.name, e.dir);
        }
        out.push('\n');
    }
    let done = solved.iter().filter(|s| **s).count();
    let _ = writeln!(out, "{}", progress_bar(done, solved.len()));
    out
}

/// The result of grading one exercise: each test with a line of cause, the first failure's whole explanation, the
/// next hint and the page. With `full`, every compiler error rather than the first.
pub fn verdict_report(course: &Course, e: &Exercise, v: &Verdict, hints_shown: usize, full: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "\nExercise {} (exercises/{})", e.name, e.dir);
    if !v.ignored.is_empty() {
        let files: Vec<String> = v.ignored.iter().map(|f| format!("{} ({})", f.path, f.change)).collect();
        let _ = writeln!(
            out,
            "\n  Note: only your sources ({}) are graded; these changes are ignored: {}",
            e.sources.join(", "),
            files.join(", ")
        );
    }
    if !v.missing.is_empty() {
        let _ = writeln!(
            out,
            "\n✗ Files of the exercise are missing: {}. `cargo course reset {}` restores it as shipped.",
            v.missing.join(", "),
            e.name
        );
    } else if let Some(errors) = &v.compile_error {
        out.push_str(&compile_errors(course, e, v, errors, full));
    } else {
        if let Some(warning) = v.warnings.first() {
            let _ = writeln!(
                out,
                "\n  The compiler warns about your code (often the reason a test fails):\n\n{}",
                indent(warning.rendered.trim_end())
            );
            if v.warnings.len() > 1 {
                let _ = writeln!(out, "    … and {} more warning(s) like it.", v.warnings.len() - 1);
            }
            out.push('\n');
        }
        for t in &v.tests {
            let mark = if t.passed() { "✓" } else { "✗" };
            let _ = writeln!(out, "  {mark} {}{}", t.name.replace('_', " "), kind_label(t.kind));
            if !t.passed()
                && let Some(cause) = cause_line(&t.message)
            {
                let _ = writeln!(out, "      → {cause}");
            }
        }
        let tasks = task_progress(v);
        if !tasks.is_empty() {
            let _ = writeln!(out, "\n  By task: {tasks}");
        }
        if let Some(problem) = &v.problem {
            let _ = writeln!(out, "\n✗ {problem}");
        }
    }
    if v.passed() {
        let _ = writeln!(out, "\n✓ All {} tests pass: solved!", v.tests.len());
        let solved_next = course.exercises.iter().skip_while(|x| x.name != e.name).nth(1);
        match solved_next {
            Some(next) => {
                let _ = writeln!(
                    out,
                    "  Next: {} (src/{}.md), then `cargo course check {}`.",
                    next.name, next.dir, next.name
                );
            }
            None => {
                let _ = writeln!(out, "  That was the last exercise of the course.");
            }
        }
        return out;
    }
    if let Some(first) = v.first_failure().filter(|_| v.missing.is_empty() && v.compile_error.is_none()) {
        let _ = writeln!(
            out,
            "\n{} of {} tests pass. The first failure, `{}`:\n\n{}",
            v.passed_count(),
            v.tests.len(),
            first.name,
            indent(&first.message)
        );
    }
    let _ = writeln!(out, "\n  Read: {}", e.page());
    if hints_shown < e.hints.len() {
        let _ = writeln!(
            out,
            "  Stuck? `cargo course hint {}` shows hint {} of {}.",
            e.name,
            hints_shown + 1,
            e.hints.len()
        );
    } else {
        let _ = writeln!(
            out,
            "  You have seen all {} hints: `cargo course hint {}` shows them again.",
            e.hints.len(),
            e.name
        );
    }
    out
}

/// For exercises whose tests are named by task (`task0_…`, `task1_…`), progress per task:
/// `task 0 ✓ 4/4 · task 1 ✗ 2/4`. Empty for other exercises.
fn task_progress(v: &Verdict) -> String {
    let mut tasks: Vec<(String, usize, usize)> = Vec::new();
    for t in &v.tests {
        let Some(task) = t.name.split('_').next().filter(|p| p.starts_with("task") && p.len() > 4) else { continue };
        match tasks.iter_mut().find(|(name, _, _)| name == task) {
            Some(entry) => {
                entry.1 += usize::from(t.passed());
                entry.2 += 1;
            }
            None => tasks.push((task.to_string(), usize::from(t.passed()), 1)),
        }
    }
    tasks
        .iter()
        .map(|(name, passed, total)| {
            format!("task {} {} {passed}/{total}", &name[4..], if passed == total { "✓" } else { "✗" })
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The hints shown so far.
pub fn hints(e: &Exercise, shown: usize) -> String {
    let mut out = format!("Hints for {} (exercises/{}):\n", e.name, e.dir);
    for (i, hint) in e.hints.iter().take(shown).enumerate() {
        let _ = writeln!(out, "\n  {}/{}. {hint}", i + 1, e.hints.len());
    }
    if shown < e.hints.len() {
        let _ = writeln!(out, "\nAsk again for the next hint.");
    } else {
        let _ =
            writeln!(out, "\nThat was the last hint. The page {} explains everything the exercise needs.", e.page());
    }
    out
}

/// The compiler's errors: the first in full, the rest folded (unless `full`). When the first points into the
/// graded test file, the learner changed something the tests rely on: say which signatures they expect.
fn compile_errors(course: &Course, e: &Exercise, v: &Verdict, all: &str, full: bool) -> String {
    let mut out = String::new();
    let first = v.compile_errors.first();
    let in_tests = first.and_then(|m| m.file.as_deref()).is_some_and(|f| f.ends_with("tests/grade.rs"));
    let shipped = signatures(crate::shipped::Snapshot::embedded().get(&format!("exercises/{}/src/lib.rs", e.dir)));
    let yours = std::fs::read_to_string(course.root.join(e.exercise_dir()).join("src/lib.rs")).ok();
    let yours = signatures(yours.as_deref());
    let changed: Vec<(&String, Option<&String>)> = shipped
        .iter()
        .map(|sig| (sig, yours.iter().find(|y| sig_name(y) == sig_name(sig))))
        .filter(|(sig, y)| y.is_none_or(|y| y != *sig))
        .collect();
    if in_tests && !changed.is_empty() {
        let _ = writeln!(
            out,
            "\n✗ The graded tests no longer compile against your code: the error is in the test file, which \
             calls your functions as they were shipped. Keep their signatures as shipped and change only the \
             bodies."
        );
        for (sig, yours) in &changed {
            match yours {
                Some(y) => {
                    let _ = writeln!(out, "\n    the tests expect:  {sig}\n    yours is now:      {y}");
                }
                None => {
                    let _ = writeln!(out, "\n    the tests expect:  {sig}\n    yours is missing.");
                }
            }
        }
        let _ = writeln!(out, "\n  The compiler's first error:\n");
    } else if in_tests {
        let _ = writeln!(
            out,
            "\n✗ It does not compile yet. The error shows where the graded tests use your code (the test file), \
             but your signatures are as shipped: the cause is in what your functions do. The compiler says:\n"
        );
    } else {
        let _ = writeln!(out, "\n✗ It does not compile yet. The compiler says:\n");
    }
    if let Some(advice) = known_error_advice(all) {
        let _ = writeln!(out, "  Likely cause: {advice}\n");
    }
    if full || v.compile_errors.len() <= 1 {
        let _ = writeln!(out, "{}", all.trim_end());
    } else {
        let _ = writeln!(out, "{}", first.map_or(all, |m| m.rendered.as_str()).trim_end());
        let _ = writeln!(
            out,
            "\n  … and {} more error(s): fix this one first (later ones often follow from it), or see them all \
             with `cargo course check {} --full`.",
            v.compile_errors.len() - 1,
            e.name
        );
    }
    out
}

/// Compiler errors that a newcomer from Python meets again and again, recognised by the words rustc uses, with
/// what to do and where the book explains it.
const KNOWN_ERRORS: [(&[&str], &str); 5] = [
    (
        &["ThreadRng", "cannot be sent between threads safely"],
        "a `ThreadRng` (from `rand::rng()`) is kept alive across an `.await`, and it may not leave its thread, so \
         the future cannot be spawned. Draw the number before the first `.await`, or use \
         `rand::rng().random_range(..)` as a temporary. Read: src/05-randomness/01-random-delay.md, section \
         \"`ThreadRng` and `.await` do not mix in a task\".",
    ),
    (
        &["cannot find function `thread_rng`"],
        "rand 0.10 renamed it: `rand::rng()` gives the thread's generator (and `rand::random_range(..)` draws one \
         number). Read: src/05-randomness/01-random-delay.md.",
    ),
    (
        &["no method named `gen_range`"],
        "rand 0.10 renamed it: `random_range`, a method of `rand::RngExt` (`use rand::RngExt;`). Read: \
         src/05-randomness/01-random-delay.md.",
    ),
    (
        &["cannot multiply `Duration` by `f64`"],
        "a `Duration` multiplies by whole numbers only; for a fraction use `duration.mul_f64(x)`, or build one \
         from float seconds with `Duration::from_secs_f64(s)` (`as_secs_f64()` goes back). Read: \
         src/05-randomness/01-random-delay.md.",
    ),
    (
        &["expected `u64`, found floating-point number", "Duration::from_secs"],
        "`Duration::from_secs` takes whole seconds (`u64`); for float seconds, as Python's `asyncio.sleep(0.5)` \
         takes them, use `Duration::from_secs_f64(0.5)`. Read: src/05-randomness/01-random-delay.md.",
    ),
];

/// The advice for the first known error the compiler's text shows, if any.
fn known_error_advice(errors: &str) -> Option<&'static str> {
    KNOWN_ERRORS.iter().find(|(words, _)| words.iter().all(|w| errors.contains(w))).map(|(_, advice)| *advice)
}

/// The public function signatures in a source file, one line each.
fn signatures(text: Option<&str>) -> Vec<String> {
    let Some(text) = text else { return Vec::new() };
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines().map(str::trim) {
        if let Some(sig) = current.as_mut() {
            sig.push(' ');
            sig.push_str(line);
        } else if line.starts_with("pub fn ") || line.starts_with("pub async fn ") {
            current = Some(line.to_string());
        }
        if let Some(sig) = current.take_if(|sig| sig.contains('{') || sig.ends_with(';')) {
            out.push(sig.trim_end_matches('{').trim_end().to_string());
        }
    }
    out
}

fn sig_name(sig: &str) -> Option<&str> {
    let rest = sig.split("fn ").nth(1)?;
    rest.split(|c: char| !(c.is_alphanumeric() || c == '_')).next()
}

/// One line saying why a test failed: its "Likely cause", else the first line of its explanation.
fn cause_line(message: &str) -> Option<String> {
    const WIDTH: usize = 110;
    let line = message
        .lines()
        .find_map(|l| l.trim().strip_prefix("Likely cause:"))
        .or_else(|| message.lines().map(str::trim).find(|l| !l.is_empty()))?
        .trim();
    let line = match line.char_indices().nth(WIDTH) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_string(),
    };
    Some(line)
}

/// A short tag after a test that did not pass, saying what kind of failure it was.
fn kind_label(kind: TestKind) -> &'static str {
    match kind {
        TestKind::Harness(Kind::Passed | Kind::Failed) => "",
        TestKind::Harness(Kind::Panicked) => "  (panicked)",
        TestKind::Harness(Kind::Unfinished) => "  (todo!() reached)",
        TestKind::Harness(Kind::NeverCompleted) => "  (never completed)",
        TestKind::Harness(Kind::Blocked) => "  (blocked its thread)",
        TestKind::Harness(Kind::Busy) => "  (busy loop)",
        TestKind::Harness(Kind::Stuck) => "  (stuck)",
        TestKind::DidNotRun => "  (did not run)",
        TestKind::NotBuilt => "",
    }
}

/// Only the hint just revealed (hint `shown` of the exercise), or a note that there are no more.
pub fn new_hint(e: &Exercise, before: usize, shown: usize) -> String {
    match e.hints.get(shown.wrapping_sub(1)) {
        Some(hint) if shown > before => format!("Hint {shown}/{} for {}:\n\n  {hint}\n", e.hints.len(), e.name),
        _ => format!(
            "No more hints for {}: you have seen all {}. The page {} explains everything the exercise needs.\n",
            e.name,
            e.hints.len(),
            e.page()
        ),
    }
}

fn indent(text: &str) -> String {
    text.lines().map(|l| if l.is_empty() { String::new() } else { format!("    {l}") }).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_compiler_errors_get_their_advice() {
        let threadrng = "error: future cannot be sent between threads safely\n ... `ThreadRng` ... ";
        assert!(known_error_advice(threadrng).unwrap().contains("Draw the number before the first `.await`"));
        let float = "error[E0277]: cannot multiply `Duration` by `f64`";
        assert!(known_error_advice(float).unwrap().contains("mul_f64"));
        assert!(known_error_advice("error[E0425]: cannot find function `thread_rng` in crate `rand`").is_some());
        assert_eq!(known_error_advice("error[E0308]: mismatched types"), None);
    }

    #[test]
    fn the_progress_bar_fills_in_proportion() {
        assert_eq!(progress_bar(0, 4), format!("[{}] 0/4 exercises solved (0%)", "·".repeat(30)));
        assert_eq!(progress_bar(2, 4), format!("[{}{}] 2/4 exercises solved (50%)", "█".repeat(15), "·".repeat(15)));
        assert_eq!(progress_bar(0, 0), format!("[{}] 0/0 exercises solved (0%)", "·".repeat(30)));
    }
}
