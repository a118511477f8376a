#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (its "setup.sh"). It installs what the
# course needs, builds the course's runner and grades the shipped stubs once, so that the build cache holds every
# dependency and every exercise's test program: a student's grade then compiles only that student's crates.
#
# AUTOGRADER_ROOT (default: empty, so /autograder) moves the whole /autograder tree, for testing elsewhere
# (scripts/platforms.py). CARGO_TARGET_DIR, if set, is used as the build folder.
set -euo pipefail
SOURCE="${AUTOGRADER_ROOT:-}/autograder/source"

# A C linker and curl, when the image lacks them (Gradescope's Ubuntu images come with apt).
if ! command -v cc >/dev/null || ! command -v curl >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq </dev/null
    apt-get install -y -qq --no-install-recommends build-essential curl ca-certificates </dev/null
fi

# Rust: the toolchain rust-toolchain.toml names, or stable.
if ! command -v cargo >/dev/null && [ -f "$HOME/.cargo/env" ]; then
    . "$HOME/.cargo/env"
fi
if ! command -v cargo >/dev/null; then
    toolchain=stable
    if [ -f "$SOURCE/rust-toolchain.toml" ]; then
        toolchain=$(sed -n 's/^[[:space:]]*channel[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' "$SOURCE/rust-toolchain.toml")
        toolchain=${toolchain:-stable}
    fi
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs |
        sh -s -- -y --no-modify-path --profile minimal --default-toolchain "$toolchain"
    . "$HOME/.cargo/env"
fi
cargo --version

cd "$SOURCE"
# The course's workspace has the reference solutions as members (solutions/*/*); the autograder ships without them
# (package.sh), so an empty crate stands in for them.
if ! compgen -G "solutions/*/*/Cargo.toml" >/dev/null; then
    mkdir -p solutions/none/none/src
    printf '[package]\nname = "no-solutions"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n' \
        >solutions/none/none/Cargo.toml
    : >solutions/none/none/src/lib.rs
fi
echo "Building the course's runner…"
cargo build --quiet -p course
echo "Warming the build cache: grading the shipped exercises once (every exercise fails; that is expected)…"
warm=$(mktemp -d)
cargo course grade --json "$warm/report.json" >/dev/null || true
test -s "$warm/report.json" || { echo "setup.sh: the warm-up grade wrote no report" >&2; exit 1; }
rm -rf "$warm"
echo "setup.sh: ready."
