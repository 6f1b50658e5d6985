#!/usr/bin/env bash
# Command 2: runs the whole test suite against real podman and PostgreSQL, then proves the tests left nothing with
# sand-boxer's labels behind (sandboxes that existed before the run, such as one setup.sh made, are
# not counted).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/scripts/prereqs.sh"
# The store's tests and the several-replicas test run against a real PostgreSQL; in CI they fail without it.
SANDBOXER_TEST_PG_URL="$("$here/scripts/postgres.sh")"
export SANDBOXER_TEST_PG_URL
"$here/scripts/sshd.sh"
cd "$here"
before="$(mktemp)"
trap 'rm -f "$before"' EXIT
"$here/scripts/check-leaks.sh" snapshot "$before"
status=0
mvn -B verify "$@" || status=$?
"$here/scripts/check-leaks.sh" compare "$before" || status=1
exit $status
