# Shared by Scripts/test.sh and Scripts/bench.sh: find (or install) PostgreSQL and start a throwaway
# cluster in a fresh directory on a free port, stopped by pg_stop (register it with trap).
# After pg_start: $PG_BINDIR, $PG_PORT, $PG_DATADIR, $PG_URL (database "postgres", user "verity").

pg_log() { printf '==> %s\n' "$*" >&2; }

pg_apt_install() {
    if [ "$(id -u)" -ne 0 ]; then
        pg_log "missing: $*; install them (apt-get install $*) or run as root"
        exit 1
    fi
    pg_log "installing $* with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq "$@" >/dev/null
}

pg_find_bindir() {
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

# Installs libpq-dev (the build needs it) and the PostgreSQL server when they are missing.
pg_ensure_installed() {
    pkg-config --exists libpq 2>/dev/null || pg_apt_install libpq-dev pkg-config
    PG_BINDIR=$(pg_find_bindir)
    if [ -z "$PG_BINDIR" ]; then
        pg_apt_install postgresql
        PG_BINDIR=$(pg_find_bindir)
    fi
    [ -n "$PG_BINDIR" ] || { pg_log "no PostgreSQL server programs found"; exit 1; }
}

pg_run() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# pg_start [extra postgres -c settings...]
pg_start() {
    pg_ensure_installed
    PG_DATADIR=$(mktemp -d /tmp/verity-pg.XXXXXX)
    PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_DATADIR"; fi
    pg_log "starting a throwaway PostgreSQL ($("$PG_BINDIR/postgres" --version)) on 127.0.0.1:$PG_PORT"
    pg_run "$PG_BINDIR/initdb" -D "$PG_DATADIR/pgdata" -U verity --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-instructions >/dev/null
    local options="-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories='' -c max_connections=300"
    for setting in "$@"; do options="$options -c $setting"; done
    pg_run "$PG_BINDIR/pg_ctl" -D "$PG_DATADIR/pgdata" -l "$PG_DATADIR/postgres.log" -w -o "$options" start >/dev/null
    local _
    for _ in $(seq 1 50); do
        "$PG_BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && break
        sleep 0.2
    done
    if ! "$PG_BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
        pg_log "PostgreSQL did not become ready"
        cat "$PG_DATADIR/postgres.log" >&2
        exit 1
    fi
    PG_URL="postgresql://verity@127.0.0.1:$PG_PORT/postgres?sslmode=disable"
}

pg_stop() {
    if [ -n "${PG_DATADIR:-}" ] && [ -d "$PG_DATADIR" ]; then
        pg_log "stopping the throwaway PostgreSQL"
        pg_run "$PG_BINDIR/pg_ctl" -D "$PG_DATADIR/pgdata" -m immediate -w stop >/dev/null 2>&1 || true
        rm -rf "$PG_DATADIR"
    fi
}
