#!/usr/bin/env bash
# The README's test command. Starts a throwaway PostgreSQL (fresh data directory, free port, as the
# postgres user when run as root), runs the whole test suite against it, always stops it, and exits
# with the tests' status. Installs what is missing (PostgreSQL, libpq-dev) with apt-get first.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '==> %s\n' "$*" >&2; }

apt_install() {
    if [ "$(id -u)" -ne 0 ]; then
        log "missing: $*; install them (apt-get install $*) or run as root"
        exit 1
    fi
    log "installing $* with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq "$@" >/dev/null
}

find_pg_bindir() {
    local dir
    if command -v pg_config >/dev/null 2>&1; then
        dir=$(pg_config --bindir)
        if [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
    fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
        if [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
    done
    if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; fi
}

pkg-config --exists libpq 2>/dev/null || apt_install libpq-dev pkg-config
bindir=$(find_pg_bindir)
if [ -z "$bindir" ]; then
    apt_install postgresql
    bindir=$(find_pg_bindir)
fi
[ -n "$bindir" ] || { log "no PostgreSQL server programs found"; exit 1; }

run_pg() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

datadir=$(mktemp -d /tmp/verity-test-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
[ "$(id -u)" -eq 0 ] && chown postgres "$datadir"

cleanup() {
    local status=$?
    log "stopping the test PostgreSQL"
    run_pg "$bindir/pg_ctl" -D "$datadir/pgdata" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$datadir"
    exit $status
}
trap cleanup EXIT INT TERM

log "starting a throwaway PostgreSQL ($("$bindir/postgres" --version)) on 127.0.0.1:$port"
run_pg "$bindir/initdb" -D "$datadir/pgdata" -U verity --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-instructions >/dev/null
# Tests create many databases; fsync buys nothing for a cluster thrown away at the end.
run_pg "$bindir/pg_ctl" -D "$datadir/pgdata" -l "$datadir/postgres.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null
for _ in $(seq 1 50); do
    "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" && break
    sleep 0.2
done
"$bindir/pg_isready" -h 127.0.0.1 -p "$port" >/dev/null || { log "PostgreSQL did not become ready"; cat "$datadir/postgres.log" >&2; exit 1; }

export VERITY_TEST_DATABASE_URL="postgresql://verity@127.0.0.1:$port/postgres"
unset DATABASE_URL PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD PGSERVICE

start=$(date +%s)
log "building"
swift build --build-tests "$@"
log "running the tests"
swift test --skip-build "$@"
log "tests took $(( $(date +%s) - start )) s (build included)"
