//! `cargo course book`: builds and serves the book with the pinned mdBook and mdbook-quiz, installing them into
//! `.tools/` (inside the course folder, nothing global) the first time.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use crate::fail::{Fail, Result};
use crate::manifest::Course;

/// The pinned tools: (crate, version, binary). Changing a version here is how the course upgrades them.
pub const TOOLS: [(&str, &str, &str); 2] = [("mdbook", "0.5.4", "mdbook"), ("mdbook-quiz", "0.5.0", "mdbook-quiz")];

pub fn book(course: &Course, open: bool, build_only: bool) -> Result<ExitCode> {
    let bin = ensure_tools(&course.root)?;
    let mdbook = bin.join("mdbook");
    let mut cmd = Command::new(&mdbook);
    cmd.current_dir(&course.root).env("PATH", path_with(&bin));
    if build_only {
        cmd.arg("build");
    } else {
        println!("Serving the book at http://localhost:3000 (Ctrl-C to stop).");
        cmd.arg("serve");
        if open {
            cmd.arg("--open");
        }
    }
    let status = cmd.status().map_err(|e| Fail::usage(format!("cannot run {}: {e}", mdbook.display())))?;
    if !status.success() {
        return Err(Fail::failed(format!("mdbook failed ({status})")));
    }
    if build_only {
        println!("The book is in {}: open book/index.html.", course.root.join("book").display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Makes sure `.tools/bin` holds the pinned versions; returns that folder.
pub fn ensure_tools(root: &Path) -> Result<PathBuf> {
    let tools = root.join(".tools");
    let bin = tools.join("bin");
    for (krate, version, binary) in TOOLS {
        let exe = bin.join(binary);
        if installed_version(&exe).as_deref() == Some(version) {
            continue;
        }
        eprintln!("Installing {krate} {version} into .tools/ (once; a few minutes on a small machine)…");
        let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["install", "--locked", "--quiet", "--root"])
            .arg(&tools)
            .arg(format!("{krate}@{version}"))
            .status()
            .map_err(|e| Fail::usage(format!("cannot run cargo install: {e}")))?;
        if !status.success() || installed_version(&exe).as_deref() != Some(version) {
            return Err(Fail::usage(format!("could not install {krate} {version} with cargo install (see above)")));
        }
    }
    Ok(bin)
}

/// `mdbook v0.5.4` / `mdbook-quiz 0.5.0` → `0.5.4` / `0.5.0`.
fn installed_version(exe: &Path) -> Option<String> {
    let out = Command::new(exe).arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.split_whitespace().last().map(|v| v.trim_start_matches('v').to_string())
}

fn path_with(bin: &Path) -> std::ffi::OsString {
    let mut paths = vec![bin.to_path_buf()];
    if let Some(existing) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&existing));
    }
    std::env::join_paths(paths).unwrap_or_default()
}
