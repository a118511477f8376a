#!/usr/bin/env python3
"""A whole class graded in one command, checked against grading each student alone.

Works as a teacher would. Generates a class of submissions in a temporary folder from this checkout (full copies
of the course with every solution, the stubs as shipped, solutions with known-wrong patches from
`solutions/*/*/mutants/*.patch` applied, broken manifests, a hostile one that spins forever, fakes `ok` lines and
exits 0, and leaves a sleeping child behind; as folders, a git repository, `.zip` and `.tar.gz` archives, plus a
damaged archive, one with `../` paths and one with a symbolic link), grades them all with

    cargo course grade --submissions DIR --out OUT --jobs 2

in a pristine copy of the course, then checks:

- every submission is in class.json, class.csv and class.html (whose embedded data equals class.json), and every
  graded one has students/<id>.json equal to its report in class.json; unusable ones name their problem;
- the scores are the expected ones (solutions pass everything, stubs nothing, a mutated exercise fails, a broken
  manifest is ignored and listed, the hostile exercises fail and the others pass);
- several submissions graded alone (`cargo course grade --json` in the pristine copy with that student's
  `exercises/` copied in) give the same statuses and test kinds as in the batch, the hostile one included;
- the hostile submission did not hold the others up: the other slot went on grading during its time, and the
  submissions graded meanwhile took no longer than the others.

It prints the figures for docs/BENCHMARKS.md (seconds per submission, warm; peak memory of the runner and of the
whole process tree). By default a CI-sized class of 8 submissions (3 of them graded alone); `--all` makes all 30
(5 graded alone). Run from the course root: `python3 scripts/class.py [--all] [--jobs N] [--keep]`.
"""

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import attacks  # noqa: E402  (the pristine copy, the course's exercises and tests, and the code attacks)

ROOT = attacks.ROOT
# The build folder shared with scripts/attacks.py (which CI runs first): dependencies and the runner are warm.
TARGET = attacks.TARGET
failures = []


def check(name, ok, detail=""):
    print(("ok      " if ok else "FAILED  ") + name, flush=True)
    if not ok:
        failures.append(name)
        print("    " + str(detail).replace("\n", "\n    ")[:4000], flush=True)


# --- Measuring: the runner's and the whole process tree's peak memory. -----------------------------------------

def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def session_rss_mib(sid):
    """Resident memory of every process in session `sid`, added up."""
    total = 0
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[3]) == sid:  # fields after the name: state ppid pgrp session …
                total += rss_kib(int(name))
        except (OSError, IndexError, ValueError):
            continue
    return total / 1024


def course(copy, *args, timeout=1800):
    """Runs `cargo course ARGS` in `copy`: (exit code, output, seconds, runner peak MiB, process tree peak MiB)."""
    env = dict(os.environ, CARGO_TARGET_DIR=TARGET)
    started = time.monotonic()
    p = subprocess.Popen(["cargo", "course", *args], cwd=copy, env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    out = []

    def read():
        for line in p.stdout:
            text = line.decode(errors="replace")
            out.append(text)
            if text.startswith("["):
                print("    " + text.rstrip(), flush=True)
    reader = threading.Thread(target=read)
    reader.start()
    peak_runner, peak_tree = 0.0, 0.0
    while p.poll() is None:
        peak_runner = max(peak_runner, attacks.peak_rss_mib(p.pid) or 0.0)
        peak_tree = max(peak_tree, session_rss_mib(p.pid))
        if time.monotonic() - started > timeout:
            os.killpg(p.pid, signal.SIGKILL)
            break
        time.sleep(0.2)
    p.wait()
    reader.join()
    return p.returncode, "".join(out), time.monotonic() - started, peak_runner, peak_tree


# --- Making submissions. ---------------------------------------------------------------------------------------

def exercise_files():
    """The shipped exercises/ folder's files (relative to exercises/), as git knows them."""
    files = subprocess.run(["git", "ls-files", "-z", "--", "exercises"], cwd=ROOT, check=True,
                           capture_output=True).stdout.decode().split("\0")
    return [f[len("exercises/"):] for f in files if f and not f.startswith("exercises/.runner/")]


def make_exercises(dest, ex_dirs, solved):
    """An exercises/ folder at `dest`: stubs as shipped, with the solution's sources for the dirs in `solved`."""
    for rel in exercise_files():
        src = os.path.join(ROOT, "exercises", rel)
        if os.path.isfile(src):
            os.makedirs(os.path.dirname(os.path.join(dest, rel)), exist_ok=True)
            shutil.copy(src, os.path.join(dest, rel))
    for d in ex_dirs:
        if d in solved:
            shutil.rmtree(os.path.join(dest, d, "src"))
            shutil.copytree(os.path.join(ROOT, "solutions", d, "src"), os.path.join(dest, d, "src"))


def mutants_of(d):
    folder = os.path.join(ROOT, "solutions", d, "mutants")
    return sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".patch")) \
        if os.path.isdir(folder) else []


def apply_mutant(ex_folder, patch):
    subprocess.run(["patch", "-s", "-p0", "-i", patch], cwd=ex_folder, check=True, capture_output=True)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


class Student:
    def __init__(self, sid, entry, expect, alone=False):
        self.id = sid            # the student id the runner must derive
        self.entry = entry       # the entry's name in the submissions folder
        self.expect = expect     # dict: status, form, and per-exercise expectations
        self.alone = alone       # also graded alone, and compared
        self.tree = None         # the student's exercises/ folder (for grading alone)


def build_class(work, ex_dirs, names, full):
    """Makes the submissions under work/subs; returns the Students."""
    subs = os.path.join(work, "subs")
    trees = os.path.join(work, "trees")
    os.makedirs(subs)
    all_dirs = set(ex_dirs)
    students = []

    def tree(sid, solved=all_dirs):
        t = os.path.join(trees, sid, "exercises")
        make_exercises(t, ex_dirs, solved)
        return t

    def add(student, t):
        student.tree = t
        students.append(student)
        return student

    def as_folder(sid, t, course_copy=False):
        dest = os.path.join(subs, sid)
        if course_copy:
            attacks.copy_course(dest)
            shutil.rmtree(os.path.join(dest, "exercises"))
            shutil.copytree(t, os.path.join(dest, "exercises"))
        else:
            shutil.copytree(t, dest)
        return dest

    def as_zip(name, t, wrap):
        with zipfile.ZipFile(os.path.join(subs, name), "w", zipfile.ZIP_DEFLATED) as z:
            for base, _, files in os.walk(t):
                for f in files:
                    p = os.path.join(base, f)
                    z.write(p, os.path.join(wrap, os.path.relpath(p, t)))
            # Build output in the archive is skipped, not counted.
            z.writestr(os.path.join(wrap, "target", "debug", "junk.bin"), b"\0" * 100_000)

    def as_tgz(name, t, wrap):
        with tarfile.open(os.path.join(subs, name), "w:gz") as tf:
            tf.add(t, arcname=wrap)

    mutated_at = {}

    def mutated(sid, k, how_many):
        """Solutions everywhere, with a mutant applied to `how_many` exercises (which ones depends on k)."""
        t = tree(sid)
        chosen = [d for d in ex_dirs if mutants_of(d)]
        picks = [chosen[(k * 7 + i * 5) % len(chosen)] for i in range(how_many)]
        picks = list(dict.fromkeys(picks))
        for i, d in enumerate(picks):
            ms = mutants_of(d)
            apply_mutant(os.path.join(t, d), ms[(k + i) % len(ms)])
        mutated_at[sid] = picks
        return t, {d: "not_passed" for d in picks}

    all_pass = {d: "passed" for d in ex_dirs}

    # 1. A full copy of the course with every solution (a folder).
    t = tree("ada")
    as_folder("ada", t, course_copy=True)
    add(Student("ada", "ada", {"status": "graded", "form": "folder", "ex": all_pass, "score": 100}, alone=True), t)

    # 2. The stubs as shipped (an exercises/ copy, as a .tar.gz).
    t = tree("bo", solved=set())
    as_tgz("bo.tar.gz", t, "exercises")
    add(Student("bo", "bo.tar.gz", {"status": "graded", "form": "tar_gz", "score": 0, "tests_passed": 0}), t)

    # 3. Mutants (a git repository: its work tree is graded).
    t, ex = mutated("cy", 1, 4)
    dest = as_folder("cy", os.path.dirname(t))
    subprocess.run(["git", "init", "-q"], cwd=dest, check=True)
    subprocess.run(["git", "-c", "user.name=cy", "-c", "user.email=cy@example.invalid", "add", "-A"], cwd=dest,
                   check=True)
    subprocess.run(["git", "-c", "user.name=cy", "-c", "user.email=cy@example.invalid", "commit", "-qm", "work"],
                   cwd=dest, check=True)
    add(Student("cy", "cy", {"status": "graded", "form": "git", "ex": {**all_pass, **ex}}, alone=True), t)

    # 4. Broken manifests beside correct solutions: ignored for grading, listed.
    t = tree("dee")
    first = ex_dirs[0]
    write(os.path.join(t, first, "Cargo.toml"), "[package\nthis is not = a manifest\n")
    write(os.path.join(t, "Cargo.toml"), "[workspace\nbroken\n")
    as_folder("dee", t)
    add(Student("dee", "dee", {"status": "graded", "form": "folder", "ex": all_pass, "score": 100,
                               "ignored": f"exercises/{first}/Cargo.toml"}, alone=True), t)

    # 5. Hostile: spins forever, prints fake `ok` lines and exits 0, leaves a sleeping child with the pipes.
    t = tree("eve")
    hostile = {
        ex_dirs[1]: "    loop { std::hint::spin_loop(); }",
        ex_dirs[2]: attacks.CODE_ATTACKS["prints `ok` for every test, then exit(0)"](names[ex_dirs[2]]),
        ex_dirs[3]: attacks.CODE_ATTACKS["leaves a child process running with the output pipes"](names[ex_dirs[3]]),
    }
    for d, body in hostile.items():
        sol = open(os.path.join(ROOT, "solutions", d, "src", "lib.rs")).read()
        write(os.path.join(t, d, "src", "lib.rs"), attacks.into_solution(sol, body))
    as_folder("eve", t)
    # The child is killed with its test program's process group: that exercise, correct otherwise, still passes.
    failing = {d: "not_passed" for d in list(hostile)[:2]}
    add(Student("eve", "eve", {"status": "graded", "form": "folder", "hostile": True,
                               "ex": {**all_pass, **failing}}, alone=True), t)

    # 6. All solutions in a zip of a course copy wrapped in a folder, with build output that is skipped.
    t = tree("flo")
    as_zip("flo.zip", os.path.dirname(t), "flo-course")
    add(Student("flo", "flo.zip", {"status": "graded", "form": "zip", "ex": all_pass, "score": 100}), t)

    # 7. Unusable archives: damaged, a path out of the folder, a symbolic link.
    with open(os.path.join(subs, "gus.zip"), "wb") as f:
        f.write(b"PK\x03\x04" + os.urandom(2000))
    students.append(Student("gus", "gus.zip", {"status": "unusable", "form": "zip", "problem": "not a readable zip"}))
    with zipfile.ZipFile(os.path.join(subs, "hal.zip"), "w") as z:
        z.writestr("exercises/01-async-await/01-hello-await/src/lib.rs", "pub fn x() {}\n")
        z.writestr("../../escaped.rs", "pwned\n")
    students.append(Student("hal", "hal.zip", {"status": "unusable", "form": "zip", "problem": "outside its own folder"}))

    if full:
        # Up to 30: more mutants, partial solutions, archives of each kind, a symbolic link, a truncated archive.
        tl = tempfile.mkdtemp(dir=work)
        os.symlink("/etc/passwd", os.path.join(tl, "lib.rs"))
        with tarfile.open(os.path.join(subs, "ike.tgz"), "w:gz") as tf:
            tf.add(os.path.join(tl, "lib.rs"), arcname="exercises/01-async-await/01-hello-await/src/lib.rs")
        students.append(Student("ike", "ike.tgz", {"status": "unusable", "form": "tar_gz", "problem": "link"}))
        data = open(os.path.join(subs, "bo.tar.gz"), "rb").read()
        with open(os.path.join(subs, "jo.tar.gz"), "wb") as f:
            f.write(data[: len(data) // 2])
        students.append(Student("jo", "jo.tar.gz", {"status": "unusable", "form": "tar_gz", "problem": ""}))
        with open(os.path.join(subs, "kit.txt"), "w") as f:
            f.write("not a submission\n")
        students.append(Student("kit.txt", "kit.txt", {"status": "unusable", "form": "other", "problem": "not a folder"}))
        n = 0
        while len(students) < 30:
            n += 1
            sid = f"m{n:02d}"
            kind = n % 4
            if kind == 0:
                # Half solved.
                half = set(ex_dirs[: len(ex_dirs) // 2]) if n % 8 == 0 else set(ex_dirs[len(ex_dirs) // 2:])
                t = tree(sid, solved=half)
                ex = {d: ("passed" if d in half else "not_passed") for d in ex_dirs}
            else:
                t, mex = mutated(sid, n + 1, 3)
                ex = {**all_pass, **mex}
            form = ["folder", "zip", "tar_gz", "git"][n % 4]
            if form == "folder":
                as_folder(sid, t)
                entry = sid
            elif form == "zip":
                as_zip(sid + ".zip", os.path.dirname(t), sid)
                entry = sid + ".zip"
            elif form == "tar_gz":
                as_tgz(sid + ".tgz", t, "exercises")
                entry = sid + ".tgz"
            else:
                dest = as_folder(sid, os.path.dirname(t))
                subprocess.run(["git", "init", "-q"], cwd=dest, check=True)
                entry = sid
            add(Student(sid, entry, {"status": "graded", "form": form, "ex": ex},
                        alone=(n == 2)), t)
    return subs, students


# --- Checking. -------------------------------------------------------------------------------------------------

def kinds(report):
    """dir -> (status, [test kinds]) of a schema-2 report."""
    return {e["dir"]: (e["status"], [t["kind"] for t in e["tests"]]) for e in report["exercises"]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="the full class of 30 submissions (default: 8)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and say where it is")
    args = parser.parse_args()
    os.makedirs(TARGET, exist_ok=True)
    work = tempfile.mkdtemp(prefix="course-class-")
    try:
        run(work, args)
    finally:
        if args.keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"\n{len(failures)} check(s) failed: " + "; ".join(failures))
        sys.exit(1)
    print("\nclass: every check passed")


def run(work, args):
    pristine = os.path.join(work, "course")
    attacks.copy_course(pristine)
    ex = attacks.exercises(pristine)
    ex_dirs = [d for d, _ in ex]
    names = {d: attacks.test_names(pristine, d) for d in ex_dirs}
    print("building the runner and warming the build folder once…", flush=True)
    code, out, secs, _, _ = course(pristine, "grade")
    if code != 1:
        sys.exit(f"grading the shipped course should exit 1:\n{out}")
    print(f"    ({secs:.1f} s)", flush=True)

    subs, students = build_class(work, ex_dirs, names, args.all)
    print(f"{len(students)} submissions in {subs}: " + ", ".join(s.entry for s in students), flush=True)

    out_dir = os.path.join(work, "class-report")
    code, text, secs, peak_runner, peak_tree = course(
        pristine, "grade", "--submissions", subs, "--out", out_dir, "--jobs", str(args.jobs))
    unusable = [s for s in students if s.expect["status"] == "unusable"]
    check("the batch exits 1 (some submissions are unusable) and writes every file",
          code == (1 if unusable else 0) and all(os.path.exists(os.path.join(out_dir, f))
                                                for f in ["class.json", "class.csv", "class.html"]), text)
    if "Traceback" in text or "panicked" in text:
        check("no panic", False, text)
    cls = json.load(open(os.path.join(out_dir, "class.json")))
    check("class.json: schema 1, kind class, every exercise with its test count",
          cls["schema"] == 1 and cls["kind"] == "class" and [e["dir"] for e in cls["exercises"]] == ex_dirs
          and all(e["tests"] == len(names[e["dir"]]) and e["title"] for e in cls["exercises"]), cls["exercises"][:2])
    by_id = {s["id"]: s for s in cls["students"]}
    check("every submission is reported once", sorted(by_id) == sorted(s.id for s in students) and
          len(cls["students"]) == len(students), sorted(by_id))

    for st in students:
        got = by_id.get(st.id)
        if not got:
            continue
        e = st.expect
        ok = got["status"] == e["status"] and got["form"] == e["form"] and got["source"] == st.entry
        detail = {k: got[k] for k in ("status", "form", "source", "problem")}
        if e["status"] == "unusable":
            ok = ok and got["report"] is None and e["problem"] in (got["problem"] or "") and got["problem"]
            check(f"{st.id}: unusable, with its problem named ({got['problem']})", ok, detail)
            continue
        report = got["report"] or {}
        student_file = os.path.join(out_dir, "students", st.id + ".json")
        ok = ok and os.path.exists(student_file) and json.load(open(student_file)) == report
        k = kinds(report) if report else {}
        for d, want in e.get("ex", {}).items():
            status = k.get(d, ("?",))[0]
            if (want == "passed") != (status == "passed"):
                ok = False
                detail[d] = status
        if "score" in e:
            ok = ok and report["summary"]["score_percent"] == e["score"]
        if "tests_passed" in e:
            ok = ok and report["summary"]["tests_passed"] == e["tests_passed"]
        if "ignored" in e:
            ignored = [f["path"] for x in report["exercises"] for f in x["ignored_files"]]
            ok = ok and e["ignored"] in ignored
        check(f"{st.id} ({st.entry}): graded as expected "
              f"({report.get('summary', {}).get('score_percent')}%, {got['seconds']} s)", ok, detail)

    # class.csv and class.html
    rows = open(os.path.join(out_dir, "class.csv")).read().splitlines()
    header = "student,status,score_percent,exercises_passed,tests_passed,tests," + ",".join(ex_dirs)
    check("class.csv: the header and one row per student", rows[0] == header and len(rows) == len(students) + 1,
          rows[:2])
    page = open(os.path.join(out_dir, "class.html")).read()
    m = re.search(r'<script type="application/json" id="class-data">(.*?)</script>', page, re.S)
    check("class.html embeds class.json", m is not None and json.loads(m.group(1)) == cls)

    # The hostile submission did not hold the others up.
    hostile = [by_id[s.id] for s in students if s.expect.get("hostile")]
    graded = [s for s in cls["students"] if s["status"] == "graded"]
    others = [s for s in graded if not any(h["id"] == s["id"] for h in hostile)]
    for h in hostile:
        during = [s for s in others if s["started"] >= h["started"] and s["ended"] <= h["ended"]]
        outside = [s for s in others if s not in during]
        typical = statistics.median(s["seconds"] for s in others) if others else 0
        slow_during = [s["id"] for s in during if s["seconds"] > 2 * typical + 10]
        print(f"    hostile {h['id']}: {h['seconds']} s (from {h['started']} to {h['ended']} s); "
              f"{len(during)} other submission(s) graded meanwhile; others' median {typical:.1f} s")
        # While it ran, the other slots kept grading: the others' time inside its window covers at least half of
        # the part of the window in which there was still something else to grade.
        window = h["ended"] - h["started"]
        pending = min(window, max((s["ended"] for s in others), default=h["started"]) - h["started"])
        busy = sum(max(0.0, min(s["ended"], h["ended"]) - max(s["started"], h["started"])) for s in others)
        print(f"    … the other slot(s) graded {busy:.1f} s of its {window:.1f} s")
        if args.jobs > 1 and pending > 5:
            check("the other slot went on grading while the hostile submission ran", busy >= 0.5 * pending,
                  [(s["id"], s["started"], s["ended"]) for s in others])
        check("submissions graded during the hostile one took no longer than the others",
              not slow_during, (slow_during, [(s["id"], s["seconds"]) for s in outside]))

    # Grading alone gives the same results.
    alone = [s for s in students if s.alone]
    if not args.all:
        alone = [s for s in alone if s.id in ("eve", "cy", "dee")]
    for st in alone:
        ex_root = os.path.join(pristine, "exercises")
        for d in ex_dirs:
            shutil.rmtree(os.path.join(ex_root, d), ignore_errors=True)
            if os.path.isdir(os.path.join(st.tree, d)):
                shutil.copytree(os.path.join(st.tree, d), os.path.join(ex_root, d))
        report_path = os.path.join(work, f"alone-{st.id}.json")
        code, text, secs_alone, _, _ = course(pristine, "grade", "--json", report_path)
        batch_report = by_id[st.id]["report"]
        same = os.path.exists(report_path) and kinds(json.load(open(report_path))) == kinds(batch_report)
        diff = {}
        if os.path.exists(report_path):
            a, b = kinds(json.load(open(report_path))), kinds(batch_report)
            diff = {d: (a.get(d), b.get(d)) for d in set(a) | set(b) if a.get(d) != b.get(d)}
        check(f"{st.id}: graded alone ({secs_alone:.1f} s) = in the batch ({by_id[st.id]['seconds']} s): "
              "statuses and test kinds", same, diff or text[-3000:])

    # Figures.
    secs_per = [s["seconds"] for s in graded]
    print("\nfigures (docs/BENCHMARKS.md):")
    print(f"  submissions                         {len(students)} ({len(graded)} graded, {len(students) - len(graded)} unusable), jobs {args.jobs}")
    print(f"  batch wall time                     {secs:.1f} s ({secs / len(students):.1f} s per submission)")
    if secs_per:
        honest = [s["seconds"] for s in others]
        print(f"  one submission (warm), median       {statistics.median(secs_per):.1f} s "
              f"(min {min(secs_per):.1f}, max {max(secs_per):.1f}; without the hostile: median "
              f"{statistics.median(honest) if honest else 0:.1f} s)")
    print(f"  peak memory: the runner             {peak_runner:.1f} MiB")
    print(f"  peak memory: runner + cargo + rustc + test programs, added up   {peak_tree:.1f} MiB")


if __name__ == "__main__":
    main()
