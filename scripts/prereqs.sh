#!/usr/bin/env bash
# Installs and configures what sand-boxer and its tests need on a Debian machine of the kind in
# ../shared/HOST-NOTES.md: podman (with runc, cgroupfs and the host's rlimits), podman-compose, the
# local images the built-in profiles use, and a Java 21+ JDK. Idempotent; quick when all is in place.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

say() { printf '==> %s\n' "$*" >&2; }

need_root() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: installing packages needs root; run as root or install: $*" >&2
    exit 1
  fi
}

packages=(podman runc podman-compose busybox-static maven)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  need_root "${missing[*]}"
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# podman's defaults fail on these hosts (crun vs hybrid cgroups, rlimits that can't be raised);
# HOST-NOTES gives the three settings that work. Write them unless the file already has them.
conf="${CONTAINERS_CONF:-/etc/containers/containers.conf}"
if ! grep -qs 'runtime *= *"runc"' "$conf" || ! grep -qs 'cgroup_manager *= *"cgroupfs"' "$conf" \
   || ! grep -qs 'nofile=1024:1024' "$conf"; then
  need_root "a podman configuration in $conf"
  say "writing podman settings to $conf"
  mkdir -p "$(dirname "$conf")"
  if [ -f "$conf" ]; then cp "$conf" "$conf.before-sandboxer"; fi
  cat > "$conf" <<'CONF'
# Written by sand-boxer's scripts/prereqs.sh (see HOST-NOTES): crun refuses this host's hybrid
# cgroups and the host forbids raising rlimits.
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
CONF
fi

if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/*21*; do
    if [ -x "$candidate/bin/javac" ]; then export JAVA_HOME="$candidate"; break; fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/javac" ]; then
  echo "error: no JDK 21 or newer found; install one (e.g. Temurin 25) under /usr/lib/jvm" >&2
  exit 1
fi

"$repo_root/scripts/build-images.sh"
