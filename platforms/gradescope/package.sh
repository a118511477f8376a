#!/usr/bin/env bash
# Packs the autograder to upload to Gradescope: the course as committed (HEAD), without solutions/ (student code
# runs in the same container and must not find the reference solutions there), with setup.sh and run_autograder at
# the root of the archive, where Gradescope looks for them.
#
#     platforms/gradescope/package.sh [autograder.zip]
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-autograder.zip}"
git archive --format=zip -o "$out" \
    --add-file=platforms/gradescope/setup.sh --add-file=platforms/gradescope/run_autograder \
    HEAD -- . ':(exclude)solutions'
echo "wrote $out"
