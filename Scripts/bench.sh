#!/usr/bin/env bash
# Benchmarks, each figure next to a baseline measured in the same run on the same machine.
#
#   segment: `verity segment --jsonl` on the English Golden Rules text repeated to ~1 MB, in MB of input per
#           CPU-second of the verity process (best of ten, median also shown), vs pySBD on a slice of the same text in the same
#           run when pySBD is installed (pip install pysbd). Target: >= 25 MB/CPU-s, >= 200x pySBD.
#   import: `verity import` of N generated seed-shaped articles (one JSON Lines file, one transaction), and
#           of the Label Studio workload (10,000 texts of ~620 characters, one file),
#           vs `psql \copy` of the very same final rows (articles + spans) into the same tables: the
#           physical limit of getting those rows into PostgreSQL.
#   httpimport: `POST /v1/projects/{p}/articles` of the Label Studio records, one JSON record per request from
#           8 editors on 8 connections under wrk; then 10,000 of them in one `application/x-ndjson` request
#           (the bulk form) into the same project, and again into a fresh database (as the import section's
#           `verity import` is measured: the like-for-like comparison with the CLI); the server's peak RSS.
#   export: `verity export --format claimreview` of N verified claims (two verdicts and a resolution
#           each) vs `psql \copy (SELECT …) TO` of the same query's rows; peak RSS of verity.
#   read:   `GET /v1/articles/{id}` (with authentication, text and spans) from 32 viewers on 32
#           connections under wrk, vs pgbench running the same statements with 32 clients; and the
#           server's memory: RSS idle, and its peak under that load. Then the same for a 100-item list
#           page (`GET /v1/projects/{p}/articles?limit=100`). Then 70 s more of the article reads, for the
#           server's peak RSS under sustained load (memory that lives on for a minute, as PostgresNIO's
#           pool timers did, does not show in 10 s).
#   reanchor: re-importing a corrected ~50 KB article that carries 1,000 claims (a paragraph inserted at
#           the top, every tenth sentence reworded): every claim is moved or matched approximately, and
#           every move audited, in the import's transaction. Target: under 2 s.
#   write:  first verdicts (`PUT /v1/claims/{id}/verdicts/mine`, with authentication, status update and
#           audit) from 32 reviewers on 32 connections under wrk, vs pgbench running the same statements
#           with 32 clients.
#
# Usage: Scripts/bench.sh [--debug] [--sizes 10000,100000] [--only segment|import|httpimport|read|write|export|reanchor|similar] [--claims 100000] [--json] [--binary PATH]
#                         [--wrk-threads 32|16|8|4|2|1] [--wrk-cpus LIST]
# Builds release by default (15-30 minutes from clean on 2 cores); --debug uses the debug build; --binary PATH
# measures a verity built elsewhere (e.g. the previous commit, for before/after tables).
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/lib/pg.sh

configuration=release
sizes=10000
json=false
only=all
binary=""
export_claims=100000
# The write section's load generator: wrk threads (32: one per connection) and, optionally, the CPUs wrk is
# pinned to (taskset list), to show how much of the latency tail is wrk sharing the cores.
wrk_threads=32
wrk_cpus=""
while [ $# -gt 0 ]; do
    case "$1" in
        --debug) configuration=debug ;;
        --only) only=$2; shift ;;
        --claims) export_claims=$2; shift ;;
        --sizes) sizes=$2; shift ;;
        --json) json=true ;;
        --binary) binary=$2; shift ;;
        --wrk-threads) wrk_threads=$2; shift ;;
        --wrk-cpus) wrk_cpus=$2; shift ;;
        *) echo "usage: Scripts/bench.sh [--debug] [--sizes N,N] [--only segment|import|httpimport|read|write|export|reanchor|similar] [--claims N] [--json]" >&2; exit 64 ;;
    esac
    shift
done

if [ -n "$binary" ]; then
    # A verity built elsewhere (another commit's release build, for before/after figures).
    verity=$(realpath "$binary")
    configuration="binary $binary"
elif [ "$configuration" = release ]; then
    # Linked as the Dockerfile ships it, with the Swift runtime and Foundation static: a dynamically linked
    # verity spends ~7 ms of every start relocating their shared libraries (15.5 vs 8.5 ms of CPU for an
    # empty `verity segment`), which on 1 MB is a fifth of the work. Its own scratch path, so the dynamic
    # build in .build-release stays usable.
    pg_log "building verity (release, static Swift runtime as shipped)"
    swift build -c release --product verity --scratch-path .build-release-static --static-swift-stdlib >&2
    verity=.build-release-static/release/verity
else
    swift build --product verity >&2
    verity=.build/debug/verity
fi

work=$(mktemp -d /tmp/verity-bench.XXXXXX)
chmod 755 "$work"
cleanup() {
    local status=$?
    pg_stop
    rm -rf "$work"
    exit $status
}
trap cleanup EXIT INT TERM
pg_start
psql_at() { "$PG_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 "postgresql://verity@127.0.0.1:$PG_PORT/$1?sslmode=disable" "${@:2}"; }
now() { python3 -c 'import time; print(time.monotonic())'; }

article_columns="project_id, id, external_id, content_hash, title, section, standfirst, author, author_affiliation, publisher, url, published_at, language, text, code_points, utf16_length, created_at"
span_columns="project_id, article_id, ordinal, block, paragraph, start_cp, end_cp, start_utf16, end_utf16"
results=()

# make_tokens DIR ROLE: SQL for 32 users with that role in project "bench", each with a token
# (DIR/users.sql), the tokens themselves (DIR/tokens.txt), and a bench_tokens table pgbench reads.
make_tokens() {
    python3 - "$1" "$2" <<'GEN'
import hashlib, secrets, sys, uuid
work, role = sys.argv[1], sys.argv[2]
with open(f"{work}/users.sql", "w") as sql, open(f"{work}/tokens.txt", "w") as tokens:
    sql.write("CREATE TABLE bench_tokens (n int PRIMARY KEY, user_id uuid, token_hash bytea);\n")
    for n in range(1, 33):
        user = uuid.uuid4()
        token = "vrt_" + secrets.token_urlsafe(32)
        digest = hashlib.sha256(token.encode()).hexdigest()
        tokens.write(token + "\n")
        sql.write(f"INSERT INTO users (id, username) VALUES ('{user}', '{role}{n}');\n")
        sql.write(f"INSERT INTO api_tokens (user_id, name, token_hash) VALUES ('{user}', 'bench', '\\x{digest}');\n")
        sql.write(f"INSERT INTO memberships (project_id, user_id, role) SELECT id, '{user}', '{role}' FROM projects WHERE slug = 'bench';\n")
        sql.write(f"INSERT INTO bench_tokens VALUES ({n}, '{user}', '\\x{digest}');\n")
GEN
}

# start_server URL: runs verity serve on a free port; sets $server (pid) and $base (URL).
start_server() {
    "$verity" serve --database "$1" --port 0 --max-connections 32 > "$work/serve.log" 2>&1 &
    server=$!
    for _ in $(seq 1 100); do grep -q "listening on" "$work/serve.log" && break; sleep 0.1; done
    base=$(grep -o 'http://[^ ]*' "$work/serve.log" | head -n1)
}

command -v wrk >/dev/null 2>&1 || pg_apt_install wrk
[ -x "$PG_BINDIR/pgbench" ] || pg_apt_install postgresql-contrib

if [ "$only" = all ] || [ "$only" = segment ]; then
    rules=../shared/benchmarks/sbd-golden-rules-en.json
    if [ -f "$rules" ]; then
        pg_log "segment: verity segment --jsonl on the Golden Rules text repeated to ~1 MB"
        results+=("$(python3 Scripts/bench/segment.py "$verity" "$rules" "$work")")
    else
        pg_log "segment: no Golden Rules file found, skipped"
    fi
fi

# bench_import NAME FILE N: `verity import` of FILE (N records) into a fresh database, then `psql \copy` of
# the very rows it wrote into an empty copy of the schema (triggers on, as verity has them).
bench_import() {
    local name=$1 file=$2 n=$3
    local bytes; bytes=$(stat -c %s "$file")
    for db in verity_a_$name verity_b_$name; do
        psql_at postgres -c "CREATE DATABASE $db"
        "$verity" migrate --database "postgresql://verity@127.0.0.1:$PG_PORT/$db?sslmode=disable" >/dev/null
    done
    local url_a="postgresql://verity@127.0.0.1:$PG_PORT/verity_a_$name?sslmode=disable"
    "$verity" project create --slug bench --database "$url_a" >/dev/null

    pg_log "import: verity import of $n records ($name)"
    # Each timed write starts from a checkpointed cluster, so it does not pay for the previous step's dirty
    # pages and WAL (the short workload ran right after 270,000 spans of the seed one, and swung by a third).
    psql_at postgres -c "CHECKPOINT"
    local start end
    start=$(now)
    /usr/bin/time -f '%M' -o "$work/rss" "$verity" import --project bench --json --database "$url_a" "$file" > "$work/report.json"
    end=$(now)
    local verity_seconds; verity_seconds=$(python3 -c "print(round($end - $start, 3))")
    local verity_rss_kb; verity_rss_kb=$(cat "$work/rss")
    local spans; spans=$(python3 -c "import json; print(json.load(open('$work/report.json'))['spans'])")

    psql_at "verity_a_$name" -c "\\copy projects (id, slug, name, reviewers_per_claim, blind_review, created_at) TO '$work/projects.tsv'"
    psql_at "verity_a_$name" -c "\\copy (SELECT $article_columns FROM articles) TO '$work/articles.tsv'"
    psql_at "verity_a_$name" -c "\\copy (SELECT $span_columns FROM spans) TO '$work/spans.tsv'"
    psql_at "verity_b_$name" -c "\\copy projects (id, slug, name, reviewers_per_claim, blind_review, created_at) FROM '$work/projects.tsv'"
    pg_log "import: psql \\copy of the same rows ($name)"
    psql_at postgres -c "CHECKPOINT"
    start=$(now)
    psql_at "verity_b_$name" -1 -c "\\copy articles ($article_columns) FROM '$work/articles.tsv'" -c "\\copy spans ($span_columns) FROM '$work/spans.tsv'"
    end=$(now)
    local copy_seconds; copy_seconds=$(python3 -c "print(round($end - $start, 3))")
    results+=("{\"benchmark\":\"import\",\"workload\":\"$name\",\"articles\":$n,\"spans\":$spans,\"inputBytes\":$bytes,\"veritySeconds\":$verity_seconds,\"copySeconds\":$copy_seconds,\"verityPeakRSSKiB\":$verity_rss_kb,\"build\":\"$configuration\"}")
}

if [ "$only" = all ] || [ "$only" = import ]; then
    for n in ${sizes//,/ }; do
        pg_log "import: generating $n seed-shaped articles"
        python3 Scripts/bench/generate_articles.py Tests/VerityCoreTests/Fixtures/seed-article.txt "$n" "$work/articles-$n.jsonl"
        bench_import "seed_$n" "$work/articles-$n.jsonl" "$n"
    done
    # Label Studio's workload: 10,000 texts of ~620 characters in one file.
    python3 Scripts/bench/generate_short.py Tests/VerityCoreTests/Fixtures/seed-article.txt 10000 "$work/short.jsonl"
    bench_import short_10000 "$work/short.jsonl" 10000
fi

if [ "$only" = all ] || [ "$only" = export ]; then
    pg_log "export: preparing $export_claims verified claims"
    db=verity_export
    url="postgresql://verity@127.0.0.1:$PG_PORT/$db?sslmode=disable"
    psql_at postgres -c "CREATE DATABASE $db"
    "$verity" migrate --database "$url" >/dev/null
    "$verity" project create --slug bench --database "$url" >/dev/null
    "$verity" import --project bench --database "$url" Tests/VerityCoreTests/Fixtures/seed-article.txt >/dev/null
    psql_at "$db" -q <<SQL
INSERT INTO users (username) VALUES ('r1'), ('r2'), ('editor');
INSERT INTO claims (project_id, article_id, start_cp, end_cp, start_utf16, end_utf16, exact, prefix, suffix, span_ordinals, status, claimant, claim_date, tags)
    SELECT a.project_id, a.id, 0, 120, 0, 120, substr(a.text, 1, 120), '', substr(a.text, 121, 32), '{0,1}', 'verified', 'A speaker', '2023-09-12', '{bench}'
    FROM articles a, generate_series(1, $export_claims);
INSERT INTO verdicts (project_id, claim_id, reviewer_id, rating, confidence, rationale, evidence)
    SELECT c.project_id, c.id, u.id, 'mostly-false', 0.8, 'The ministry data say otherwise.', '[{"url": "https://stats.example.org/t", "title": "Table 3"}]'
    FROM claims c, users u WHERE u.username IN ('r1', 'r2');
INSERT INTO resolutions (project_id, claim_id, rating, rationale, verdict_ids, resolved_by)
    SELECT c.project_id, c.id, 'mostly-false', 'Both reviewers agree.', '{}', (SELECT id FROM users WHERE username = 'editor') FROM claims c;
ANALYZE;
SQL
    pg_log "export: verity export --format claimreview"
    start=$(now)
    /usr/bin/time -f '%M' -o "$work/export-rss" "$verity" export --project bench --format claimreview --database "$url" \
        --review-url-template 'https://desk.example/checks/{claim}' --output "$work/export.json"
    end=$(now)
    export_seconds=$(python3 -c "print(round($end - $start, 3))")
    export_bytes=$(stat -c %s "$work/export.json")
    pg_log "export: verity export --format jsonl --status all (Verity's own, lossless format)"
    start=$(now)
    /usr/bin/time -f '%M' -o "$work/export-jsonl-rss" "$verity" export --project bench --format jsonl --status all --database "$url" \
        --output "$work/export.jsonl"
    end=$(now)
    jsonl_seconds=$(python3 -c "print(round($end - $start, 3))")
    jsonl_bytes=$(stat -c %s "$work/export.jsonl")
    # The baseline: the same rows, read by the same query, written by psql.
    pg_log "export: psql \\copy of the same query"
    start=$(now)
    psql_at "$db" -c "\\copy (SELECT c.id, c.exact, c.claimant, c.claim_date, a.url, a.title, (SELECT jsonb_agg(jsonb_build_object('id', v.id, 'reviewer', u.username, 'rating', v.rating, 'rationale', v.rationale, 'evidence', v.evidence, 'createdAt', v.created_at) ORDER BY v.created_at, v.id) FROM verdicts v JOIN users u ON u.id = v.reviewer_id WHERE v.claim_id = c.id), r.rating, r.rationale, r.created_at FROM claims c JOIN articles a ON a.id = c.article_id LEFT JOIN resolutions r ON r.claim_id = c.id WHERE c.status IN ('verified', 'published') ORDER BY c.created_at, c.id) TO '$work/export-copy.tsv'"
    end=$(now)
    copy_seconds=$(python3 -c "print(round($end - $start, 3))")
    results+=("{\"benchmark\":\"export\",\"claims\":$export_claims,\"veritySeconds\":$export_seconds,\"copySeconds\":$copy_seconds,\"outputBytes\":$export_bytes,\"verityPeakRSSKiB\":$(cat "$work/export-rss"),\"jsonlSeconds\":$jsonl_seconds,\"jsonlBytes\":$jsonl_bytes,\"jsonlPeakRSSKiB\":$(cat "$work/export-jsonl-rss"),\"build\":\"$configuration\"}")
fi

if [ "$only" = all ] || [ "$only" = reanchor ]; then
    pg_log "reanchor: a 50 KB article with 1,000 claims, then its corrected version"
    db=verity_reanchor
    url="postgresql://verity@127.0.0.1:$PG_PORT/$db?sslmode=disable"
    psql_at postgres -c "CREATE DATABASE $db"
    "$verity" migrate --database "$url" >/dev/null
    "$verity" project create --slug bench --database "$url" >/dev/null
    article_bytes=$(python3 Scripts/bench/reanchor.py "$work" 1000)
    "$verity" import --project bench --database "$url" "$work/big.jsonl" >/dev/null
    psql_at "$db" -f "$work/claims.sql" >/dev/null
    start=$(now)
    "$verity" import --project bench --json --database "$url" "$work/big-corrected.jsonl" > "$work/reanchor.json"
    end=$(now)
    reanchor_seconds=$(python3 -c "print(round($end - $start, 3))")
    outcome=$(python3 -c "import json; r=json.load(open('$work/reanchor.json')); print(json.dumps(r.get('reanchored', {})))")
    results+=("{\"benchmark\":\"reanchor\",\"claims\":1000,\"articleChars\":$article_bytes,\"seconds\":$reanchor_seconds,\"outcome\":$outcome,\"build\":\"$configuration\"}")
fi

if [ "$only" = all ] || [ "$only" = read ]; then
    pg_log "read: preparing 200 articles and 32 viewers"
    db=verity_read
    url="postgresql://verity@127.0.0.1:$PG_PORT/$db?sslmode=disable"
    psql_at postgres -c "CREATE DATABASE $db"
    "$verity" migrate --database "$url" >/dev/null
    "$verity" project create --slug bench --database "$url" >/dev/null
    python3 Scripts/bench/generate_articles.py Tests/VerityCoreTests/Fixtures/seed-article.txt 200 "$work/read-articles.jsonl"
    "$verity" import --project bench --database "$url" "$work/read-articles.jsonl" >/dev/null
    make_tokens "$work" viewer
    psql_at "$db" -f "$work/users.sql" >/dev/null
    psql_at "$db" -At -c "SELECT id FROM articles ORDER BY created_at, id" > "$work/articles.txt"
    psql_at "$db" -c "CREATE TABLE bench_articles AS SELECT row_number() OVER (ORDER BY created_at, id) AS n, id, project_id FROM articles; CREATE UNIQUE INDEX ON bench_articles (n); ANALYZE" >/dev/null

    start_server "$url"
    sleep 1
    idle_kb=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
    # Measured warm, as pgbench is (it connects before it starts timing): see the write section.
    pg_log "read: warm-up, 3 s"
    wrk -t32 -c32 -d3s -s Scripts/bench/read.lua "$base" -- "$work/tokens.txt" "$work/articles.txt" >/dev/null
    pg_log "read: wrk, 32 connections, 10 s, against $base"
    wrk -t32 -c32 -d10s --latency -s Scripts/bench/read.lua "$base" -- "$work/tokens.txt" "$work/articles.txt" > "$work/wrk-read.txt"
    peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
    loaded_kb=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
    kill -TERM "$server"; wait "$server" || true
    result=$(grep RESULT "$work/wrk-read.txt")
    pg_log "read: pgbench, 32 clients, 10 s, the same statements"
    PGPASSWORD= "$PG_BINDIR/pgbench" -n -c 32 -j 2 -T 10 -D narticles=200 -f Scripts/bench/read.pgbench -r \
        "postgresql://verity@127.0.0.1:$PG_PORT/$db?sslmode=disable" > "$work/pgbench-read.txt" 2>&1 || cat "$work/pgbench-read.txt" >&2
    tps=$(awk '/^tps = / {print $3; exit}' "$work/pgbench-read.txt")
    latency=$(awk '/^latency average = / {print $4; exit}' "$work/pgbench-read.txt")
    read -r _ requests seconds p50 p99 non200 <<< "$(echo "$result" | tr '=' ' ' | awk '{print $1, $3, $5, $7, $9, $11}')"

    # The 100-item list page, on the same server and data: wrk, then pgbench with the same statements.
    start_server "$url"
    sleep 1
    wrk -t32 -c32 -d3s -s Scripts/bench/read.lua "$base" -- "$work/tokens.txt" "/v1/projects/bench/articles?limit=100" >/dev/null
    pg_log "read: list page (100 articles), wrk, 32 connections, 10 s, against $base"
    wrk -t32 -c32 -d10s --latency -s Scripts/bench/read.lua "$base" -- "$work/tokens.txt" "/v1/projects/bench/articles?limit=100" > "$work/wrk-list.txt"
    list_peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
    kill -TERM "$server"; wait "$server" || true
    list_result=$(grep RESULT "$work/wrk-list.txt")
    pg_log "read: GET article, wrk, 32 connections, 70 s, for the server's memory under sustained load"
    start_server "$url"
    sleep 1
    wrk -t32 -c32 -d70s -s Scripts/bench/read.lua "$base" -- "$work/tokens.txt" "$work/articles.txt" > "$work/wrk-sustained.txt"
    sustained_peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
    kill -TERM "$server"; wait "$server" || true
    sustained_requests=$(grep RESULT "$work/wrk-sustained.txt" | tr '=' ' ' | awk '{print $3}')
    pg_log "read: list page, pgbench, 32 clients, 10 s, the same statements"
    PGPASSWORD= "$PG_BINDIR/pgbench" -n -c 32 -j 2 -T 10 -f Scripts/bench/list.pgbench -r \
        "postgresql://verity@127.0.0.1:$PG_PORT/$db?sslmode=disable" > "$work/pgbench-list.txt" 2>&1 || cat "$work/pgbench-list.txt" >&2
    list_tps=$(awk '/^tps = / {print $3; exit}' "$work/pgbench-list.txt")
    list_latency=$(awk '/^latency average = / {print $4; exit}' "$work/pgbench-list.txt")
    read -r _ list_requests list_seconds list_p50 list_p99 list_non200 <<< "$(echo "$list_result" | tr '=' ' ' | awk '{print $1, $3, $5, $7, $9, $11}')"
    results+=("{\"benchmark\":\"list\",\"requests\":$list_requests,\"seconds\":$list_seconds,\"p50Ms\":$list_p50,\"p99Ms\":$list_p99,\"non200\":$list_non200,\"pgbenchTps\":$list_tps,\"pgbenchLatencyMs\":$list_latency,\"peakRSSKiB\":$list_peak_kb,\"build\":\"$configuration\"}")
    results+=("{\"benchmark\":\"read\",\"requests\":$requests,\"seconds\":$seconds,\"p50Ms\":$p50,\"p99Ms\":$p99,\"non200\":$non200,\"pgbenchTps\":$tps,\"pgbenchLatencyMs\":$latency,\"idleRSSKiB\":$idle_kb,\"loadedRSSKiB\":$loaded_kb,\"peakRSSKiB\":$peak_kb,\"sustainedRequests\":$sustained_requests,\"sustainedPeakRSSKiB\":$sustained_peak_kb,\"build\":\"$configuration\"}")
fi

if [ "$only" = all ] || [ "$only" = write ]; then
    pg_log "write: preparing 32 reviewers and 3,000 claims"
    db=verity_write
    url="postgresql://verity@127.0.0.1:$PG_PORT/$db?sslmode=disable"
    psql_at postgres -c "CREATE DATABASE $db"
    "$verity" migrate --database "$url" >/dev/null
    "$verity" project create --slug bench --reviewers-per-claim 2 --database "$url" >/dev/null
    "$verity" import --project bench --database "$url" Tests/VerityCoreTests/Fixtures/seed-article.txt >/dev/null
    make_tokens "$work" reviewer
    psql_at "$db" -f "$work/users.sql" >/dev/null
    psql_at "$db" -c "INSERT INTO claims (project_id, article_id, start_cp, end_cp, start_utf16, end_utf16, exact, prefix, suffix, span_ordinals)
        SELECT a.project_id, a.id, 0, 5, 0, 5, substr(a.text, 1, 5), '', substr(a.text, 6, 32), '{0}' FROM articles a, generate_series(1, 3000)" >/dev/null
    psql_at "$db" -At -c "SELECT id FROM claims ORDER BY created_at, id" > "$work/claims.txt"
    psql_at "$db" -c "CREATE TABLE bench_claims AS SELECT row_number() OVER (ORDER BY created_at, id) AS n, id, project_id FROM claims; CREATE UNIQUE INDEX ON bench_claims (n)" >/dev/null

    start_server "$url"
    # pgbench connects before it starts timing; the server's pool opens its connections (and prepares its
    # statements on each) on demand. A 3 s warm-up on claims the measured run does not reach, so that both
    # are measured warm.
    pg_log "write: warm-up, 3 s"
    wrk -t"$wrk_threads" -c32 -d3s -s Scripts/bench/verdicts.lua "$base" -- "$work/tokens.txt" "$work/claims.txt" $((32 / wrk_threads)) 1500 >/dev/null
    pg_log "write: wrk, 32 connections on $wrk_threads threads${wrk_cpus:+ pinned to CPU $wrk_cpus}, 10 s, against $base"
    ${wrk_cpus:+taskset -c "$wrk_cpus"} wrk -t"$wrk_threads" -c32 -d10s --latency -s Scripts/bench/verdicts.lua "$base" -- \
        "$work/tokens.txt" "$work/claims.txt" $((32 / wrk_threads)) > "$work/wrk.txt"
    rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
    kill -TERM "$server"; wait "$server" || true
    result=$(grep RESULT "$work/wrk.txt")
    pg_log "write: pgbench, 32 clients, 10 s, the same statements"
    # Every transaction's latency is logged (-l), so pgbench's own tail is measured beside Verity's: the
    # part of the tail that is PostgreSQL (WAL flushes, checkpoints on this disk) shows in both.
    PGPASSWORD= "$PG_BINDIR/pgbench" -n -c 32 -j 2 -T 10 -D nclaims=3000 -f Scripts/bench/verdicts.pgbench -r \
        -l --log-prefix="$work/pgbench-write" "postgresql://verity@127.0.0.1:$PG_PORT/$db?sslmode=disable" > "$work/pgbench.txt" 2>&1 ||
        cat "$work/pgbench.txt" >&2
    tps=$(awk '/^tps = / {print $3; exit}' "$work/pgbench.txt")
    latency=$(awk '/^latency average = / {print $4; exit}' "$work/pgbench.txt")
    read -r pg_p50 pg_p99 <<< "$(cat "$work"/pgbench-write.* | python3 -c '
import sys
lat = sorted(int(line.split()[2]) for line in sys.stdin if line.strip())
print(lat[len(lat) // 2] / 1000, lat[min(len(lat) - 1, len(lat) * 99 // 100)] / 1000)')"
    read -r _ requests seconds p50 p99 non201 <<< "$(echo "$result" | tr '=' ' ' | awk '{print $1, $3, $5, $7, $9, $11}')"
    results+=("{\"benchmark\":\"write\",\"requests\":$requests,\"seconds\":$seconds,\"p50Ms\":$p50,\"p99Ms\":$p99,\"non201\":$non201,\"pgbenchTps\":$tps,\"pgbenchLatencyMs\":$latency,\"pgbenchP50Ms\":$pg_p50,\"pgbenchP99Ms\":$pg_p99,\"wrkThreads\":$wrk_threads,\"wrkCPUs\":\"${wrk_cpus:-any}\",\"serverRSSKiB\":$rss_kb,\"build\":\"$configuration\"}")
fi

# bulk_request NAME: the 10,000 records of http-bulk.jsonl in one request to the running server ($base), as
# the first editor; the answer in $work/NAME-report.json, its status in $work/NAME-status. Prints the
# seconds it took and the records the report says were imported.
bulk_request() {
    local start end token
    token=$(head -n1 "$work/tokens.txt")
    psql_at postgres -c "CHECKPOINT"
    start=$(now)
    curl -sS -o "$work/$1-report.json" -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: application/x-ndjson' \
        --data-binary @"$work/http-bulk.jsonl" "$base/v1/projects/bench/articles" > "$work/$1-status"
    end=$(now)
    echo "$(python3 -c "print(round($end - $start, 3))")" \
        "$(python3 -c "import json; print(json.load(open('$work/$1-report.json')).get('imported', 0))" 2>/dev/null || echo 0)"
}

if [ "$only" = all ] || [ "$only" = httpimport ]; then
    pg_log "httpimport: 8 editors; the Label Studio records, one per request, then all in one bulk request"
    db=verity_httpimport
    url="postgresql://verity@127.0.0.1:$PG_PORT/$db?sslmode=disable"
    psql_at postgres -c "CREATE DATABASE $db"
    "$verity" migrate --database "$url" >/dev/null
    "$verity" project create --slug bench --database "$url" >/dev/null
    make_tokens "$work" editor
    psql_at "$db" -f "$work/users.sql" >/dev/null
    python3 Scripts/bench/generate_short.py Tests/VerityCoreTests/Fixtures/seed-article.txt 40000 "$work/http-records.jsonl"
    head -n 30000 "$work/http-records.jsonl" > "$work/http-single.jsonl"
    tail -n 10000 "$work/http-records.jsonl" > "$work/http-bulk.jsonl"
    start_server "$url"
    wrk -t8 -c8 -d10s --latency -s Scripts/bench/import.lua "$base" -- "$work/tokens.txt" "$work/http-single.jsonl" > "$work/wrk-import.txt"
    single_rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
    result=$(grep RESULT "$work/wrk-import.txt")
    read -r _ requests seconds p50 p99 non201 <<< "$(echo "$result" | tr '=' ' ' | awk '{print $1, $3, $5, $7, $9, $11}')"
    pg_log "httpimport: one bulk request of 10,000 records"
    read -r bulk_seconds bulk_imported <<< "$(bulk_request bulk)"
    peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
    kill -TERM "$server"; wait "$server" || true
    pg_log "httpimport: the same bulk request into a fresh database"
    db=verity_httpbulk
    url="postgresql://verity@127.0.0.1:$PG_PORT/$db?sslmode=disable"
    psql_at postgres -c "CREATE DATABASE $db"
    "$verity" migrate --database "$url" >/dev/null
    "$verity" project create --slug bench --database "$url" >/dev/null
    psql_at "$db" -f "$work/users.sql" >/dev/null
    start_server "$url"
    read -r fresh_seconds fresh_imported <<< "$(bulk_request bulk-fresh)"
    fresh_kb=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
    kill -TERM "$server"; wait "$server" || true
    peak_kb=$(( fresh_kb > peak_kb ? fresh_kb : peak_kb ))
    results+=("{\"benchmark\":\"httpimport\",\"bulkFreshStatus\":$(cat "$work/bulk-fresh-status"),\"bulkFreshImported\":$fresh_imported,\"bulkFreshSeconds\":$fresh_seconds,\"requests\":$requests,\"seconds\":$seconds,\"p50Ms\":$p50,\"p99Ms\":$p99,\"non201\":$non201,\"bulkStatus\":$(cat "$work/bulk-status"),\"bulkImported\":$bulk_imported,\"bulkSeconds\":$bulk_seconds,\"singlePeakRSSKiB\":$single_rss_kb,\"peakRSSKiB\":$peak_kb,\"build\":\"$configuration\"}")
fi

if [ "$only" = all ] || [ "$only" = similar ]; then
    pg_log "similar: 100,000 reference fact-checks and 100,000 claims"
    db=verity_similar
    url="postgresql://verity@127.0.0.1:$PG_PORT/$db?sslmode=disable"
    psql_at postgres -c "CREATE DATABASE $db"
    "$verity" migrate --database "$url" >/dev/null
    "$verity" project create --slug bench --database "$url" >/dev/null
    python3 Scripts/bench/generate_claims.py "$work/references.jsonl" 100000 "$work/claim-sentences.txt" 100000 "$work/queries.txt" 2000
    start=$(now)
    "$verity" import --project bench --database "$url" "$work/references.jsonl" >/dev/null
    end=$(now)
    references_seconds=$(python3 -c "print(round($end - $start, 3))")
    # The claims: articles of 100 claim sentences each, a claim on every sentence (written straight into the
    # tables; their index tokens are computed by the server at start-up, as for claims made before matching).
    python3 - "$work/claim-sentences.txt" "$work/claim-articles.jsonl" <<'GEN'
import json, sys
sentences = [l.strip() for l in open(sys.argv[1]) if l.strip()]
with open(sys.argv[2], "w") as out:
    for i in range(0, len(sentences), 100):
        out.write(json.dumps({"externalId": f"claims-{i}", "title": f"Claims {i}", "body": " ".join(sentences[i:i + 100])}) + "\n")
GEN
    "$verity" import --project bench --database "$url" "$work/claim-articles.jsonl" >/dev/null
    psql_at "$db" -c "INSERT INTO claims (project_id, article_id, start_cp, end_cp, start_utf16, end_utf16, exact, prefix, suffix, span_ordinals, revision)
        SELECT s.project_id, s.article_id, s.start_cp, s.end_cp, s.start_utf16, s.end_utf16, substr(a.text, s.start_cp + 1, s.end_cp - s.start_cp), '', '', ARRAY[s.ordinal], a.revision
        FROM spans s JOIN articles a ON a.id = s.article_id" >/dev/null
    claims=$(psql_at "$db" -At -c "SELECT count(*) FROM claims")
    make_tokens "$work" viewer
    psql_at "$db" -f "$work/users.sql" >/dev/null
    start_server "$url"
    start=$(now)
    for _ in $(seq 1 600); do
        [ "$(psql_at "$db" -At -c "SELECT count(*) FROM claims WHERE match_vector IS NULL")" = 0 ] && break
        sleep 0.5
    done
    end=$(now)
    backfill_seconds=$(python3 -c "print(round($end - $start, 3))")
    psql_at "$db" -c "ANALYZE" >/dev/null
    for connections in 1 2 4; do
        pg_log "similar: wrk, $connections connection(s), 10 s, against $base"
        wrk -t"$connections" -c"$connections" -d10s --latency -s Scripts/bench/similar.lua "$base" -- "$work/tokens.txt" "$work/queries.txt" > "$work/wrk-similar.txt"
        result=$(grep RESULT "$work/wrk-similar.txt")
        read -r _ requests seconds p50 p99 non200 <<< "$(echo "$result" | tr '=' ' ' | awk '{print $1, $3, $5, $7, $9, $11}')"
        peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
        results+=("{\"benchmark\":\"similar\",\"connections\":$connections,\"references\":100000,\"claims\":$claims,\"referencesImportSeconds\":$references_seconds,\"backfillSeconds\":$backfill_seconds,\"requests\":$requests,\"seconds\":$seconds,\"p50Ms\":$p50,\"p99Ms\":$p99,\"non200\":$non200,\"peakRSSKiB\":$peak_kb,\"build\":\"$configuration\"}")
    done
    kill -TERM "$server"; wait "$server" || true
fi

python3 - "$json" "${results[@]}" <<'PY'
import json, sys
as_json = sys.argv[1] == "true"
rows = [json.loads(r) for r in sys.argv[2:]]
if as_json:
    print(json.dumps(rows, indent=2))
    sys.exit(0)
imports = [r for r in rows if r["benchmark"] == "import"]
writes = [r for r in rows if r["benchmark"] == "write"]
reads = [r for r in rows if r["benchmark"] == "read"]
exports = [r for r in rows if r["benchmark"] == "export"]
for r in [r for r in rows if r["benchmark"] == "segment"]:
    print(f"{'benchmark':<10} {'input MB':>9} {'sentences':>10} {'CPU s':>7} {'MB/CPU-s':>9} {'median':>7} {'sent/CPU-s':>11} {'pySBD MB/CPU-s':>15} {'speedup':>8}")
    pysbd = f"{r['pysbdMBPerCPUSecond']:>15.4f}" if "pysbdMBPerCPUSecond" in r else f"{'(not installed)':>15}"
    speedup = f"{r['speedup']:>7.0f}x" if "speedup" in r else f"{'-':>8}"
    print(f"{'segment':<10} {r['inputBytes']/1e6:>9.2f} {r['sentences']:>10} {r['verityCPUSeconds']:>7.3f} {r['verityMBPerCPUSecond']:>9.1f} "
          f"{r.get('verityMedianMBPerCPUSecond', 0):>7.1f} {r['veritySentencesPerCPUSecond']:>11} {pysbd} {speedup}")
    print("(verity segment --jsonl, best of ten (median beside it), CPU time of the process; targets for issue 12: >= 25 MB/CPU-s, >= 200x pySBD)")
if imports:
    print(f"{'import':<12} {'articles':>9} {'spans':>9} {'verity s':>9} {'art/s':>8} {'spans/s':>9} {'COPY s':>8} {'art/s':>8} {'ratio':>6} {'RSS MiB':>8}")
for r in imports:
    v, c = r["veritySeconds"], r["copySeconds"]
    print(f"{r.get('workload', 'import'):<12} {r['articles']:>9} {r['spans']:>9} {v:>9.2f} {r['articles']/v:>8.0f} {r['spans']/v:>9.0f} "
          f"{c:>8.2f} {r['articles']/c:>8.0f} {v/c:>5.2f}x {r['verityPeakRSSKiB']/1024:>8.0f}")
if imports:
    print("(ratio = verity time / COPY time of the same rows; seed_N: seed-shaped 3.5 KB articles; short_10000: the Label Studio workload, 10,000 texts of ~620 characters; targets for issue 13: <= 1.3x, short >= 5,000 art/s)")
for r in exports:
    v, c = r["veritySeconds"], r["copySeconds"]
    print(f"{'benchmark':<10} {'claims':>9} {'verity s':>9} {'claims/s':>9} {'COPY s':>8} {'claims/s':>9} {'ratio':>6} {'peak RSS MiB':>12} {'output MiB':>10}")
    print(f"{'export':<10} {r['claims']:>9} {v:>9.2f} {r['claims']/v:>9.0f} {c:>8.2f} {r['claims']/c:>9.0f} {v/c:>5.2f}x {r['verityPeakRSSKiB']/1024:>12.0f} {r['outputBytes']/1048576:>10.1f}")
    j = r.get("jsonlSeconds")
    if j:
        print(f"{'jsonl':<10} {r['claims']:>9} {j:>9.2f} {r['claims']/j:>9.0f} {c:>8.2f} {r['claims']/c:>9.0f} {j/c:>5.2f}x {r['jsonlPeakRSSKiB']/1024:>12.0f} {r['jsonlBytes']/1048576:>10.1f}")
    print("(ClaimReview JSON-LD and Verity's jsonl vs psql \\copy of the ClaimReview query; targets: within 2x of COPY, peak RSS < 150 MB)")
for r in [r for r in rows if r["benchmark"] == "reanchor"]:
    print(f"{'benchmark':<10} {'claims':>9} {'chars':>9} {'seconds':>9}  outcome")
    print(f"{'reanchor':<10} {r['claims']:>9} {r['articleChars']:>9} {r['seconds']:>9.2f}  {json.dumps(r['outcome'])}")
    print("(re-importing the corrected article: every claim moved or matched approximately and audited; target: < 2 s)")
for r in reads:
    rps = r["requests"] / r["seconds"]
    print(f"{'benchmark':<10} {'verity req/s':>12} {'p50 ms':>8} {'p99 ms':>8} {'non-200':>8} {'pgbench tps':>12} {'pg lat ms':>10} {'share':>6} {'idle MiB':>9} {'load MiB':>9} {'peak MiB':>9} {'70 s MiB':>9}")
    print(f"{'read':<10} {rps:>12.0f} {r['p50Ms']:>8.2f} {r['p99Ms']:>8.2f} {r['non200']:>8} {r['pgbenchTps']:>12.0f} {r['pgbenchLatencyMs']:>10.2f} "
          f"{100 * rps / r['pgbenchTps']:>5.0f}% {r['idleRSSKiB'] / 1024:>9.0f} {r['loadedRSSKiB'] / 1024:>9.0f} {r['peakRSSKiB'] / 1024:>9.0f} {r['sustainedPeakRSSKiB'] / 1024:>9.0f}")
    print("(share = verity articles/s as a share of pgbench's transactions/s for the same statements; targets for issue 13: >= 60%, p99 <= 4x p50; server RSS <= 100 MB;")
    print(f" 70 s MiB = peak RSS after 70 s more of the same reads, {r['sustainedRequests']} requests)")
for r in [r for r in rows if r["benchmark"] == "list"]:
    rps = r["requests"] / r["seconds"]
    print(f"{'benchmark':<10} {'verity req/s':>12} {'p50 ms':>8} {'p99 ms':>8} {'non-200':>8} {'pgbench tps':>12} {'pg lat ms':>10} {'share':>6} {'peak MiB':>9}")
    print(f"{'list page':<10} {rps:>12.0f} {r['p50Ms']:>8.2f} {r['p99Ms']:>8.2f} {r['non200']:>8} {r['pgbenchTps']:>12.0f} {r['pgbenchLatencyMs']:>10.2f} "
          f"{100 * rps / r['pgbenchTps']:>5.0f}% {r['peakRSSKiB'] / 1024:>9.0f}")
    print("(GET /v1/projects/{p}/articles?limit=100: 100 article summaries per request; targets for issue 13: >= 60% of pgbench, p99 <= 4x p50)")
for r in writes:
    rps = r["requests"] / r["seconds"]
    print(f"{'benchmark':<10} {'verity req/s':>12} {'p50 ms':>8} {'p99 ms':>8} {'p99/p50':>7} {'non-201':>8} {'pgbench tps':>12} {'pg p50':>7} {'pg p99':>7} {'p99/p50':>7} {'share':>6} {'RSS MiB':>8}")
    print(f"{'write':<10} {rps:>12.0f} {r['p50Ms']:>8.2f} {r['p99Ms']:>8.2f} {r['p99Ms'] / r['p50Ms']:>6.1f}x {r['non201']:>8} {r['pgbenchTps']:>12.0f} "
          f"{r['pgbenchP50Ms']:>7.1f} {r['pgbenchP99Ms']:>7.1f} {r['pgbenchP99Ms'] / r['pgbenchP50Ms']:>6.1f}x {100 * rps / r['pgbenchTps']:>5.0f}% {r['serverRSSKiB'] / 1024:>8.0f}")
    print(f"(wrk: 32 connections on {r['wrkThreads']} threads, CPUs {r['wrkCPUs']}; pgbench: 32 clients, 2 threads, every transaction's latency logged; "
          "share = verity verdicts/s as a share of pgbench's transactions/s for the same statements; targets for issue 13: >= 60%, p99 <= 4x p50)")
for r in [r for r in rows if r["benchmark"] == "httpimport"]:
    rps = r["requests"] / r["seconds"]
    print(f"{'httpimport':<10} {'one/request art/s':>17} {'p50 ms':>8} {'p99 ms':>8} {'non-201':>8} {'bulk status':>11} {'bulk art/s':>10} {'fresh art/s':>11} {'peak MiB':>9}")
    print(f"{'':<10} {rps:>17.0f} {r['p50Ms']:>8.2f} {r['p99Ms']:>8.2f} {r['non201']:>8} {r['bulkStatus']:>11} {r['bulkImported'] / r['bulkSeconds']:>10.0f} "
          f"{r['bulkFreshImported'] / r['bulkFreshSeconds']:>11.0f} {r['peakRSSKiB'] / 1024:>9.0f}")
    print("(8 editors posting one ~620-char record per request under wrk; then 10,000 such records in one application/x-ndjson request, into the same project "
          "and into a fresh database; targets for issue 13: >= 1,000/s at 8 clients, bulk at the CLI's rate: compare 'fresh' with import's short_10000)")
similar = [r for r in rows if r["benchmark"] == "similar"]
if similar:
    print(f"{'similar':<10} {'clients':>7} {'references':>10} {'claims':>8} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'non-200':>8} {'import s':>9} {'backfill s':>10} {'peak MiB':>9}")
for r in similar:
    rps = r["requests"] / r["seconds"]
    print(f"{'':<10} {r['connections']:>7} {r['references']:>10} {r['claims']:>8} {rps:>7.0f} {r['p50Ms']:>8.2f} {r['p99Ms']:>8.2f} {r['non200']:>8} "
          f"{r['referencesImportSeconds']:>9.2f} {r['backfillSeconds']:>10.2f} {r['peakRSSKiB'] / 1024:>9.0f}")
if similar:
    print("(GET /v1/projects/bench/similar?text=… under wrk: PostgreSQL retrieval of 40+40 candidates, then the reranker; target for issue 14: p99 <= 50 ms)")
print(f"(build: {rows[-1].get('build', '-') if rows else '-'})")
PY
