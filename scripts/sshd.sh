#!/usr/bin/env bash
# Installs OpenSSH's server for the SSH transport's tests (they start their own sshd processes on free
# 127.0.0.1 ports, with generated keys; nothing here starts or configures the system's sshd). Idempotent.
set -euo pipefail
if [ ! -x /usr/sbin/sshd ] || ! command -v ssh-keygen >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: installing openssh-server needs root" >&2
    exit 1
  fi
  echo "==> installing openssh-server" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq openssh-server >/dev/null
fi
# sshd's privilege separation needs this directory; the package makes it only while its service runs.
mkdir -p /run/sshd
chmod 0755 /run/sshd
