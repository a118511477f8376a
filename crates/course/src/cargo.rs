//! Running cargo: building the graded test binaries of any number of crates in one cargo call.
//!
//! The binaries are then run directly (see [`crate::exec`]) rather than through `cargo test`, so one build serves
//! many crates and a crate that does not compile does not stop the others (`--keep-going`).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::Deserialize;

use crate::fail::{Fail, Result};

/// The name of every graded test target (`[[test]] name = "grade"`).
pub const TEST_TARGET: &str = "grade";

/// What building the graded test binaries gave, per crate folder (absolute, as cargo reports it).
#[derive(Debug, Default)]
pub struct Build {
    /// The test binary of each crate that compiled.
    pub binaries: HashMap<PathBuf, PathBuf>,
    /// The compiler's errors for each crate that did not, in the order given.
    pub errors: HashMap<PathBuf, Vec<CompilerMessage>>,
    /// The compiler's warnings that point at a likely mistake (see [`WARNINGS_SHOWN`]), per crate.
    pub warnings: HashMap<PathBuf, Vec<CompilerMessage>>,
}

/// One error or warning, as rustc rendered it, and the file its primary span is in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompilerMessage {
    pub rendered: String,
    /// The file of the primary span, as the compiler names it (relative to the workspace root).
    pub file: Option<String>,
}

/// Warnings worth a learner's attention even when the tests fail for another reason: a future that is created but
/// never awaited (`unused_must_use` covers futures and `JoinHandle`s that are dropped unused).
pub const WARNINGS_SHOWN: [&str; 1] = ["unused_must_use"];

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
    #[serde(default)]
    code: Option<Code>,
    #[serde(default)]
    spans: Vec<Span>,
}

#[derive(Deserialize)]
struct Code {
    code: String,
}

#[derive(Deserialize)]
struct Span {
    file_name: String,
    is_primary: bool,
}

impl Diagnostic {
    fn into_message(self) -> CompilerMessage {
        let file = self.spans.iter().find(|s| s.is_primary).map(|s| s.file_name.clone());
        CompilerMessage { rendered: self.rendered.unwrap_or_else(|| "(a message without text)".into()), file }
    }
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
    // In a process group of its own, so that stopping the runner stops the build too.
    let mut group = crate::procs::spawn(&mut cmd).map_err(|e| Fail::usage(format!("cannot run cargo: {e}")))?;
    let child = &mut group.child;
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
            "compiler-message" => match msg.message {
                // "aborting due to N previous errors" has no span: the count is shown separately.
                Some(d) if d.level == "error" && !d.spans.is_empty() => {
                    build.errors.entry(dir).or_default().push(d.into_message());
                }
                Some(d) if d.level == "error" => {
                    build.errors.entry(dir).or_default();
                }
                Some(d)
                    if d.level == "warning"
                        && d.code.as_ref().is_some_and(|c| WARNINGS_SHOWN.contains(&c.code.as_str())) =>
                {
                    build.warnings.entry(dir).or_default().push(d.into_message());
                }
                _ => {}
            },
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

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string())
}
