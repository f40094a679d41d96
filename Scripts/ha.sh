#!/usr/bin/env bash
# Throwaway high-availability topologies on loopback, for the "past one machine" tests and for trying
# them by hand. Everything lives under DIR (data, configuration, logs, pid files); `stop DIR` ends it all.
#
#   Scripts/ha.sh install                 installs pg_auto_failover and HAProxy with apt-get (root) if missing
#   Scripts/ha.sh autofailover DIR        a pg_auto_failover monitor and two data nodes, synchronous
#                                         replication; prints MONITOR_PORT=, NODE1_PORT=, NODE2_PORT=, URL=
#   Scripts/ha.sh primary DIR             prints the port of the node the monitor calls primary
#   Scripts/ha.sh failover DIR            pg_autoctl perform failover (a planned switch-over)
#   Scripts/ha.sh kill-postmaster DIR     kill -9 of the primary's postmaster (its keeper restarts it)
#   Scripts/ha.sh kill-primary DIR        kill -9 of the primary's postmaster and its keeper (a lost machine)
#   Scripts/ha.sh standby DIR [DELAY_MS]  a primary and a streaming hot standby made by pg_basebackup (applying
#                                         commits DELAY_MS late, if given); prints PRIMARY_PORT=, STANDBY_PORT=,
#                                         URL=, READ_URL=
#   Scripts/ha.sh haproxy DIR PORT HOST:PORT...   HAProxy on 127.0.0.1:PORT (0: a free one), round robin
#                                         over the backends, health-checked on /readyz, X-Forwarded-For set;
#                                         prints HAPROXY_URL=
#   Scripts/ha.sh stop DIR                stops everything started under DIR
#
# PostgreSQL refuses root: as root, the servers run as the postgres user.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/lib/pg.sh

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- env "PATH=$PG_BINDIR:$PATH" "XDG_CONFIG_HOME=$DIR/xdg/config" \
        "XDG_DATA_HOME=$DIR/xdg/data" "XDG_RUNTIME_DIR=$DIR/xdg/run" "$@"
    else env "PATH=$PG_BINDIR:$PATH" "XDG_CONFIG_HOME=$DIR/xdg/config" "XDG_DATA_HOME=$DIR/xdg/data" "XDG_RUNTIME_DIR=$DIR/xdg/run" "$@"; fi
}

prepare_dir() {
    mkdir -p "$DIR/xdg/config" "$DIR/xdg/data" "$DIR/xdg/run"
    chmod 700 "$DIR/xdg/run"
    if [ "$(id -u)" -eq 0 ]; then chown -R postgres "$DIR"; fi
}

# Starts `pg_autoctl run` for one data directory in a session of its own (so kill-primary can end the
# keeper and its postmaster together), recording the session's pid.
start_keeper() {
    local name=$1
    # The session leader writes its own pid: `$!` would be runuser's.
    as_postgres setsid bash -c 'echo $$ >"$1"; exec pg_autoctl run --pgdata "$2"' _ "$DIR/$name.keeper" "$DIR/$name" \
        >"$DIR/$name.log" 2>&1 </dev/null &
    for _ in $(seq 1 40); do [ -s "$DIR/$name.keeper" ] && break; sleep 0.05; done
}

monitor_psql() { as_postgres psql -X -q -At -h 127.0.0.1 -p "$(cat "$DIR/monitor.port")" -U postgres -d pg_auto_failover "$@"; }

# name|port|reported state for every data node.
node_states() { monitor_psql -c "SELECT nodename, nodeport, reportedstate FROM pgautofailover.node ORDER BY nodeid"; }

wait_for_states() {
    local want=$1 seconds=$2 states
    for _ in $(seq 1 $((seconds * 4))); do
        states=$(node_states 2>/dev/null | cut -d'|' -f3 | sort | tr '\n' ' ')
        [ "$states" = "$want" ] && return 0
        sleep 0.25
    done
    pg_log "the nodes did not reach '$want' within $seconds s (now: $(node_states 2>/dev/null | tr '\n' ' '))"
    return 1
}

cmd_install() {
    if command -v pg_autoctl >/dev/null && command -v haproxy >/dev/null; then return 0; fi
    if [ "$(id -u)" -ne 0 ]; then
        pg_log "pg_auto_failover or HAProxy is missing and this is not root: the tests that need them are skipped"
        return 0
    fi
    pg_ensure_installed
    local major
    major=$("$PG_BINDIR/postgres" --version | sed -E 's/[^0-9]*([0-9]+).*/\1/')
    pg_apt_install "postgresql-$major-auto-failover" haproxy
}

cmd_autofailover() {
    pg_ensure_installed
    command -v pg_autoctl >/dev/null || { pg_log "pg_autoctl is not installed (Scripts/ha.sh install)"; exit 3; }
    prepare_dir
    local monitor node1 node2
    monitor=$(free_port)
    node1=$(free_port)
    node2=$(free_port)
    echo "$monitor" >"$DIR/monitor.port"
    as_postgres pg_autoctl create monitor --pgdata "$DIR/monitor" --pgport "$monitor" --hostname 127.0.0.1 \
        --auth trust --no-ssl >"$DIR/monitor-create.log" 2>&1
    start_keeper monitor
    for _ in $(seq 1 80); do monitor_psql -c "SELECT 1" >/dev/null 2>&1 && break; sleep 0.25; done
    # Notice a lost node in seconds, not the defaults' half a minute: the tests wait for it.
    monitor_psql \
        -c "ALTER SYSTEM SET pgautofailover.health_check_period = 1000" \
        -c "ALTER SYSTEM SET pgautofailover.health_check_timeout = 1000" \
        -c "ALTER SYSTEM SET pgautofailover.health_check_max_retries = 1" \
        -c "ALTER SYSTEM SET pgautofailover.health_check_retry_delay = 500" \
        -c "ALTER SYSTEM SET pgautofailover.node_considered_unhealthy_timeout = 3000" \
        -c "ALTER SYSTEM SET pgautofailover.primary_demote_timeout = 5000" \
        -c "ALTER SYSTEM SET pgautofailover.startup_grace_period = 3000" \
        -c "SELECT pg_reload_conf()" >/dev/null
    local uri="postgres://autoctl_node@127.0.0.1:$monitor/pg_auto_failover?sslmode=disable" index port
    for index in 1 2; do
        port=$([ $index = 1 ] && echo "$node1" || echo "$node2")
        as_postgres pg_autoctl create postgres --pgdata "$DIR/node$index" --pgport "$port" --hostname 127.0.0.1 \
            --auth trust --no-ssl --monitor "$uri" --name "node$index" --dbname verity --username verity \
            >"$DIR/node$index-create.log" 2>&1
        start_keeper "node$index"
        if [ $index = 1 ]; then wait_for_states "single " 60; fi
    done
    wait_for_states "primary secondary " 90
    echo "MONITOR_PORT=$monitor"
    echo "NODE1_PORT=$node1"
    echo "NODE2_PORT=$node2"
    echo "URL='postgresql://verity@127.0.0.1:$node1,127.0.0.1:$node2/verity?target_session_attrs=read-write&sslmode=disable'"
}

cmd_primary() { node_states | awk -F'|' '$3 == "primary" || $3 == "wait_primary" { print $2 }'; }

cmd_failover() {
    as_postgres pg_autoctl perform failover --pgdata "$DIR/monitor" >"$DIR/failover.log" 2>&1
    wait_for_states "primary secondary " 90
}

# The primary's port, waiting up to 60 s for the formation to have one: right after a kill the monitor may
# still be moving the primary role (draining, demote_timeout, prepare_promotion…), and then no node is
# primary although writes may already have resumed on one.
settled_primary() {
    local port
    for _ in $(seq 1 120); do
        port=$(cmd_primary | head -1)
        if [ -n "$port" ]; then echo "$port"; return; fi
        sleep 0.5
    done
}

cmd_kill_primary() {
    local port name
    # A lost machine is survivable only with a standby in step: right after a failover (a planned one, or
    # the monitor's answer to a killed postmaster) the old primary is still rejoining, and losing the new
    # one then leaves nothing to promote, so writes would never resume. Wait for the pair first.
    wait_for_states "primary secondary " 90
    port=$(settled_primary)
    name=$(node_states | awk -F'|' -v port="$port" '$2 == port { print $1 }')
    [ -n "$name" ] || { pg_log "no primary to kill"; exit 1; }
    local postmaster keeper
    postmaster=$(head -1 "$DIR/$name/postmaster.pid")
    keeper=$(cat "$DIR/$name.keeper")
    pkill -9 -s "$keeper" 2>/dev/null || true
    kill -9 "$postmaster" 2>/dev/null || true
    rm -f "$DIR/$name.keeper"
    echo "KILLED=$name"
    echo "KILLED_PORT=$port"
}

# kill -9 of the primary's postmaster alone: its keeper restarts it (or the monitor fails over, if that
# takes too long).
cmd_kill_postmaster() {
    local port name
    wait_for_states "primary secondary " 90
    port=$(settled_primary)
    name=$(node_states | awk -F'|' -v port="$port" '$2 == port { print $1 }')
    [ -n "$name" ] || { pg_log "no primary to kill"; exit 1; }
    kill -9 "$(head -1 "$DIR/$name/postmaster.pid")"
    echo "KILLED=$name"
    echo "KILLED_PORT=$port"
}

cmd_standby() {
    pg_ensure_installed
    prepare_dir
    local primary standby
    primary=$(free_port)
    standby=$(free_port)
    as_postgres "$PG_BINDIR/initdb" -D "$DIR/primary" -U verity --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-instructions >/dev/null
    cat >>"$DIR/primary/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $primary
unix_socket_directories = ''
max_connections = 300
wal_level = replica
max_wal_senders = 5
hot_standby = on
fsync = off
full_page_writes = off
EOF
    echo "host replication verity 127.0.0.1/32 trust" >>"$DIR/primary/pg_hba.conf"
    as_postgres "$PG_BINDIR/pg_ctl" -D "$DIR/primary" -l "$DIR/primary.log" -w start >/dev/null
    as_postgres "$PG_BINDIR/createdb" -h 127.0.0.1 -p "$primary" -U verity verity
    as_postgres "$PG_BINDIR/pg_basebackup" -h 127.0.0.1 -p "$primary" -U verity -D "$DIR/standby" -R -X stream --checkpoint=fast >/dev/null
    sed -i "s/^port = .*/port = $standby/" "$DIR/standby/postgresql.conf"
    # A standby that lags on purpose (tests of read-your-writes): commits are applied this much later.
    if [ "${1:-0}" != 0 ]; then echo "recovery_min_apply_delay = '${1}ms'" >>"$DIR/standby/postgresql.conf"; fi
    as_postgres "$PG_BINDIR/pg_ctl" -D "$DIR/standby" -l "$DIR/standby.log" -w start >/dev/null
    echo "PRIMARY_PORT=$primary"
    echo "STANDBY_PORT=$standby"
    echo "URL=postgresql://verity@127.0.0.1:$primary/verity?sslmode=disable"
    echo "READ_URL=postgresql://verity@127.0.0.1:$standby/verity?sslmode=disable"
}

cmd_haproxy() {
    command -v haproxy >/dev/null || { pg_log "haproxy is not installed (Scripts/ha.sh install)"; exit 3; }
    mkdir -p "$DIR"
    local port=$1
    shift
    if [ "$port" = 0 ]; then port=$(free_port); fi
    {
        echo "global"
        echo "    maxconn 4096"
        echo "defaults"
        echo "    mode http"
        echo "    timeout connect 2s"
        echo "    timeout client 120s"
        echo "    timeout server 120s"
        echo "    timeout tunnel 1h"
        echo "    retries 2"
        echo "    option redispatch"
        echo "    option forwardfor"
        echo "frontend verity"
        echo "    bind 127.0.0.1:$port"
        echo "    default_backend servers"
        echo "backend servers"
        echo "    balance roundrobin"
        echo "    option httpchk GET /readyz"
        echo "    default-server inter 500ms fall 2 rise 2"
        local index=0 backend
        for backend in "$@"; do
            index=$((index + 1))
            echo "    server verity$index $backend check"
        done
    } >"$DIR/haproxy.cfg"
    haproxy -f "$DIR/haproxy.cfg" -D -p "$DIR/haproxy.pid"
    echo "HAPROXY_URL=http://127.0.0.1:$port"
}

cmd_stop() {
    [ -d "$DIR" ] || return 0
    if [ -f "$DIR/haproxy.pid" ]; then kill "$(cat "$DIR/haproxy.pid")" 2>/dev/null || true; fi
    local keeper pidfile
    # The keepers go first (they would restart a stopped postmaster), then each cluster is stopped by
    # pg_ctl, so that its postmaster ends all its children (the monitor's background workers do not notice
    # a killed postmaster and would linger), then whatever is left of the keepers' sessions.
    for keeper in "$DIR"/*.keeper; do
        [ -f "$keeper" ] && pkill -9 -s "$(cat "$keeper")" -x pg_autoctl 2>/dev/null || true
    done
    for pidfile in "$DIR"/*/postmaster.pid; do
        [ -f "$pidfile" ] || continue
        as_postgres "$PG_BINDIR/pg_ctl" -D "$(dirname "$pidfile")" -m immediate -w -t 10 stop >/dev/null 2>&1 ||
            kill -9 "$(head -1 "$pidfile")" 2>/dev/null || true
    done
    for keeper in "$DIR"/*.keeper; do
        [ -f "$keeper" ] && pkill -9 -s "$(cat "$keeper")" 2>/dev/null || true
    done
    sleep 0.5
    rm -rf "$DIR"
}

command=${1:-}
[ $# -ge 1 ] && shift
case "$command" in
install) cmd_install ;;
autofailover | primary | failover | kill-postmaster | kill-primary | standby | stop)
    DIR=$(realpath -m "${1:?DIR is required}")
    shift
    pg_ensure_installed
    "cmd_${command//-/_}" "$@"
    ;;
haproxy)
    DIR=$(realpath -m "${1:?DIR is required}")
    shift
    cmd_haproxy "$@"
    ;;
*)
    sed -n '2,20p' "$0" >&2
    exit 2
    ;;
esac
