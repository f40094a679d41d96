#!/usr/bin/env bash
# Contract fuzzing: schemathesis (PyPI, in a virtualenv this script makes) against the /openapi.yaml
# the server serves, with a valid admin token, every operation, every check. Zero failures to pass.
# The live-events stream is left out: it never ends by design (a request that never completes is not
# something schemathesis can check; EventsEndToEndTests and the authorization matrix cover it).
# Revoking tokens gets a run of its own, with a token of its own: in the main run, logging out or a
# stateful link from `GET /v1/auth/tokens` to `DELETE /v1/auth/tokens/{tokenId}` would revoke the token
# the fuzzer runs with and turn every later case into a 401.
# Starts a throwaway PostgreSQL and a `verity serve`, and stops both.
#
# Usage: Scripts/fuzz.sh [--max-time SECONDS] [extra schemathesis options]   (default: 240 s)
# Uses the debug build (`swift build` first if it is not there).
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/lib/pg.sh

max_time=240
if [ "${1:-}" = "--max-time" ]; then max_time=$2; shift 2; fi
schemathesis_version=4.32.5
venv=.venv-fuzz

if [ ! -x "$venv/bin/schemathesis" ] || ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "$schemathesis_version"; then
    pg_log "installing schemathesis $schemathesis_version into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check "schemathesis==$schemathesis_version"
fi

swift build --product verity >&2
verity=$PWD/.build/debug/verity
work=$(mktemp -d /tmp/verity-fuzz.XXXXXX)
server_pid=
cleanup() {
    local status=$?
    if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true; fi
    pg_stop
    rm -rf "$work"
    exit $status
}
trap cleanup EXIT INT TERM
pg_start fsync=off synchronous_commit=off
unset DATABASE_URL PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGPASSWORD PGSERVICE
export DATABASE_URL=$PG_URL

"$verity" migrate >/dev/null
echo "fuzz-password-1" | "$verity" user create --username fuzz --admin --password-stdin >/dev/null
token=$("$verity" token create --username fuzz --name fuzz)
echo "fuzz-password-2" | "$verity" user create --username fuzz2 --admin --password-stdin >/dev/null
token2=$("$verity" token create --username fuzz2 --name fuzz2)
for user in ana ben; do echo "password-$user" | "$verity" user create --username "$user" --password-stdin >/dev/null; done
"$verity" project create --slug desk --name "Desk" >/dev/null
"$verity" project add-member --project desk --username ana --role reviewer
"$verity" import --project desk Tests/VerityCoreTests/Fixtures/seed-article.txt >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$verity" serve --host 127.0.0.1 --port "$port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || { cat "$work/server.log" >&2; exit 1; }

pg_log "schemathesis against http://127.0.0.1:$port/openapi.yaml for at most $max_time s"
status=0
"$venv/bin/schemathesis" --config-file Scripts/fuzz/schemathesis.toml run "http://127.0.0.1:$port/openapi.yaml" \
    --header "Authorization: Bearer $token" \
    --checks all \
    --max-time "$max_time" \
    --workers 1 \
    --request-timeout 30 \
    --seed 1 \
    --exclude-operation-id streamProjectEvents \
    --exclude-operation-id revokeCurrentToken \
    --exclude-operation-id revokeToken \
    --no-color \
    "$@" || status=$?
if [ $status -eq 0 ]; then
    # The main run's token must have lasted to the end: a revoked one would have made its cases 401s.
    if ! curl -fsS -H "Authorization: Bearer $token" "http://127.0.0.1:$port/v1/me" >/dev/null; then
        pg_log "the fuzzer's token stopped working during the run: its results are not worth much"
        status=1
    fi
fi
if [ $status -eq 0 ]; then
    pg_log "schemathesis: revoking tokens, with a token of its own"
    # The main run may have disabled fuzz2 (PATCH /v1/users/{username} is fuzzed too).
    "$verity" user enable --username fuzz2
    "$venv/bin/schemathesis" --config-file Scripts/fuzz/schemathesis.toml run "http://127.0.0.1:$port/openapi.yaml" \
        --header "Authorization: Bearer $token2" \
        --checks all \
        --max-time 30 \
        --workers 1 \
        --request-timeout 30 \
        --seed 1 \
        --include-operation-id listTokens \
        --include-operation-id revokeToken \
        --include-operation-id revokeCurrentToken \
        --no-color || status=$?
fi
if [ $status -ne 0 ]; then
    pg_log "server log (last 40 lines):"
    tail -n 40 "$work/server.log" >&2
fi
exit $status
