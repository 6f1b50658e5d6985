#!/usr/bin/env bash
# Runs every benchmark of issue 7 and writes bench/results/<date>.json and BENCHMARKS.md.
#
#   bench/run.sh            the full run (about 15 minutes on a 2-core machine)
#   bench/run.sh --quick    fewer samples and smaller stores, for development; writes <date>-quick.json only
#   bench/run.sh --only ID  one figure (repeatable; see `--list`); writes <date>-partial.json only
#   bench/run.sh --no-build skip the Maven build (use what is built)
#   bench/run.sh --render   only rewrite BENCHMARKS.md from the newest full results file (after editing
#                           bench/where-the-time-goes.md)
#
# Needs podman, runc and podman-compose configured as in ../shared/HOST-NOTES.md (scripts/prereqs.sh does it,
# and builds the local images). Each figure runs in a JVM of its own under a fresh scratch directory; every
# podman resource the run made carries one of its installation ids and is removed at exit, even on failure.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$repo"

quick=() only=() build=1
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=(--quick) ;;
    --only) only+=("$2"); shift ;;
    --no-build) build=0 ;;
    --list) list=1 ;;
    --render) render=1 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java=$JAVA_HOME/bin/java
cp="$repo/sandboxer-bench/target/sandboxer-bench.jar:$repo/sandboxer-bench/target/lib/*"
say() { printf '==> %s\n' "$*" >&2; }

if [ "$build" = 1 ]; then
  "$repo/scripts/prereqs.sh"
  say "building (mvn -Pbench install -DskipTests)"
  mvn -q -Pbench install -DskipTests
fi
if [ -z "${list:-}" ] && [ -z "${render:-}" ]; then
  # list-at-scale-pg measures the PostgreSQL store on a server of its own (installed and started if missing).
  SANDBOXER_BENCH_PG_URL="$("$repo/scripts/postgres.sh")"
  export SANDBOXER_BENCH_PG_URL
fi
if [ -n "${list:-}" ]; then "$java" -cp "$cp" dev.sandboxer.bench.BenchMain list; exit 0; fi
if [ -n "${render:-}" ]; then
  latest=$(ls "$repo"/bench/results/????-??-??.json | sort | tail -n 1)
  "$java" -cp "$cp" dev.sandboxer.bench.BenchMain render --json "$latest" --repo "$repo" \
    --markdown "$repo/BENCHMARKS.md" >/dev/null
  say "BENCHMARKS.md rewritten from $latest"
  exit 0
fi

work=$(mktemp -d /tmp/sandboxer-bench.XXXXXX)
# Whatever happens, nothing made by this run stays on podman: sweep every installation it recorded.
cleanup() {
  local id ids
  if [ -f "$work/installations.txt" ]; then
    while read -r id; do
      [ -n "$id" ] || continue
      ids=$(podman ps -aq --filter "label=dev.sandboxer.installation=$id")
      [ -z "$ids" ] || podman rm -f -v -t 0 $ids >/dev/null
      ids=$(podman network ls -q --filter "label=dev.sandboxer.installation=$id")
      [ -z "$ids" ] || podman network rm -f $ids >/dev/null
      ids=$(podman volume ls -q --filter "label=dev.sandboxer.installation=$id")
      [ -z "$ids" ] || podman volume rm -f $ids >/dev/null
    done < "$work/installations.txt"
  fi
  if [ "${BENCH_KEEP:-0}" = 1 ]; then say "scratch kept in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

failed=()
started=$(date +%s)
for figure in $("$java" -cp "$cp" dev.sandboxer.bench.BenchMain list); do
  if [ ${#only[@]} -gt 0 ] && [[ ! " ${only[*]} " == *" $figure "* ]]; then continue; fi
  say "figure $figure"
  "$java" --enable-native-access=ALL-UNNAMED -cp "$cp" dev.sandboxer.bench.BenchMain figure "$figure" \
    --work "$work" --repo "$repo" "${quick[@]}" || failed+=("$figure")
done

date=$(date -u +%F)
report=(--work "$work" --repo "$repo" "${quick[@]}")
if [ ${#only[@]} -gt 0 ]; then
  report+=(--json "$repo/bench/results/$date-partial.json")
elif [ ${#quick[@]} -gt 0 ]; then
  report+=(--json "$repo/bench/results/$date-quick.json")
else
  report+=(--json "$repo/bench/results/$date.json" --markdown "$repo/BENCHMARKS.md")
fi
"$java" -cp "$cp" dev.sandboxer.bench.BenchMain report "${report[@]}" | sed -n '/^| figure/,/^$/p'

leaks=0
if [ -f "$work/installations.txt" ]; then
  while read -r id; do
    [ -n "$id" ] || continue
    n=$(( $(podman ps -aq --filter "label=dev.sandboxer.installation=$id" | wc -l)
        + $(podman network ls -q --filter "label=dev.sandboxer.installation=$id" | wc -l)
        + $(podman volume ls -q --filter "label=dev.sandboxer.installation=$id" | wc -l) ))
    leaks=$((leaks + n))
  done < "$work/installations.txt"
fi
say "done in $(( $(date +%s) - started )) s; podman resources left by the figures: $leaks"
if [ ${#failed[@]} -gt 0 ]; then
  say "figures that failed: ${failed[*]}"
  exit 1
fi
