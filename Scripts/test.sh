#!/usr/bin/env bash
# The README's test command. Starts a throwaway PostgreSQL (fresh data directory, free port, as the
# postgres user when run as root), runs the whole test suite against it, always stops it, and exits
# with the tests' status. Installs what is missing (PostgreSQL, libpq-dev, pg_auto_failover, HAProxy) with
# apt-get first.
# Extra arguments go to `swift test` (e.g. --filter VerityCoreTests).
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/lib/pg.sh

cleanup() {
    local status=$?
    pg_stop
    exit $status
}
trap cleanup EXIT INT TERM

# The "past one machine" tests run pg_auto_failover and HAProxy (installed here when missing, as root).
Scripts/ha.sh install

# Tests create many databases; durability buys nothing for a cluster thrown away at the end.
pg_start fsync=off synchronous_commit=off full_page_writes=off

export VERITY_TEST_DATABASE_URL="postgresql://verity@127.0.0.1:$PG_PORT/postgres"
unset DATABASE_URL PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGPASSWORD PGSERVICE

start=$(date +%s)
pg_log "building"
swift build --build-tests
# Three phases. First the suites that only compute (segmentation, extraction, agreement, export formats,
# argument parsing): they take both cores flat out and touch no database. Then the suites that talk to
# PostgreSQL and the HTTP stack, whose timing checks (slow-client cut-offs, connection deadlines) should
# measure Verity, not CPU-bound neighbours on the test process's two cooperative threads. Last, the suites
# that load the whole machine: the "past one machine" tests start PostgreSQL clusters, HAProxy and several
# servers under 16 clients, and the matching evaluation runs ~1,500 queries flat out.
compute="VerityCoreTests|SegmentArgumentsTests|ResponseEncodingTests"
heavy="PastOneMachineTests|ClaimMatchingPipelineTests"
status=0
if [ $# -eq 0 ]; then
    pg_log "running the compute-only suites"
    swift test --skip-build --filter "$compute" || status=$?
    pg_log "running the tests"
    swift test --skip-build --skip "$compute|$heavy" || status=$?
    pg_log "running the machine-loading suites on their own"
    swift test --skip-build --filter "$heavy" || status=$?
else
    pg_log "running the tests"
    swift test --skip-build "$@" || status=$?
fi
pg_log "tests took $(($(date +%s) - start)) s (build included)"
exit $status
