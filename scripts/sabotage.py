#!/usr/bin/env python3
"""Proves the checks can fail: plants known problems in a scratch copy of the course and requires each to be caught.

- `cargo course verify` must fail when an exercise passes a graded test as shipped, when a solution fails a test,
  and when an exercise folder appears that course.toml does not know; and it must stop, naming the patch, when a
  solution changes so that one of its mutant patches no longer applies;
- a deadlock, a blocking `std::thread::sleep(60 s)` and a `loop {}` planted in an exercise must each fail its
  grading within 10 s of real time, with a message naming the cause;
- the teacher's report fails the shipped course, passes the solutions, and ignores (and lists) an edited test file.

Attacks by a student's code on the grade itself are in scripts/attacks.py.

Run from the course root: `python3 scripts/sabotage.py`. Exit code 0 when every sabotage was caught.
"""

import os
import shutil
import signal
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
        shutil.copy(src, os.path.join(dest, f))  # fresh mtimes: cargo must rebuild what changed


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
        # Seal the copy as shipped (verify checks the repository's own seal), and build once so the timings below
        # measure grading, not compiling.
        course(copy, "seal")
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
            # The changed solution leaves its mutant patches behind: verify stops before building, naming them.
            code, out, _ = course(copy, "verify")
            expect("verify: a mutant patch that no longer applies to its changed solution",
                   code == 2 and f"{SOL}/mutants/wrong_greeting.patch: the diff no longer applies" in out
                   and "The solution changed" in out, out)
            mutants = os.path.join(copy, SOL, "mutants")
            os.rename(mutants, mutants + ".away")
            try:
                code, out, _ = course(copy, "verify")
            finally:
                os.rename(mutants + ".away", mutants)
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
            "loop {}": ("    let _ = (name, delay);\n    #[allow(clippy::empty_loop)]\n    loop {}", ["kept computing", "busy loop"]),
        }
        for label, (body, words) in plants.items():
            def graded():
                course(copy, "list")  # compile first: the limit is about grading
                code, out, seconds = course(copy, "check", "hello-await")
                named = all(any(w in line for line in out.splitlines()) for w in words[:1])
                expect(f"grading: {label} fails within 10 s naming the cause ({seconds:.1f} s)",
                       code == 1 and seconds < 10 and named, out)
            with_sabotage(copy, f"{EX}/src/lib.rs", STUB % body, graded)

        # Ctrl-C while a stuck exercise is being graded: a one-line message, exit code 2, the learner's file intact.
        def interrupted():
            course(copy, "list")
            env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(ROOT, "target", "sabotage"))
            p = subprocess.Popen(["cargo", "course", "check", "hello-await"], cwd=copy, env=env, text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
            time.sleep(1.5)
            os.killpg(p.pid, signal.SIGINT)
            out, err = p.communicate(timeout=30)
            intact = open(os.path.join(copy, EX, "src/lib.rs")).read() == STUB % plants["loop {}"][0]
            expect("Ctrl-C during grading: exit 2, a clear line, files intact",
                   p.returncode == 2 and "interrupted" in err and "panicked" not in err and intact,
                   f"exit {p.returncode}\n{out}\n{err}")
        with_sabotage(copy, f"{EX}/src/lib.rs", STUB % plants["loop {}"][0], interrupted)

        # The teacher's report: shipped → every exercise fails; solutions copied in → all pass; an edited test
        # file → that exercise is reported as tampered with.
        import json
        report = os.path.join(copy, "report.json")
        code, out, _ = course(copy, "grade", "--json", report, "--junit", os.path.join(copy, "report.xml"))
        statuses = {e["name"]: e["status"] for e in json.load(open(report))["exercises"]}
        expect("grade: the shipped exercises all fail", code == 1 and set(statuses.values()) == {"failed"}, out)
        for chapter in sorted(os.listdir(os.path.join(copy, "solutions"))):
            for ex in sorted(os.listdir(os.path.join(copy, "solutions", chapter))):
                src = os.path.join(copy, "solutions", chapter, ex, "src")
                if not os.path.isdir(src):  # a placeholder such as .gitkeep
                    continue
                dst = os.path.join(copy, "exercises", chapter, ex, "src")
                shutil.rmtree(dst)
                shutil.copytree(src, dst, copy_function=shutil.copy)  # new mtimes, so cargo rebuilds
        code, out, _ = course(copy, "grade", "--json", report)
        statuses = {e["name"]: e["status"] for e in json.load(open(report))["exercises"]}
        expect("grade: with the solutions copied in, everything passes",
               code == 0 and set(statuses.values()) == {"passed"}, out)
        # An edited graded test file (here: emptied of its tests) is not used: grading takes only the learner's
        # sources, uses the shipped tests, and lists the edited file as ignored.
        test_file = os.path.join(copy, EX, "tests/grade.rs")
        with open(test_file, "w") as f:
            f.write("// a student was here: no tests at all\n")
        code, out, _ = course(copy, "grade", "--json", report)
        data = {e["name"]: e for e in json.load(open(report))["exercises"]}
        hello = data["hello-await"]
        expect("grade: an edited test file is ignored (the shipped tests grade) and listed",
               code == 0 and hello["status"] == "passed" and len(hello["tests"]) == 3
               and hello["ignored_files"] == [{"path": f"{EX}/tests/grade.rs", "change": "changed"}]
               and "ignored for grading" in out, out)

    if failures:
        sys.exit(f"{len(failures)} sabotage(s) were not caught")
    print("every sabotage was caught")


if __name__ == "__main__":
    main()
