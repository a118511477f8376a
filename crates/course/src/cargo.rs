//! Running cargo: building the graded test binaries (one cargo call for any number of crates) and running them.
//!
//! Binaries are run directly rather than through `cargo test`, so one build serves many crates, a crate that does
//! not compile does not stop the others (`--keep-going`), and each run has a real-time limit.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::Deserialize;

use crate::fail::{Fail, Result};

/// The name of every graded test target (`[[test]] name = "grade"`).
pub const TEST_TARGET: &str = "grade";

/// A whole test binary gets this long; each graded test has its own 3 s watchdog, so only a test binary that
/// misbehaves outside the harness (say, at start-up) ever reaches it.
const RUN_LIMIT: Duration = Duration::from_secs(120);

/// What building the graded test binaries gave, per crate folder (absolute, as cargo reports it).
#[derive(Debug, Default)]
pub struct Build {
    /// The test binary of each crate that compiled.
    pub binaries: HashMap<PathBuf, PathBuf>,
    /// The compiler's errors for each crate that did not.
    pub errors: HashMap<PathBuf, String>,
}

#[derive(Deserialize)]
struct Message {
    reason: String,
    #[serde(default)]
    manifest_path: Option<PathBuf>,
    #[serde(default)]
    target: Option<Target>,
    #[serde(default)]
    executable: Option<PathBuf>,
    #[serde(default)]
    message: Option<Diagnostic>,
}

#[derive(Deserialize)]
struct Target {
    name: String,
}

#[derive(Deserialize)]
struct Diagnostic {
    level: String,
    #[serde(default)]
    rendered: Option<String>,
}

/// Builds the `grade` test binary of each package (by package name) in one cargo call. `quiet` hides cargo's
/// progress lines; otherwise they go to stderr as usual.
pub fn build(root: &Path, target_dir: Option<&Path>, packages: &[String], quiet: bool) -> Result<Build> {
    let mut cmd = Command::new(cargo());
    if let Some(dir) = target_dir {
        cmd.env("CARGO_TARGET_DIR", dir);
    }
    cmd.current_dir(root)
        .args(["build", "--keep-going", "--message-format=json", "--test", TEST_TARGET])
        .stdout(Stdio::piped())
        .stderr(if quiet { Stdio::piped() } else { Stdio::inherit() });
    for p in packages {
        cmd.args(["-p", p]);
    }
    let mut child = cmd.spawn().map_err(|e| Fail::usage(format!("cannot run cargo: {e}")))?;
    // Drain stderr on its own thread so a chatty cargo can never block on a full pipe.
    let stderr = child.stderr.take().map(|mut s| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = s.read_to_string(&mut text);
            text
        })
    });
    let mut build = Build::default();
    let stdout = child.stdout.take().expect("stdout is piped");
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        let Ok(msg) = serde_json::from_str::<Message>(&line) else { continue };
        let Some(dir) = msg.manifest_path.as_deref().and_then(Path::parent).map(Path::to_path_buf) else { continue };
        match msg.reason.as_str() {
            "compiler-artifact" => {
                if let (Some(target), Some(exe)) = (msg.target, msg.executable)
                    && target.name == TEST_TARGET
                {
                    build.binaries.insert(dir, exe);
                }
            }
            "compiler-message" => {
                if let Some(d) = msg.message
                    && d.level == "error"
                {
                    let text = build.errors.entry(dir).or_default();
                    text.push_str(d.rendered.as_deref().unwrap_or("(an error without a message)"));
                }
            }
            _ => {}
        }
    }
    let status = child.wait().map_err(|e| Fail::usage(format!("cargo did not finish: {e}")))?;
    let stderr_text = stderr.and_then(|h| h.join().ok()).unwrap_or_default();
    if !status.success() && build.errors.is_empty() && build.binaries.len() < packages.len() {
        // Cargo failed before compiling anything of ours: a broken Cargo.toml, a missing toolchain, no network.
        let detail = stderr_text.lines().filter(|l| l.contains("error")).collect::<Vec<_>>().join("\n");
        let detail = if detail.is_empty() { "see the output above".to_string() } else { detail };
        return Err(Fail::usage(format!("cargo could not build the tests: {detail}")));
    }
    Ok(build)
}

/// The outcome of one test function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestOutcome {
    pub name: String,
    pub passed: bool,
    /// What the test printed when it failed: the grader's explanation.
    pub message: String,
}

/// The outcome of running one test binary.
#[derive(Debug)]
pub struct Run {
    pub tests: Vec<TestOutcome>,
    /// Set when the binary itself did not end normally (crashed, aborted, was killed after the time limit).
    pub problem: Option<String>,
}

/// Runs a test binary in `dir` (cargo runs tests from their package folder) and reads each test's outcome.
pub fn run(exe: &Path, dir: &Path) -> Run {
    let mut child = match Command::new(exe)
        .current_dir(dir)
        .args(["--color", "never", "--test-threads", "8"])
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) => return Run { tests: Vec::new(), problem: Some(format!("could not start the tests: {e}")) },
    };
    let read = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_string(&mut text);
            }
            text
        })
    };
    let out = read(child.stdout.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let err = read(child.stderr.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() < RUN_LIMIT => std::thread::sleep(Duration::from_millis(5)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
        }
    };
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    let tests = parse(&stdout);
    let problem = match status {
        None => Some(format!("the tests were stopped after {} s of real time", RUN_LIMIT.as_secs())),
        // libtest exits with 101 when a test failed: that is a normal run. Anything else is a crash.
        Some(s) if s.success() || s.code() == Some(101) => None,
        Some(s) => {
            let tail: Vec<&str> = stderr.lines().rev().take(5).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            Some(format!("the test program crashed ({s}): {}", tail.join(" / ")))
        }
    };
    Run { tests, problem }
}

/// Reads libtest's plain output: `test NAME ... ok|FAILED` lines, then a `---- NAME stdout ----` section with
/// each failure's output.
pub fn parse(stdout: &str) -> Vec<TestOutcome> {
    let mut tests: Vec<TestOutcome> = Vec::new();
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix("test ")
            && let Some((name, verdict)) = rest.rsplit_once(" ... ")
        {
            let passed = match verdict.trim() {
                "ok" => true,
                "FAILED" => false,
                _ => continue, // ignored, bench
            };
            tests.push(TestOutcome { name: name.trim().to_string(), passed, message: String::new() });
        }
    }
    let mut current: Option<usize> = None;
    for line in stdout.lines() {
        if let Some(name) = line.strip_prefix("---- ").and_then(|l| l.strip_suffix(" stdout ----")) {
            current = tests.iter().position(|t| t.name == name);
            continue;
        }
        if line == "failures:" || line.starts_with("test result:") {
            current = None;
            continue;
        }
        if let Some(i) = current {
            tests[i].message.push_str(line);
            tests[i].message.push('\n');
        }
    }
    for t in &mut tests {
        t.message = t.message.trim().to_string();
    }
    tests
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTPUT: &str = "\nrunning 3 tests\ntest b_test ... FAILED\ntest a_test ... ok\ntest c_test ... FAILED\n\n\
        failures:\n\n---- b_test stdout ----\nexpected 3.000 s\n\n  Likely cause: sequential\n\n\
        ---- c_test stdout ----\nnot yet implemented\n\n\nfailures:\n    b_test\n    c_test\n\n\
        test result: FAILED. 1 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s\n";

    #[test]
    fn parses_verdicts_and_failure_messages() {
        let tests = parse(OUTPUT);
        let summary: Vec<(&str, bool)> = tests.iter().map(|t| (t.name.as_str(), t.passed)).collect();
        assert_eq!(summary, [("b_test", false), ("a_test", true), ("c_test", false)]);
        assert_eq!(tests[0].message, "expected 3.000 s\n\n  Likely cause: sequential");
        assert_eq!(tests[2].message, "not yet implemented");
        assert_eq!(tests[1].message, "");
    }

    #[test]
    fn a_test_named_like_a_marker_is_still_parsed() {
        let tests = parse("test tricky ... name ... ok\n");
        assert_eq!(tests[0].name, "tricky ... name");
        assert!(tests[0].passed);
    }
}
