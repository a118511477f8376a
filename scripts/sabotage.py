#!/usr/bin/env python3
"""Proves the checks can fail: plants known problems in a scratch copy of the course and requires each to be caught.

- `cargo course verify` must fail when an exercise passes a graded test as shipped, when a solution fails a test,
  and when an exercise folder appears that course.toml does not know;
- a deadlock, a blocking `std::thread::sleep(60 s)` and a `loop {}` planted in an exercise must each fail its
  grading within 10 s of real time, with a message naming the cause.

Run from the course root: `python3 scripts/sabotage.py`. Exit code 0 when every sabotage was caught.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EX = "exercises/01-async-await/01-hello-await"
SOL = "solutions/01-async-await/01-hello-await"

failures = []


def copy_course(dest):
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           check=True, capture_output=True).stdout.decode().split("\0")
    for f in filter(None, files):
        src = os.path.join(ROOT, f)
        if not os.path.isfile(src):
            continue
        os.makedirs(os.path.dirname(os.path.join(dest, f)), exist_ok=True)
        shutil.copy2(src, os.path.join(dest, f))


def course(copy, *args):
    env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(ROOT, "target", "sabotage"))
    started = time.monotonic()
    p = subprocess.run(["cargo", "course", *args], cwd=copy, env=env, capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr, time.monotonic() - started


def expect(name, ok, detail):
    print(("caught    " if ok else "MISSED    ") + name)
    if not ok:
        failures.append(name)
        print("    " + detail.replace("\n", "\n    ")[:3000])


def write(copy, path, text):
    with open(os.path.join(copy, path), "w") as f:
        f.write(text)


def with_sabotage(copy, path, text, check):
    original = open(os.path.join(copy, path)).read()
    write(copy, path, text)
    try:
        check()
    finally:
        write(copy, path, original)


STUB = 'use std::time::Duration;\n\npub async fn greet_after(name: &str, delay: Duration) -> String {\n%s\n}\n'


def main():
    with tempfile.TemporaryDirectory(prefix="course-sabotage-") as copy:
        copy_course(copy)
        # Build once so the timings below measure grading, not compiling.
        code, out, _ = course(copy, "list")
        if code != 0:
            print(out)
            sys.exit("cargo course list failed in the scratch copy")

        solution = open(os.path.join(copy, SOL, "src/lib.rs")).read()

        def shipped_passes():
            code, out, _ = course(copy, "verify")
            expect("verify: a graded test passes on the exercise as shipped", code == 1 and "passes on the exercise as shipped" in out, out)
        with_sabotage(copy, f"{EX}/src/lib.rs", solution, shipped_passes)

        def solution_fails():
            code, out, _ = course(copy, "verify")
            expect("verify: a solution fails a test", code == 1 and "the solution fails `returns_the_greeting`" in out, out)
        with_sabotage(copy, f"{SOL}/src/lib.rs", solution.replace('"Hello, {name}!"', '"Hi, {name}!"'), solution_fails)

        stray = os.path.join(copy, "exercises/01-async-await/99-stray")
        os.makedirs(os.path.join(stray, "src"))
        write(copy, "exercises/01-async-await/99-stray/Cargo.toml",
              '[package]\nname = "stray"\nversion = "0.1.0"\nedition = "2024"\n')
        write(copy, "exercises/01-async-await/99-stray/src/lib.rs", "")
        code, out, _ = course(copy, "verify")
        expect("verify: an exercise folder course.toml does not know",
               code == 1 and "exercises/01-async-await/99-stray/ is not an exercise in course.toml" in out, out)
        shutil.rmtree(stray)

        plants = {
            "deadlock": ("    let (_tx, mut rx) = tokio::sync::mpsc::channel::<String>(1);\n"
                         "    let _ = (name, delay);\n    rx.recv().await.unwrap()", ["never completed", "still waiting"]),
            "std::thread::sleep(60 s)": ("    std::thread::sleep(Duration::from_secs(60));\n    format!(\"Hello, {name}! {delay:?}\")",
                                         ["sat idle", "std::thread::sleep"]),
            "loop {}": ("    let _ = (name, delay);\n    #[allow(clippy::empty_loop)]\n    loop {}", ["busy computing", "busy loop"]),
        }
        for label, (body, words) in plants.items():
            def graded():
                course(copy, "list")  # compile first: the limit is about grading
                code, out, seconds = course(copy, "check", "hello-await")
                named = all(any(w in line for line in out.splitlines()) for w in words[:1])
                expect(f"grading: {label} fails within 10 s naming the cause ({seconds:.1f} s)",
                       code == 1 and seconds < 10 and named, out)
            with_sabotage(copy, f"{EX}/src/lib.rs", STUB % body, graded)

    if failures:
        sys.exit(f"{len(failures)} sabotage(s) were not caught")
    print("every sabotage was caught")


if __name__ == "__main__":
    main()
