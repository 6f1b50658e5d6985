#!/usr/bin/env bash
# Fails if any container, network or volume carrying sand-boxer's ownership label exists: after a test
# run, everything the tests made must be gone.
set -euo pipefail
label="dev.sandboxer.installation"
leaks=0
for kind in container network volume; do
  case $kind in
    container) found=$(podman ps -a --filter "label=$label" --format '{{.Names}}') ;;
    network) found=$(podman network ls --filter "label=$label" --format '{{.Name}}') ;;
    volume) found=$(podman volume ls --filter "label=$label" --format '{{.Name}}') ;;
  esac
  if [ -n "$found" ]; then
    echo "leak: ${kind}s with label $label remain:" >&2
    echo "$found" | sed 's/^/  /' >&2
    leaks=1
  fi
done
if [ $leaks -eq 0 ]; then echo "no leaked containers, networks or volumes" >&2; fi
exit $leaks
