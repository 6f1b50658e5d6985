#!/usr/bin/env bash
# Command 2: runs the whole test suite against real podman, then proves nothing with sand-boxer's labels
# was left behind.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/scripts/prereqs.sh"
cd "$here"
status=0
mvn -B verify "$@" || status=$?
"$here/scripts/check-leaks.sh" || status=1
exit $status
