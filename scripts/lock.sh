#!/usr/bin/env bash
# Refresh requirements-lock.txt: every runtime, test, check and build dependency (pyproject.toml: dependencies and
# the test, check, bench and build extras), each pinned to one version with the hashes of PyPI's files, resolved
# once for every supported Python (3.11 and newer) and platform. scripts/venv.sh and packaging/ install only from it.
# Usage: scripts/lock.sh             after changing dependencies (keeps the other pins where they still fit)
#        scripts/lock.sh --upgrade   take the newest releases pyproject.toml allows
set -euo pipefail
cd "$(dirname "$0")/.."
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
python3 -m venv "$tools"
"$tools/bin/python" -m pip install -q --disable-pip-version-check 'uv==0.13.9'
# --no-config and PyPI's index: the hashes are those of the files every machine downloads, not of a local mirror.
"$tools/bin/uv" pip compile -q pyproject.toml --extra test --extra check --extra bench --extra build --universal --python-version 3.11 \
  --generate-hashes --no-config --index-url https://pypi.org/simple --custom-compile-command scripts/lock.sh \
  -o requirements-lock.txt "$@"
