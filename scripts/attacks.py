#!/usr/bin/env python3
"""Tries to forge, hang and crash the grade, the way a student's submission could, and requires that none succeeds.

Works as a teacher would: a pristine copy of the course (this checkout's files) with a hostile student's
`exercises/` copied in, graded with `cargo course grade --json --junit`. Each exercise of the "hostile class"
carries a different attack (printed `ok` lines and `exit(0)`, a redirected test file or harness, a `build.rs`, a
child process left running, a flood of output, an abort, forged lines in the harness's report file, reading stdin
for the key, a broken manifest, a `.cargo/config.toml`, a deleted folder...), and a few carry a *correct* solution
with odd habits (non-UTF-8 output, a child process it waits for) that must still pass. Then:

- no attacked exercise scores as passed, no test of one is reported `pass`, and the honest ones pass;
- grading finishes within its limit and always writes both reports; the runner's peak memory stays under 100 MB;
- nothing in the student's `exercises/` is changed by grading;
- a grade in which *every* exercise misbehaves (busy loops, blocking sleeps, floods, children) still finishes
  within a few minutes with reports;
- SIGTERM to the runner kills the test program's process group (no leftover child), exit code 2;
- an unwritable report path is refused before any grading; two resets in one second keep both backups;
- `check` does not count forged output as solved.

Run from the course root: `python3 scripts/attacks.py`. Exit code 0 when every attack was defeated.
"""

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.path.join(ROOT, "target", "attacks")
failures = []


def check(name, ok, detail=""):
    print(("defeated  " if ok else "SUCCEEDED ") + name)
    if not ok:
        failures.append(name)
        print("    " + str(detail).replace("\n", "\n    ")[:4000])


def copy_course(dest):
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           check=True, capture_output=True).stdout.decode().split("\0")
    for f in filter(None, files):
        src = os.path.join(ROOT, f)
        if os.path.isfile(src):
            os.makedirs(os.path.dirname(os.path.join(dest, f)), exist_ok=True)
            shutil.copy(src, os.path.join(dest, f))


def peak_rss_mib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def course(copy, *args, timeout=600, on_start=None):
    """Runs `cargo course ARGS` in `copy`; returns (exit code, output, seconds, peak MiB of the runner process)."""
    env = dict(os.environ, CARGO_TARGET_DIR=TARGET)
    started = time.monotonic()
    p = subprocess.Popen(["cargo", "course", *args], cwd=copy, env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    peak = [0.0]
    out = []
    reader = threading.Thread(target=lambda: out.append(p.stdout.read().decode(errors="replace")))
    reader.start()
    if on_start:
        on_start(p)
    while p.poll() is None:
        # `cargo run` replaces itself with the runner (exec), so this pid is the runner's once it runs.
        rss = peak_rss_mib(p.pid)
        if rss:
            peak[0] = max(peak[0], rss)
        if time.monotonic() - started > timeout:
            os.killpg(p.pid, signal.SIGKILL)
            break
        time.sleep(0.05)
    p.wait()
    reader.join()
    return p.returncode, "".join(out), time.monotonic() - started, peak[0]


def exercises(copy):
    """(dir, short name) of every exercise, from course.toml."""
    text = open(os.path.join(copy, "course.toml")).read()
    dirs = re.findall(r'^dir = "([^"]+/[^"]+)"', text, re.M)
    return [(d, d.split("/")[1].split("-", 1)[1]) for d in dirs]


def test_names(copy, d):
    text = open(os.path.join(copy, "exercises", d, "tests", "grade.rs")).read()
    return re.findall(r"#\[test\]\s*\n\s*fn (\w+)", text)


def tree_hash(path):
    h = hashlib.sha256()
    for base, dirs, files in sorted(os.walk(path)):
        dirs.sort()
        if "target" in dirs:
            dirs.remove("target")
        for f in sorted(files):
            p = os.path.join(base, f)
            h.update(os.path.relpath(p, path).encode())
            h.update(open(p, "rb").read())
    return h.hexdigest()


# --- Attacks on an exercise's code: `__attack()` runs where the stub's first todo!() is reached. ---------------

def after_inner_docs(text):
    """Where items may start: after the file's inner doc comments and attributes."""
    lines = text.splitlines(keepends=True)
    i = 0
    while i < len(lines) and (lines[i].startswith("//!") or lines[i].startswith("#![") or not lines[i].strip()):
        i += 1
    return sum(len(l) for l in lines[:i])


def attack_fn(body):
    return "#[allow(dead_code, unreachable_code)]\npub fn __attack() {\n" + body + "\n}\n"


def inject(stub, body):
    """The stub with `__attack()` run before each todo!()."""
    at = after_inner_docs(stub)
    prelude = ("#[allow(unused_macros)]\nmacro_rules! todo2 { ($($t:tt)*) => {{ crate::__attack(); ::core::todo!($($t)*) }} }\n")
    return stub[:at] + prelude + stub[at:].replace("todo!(", "todo2!(") + "\n" + attack_fn(body)


def into_solution(solution, body):
    """The solution with `__attack()` run first thing in its first public function."""
    m = re.search(r"pub (async )?fn [^{]*\{", solution)
    return solution[:m.end()] + "\n    crate::__attack();" + solution[m.end():] + "\n" + attack_fn(body)


def ok_lines(names):
    lines = "".join(f"test {n} ... ok\\n" for n in names)
    return ("    use std::io::Write as _;\n    let mut out = std::io::stdout().lock();\n"
            f"    let _ = out.write_all(b\"running {len(names)} tests\\n{lines}\\n"
            f"test result: ok. {len(names)} passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s\\n\");\n"
            "    let _ = out.flush();\n")


FIND_REPORT = """    let mut reports = Vec::new();
    if let Ok(fds) = std::fs::read_dir("/proc/self/fd") {
        for fd in fds.flatten() {
            if let Ok(target) = std::fs::read_link(fd.path()) {
                if target.to_string_lossy().contains("course-verdicts") {
                    reports.push(target);
                }
            }
        }
    }
"""

CODE_ATTACKS = {
    "prints `ok` for every test, then exit(0)": lambda names: ok_lines(names) + "    std::process::exit(0);",
    "prints `ok` lines, then fails": lambda names: ok_lines(names),
    "leaves a child process running with the output pipes": lambda names: (
        "    let _ = std::process::Command::new(\"sleep\").arg(\"1234\").spawn();"),
    "floods the output forever": lambda names: (
        "    use std::io::Write as _;\n    let junk = vec![b'x'; 1 << 20];\n"
        "    loop { let _ = std::io::stdout().lock().write_all(&junk); let _ = std::io::stderr().write_all(b\"\\xff\\xfe\"); }"),
    "aborts the test program": lambda names: "    std::process::abort();",
    "writes forged records into the harness's report file": lambda names: FIND_REPORT + (
        "    use std::io::Write as _;\n"
        "    for report in reports {\n"
        "        if let Ok(mut f) = std::fs::OpenOptions::new().append(true).open(report) {\n"
        + "".join(f"            let _ = f.write_all(b\"\\nverdict1 {n.encode().hex()} passed  {'0' * 32}\\n\");\n" for n in names)
        + "        }\n    }\n") + ok_lines(names),
    "reads stdin for the key and forges with what it finds": lambda names: (
        "    use std::io::Read as _;\n    let mut key = String::new();\n"
        "    let _ = std::io::stdin().read_to_string(&mut key);\n"
        "    eprintln!(\"stolen from stdin: {key:?}\");\n" + FIND_REPORT +
        "    use std::io::Write as _;\n    for report in reports {\n"
        "        if let Ok(mut f) = std::fs::OpenOptions::new().append(true).open(report) {\n"
        "            let _ = f.write_all(key.as_bytes());\n        }\n    }\n") + ok_lines(names),
    "truncates the report file and prints `ok` lines": lambda names: FIND_REPORT + (
        "    for report in reports { let _ = std::fs::write(report, b\"\"); }\n") + ok_lines(names)
        + "    std::process::exit(0);",
}

def fake_test_file(names):
    return "".join(f"#[test]\nfn {n}() {{}}\n" for n in names)


def manifest_attacks(ex_dir, names, stub_manifest):
    """File-level attacks: each returns {path relative to the exercise folder: contents}."""
    fake_grader = ("[package]\nname = \"grader\"\nversion = \"0.1.0\"\nedition = \"2024\"\n[lib]\npath = \"lib.rs\"\n",
                   "pub fn run<F>(_body: F) {}\npub fn ms(n: u64) -> std::time::Duration { std::time::Duration::from_millis(n) }\n"
                   "pub fn secs(n: u64) -> std::time::Duration { std::time::Duration::from_secs(n) }\n")
    return {
        "points [[test]] at a file of empty tests": {
            "Cargo.toml": stub_manifest.replace('path = "tests/grade.rs"', 'path = "tests/fake.rs"'),
            "tests/fake.rs": fake_test_file(names),
        },
        "redirects the grader dev-dependency to a fake harness": {
            "Cargo.toml": stub_manifest.replace("grader = { workspace = true }", 'grader = { path = "fakegrader" }'),
            "fakegrader/Cargo.toml": fake_grader[0],
            "fakegrader/lib.rs": fake_grader[1],
        },
        "a build.rs that swaps the graded tests for empty ones": {
            "build.rs": (
                "fn main() {\n"
                "    let dir = std::env::var(\"CARGO_MANIFEST_DIR\").unwrap();\n"
                f"    let _ = std::fs::write(format!(\"{{dir}}/tests/grade.rs\"), {json.dumps(fake_test_file(names))});\n"
                "}\n"),
        },
    }


def main():
    os.makedirs(TARGET, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="course-attacks-") as work:
        course_dir = os.path.join(work, "course")
        copy_course(course_dir)
        all_ex = exercises(course_dir)
        pristine = os.path.join(work, "pristine-exercises")
        shutil.copytree(os.path.join(course_dir, "exercises"), pristine)
        print("building the runner and the shipped course once…", flush=True)
        code, out, secs, _ = course(course_dir, "grade")
        if code != 1:
            sys.exit(f"grading the shipped course should exit 1:\n{out}")

        def sol(d):
            return open(os.path.join(course_dir, "solutions", d, "src", "lib.rs")).read()

        def stub(d):
            return open(os.path.join(pristine, d, "src", "lib.rs")).read()

        # --- The hostile class: one attack per exercise. -------------------------------------------------------
        student = os.path.join(work, "student-exercises")
        shutil.copytree(pristine, student)
        plan = {}  # exercise dir -> (label, expect_pass)
        queue = list(all_ex)

        def take():
            return queue.pop(0)

        for label, body in CODE_ATTACKS.items():
            d, _ = take()
            with open(os.path.join(student, d, "src", "lib.rs"), "w") as f:
                f.write(inject(stub(d), body(test_names(course_dir, d))))
            plan[d] = (label, False)
        for label in manifest_attacks(None, [], ""):
            d, _ = take()
            files = manifest_attacks(d, test_names(course_dir, d),
                                     open(os.path.join(pristine, d, "Cargo.toml")).read())[label]
            for rel, text in files.items():
                path = os.path.join(student, d, rel)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w") as f:
                    f.write(text)
            plan[d] = (label, False)
        d, _ = take()
        shutil.rmtree(os.path.join(student, d))
        plan[d] = ("a deleted exercise folder", False)
        honest = {
            "a correct solution that prints non-UTF-8 bytes": (
                "    use std::io::Write as _;\n    let _ = std::io::stdout().lock().write_all(b\"\\xff\\xfe\\x00 half a line\");\n"
                "    let _ = std::io::stderr().write_all(b\"\\xc3\\x28 more\\n\");"),
            "a correct solution that starts a child process and waits for it": (
                "    let _ = std::process::Command::new(\"sh\").args([\"-c\", \"echo from a child\"]).status();"),
            "a correct solution with a broken Cargo.toml beside it": "",
            "a correct solution with a .cargo/config.toml that would break the build": "",
        }
        for label, body in honest.items():
            d, _ = take()
            with open(os.path.join(student, d, "src", "lib.rs"), "w") as f:
                f.write(into_solution(sol(d), body) if body else sol(d))
            if "broken Cargo.toml" in label:
                with open(os.path.join(student, d, "Cargo.toml"), "w") as f:
                    f.write("[package\nthis is not a manifest = = =\n")
            if ".cargo/config.toml" in label:
                os.makedirs(os.path.join(student, d, ".cargo"))
                with open(os.path.join(student, d, ".cargo", "config.toml"), "w") as f:
                    f.write('[build]\nrustflags = ["--cfg", "broken("]\nrustc-wrapper = "/bin/false"\n')
            plan[d] = (label, True)

        shutil.rmtree(os.path.join(course_dir, "exercises"))
        shutil.copytree(student, os.path.join(course_dir, "exercises"))
        before = tree_hash(os.path.join(course_dir, "exercises"))
        report = os.path.join(work, "report.json")
        junit = os.path.join(work, "report.xml")
        code, out, secs, peak = course(course_dir, "grade", "--json", report, "--junit", junit, timeout=600)
        print(f"    (the hostile class graded in {secs:.1f} s; runner peak {peak:.1f} MiB)")
        check("grade writes both reports and exits 1", code == 1 and os.path.exists(report) and os.path.exists(junit), out)
        data = {e["dir"]: e for e in json.load(open(report))["exercises"]} if os.path.exists(report) else {}
        for d, (label, expect_pass) in plan.items():
            e = data.get(d, {})
            passed_tests = [t["name"] for t in e.get("tests", []) if t["status"] == "pass"]
            if expect_pass:
                check(f"{label}: still passes", e.get("status") == "passed",
                      json.dumps(e, indent=1)[:3000])
            else:
                check(f"{label}: not passed, no test reported `pass`",
                      e.get("status") not in (None, "passed") and not passed_tests,
                      f"status {e.get('status')}, passing tests {passed_tests}\n" + json.dumps(e, indent=1)[:3000])
        forged = [d for d, (label, _) in plan.items() if label.startswith("prints `ok`")]
        check("printed `ok` lines are noted in the report as imitations",
              all(any("imitates test results" in n for n in data.get(d, {}).get("notes", [])) for d in forged),
              {d: data.get(d, {}).get("notes") for d in forged})
        manifest_labels = [d for d, (label, _) in plan.items() if "Cargo.toml" in label or "build.rs" in label
                           or "[[test]]" in label or "grader dev-dependency" in label or ".cargo" in label]
        check("changed manifests, build scripts and configs are listed as ignored",
              all(data.get(d, {}).get("ignored_files") for d in manifest_labels),
              {d: data.get(d, {}).get("ignored_files") for d in manifest_labels})
        check("grading the hostile class finished within 5 minutes", secs < 300, f"{secs:.1f} s")
        check("the runner's peak memory stayed under 100 MB", 0 < peak < 100, f"{peak:.1f} MiB")
        check("nothing in the student's exercises/ was changed", tree_hash(os.path.join(course_dir, "exercises")) == before)
        leftovers = subprocess.run(["pgrep", "-f", "sleep 1234"], capture_output=True, text=True).stdout.split()
        check("no child process of a test program is left running", not leftovers, leftovers)

        # --- check: forged output is not "solved". ------------------------------------------------------------
        forged = next(d for d, (label, _) in plan.items() if label.startswith("prints `ok` for every test"))
        name = forged.split("/")[1].split("-", 1)[1]
        code, out, _, _ = course(course_dir, "check", name)
        check("check: forged `ok` lines and exit(0) are not solved", code == 1 and "solved!" not in out, out)

        # --- Every exercise misbehaves at once. ----------------------------------------------------------------
        behaviours = [
            "    loop { std::hint::spin_loop(); }",
            "    std::thread::sleep(std::time::Duration::from_secs(1000));",
            "    let _ = std::process::Command::new(\"sleep\").arg(\"1234\").status();",
            "    use std::io::Write as _;\n    loop { let _ = std::io::stdout().lock().write_all(&[b'y'; 65536]); }",
        ]
        shutil.rmtree(os.path.join(course_dir, "exercises"))
        shutil.copytree(pristine, os.path.join(course_dir, "exercises"))
        for i, (d, _) in enumerate(all_ex):
            with open(os.path.join(course_dir, "exercises", d, "src", "lib.rs"), "w") as f:
                f.write(inject(stub(d), behaviours[i % len(behaviours)]))
        code, out, secs, peak = course(course_dir, "grade", "--json", report, timeout=600)
        data = json.load(open(report))["exercises"] if os.path.exists(report) else []
        print(f"    (every exercise misbehaving: graded in {secs:.1f} s; runner peak {peak:.1f} MiB)")
        check("every exercise misbehaving: finished within 5 minutes, report written, nothing passed",
              code == 1 and secs < 300 and len(data) == len(all_ex)
              and not any(t["status"] == "pass" for e in data for t in e["tests"]), out[-3000:])
        check("every exercise misbehaving: peak memory under 100 MB", 0 < peak < 100, f"{peak:.1f} MiB")
        kinds = {t["kind"] for e in data for t in e["tests"]}
        check("every exercise misbehaving: the kinds say what happened (busy, blocked, did not run…)",
              kinds & {"busy", "blocked", "stuck"} and kinds <= {"busy", "blocked", "stuck", "did_not_run",
                                                                  "failed", "unfinished"}, kinds)
        leftovers = subprocess.run(["pgrep", "-f", "sleep 1234"], capture_output=True, text=True).stdout.split()
        check("every exercise misbehaving: no child process left running", not leftovers, leftovers)

        # --- SIGTERM to the runner while a test program with a child is running. --------------------------------
        def terminate_later(p):
            def later():
                deadline = time.monotonic() + 120
                while time.monotonic() < deadline:
                    if subprocess.run(["pgrep", "-f", "sleep 1234"], capture_output=True).returncode == 0:
                        break
                    time.sleep(0.1)
                time.sleep(0.3)
                try:
                    os.kill(p.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            threading.Thread(target=later, daemon=True).start()
        code, out, secs, _ = course(course_dir, "grade", timeout=300, on_start=terminate_later)
        time.sleep(0.5)
        leftovers = subprocess.run(["pgrep", "-f", "sleep 1234"], capture_output=True, text=True).stdout.split()
        check("SIGTERM: exit 2, a clear line, the test program's children killed",
              code == 2 and "interrupted" in out and "panicked" not in out and not leftovers,
              f"exit {code}, leftovers {leftovers}\n{out[-2000:]}")
        for pid in leftovers:
            os.kill(int(pid), signal.SIGKILL)

        # --- Report paths are checked before grading; resets never reuse a backup. -----------------------------
        code, out, secs, _ = course(course_dir, "grade", "--json", "/nonexistent-folder/report.json")
        check("an unwritable --json path fails at once, before grading", code == 2 and secs < 20
              and "cannot write the report" in out, f"exit {code} after {secs:.1f} s\n{out}")
        d, name = all_ex[0]
        lib = os.path.join(course_dir, "exercises", d, "src", "lib.rs")
        for version in ("first version", "second version"):
            with open(lib, "w") as f:
                f.write(f"// {version}\n")
            course(course_dir, "reset", name, "--yes")
        backups = os.path.join(course_dir, ".course", "backups")
        kept = sorted(open(os.path.join(backups, b, "src", "lib.rs")).read() for b in os.listdir(backups)
                      if b.startswith(name) and os.path.exists(os.path.join(backups, b, "src", "lib.rs")))
        check("two resets in a row keep both versions in separate backups",
              "// first version\n" in kept and "// second version\n" in kept, kept)

    if failures:
        sys.exit(f"{len(failures)} attack(s) succeeded")
    print("every attack was defeated")


if __name__ == "__main__":
    main()
