#!/usr/bin/env python3
"""Prints the course's speed figures (targets in docs/BENCHMARKS.md). Never a pass/fail test: it measures.

  python3 scripts/bench.py            # all figures
  python3 scripts/bench.py --runs 10  # runs per median (default 10)
  python3 scripts/bench.py --quick    # skip the slow ones (fresh clone, book build)

Measured on the course folder itself; each edit is a harmless comment appended to an exercise's lib.rs and removed
afterwards.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXERCISE = "hello-await"
LIB = os.path.join(ROOT, "exercises/01-async-await/01-hello-await/src/lib.rs")


def timed(cmd, cwd=ROOT, env=None):
    started = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def edit():
    """Changes the exercise's source so cargo must rebuild it (a new comment each time)."""
    with open(LIB, "a") as f:
        f.write(f"// bench {time.time_ns()}\n")


def median_after_edit(cmd, runs, cwd=ROOT):
    samples = []
    for _ in range(runs):
        edit()
        samples.append(timed(cmd, cwd=cwd))
    return statistics.median(samples), samples


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    original = open(LIB).read()
    try:
        subprocess.run(["cargo", "build", "-q", "-p", "course"], cwd=ROOT, check=True)
        subprocess.run(["cargo", "course", "grade"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        raw, _ = median_after_edit(["cargo", "test", "-q", "-p", EXERCISE], args.runs, cwd=os.path.join(ROOT, "exercises"))
        check, _ = median_after_edit(["cargo", "course", "check", EXERCISE], args.runs)
        print(f"re-grade one exercise after an edit (median of {args.runs}):")
        print(f"  raw `cargo test -p {EXERCISE}`      {raw:.3f} s")
        print(f"  `cargo course check {EXERCISE}`     {check:.3f} s   ratio {check / raw:.2f}x")
        with open(LIB, "w") as f:
            f.write(original)
        timed(["cargo", "course", "grade"])
        unchanged = statistics.median(timed(["cargo", "course", "grade"]) for _ in range(max(3, args.runs // 2)))
        one_edit, _ = median_after_edit(["cargo", "course", "grade"], max(3, args.runs // 2))
        watch_latency(args.runs)
        print("whole-course `cargo course grade`:")
        print(f"  nothing changed                   {unchanged:.3f} s")
        print(f"  after editing one exercise        {one_edit:.3f} s")
        virtual_vs_wall()
        peak_memory()
        misbehaving_grade()
        if not args.quick:
            fresh_clone()
            book_build()
    finally:
        with open(LIB, "w") as f:
            f.write(original)


def watch_latency(runs):
    """Save → verdict through `cargo course watch` itself: the time from writing the file to the end of the new
    screen (watch without a terminal prints each screen as text, ending with its keys line)."""
    import queue
    import threading
    p = subprocess.Popen(["cargo", "course", "watch", EXERCISE], cwd=ROOT, stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(l) for l in p.stdout], daemon=True).start()

    def next_screen():
        while "[type a letter and Enter]" not in lines.get(timeout=120):
            pass

    try:
        next_screen()
        samples = []
        for _ in range(runs):
            time.sleep(0.5)  # let the watcher settle, as between two saves
            started = time.perf_counter()
            edit()
            next_screen()
            samples.append(time.perf_counter() - started)
    finally:
        p.kill()
    print(f"save → verdict in `cargo course watch` (median of {runs})   {statistics.median(samples):.3f} s")


def virtual_vs_wall():
    """Virtual time the graded suite simulates vs the wall time it takes, and a workload on both clocks."""
    import json
    import tempfile
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as times:
        env = dict(os.environ, GRADER_TIMES_FILE=times.name)
        meta = json.loads(subprocess.run(["cargo", "metadata", "--no-deps", "--format-version", "1"], cwd=ROOT,
                                         capture_output=True, text=True, check=True).stdout)
        solutions = [p["name"] for p in meta["packages"] if "/solutions/" in p["manifest_path"]]
        cmd = ["cargo", "test", "-q"] + [a for name in solutions for a in ("-p", name)]
        subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        rows = [tuple(map(float, line.split())) for line in open(times.name) if line.strip()]
    simulated = sum(v for v, _ in rows)
    spent = sum(w for _, w in rows)
    print(f"graded suite on the solutions ({len(rows)} tests):")
    print(f"  virtual time simulated            {simulated:.1f} s")
    print(f"  wall time inside the test bodies  {spent:.3f} s   virtual/wall {simulated / spent:,.0f}x")
    out = subprocess.run(["cargo", "run", "-q", "--release", "-p", "grader", "--example", "real_vs_virtual"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout.split()
    paused, real, workload = map(float, out)
    print(f"a {workload:.1f} s workload (crates/grader/examples/real_vs_virtual.rs):")
    print(f"  paused clock                      {paused * 1000:.2f} ms")
    print(f"  real clock (real sleeps)          {real:.3f} s   ({real / paused:,.0f}x slower)")


def peak_memory():
    out = subprocess.run(["/usr/bin/time", "-v", "cargo", "course", "grade"], cwd=ROOT, capture_output=True, text=True)
    for line in out.stderr.splitlines():
        if "Maximum resident set size" in line:
            print(f"peak memory of `cargo course grade` (largest process) {int(line.split()[-1]) / 1024:.1f} MiB")


def misbehaving_grade():
    """A whole-course grade in which every exercise misbehaves (busy loops, blocking sleeps, output floods, child
    processes), in a scratch copy: how long it takes and the runner's own peak memory."""
    import shutil
    import tempfile
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import attacks
    behaviours = [
        "    loop { std::hint::spin_loop(); }",
        "    std::thread::sleep(std::time::Duration::from_secs(1000));",
        "    let _ = std::process::Command::new(\"sleep\").arg(\"1234\").status();",
        "    use std::io::Write as _;\n    loop { let _ = std::io::stdout().lock().write_all(&[b'y'; 65536]); }",
    ]
    with tempfile.TemporaryDirectory(prefix="course-bench-") as tmp:
        copy = os.path.join(tmp, "course")
        attacks.copy_course(copy)
        attacks.course(copy, "grade")  # build once: the figure is about grading
        for i, (d, _) in enumerate(attacks.exercises(copy)):
            lib = os.path.join(copy, "exercises", d, "src", "lib.rs")
            stub = open(lib).read()
            with open(lib, "w") as f:
                f.write(attacks.inject(stub, behaviours[i % len(behaviours)]))
        attacks.course(copy, "grade")  # compile the misbehaving code
        _, _, seconds, peak = attacks.course(copy, "grade")
        shutil.rmtree(copy, ignore_errors=True)
    print("whole-course grade in which every exercise misbehaves (built; busy, blocking, flooding, child processes):")
    print(f"  wall time                         {seconds:.1f} s")
    print(f"  the runner's peak memory          {peak:.1f} MiB")


def fresh_clone():
    """A fresh clone to the first verdict, with crates already downloaded but nothing compiled."""
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        clone = os.path.join(tmp, "course")
        subprocess.run(["git", "clone", "-q", ROOT, clone], check=True)
        ex = os.path.join(clone, "exercises/01-async-await/01-hello-await")
        first = timed(["cargo", "test"], cwd=ex)
        runner = timed(["cargo", "course", "check", EXERCISE], cwd=clone)
    print("fresh clone, crates downloaded, cold target dir:")
    print(f"  `cargo test` in the first exercise (first verdict)   {first:.1f} s")
    print(f"  then `cargo course check` (builds the runner)        {runner:.1f} s")


def book_build():
    subprocess.run(["cargo", "course", "book", "--build"], cwd=ROOT, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)  # installs the tools if needed
    took = timed(["cargo", "course", "book", "--build"])
    print(f"book build (`cargo course book --build`, tools installed)  {took:.2f} s")


if __name__ == "__main__":
    sys.exit(main())
