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
    cmd.current_dir(&course.root)
        .env("PATH", path_with(&bin))
        // mdBook's config from the environment: "edit this page" opens the page's source in this checkout.
        .env("MDBOOK_OUTPUT__HTML__EDIT_URL_TEMPLATE", edit_url_template(&course.root));
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
        fix_print_page(&course.root.join("book").join("print.html"))?;
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

/// mdbook-quiz links its script and stylesheet relative to the quiz's page (`../quiz/…` from a chapter folder), and
/// mdBook copies those links unchanged into `print.html`, which sits at the root of the book: from there `../quiz/`
/// points outside the book. A server forgives that (`/../quiz` is `/quiz`), a book opened from disk does not, and its
/// print version would show no quiz. Point them at `quiz/` instead.
fn fix_print_page(print: &Path) -> Result<()> {
    let Ok(html) = std::fs::read_to_string(print) else {
        return Ok(()); // no print version (disabled in book.toml)
    };
    let mut fixed = html.clone();
    for attribute in ["src=\"", "href=\""] {
        let outside = format!("{attribute}../");
        while fixed.contains(&format!("{outside}quiz/")) || fixed.contains(&format!("{outside}../quiz/")) {
            fixed = fixed.replace(&format!("{outside}../quiz/"), &format!("{outside}quiz/"));
            fixed = fixed.replace(&format!("{outside}quiz/"), &format!("{attribute}quiz/"));
        }
    }
    if fixed != html {
        std::fs::write(print, fixed).map_err(|e| Fail::usage(format!("cannot write {}: {e}", print.display())))?;
    }
    Ok(())
}

/// The book's "edit this page" link: the page's Markdown source in this checkout, as a `file://` URL (mdBook puts
/// the page's path, `src/….md`, in place of `{path}`). There is no public repository to link to, and the reader's
/// own copy is the one they edit; `theme/edit-link.js` shows the path instead when the book is served over http.
fn edit_url_template(root: &Path) -> String {
    let root = root.to_string_lossy().replace('\\', "/");
    let root = root.strip_prefix("//?/").unwrap_or(&root); // a canonical Windows path: \\?\C:\…
    let mut url = String::from("file://");
    if !root.starts_with('/') {
        url.push('/'); // file:///C:/…
    }
    for byte in root.trim_end_matches('/').bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b':' | b'-' | b'.' | b'_' | b'~' => url.push(byte as char),
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url + "/{path}"
}

fn path_with(bin: &Path) -> std::ffi::OsString {
    let mut paths = vec![bin.to_path_buf()];
    if let Some(existing) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&existing));
    }
    std::env::join_paths(paths).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_print_page_loads_the_quiz_from_inside_the_book() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path();
        let print = dir.join("print.html");
        let page = r#"<script src="../quiz/q.js"></script><link href="../quiz/s.css"><a href="../quizzes.html">"#;
        std::fs::write(&print, format!("{page}<script src=\"../../quiz/q.js\"></script>")).unwrap();
        fix_print_page(&print).unwrap();
        let fixed = std::fs::read_to_string(&print).unwrap();
        assert_eq!(
            fixed,
            r#"<script src="quiz/q.js"></script><link href="quiz/s.css"><a href="../quizzes.html"><script src="quiz/q.js"></script>"#
        );
        fix_print_page(&dir.join("missing.html")).unwrap();
    }

    #[test]
    fn the_edit_link_is_a_file_url_of_the_checkout() {
        assert_eq!(edit_url_template(Path::new("/home/ada/course")), "file:///home/ada/course/{path}");
        assert_eq!(edit_url_template(Path::new("/home/ada/my course/")), "file:///home/ada/my%20course/{path}");
        assert_eq!(edit_url_template(Path::new(r"\\?\C:\Users\ada\course")), "file:///C:/Users/ada/course/{path}");
    }
}
