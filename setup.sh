#!/usr/bin/env bash
# Command 1: installs what is needed, builds sand-boxer, and creates a real compose-e2e sandbox on the
# embedded default (SQLite store under $SANDBOXER_HOME, local podman backend).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/scripts/prereqs.sh"

echo "==> building sand-boxer (JAVA_HOME=$JAVA_HOME)" >&2
(cd "$here" && mvn -q -B install -DskipTests)

# Link the launcher onto PATH; an existing link (e.g. to an older checkout) is repointed, a real file kept.
if [ -w /usr/local/bin ] && { [ -L /usr/local/bin/sandboxer ] || [ ! -e /usr/local/bin/sandboxer ]; }; then
  ln -sfn "$here/bin/sandboxer" /usr/local/bin/sandboxer
  echo "==> linked /usr/local/bin/sandboxer -> $here/bin/sandboxer" >&2
fi

"$here/bin/sandboxer" doctor || { echo "error: doctor found problems; fix them and run ./setup.sh again" >&2; exit 1; }

if [ "${1:-}" = "--no-sandbox" ]; then exit 0; fi
echo "==> creating a compose-e2e sandbox" >&2
"$here/bin/sandboxer" create --profile compose-e2e --as "adm:${USER:-local}" --project default
cat >&2 <<'NEXT'

Next:
  sandboxer list
  sandboxer describe <id>
  curl <the web endpoint shown above>
  sandboxer exec <id> -- sh -c 'echo hi'
  sandboxer extend <id> --by 30m
  sandboxer destroy <id>
NEXT
