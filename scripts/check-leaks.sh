#!/usr/bin/env bash
# Leak check around a test run. Everything sand-boxer makes carries the label dev.sandboxer.installation.
#   check-leaks.sh snapshot FILE   record what carries the label now (e.g. a sandbox you created yourself)
#   check-leaks.sh compare FILE    fail if anything carrying the label exists now that was not in FILE
# So a run fails only for what the tests themselves left behind, never for sandboxes a user keeps.
set -euo pipefail
label="dev.sandboxer.installation"
mode="${1:?usage: check-leaks.sh snapshot|compare FILE}"
file="${2:?usage: check-leaks.sh snapshot|compare FILE}"

labelled() {
  podman ps -a --filter "label=$label" --format 'container {{.ID}} {{.Names}}'
  podman network ls --filter "label=$label" --format 'network {{.ID}} {{.Name}}'
  podman volume ls --filter "label=$label" --format 'volume {{.Name}} {{.Name}}'
}

case "$mode" in
  snapshot) labelled | sort > "$file" ;;
  compare)
    now="$(mktemp)"
    labelled | sort > "$now"
    leaks="$(comm -13 "$file" "$now")"
    rm -f "$now"
    if [ -n "$leaks" ]; then
      echo "leak: resources with label $label appeared during the run and remain:" >&2
      echo "$leaks" | sed 's/^/  /' >&2
      exit 1
    fi
    echo "no leaked containers, networks or volumes" >&2
    ;;
  *) echo "usage: check-leaks.sh snapshot|compare FILE" >&2; exit 2 ;;
esac
