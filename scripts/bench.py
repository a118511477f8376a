#!/usr/bin/env python3
"""Prints the course's speed figures (targets in docs/BENCHMARKS.md). Never a pass/fail test: it measures.

  python3 scripts/bench.py            # all figures
  python3 scripts/bench.py --runs 10  # runs per median (default 10)

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


def median_after_edit(cmd, runs):
    samples = []
    for _ in range(runs):
        edit()
        samples.append(timed(cmd))
    return statistics.median(samples), samples


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    original = open(LIB).read()
    try:
        subprocess.run(["cargo", "build", "-q", "-p", "course"], cwd=ROOT, check=True)
        subprocess.run(["cargo", "course", "grade"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        raw, _ = median_after_edit(["cargo", "test", "-q", "-p", EXERCISE], args.runs)
        check, _ = median_after_edit(["cargo", "course", "check", EXERCISE], args.runs)
        print(f"re-grade one exercise after an edit (median of {args.runs}):")
        print(f"  raw `cargo test -p {EXERCISE}`      {raw:.3f} s")
        print(f"  `cargo course check {EXERCISE}`     {check:.3f} s   ratio {check / raw:.2f}x")
        with open(LIB, "w") as f:
            f.write(original)
        timed(["cargo", "course", "grade"])
        unchanged = statistics.median(timed(["cargo", "course", "grade"]) for _ in range(max(3, args.runs // 2)))
        one_edit, _ = median_after_edit(["cargo", "course", "grade"], max(3, args.runs // 2))
        print("whole-course `cargo course grade`:")
        print(f"  nothing changed                   {unchanged:.3f} s")
        print(f"  after editing one exercise        {one_edit:.3f} s")
    finally:
        with open(LIB, "w") as f:
            f.write(original)


if __name__ == "__main__":
    sys.exit(main())
