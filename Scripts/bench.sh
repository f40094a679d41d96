#!/usr/bin/env bash
# Benchmarks, each figure next to a baseline measured in the same run on the same machine.
#
#   import: `verity import` of N generated seed-shaped articles (one JSON Lines file, one transaction)
#           vs `psql \copy` of the very same final rows (articles + spans) into the same tables: the
#           physical limit of getting those rows into PostgreSQL.
#
# Usage: Scripts/bench.sh [--debug] [--sizes 10000,100000] [--json]
# Builds release by default (15-30 minutes from clean on 2 cores); --debug uses the debug build.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/lib/pg.sh

configuration=release
sizes=10000
json=false
while [ $# -gt 0 ]; do
    case "$1" in
        --debug) configuration=debug ;;
        --sizes) sizes=$2; shift ;;
        --json) json=true ;;
        *) echo "usage: Scripts/bench.sh [--debug] [--sizes N,N] [--json]" >&2; exit 64 ;;
    esac
    shift
done

if [ "$configuration" = release ]; then
    pg_log "building verity (release)"
    swift build -c release --product verity --scratch-path .build-release >&2
    verity=.build-release/release/verity
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

for n in ${sizes//,/ }; do
    pg_log "import: generating $n articles"
    python3 Scripts/bench/generate_articles.py Tests/VerityCoreTests/Fixtures/seed-article.txt "$n" "$work/articles.jsonl"
    bytes=$(stat -c %s "$work/articles.jsonl")

    for db in verity_a_$n verity_b_$n; do
        psql_at postgres -c "CREATE DATABASE $db"
        "$verity" migrate --database "postgresql://verity@127.0.0.1:$PG_PORT/$db?sslmode=disable" >/dev/null
    done
    url_a="postgresql://verity@127.0.0.1:$PG_PORT/verity_a_$n?sslmode=disable"
    "$verity" project create --slug bench --database "$url_a" >/dev/null

    pg_log "import: verity import of $n articles"
    start=$(now)
    /usr/bin/time -f '%M' -o "$work/rss" "$verity" import --project bench --json --database "$url_a" "$work/articles.jsonl" > "$work/report.json"
    end=$(now)
    verity_seconds=$(python3 -c "print(round($end - $start, 3))")
    verity_rss_kb=$(cat "$work/rss")
    spans=$(python3 -c "import json; print(json.load(open('$work/report.json'))['spans'])")

    # The baseline loads exactly the rows verity wrote, with COPY, into an empty copy of the schema.
    psql_at "verity_a_$n" -c "\\copy projects (id, slug, name, reviewers_per_claim, blind_review, created_at) TO '$work/projects.tsv'"
    psql_at "verity_a_$n" -c "\\copy (SELECT $article_columns FROM articles) TO '$work/articles.tsv'"
    psql_at "verity_a_$n" -c "\\copy (SELECT $span_columns FROM spans) TO '$work/spans.tsv'"
    psql_at "verity_b_$n" -c "\\copy projects (id, slug, name, reviewers_per_claim, blind_review, created_at) FROM '$work/projects.tsv'"
    pg_log "import: psql \\copy of the same rows"
    start=$(now)
    psql_at "verity_b_$n" -1 -c "\\copy articles ($article_columns) FROM '$work/articles.tsv'" -c "\\copy spans ($span_columns) FROM '$work/spans.tsv'"
    end=$(now)
    copy_seconds=$(python3 -c "print(round($end - $start, 3))")
    results+=("{\"benchmark\":\"import\",\"articles\":$n,\"spans\":$spans,\"inputBytes\":$bytes,\"veritySeconds\":$verity_seconds,\"copySeconds\":$copy_seconds,\"verityPeakRSSKiB\":$verity_rss_kb,\"build\":\"$configuration\"}")
done

python3 - "$json" "${results[@]}" <<'PY'
import json, sys
as_json = sys.argv[1] == "true"
rows = [json.loads(r) for r in sys.argv[2:]]
if as_json:
    print(json.dumps(rows, indent=2))
    sys.exit(0)
print(f"{'benchmark':<10} {'articles':>9} {'spans':>9} {'verity s':>9} {'art/s':>8} {'spans/s':>9} {'COPY s':>8} {'art/s':>8} {'ratio':>6} {'RSS MiB':>8}")
for r in rows:
    v, c = r["veritySeconds"], r["copySeconds"]
    print(f"{r['benchmark']:<10} {r['articles']:>9} {r['spans']:>9} {v:>9.2f} {r['articles']/v:>8.0f} {r['spans']/v:>9.0f} "
          f"{c:>8.2f} {r['articles']/c:>8.0f} {v/c:>5.2f}x {r['verityPeakRSSKiB']/1024:>8.0f}")
print(f"(build: {rows[0]['build'] if rows else '-'}; ratio = verity time / COPY time of the same rows; target for issue 6: <= 1.5x)")
PY
