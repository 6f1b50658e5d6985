#!/usr/bin/env bash
# Installs (if missing) and starts a PostgreSQL cluster of sand-boxer's own on 127.0.0.1, for the tests that
# need a real PostgreSQL (the store's tests, the several-replicas test). Idempotent: a second run finds the
# cluster running and only prints the URL. Logs go to stderr; stdout is exactly one line, the JDBC URL:
#   export SANDBOXER_TEST_PG_URL="$(scripts/postgres.sh)"
# The role may create databases, so each test can work in a fresh database of its own.
# Settings (environment): SANDBOXER_PG_PORT (default 55432), SANDBOXER_PG_CLUSTER (default sandboxer).
set -euo pipefail

say() { printf '==> %s\n' "$*" >&2; }

port="${SANDBOXER_PG_PORT:-55432}"
cluster="${SANDBOXER_PG_CLUSTER:-sandboxer}"
role="sandboxer"
password="sandboxer"
database="sandboxer"

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: PostgreSQL is not installed; run as root or install the package 'postgresql'" >&2
    exit 1
  fi
  say "installing postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi

version="$(ls /usr/lib/postgresql | sort -n | tail -1)"

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if ! pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { found = 1 } END { exit !found }'; then
  say "creating PostgreSQL $version cluster '$cluster' on 127.0.0.1:$port"
  # Small and fast: the cluster holds throw-away test data only.
  pg_createcluster "$version" "$cluster" -p "$port" -- --auth-local=peer --auth-host=scram-sha-256 >/dev/null
  conf="/etc/postgresql/$version/$cluster/postgresql.conf"
  {
    echo "listen_addresses = '127.0.0.1'"
    echo "fsync = off"
    echo "synchronous_commit = off"
    echo "full_page_writes = off"
    echo "max_connections = 200"
    echo "shared_buffers = 64MB"
  } >> "$conf"
fi

status="$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { print $4 }')"
if [ "$status" != "online" ]; then
  say "starting PostgreSQL cluster $version/$cluster"
  # A cluster left half-started by a killed run keeps a stale pid file; pg_ctlcluster clears it.
  pg_ctlcluster "$version" "$cluster" start >&2
fi

for _ in $(seq 1 50); do
  if as_postgres psql -p "$port" -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    break
  fi
  sleep 0.2
done

as_postgres psql -p "$port" -d postgres -v ON_ERROR_STOP=1 -q >/dev/null <<SQL
do \$\$ begin
  if not exists (select 1 from pg_roles where rolname = '$role') then
    create role $role login createdb password '$password';
  end if;
end \$\$;
SQL
if ! as_postgres psql -p "$port" -d postgres -Atqc "select 1 from pg_database where datname = '$database'" | grep -q 1; then
  as_postgres psql -p "$port" -d postgres -q -c "create database $database owner $role" >/dev/null
fi

echo "jdbc:postgresql://127.0.0.1:$port/$database?user=$role&password=$password"
