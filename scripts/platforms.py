#!/usr/bin/env python3
"""Checks the classroom platforms' files as far as can be done without the platforms (platforms/*/README.md).

Gradescope: packs the autograder with platforms/gradescope/package.sh (the committed course), unpacks it into a
temporary root laid out like Gradescope's (`$ROOT/autograder/{source,submission,results}`), runs setup.sh, then
run_autograder for two submissions: a whole course with reference solutions, and an `exercises/` folder as
shipped (stubs). Each results.json must satisfy Gradescope's documented format (a JSON schema, checked here
without network or extra packages) and give the expected score, test by test.

GitHub Classroom: platforms/github-classroom/classroom.yml must be what this script generates from course.toml
(one command-grader step per exercise, in order, and a reporter step that names them all), must parse as YAML with
the structure the two actions read (checked with PyYAML when it is installed), and each grader step's command,
run locally in a copy of the course, must exit 0 without writing to stderr on a solved exercise and fail on a stub.

By default (CI) the solutions submission solves the first chapter only and one grader step per chapter is run, so
the whole check takes a couple of minutes on a warm build folder; `--full` uses every solution and runs every step
on a solution and on a stub.

    python3 scripts/platforms.py [--full]
    python3 scripts/platforms.py --write-classroom     # regenerate classroom.yml after changing course.toml
"""

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLASSROOM = ROOT / "platforms" / "github-classroom" / "classroom.yml"
FULL = "--full" in sys.argv
failures = []


def check(name, ok, detail=""):
    print(("ok    " if ok else "FAIL  ") + name)
    if not ok:
        failures.append(name)
        print("      " + str(detail).replace("\n", "\n      ")[:3000])


def manifest():
    """(chapters, exercises) from course.toml: chapter dirs, and (dir, short name) per exercise, in order."""
    text = (ROOT / "course.toml").read_text()
    chapters = re.findall(r'^\[\[chapter\]\]\s*\ndir = "([^"]+)"', text, re.M)
    dirs = re.findall(r'^\[\[exercise\]\]\s*\ndir = "([^"]+)"', text, re.M)
    return chapters, [(d, re.sub(r"^\d+-", "", d.split("/")[1])) for d in dirs]


# ---------------------------------------------------------------------------------------------------- Classroom

HEADER = """\
# GitHub Classroom autograding for "Async Rust, Hands-On": copy this file to .github/workflows/classroom.yml in the
# template repository (platforms/github-classroom/README.md). On each push it builds the course's runner and grades
# every exercise with `cargo course check`, one point per exercise that passes every graded test, and reports the
# points to GitHub Classroom. Generated from course.toml by `python3 scripts/platforms.py --write-classroom`.
name: Autograding Tests
"on":
  - push
  - repository_dispatch
  - workflow_dispatch
permissions:
  checks: write
  actions: read
  contents: read
jobs:
  run-autograding-tests:
    runs-on: ubuntu-latest
    if: github.actor != 'github-classroom[bot]'
    env:
      CARGO_TERM_COLOR: never
    steps:
      - name: Checkout code
        uses: actions/checkout@v4
      - name: Build the course runner
        run: cargo build --quiet -p course
"""


def classroom_text():
    _, exercises = manifest()
    out = [HEADER]
    for _, name in exercises:
        out.append(
            f"      - name: {name}\n"
            f"        id: {name}\n"
            f"        uses: classroom-resources/autograding-command-grader@v1\n"
            f"        with:\n"
            f"          test-name: {name}\n"
            f"          command: bash -c \"cargo course check {name} 2>&1\"\n"
            f"          timeout: 5\n"
            f"          max-score: 1\n"
        )
    out.append("      - name: Autograding Reporter\n"
               "        uses: classroom-resources/autograding-grading-reporter@v1\n"
               "        env:\n")
    for _, name in exercises:
        out.append(f"          {name.upper()}_RESULTS: \"${{{{steps.{name}.outputs.result}}}}\"\n")
    out.append("        with:\n"
               f"          runners: {','.join(name for _, name in exercises)}\n")
    return "".join(out)


def check_classroom_file():
    _, exercises = manifest()
    names = [n for _, n in exercises]
    text = CLASSROOM.read_text() if CLASSROOM.exists() else ""
    check("classroom.yml is generated from course.toml (python3 scripts/platforms.py --write-classroom)",
          text == classroom_text(), "it differs from what course.toml gives")
    try:
        import yaml  # noqa: PLC0415 (optional: CI machines may not have PyYAML)
    except ImportError:
        print("note  PyYAML is not installed: the YAML structure is checked through the generated text only")
        return
    doc = yaml.safe_load(text)
    on = doc.get("on", doc.get(True))  # YAML 1.1 reads a bare `on` as true: the file quotes it
    check("the workflow runs on push", "on" in doc and "push" in on, doc.keys())
    steps = doc["jobs"]["run-autograding-tests"]["steps"]
    graders = [s for s in steps if str(s.get("uses", "")).startswith("classroom-resources/autograding-command-grader@")]
    check("one command-grader step per exercise, in course order", [s["id"] for s in graders] == names,
          [s.get("id") for s in graders])
    bad = [s["id"] for s in graders
           if set(s["with"]) != {"test-name", "command", "timeout", "max-score"}
           or s["with"]["test-name"] != s["id"] or int(s["with"]["max-score"]) != 1
           or not 0 < int(s["with"]["timeout"]) <= 360]
    check("every grader step has test-name, command, timeout (minutes) and max-score 1", not bad, bad)
    reporter = steps[-1]
    check("the last step is the grading reporter",
          reporter.get("uses") == "classroom-resources/autograding-grading-reporter@v1", reporter)
    check("the reporter's runners are the grader steps' ids",
          reporter["with"]["runners"].split(",") == names, reporter["with"]["runners"])
    env = reporter.get("env", {})
    missing = [n for n in names if env.get(f"{n.upper()}_RESULTS") != f"${{{{steps.{n}.outputs.result}}}}"]
    check("the reporter gets each step's result as <ID>_RESULTS", not missing, missing)
    return graders


def run_grader_step(course, step_command, env):
    """Runs a grader step's command as the command-grader action does: split into words (no shell), in the
    repository's root; the action counts a test passed when it exits 0 and wrote nothing to stderr."""
    argv = shlex.split(step_command)
    p = subprocess.run(argv, cwd=course, env=env, capture_output=True, text=True, timeout=600)
    return p.returncode, p.stdout, p.stderr


def check_classroom_steps(course, env):
    chapters, exercises = manifest()
    commands = dict(re.findall(r"          test-name: (\S+)\n          command: (.+)\n", CLASSROOM.read_text()))
    if FULL:
        plan = [(d, n, kind) for d, n in exercises for kind in ("stub", "solution")]
    else:
        firsts = [next(e for e in exercises if e[0].startswith(c + "/")) for c in chapters]
        plan = [(d, n, "solution" if i % 2 == 0 else "stub") for i, (d, n) in enumerate(firsts)]
    for d, name, kind in plan:
        src = course / "exercises" / d / "src"
        shutil.rmtree(src)
        shutil.copytree((ROOT / "solutions" / d / "src") if kind == "solution" else (ROOT / "exercises" / d / "src"),
                        src)
        code, out, err = run_grader_step(course, commands[name], env)
        if kind == "solution":
            check(f"classroom step {name} passes a solution", code == 0 and err == "",
                  f"exit {code}\nstderr: {err}\nstdout: {out[-1500:]}")
        else:
            # Exit status 1 is "graded, not passing" (2 would be a usage error); a stub either reaches a todo!()
            # or, for the exercises that ship working-but-wrong code, fails its tests.
            check(f"classroom step {name} fails a stub", code == 1 and ("todo!()" in out or " tests pass" in out),
                  f"exit {code}\nstdout: {out[-1500:]}")


# --------------------------------------------------------------------------------------------------- Gradescope

VISIBILITY = ["hidden", "after_due_date", "after_published", "visible"]
# Gradescope's results.json ("Autograder Specifications", gradescope-autograders.readthedocs.io/en/latest/specs/),
# as far as this course uses it, plus the documented optional fields.
SCHEMA = {
    "type": "object",
    "required": ["tests"],
    "additionalProperties": False,
    "properties": {
        "score": {"type": "number", "minimum": 0},
        "execution_time": {"type": "number", "minimum": 0},
        "output": {"type": "string"},
        "output_format": {"enum": ["text", "simple_format", "html", "md", "ansi"]},
        "visibility": {"enum": VISIBILITY},
        "stdout_visibility": {"enum": VISIBILITY},
        "extra_data": {"type": "object"},
        "tests": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "score", "max_score", "status", "output"],
                "additionalProperties": False,
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "number": {"type": "string"},
                    "score": {"type": "number", "minimum": 0},
                    "max_score": {"type": "number", "minimum": 0},
                    "status": {"enum": ["passed", "failed"]},
                    "output": {"type": "string"},
                    "output_format": {"enum": ["text", "simple_format", "html", "md", "ansi"]},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "visibility": {"enum": VISIBILITY},
                    "extra_data": {"type": "object"},
                },
            },
        },
    },
}


def schema_errors(value, schema, path="$"):
    """The subset of JSON Schema that SCHEMA uses: type, enum, required, properties, additionalProperties, items,
    minimum, minLength."""
    errors = []
    types = {"object": dict, "array": list, "string": str, "number": (int, float)}
    t = schema.get("type")
    if t and (not isinstance(value, types[t]) or (t == "number" and isinstance(value, bool))):
        return [f"{path}: not a {t}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} is not one of {schema['enum']}")
    if "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{path}: below {schema['minimum']}")
    if "minLength" in schema and len(value) < schema["minLength"]:
        errors.append(f"{path}: empty")
    if isinstance(value, dict):
        errors += [f"{path}: no {k}" for k in schema.get("required", []) if k not in value]
        props = schema.get("properties", {})
        for k, v in value.items():
            if k in props:
                errors += schema_errors(v, props[k], f"{path}.{k}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{path}: unknown field {k}")
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value):
            errors += schema_errors(v, schema["items"], f"{path}[{i}]")
    return errors


def validate_results(label, path, expect_passed):
    """results.json is valid, has one test per exercise, and exactly the exercises in `expect_passed` pass."""
    _, exercises = manifest()
    try:
        results = json.loads(path.read_text())
    except (OSError, ValueError) as e:
        check(f"{label}: results.json is JSON", False, e)
        return
    errors = schema_errors(results, SCHEMA)
    try:
        import jsonschema  # noqa: PLC0415 (optional: a second opinion when installed)
        errors += [f"jsonschema: {e.message}" for e in jsonschema.Draft7Validator(SCHEMA).iter_errors(results)]
    except ImportError:
        pass
    check(f"{label}: results.json follows Gradescope's format", not errors, "\n".join(errors[:20]))
    tests = results.get("tests", [])
    names = [f"{d.split('/')[0]}/{n}" for d, n in exercises]
    check(f"{label}: one Gradescope test per exercise, in course order", [t.get("name") for t in tests] == names,
          [t.get("name") for t in tests][:5])
    passed = [t["name"] for t in tests if t.get("status") == "passed"]
    want = [f"{d.split('/')[0]}/{n}" for d, n in exercises if d in expect_passed]
    check(f"{label}: exactly the expected exercises pass ({len(want)})", passed == want,
          f"passed: {passed}\nwanted: {want}")
    consistent = all(t["score"] == (t["max_score"] if t["status"] == "passed" else 0) for t in tests)
    check(f"{label}: each test's score agrees with its status", consistent)
    check(f"{label}: the total score is the sum of the tests' scores",
          results.get("score") == sum(t["score"] for t in tests), results.get("score"))
    quiet = [t["name"] for t in tests if t["status"] == "failed" and "✗" not in t["output"]]
    check(f"{label}: every failed exercise's output names its failed tests", not quiet, quiet[:5])


def run(argv, env, cwd=None, timeout=900):
    started = time.monotonic()
    p = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    return p, time.monotonic() - started


def check_gradescope(tmp, env):
    _, exercises = manifest()
    zip_path = tmp / "autograder.zip"
    p, _ = run([str(ROOT / "platforms" / "gradescope" / "package.sh"), str(zip_path)], env, cwd=ROOT)
    check("package.sh packs the autograder", p.returncode == 0 and zip_path.exists(), p.stderr)
    with zipfile.ZipFile(zip_path) as z:
        names = z.namelist()
        check("the zip has setup.sh and run_autograder at its root",
              "setup.sh" in names and "run_autograder" in names, names[:10])
        check("the zip has no reference solutions", not any(n.startswith("solutions/") for n in names))
        root = tmp / "root"
        source = root / "autograder" / "source"
        z.extractall(source)
    for name in ["setup.sh", "run_autograder"]:
        (source / name).chmod(0o755)
    (root / "autograder" / "results").mkdir(parents=True)
    genv = dict(env, AUTOGRADER_ROOT=str(root))

    p, took = run(["bash", str(source / "setup.sh")], genv)
    check(f"setup.sh builds the runner and warms the build cache ({took:.0f} s)", p.returncode == 0,
          p.stdout[-2000:] + p.stderr[-2000:])
    if p.returncode != 0:
        return None

    submission = root / "autograder" / "submission"
    results = root / "autograder" / "results" / "results.json"

    # 1. Only an exercises/ folder, as shipped: nothing passes.
    shutil.copytree(ROOT / "exercises", submission / "exercises",
                    ignore=shutil.ignore_patterns("target"))
    p, took = run(["bash", str(source / "run_autograder")], genv)
    check(f"run_autograder grades a submission of stubs ({took:.0f} s)", p.returncode == 0, p.stderr[-2000:])
    validate_results("stubs", results, set())
    shutil.rmtree(submission)

    # 2. A whole course, with reference solutions (the first chapter's, or all of them with --full).
    whole = submission / "my-course"  # a repository folder inside the submission, as a zip of one gives
    shutil.copytree(ROOT / "exercises", whole / "exercises", ignore=shutil.ignore_patterns("target"))
    (whole / "course.toml").write_text((ROOT / "course.toml").read_text())
    first = exercises[0][0].split("/")[0]
    solved = {d for d, _ in exercises if FULL or d.startswith(first + "/")}
    for d in solved:
        shutil.rmtree(whole / "exercises" / d / "src")
        shutil.copytree(ROOT / "solutions" / d / "src", whole / "exercises" / d / "src")
    # A link to the autograder's files is dropped, not followed.
    peek = whole / "exercises" / exercises[0][0] / "src" / "peek.rs"
    peek.symlink_to(source / "course.toml")
    p, took = run(["bash", str(source / "run_autograder")], genv)
    check(f"run_autograder grades a whole course with solutions ({took:.0f} s)", p.returncode == 0, p.stderr[-2000:])
    validate_results("solutions", results, solved)
    check("the link in the submission was dropped", not (source / "exercises" / exercises[0][0] / "src" / "peek.rs").exists())
    shutil.rmtree(submission)

    # 3. Nothing usable: a result that says so, score 0.
    (submission).mkdir()
    (submission / "notes.txt").write_text("I forgot the code\n")
    p, _ = run(["bash", str(source / "run_autograder")], genv)
    try:
        r = json.loads(results.read_text())
        ok = p.returncode == 0 and r["score"] == 0 and "exercises/" in r["output"] and not schema_errors(r, SCHEMA)
    except (OSError, ValueError, KeyError) as e:
        ok, r = False, e
    check("run_autograder answers an unusable submission with score 0 and why", ok, r)
    shutil.rmtree(submission)
    return source


def main():
    if "--write-classroom" in sys.argv:
        CLASSROOM.write_text(classroom_text())
        print(f"wrote {CLASSROOM.relative_to(ROOT)}")
        return 0
    started = time.monotonic()
    check_classroom_file()
    env = dict(os.environ, CARGO_TARGET_DIR=os.environ.get("CARGO_TARGET_DIR", str(ROOT / "target")),
               CARGO_TERM_COLOR="never")
    with tempfile.TemporaryDirectory(prefix="platforms-") as t:
        tmp = Path(t)
        source = check_gradescope(tmp, env)
        if source is not None:
            # The Gradescope source folder is a copy of the course whose runner is already built: the classroom
            # steps run there, as they would in a student's repository.
            check_classroom_steps(source, env)
    print(f"\n{len(failures)} failure(s) in {time.monotonic() - started:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
