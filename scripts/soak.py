#!/usr/bin/env python3
"""Determinism soak: runs every graded test binary N times and requires the same verdicts every time.

  python3 scripts/soak.py              # 100 rounds, with another process keeping one core busy
  python3 scripts/soak.py --runs 20    # fewer rounds (CI)
  python3 scripts/soak.py --no-load    # without the background load

Every solution must pass every graded test in every round; every shipped exercise must fail exactly the same
tests (all of them) in every round. Prints the counts; exits non-zero on any difference (a flake is a bug).
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LINE = re.compile(r"^test (.+) \.\.\. (ok|FAILED)$", re.M)


# The solutions are in the course's workspace, the exercises in their own (exercises/Cargo.toml).
WORKSPACES = [ROOT, os.path.join(ROOT, "exercises")]


def packages():
    out = []
    for ws in WORKSPACES:
        meta = json.loads(subprocess.run(["cargo", "metadata", "--no-deps", "--format-version", "1"], cwd=ws,
                                         check=True, capture_output=True, text=True).stdout)
        for p in meta["packages"]:
            rel = os.path.relpath(os.path.dirname(p["manifest_path"]), ROOT)
            if rel.startswith("exercises/") and rel.count("/") == 2 or rel.startswith("solutions/"):
                out.append((p["name"], rel))
    return sorted(out)


def build(pkgs):
    exes = {}
    exes.update(build_in(ROOT, [(n, rel) for n, rel in pkgs if rel.startswith("solutions/")]))
    exes.update(build_in(os.path.join(ROOT, "exercises"), [(n, rel) for n, rel in pkgs if rel.startswith("exercises/")]))
    return exes


def build_in(ws, pkgs):
    cmd = ["cargo", "build", "--message-format=json", "--test", "grade"]
    for name, _ in pkgs:
        cmd += ["-p", name]
    out = subprocess.run(cmd, cwd=ws, capture_output=True, text=True)
    exes = {}
    for line in out.stdout.splitlines():
        try:
            msg = json.loads(line)
        except ValueError:
            continue
        if msg.get("reason") == "compiler-artifact" and msg.get("executable") and msg["target"]["name"] == "grade":
            exes[os.path.relpath(os.path.dirname(msg["manifest_path"]), ROOT)] = msg["executable"]
    if out.returncode != 0:
        sys.exit("the graded tests do not build:\n" + out.stderr[-3000:])
    return exes


def run(exe, cwd):
    p = subprocess.run([exe, "--color", "never", "--test-threads", "8"], cwd=os.path.join(ROOT, cwd),
                       capture_output=True, text=True, env=dict(os.environ, RUST_BACKTRACE="0"), timeout=300)
    return {name: verdict == "ok" for name, verdict in LINE.findall(p.stdout)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--no-load", action="store_true")
    args = parser.parse_args()
    pkgs = packages()
    exes = build(pkgs)
    load = None if args.no_load else subprocess.Popen([sys.executable, "-c", "while True: pass"])
    first = {}
    problems = []
    started = time.monotonic()
    try:
        for round_ in range(1, args.runs + 1):
            for _, rel in pkgs:
                verdicts = run(exes[rel], rel)
                solution = rel.startswith("solutions/")
                if not verdicts:
                    problems.append(f"round {round_}: {rel} ran no test")
                elif solution and not all(verdicts.values()):
                    failed = [n for n, ok in verdicts.items() if not ok]
                    problems.append(f"round {round_}: the solution {rel} failed {failed}")
                elif not solution and any(verdicts.values()):
                    passed = [n for n, ok in verdicts.items() if ok]
                    problems.append(f"round {round_}: the shipped exercise {rel} passed {passed}")
                if rel in first and first[rel] != verdicts:
                    problems.append(f"round {round_}: {rel} gave different verdicts than in round 1")
                first.setdefault(rel, verdicts)
            if round_ % 10 == 0 or round_ == args.runs:
                print(f"  {round_}/{args.runs} rounds, {len(problems)} problem(s), {time.monotonic() - started:.0f} s",
                      flush=True)
    finally:
        if load:
            load.kill()
    tests = sum(len(v) for v in first.values())
    print(f"soak: {args.runs} rounds x {len(pkgs)} crates ({tests} graded tests per round)"
          f"{'' if args.no_load else ' with one core kept busy'}: {len(problems)} problem(s)")
    for p in problems[:20]:
        print("  " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
