#!/usr/bin/env bash
# Benchmark P8 — the admin at scale on PostgreSQL (BENCHMARKS.md).
#
# On the PostgreSQL server of STOCKANDFLOW_BENCH_POSTGRES (or STOCKANDFLOW_TEST_POSTGRES; a connection
# string without a database, as ./test.sh exports it): a database of the demo's schema (the app's own
# migrations) with P8_ROWS leads generated in the server (INSERT … SELECT generate_series) and a recount
# of every stock; reused while it holds that many leads. Then the demo app (Release, Development, no demo
# seeding, the recurring jobs on their default schedules) on a free loopback port, signed in with curl,
# and while a writer (`StockAndFlow.Benchmarks p8 writer`: the demo's context with the capture
# interceptor) commits P8_WRITES_PER_SECOND tracked saves a second, each moving one random lead, wrk
# runs against /healthz, the admin index and the hot-leads stock page, one after the other, each at
# P8_CONNECTIONS connections for P8_SECONDS. The app's resident memory is sampled every second.
#
# Goal per admin URL: p95 ≤ 5 × the /healthz p95 of the same run, no errors; memory flat.
#
#   scripts/bench-admin-p8.sh                          # the benchmark: 10 M leads, 32 clients, 60 s per URL
#   P8_ROWS=100000 P8_SECONDS=5 scripts/bench-admin-p8.sh   # a quick trial
#
# Settings (environment): P8_ROWS (10000000), P8_SECONDS (60), P8_CONNECTIONS (32), P8_THREADS (2),
# P8_WRITES_PER_SECOND (50), P8_TIMEOUT (10s), P8_WARMUP (5s at 4 connections per URL, 0 to skip),
# P8_STARTUP_TIMEOUT (600 s).
#
# Exit status: 0 goal met, 2 goal not met, 1 set-up failed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

rows=${P8_ROWS:-10000000}
seconds=${P8_SECONDS:-60}
connections=${P8_CONNECTIONS:-32}
threads=${P8_THREADS:-2}
rate=${P8_WRITES_PER_SECOND:-50}
timeout=${P8_TIMEOUT:-10s}
warmup=${P8_WARMUP:-5s}
startup_timeout=${P8_STARTUP_TIMEOUT:-600}
goal_ratio=5
admin_email=admin@stockandflow.local        # appsettings.Development.json
admin_password=stockandflow-admin
stock=hot-leads

bench=p8
# shellcheck source=scripts/bench-lib.sh
. "$root/scripts/bench-lib.sh"

server=${STOCKANDFLOW_BENCH_POSTGRES:-${STOCKANDFLOW_TEST_POSTGRES:-}}
[ -n "$server" ] || die "set STOCKANDFLOW_BENCH_POSTGRES to a PostgreSQL server's connection string (no database), e.g. one started as ./test.sh starts it"
setting() { tr ';' '\n' <<<"$server" | awk -F= -v key="$1" 'tolower($1) == tolower(key) { print substr($0, length($1) + 2) }'; }
pg_host=$(setting Host); pg_port=$(setting Port); pg_user=$(setting Username); pg_password=$(setting Password)
database=stockandflow_p8_$rows
connection="$server;Database=$database"
psql_in() { PGPASSWORD=$pg_password psql -X -q -h "$pg_host" -p "${pg_port:-5432}" -U "$pg_user" -d "$1" -v ON_ERROR_STOP=1 "${@:2}"; }

need wrk wrk
need curl curl
need psql postgresql-client

work=$(mktemp -d -t stockandflow-p8.XXXXXX)
app_pid=
writer_pid=
sampler_pid=
stop_all() {
    local pid
    for pid in "$writer_pid" "$sampler_pid"; do
        [ -z "$pid" ] || kill "$pid" 2>/dev/null || true
    done
    stop_app_process
    say "stopped; the logs and wrk's output are in $work"
}
trap stop_all EXIT

say "building StockAndFlow.Web and StockAndFlow.Benchmarks (Release)"
dotnet build StockAndFlow.Benchmarks/StockAndFlow.Benchmarks.csproj -c Release -nologo -v q >"$work/build.log" 2>&1 \
    || { tail -20 "$work/build.log" >&2; die "build failed (log: $work/build.log)"; }
tool() { dotnet "$root/StockAndFlow.Benchmarks/bin/Release/net10.0/StockAndFlow.Benchmarks.dll" p8 "$@"; }

if [ "$(psql_in "$database" -tAc 'SELECT count(*) FROM "Leads"' 2>/dev/null || true)" != "$rows" ]; then
    say "creating $database with $rows leads"
    psql_in postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database"
    (cd StockAndFlow.Web && StockAndFlow__Database__Provider=PostgreSql ConnectionStrings__StockAndFlow="$connection" \
        dotnet "$root/StockAndFlow.Web/bin/Release/net10.0/StockAndFlow.Web.dll" --migrate) >"$work/migrate.log" 2>&1 \
        || { tail -20 "$work/migrate.log" >&2; die "migrations failed"; }
    started=$SECONDS
    # 30 % hot, 30 % warm, 40 % cold; four sources, twenty owners; last contact within six days, so
    # the decay rules (7 and 21 days) have nothing to move during the run.
    psql_in "$database" <<SQL
INSERT INTO "SalesReps" ("Name") SELECT 'Rep ' || i FROM generate_series(1, 20) AS i;
INSERT INTO "Leads" ("Name", "Email", "Source", "Temperature", "CreatedAt", "LastContactedAt", "OwnerId")
SELECT 'Lead ' || i, 'lead' || i || '@example.test', (ARRAY['web', 'referral', 'event', 'ads'])[1 + i % 4],
       CASE WHEN i % 10 < 3 THEN 1 WHEN i % 10 < 6 THEN 2 ELSE 3 END,
       now() - (i % 365) * interval '1 day', now() - (i % 6) * interval '1 day' - interval '1 hour',
       (SELECT min("Id") FROM "SalesReps") + i % 20
FROM generate_series(1, $rows) AS i;
VACUUM ANALYZE "Leads";
VACUUM ANALYZE "SalesReps";
SQL
    say "generated in $((SECONDS - started)) s; recounting"
    tool recount "$connection" | tee "$work/recount.txt" >&2
fi
say "$database: $(psql_in "$database" -tAc 'SELECT count(*) FROM "Leads"') leads, $(psql_in "$database" -tAc 'SELECT count(*) FROM "StockAndFlow_FlowEvents"') flow events"

start_app StockAndFlow__Database__Provider=PostgreSql ConnectionStrings__StockAndFlow="$connection" \
    StockAndFlow__Database__SeedDemoData=false
wait_healthy "$startup_timeout"
sign_in "$admin_email" "$admin_password"

names=(healthz index stock)
declare -A url=([healthz]=/healthz [index]=/stockflow-admin [stock]=/stockflow-admin/stocks/$stock)
declare -A result
for name in "${names[@]}"; do
    status=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$base${url[$name]}")
    [ "$status" = 200 ] || die "GET ${url[$name]} answered $status before the load"
done

total=$(( ${#names[@]} * seconds + 15 ))
say "writer: $rate tracked saves a second for $total s"
tool writer "$connection" "$rate" "$total" >"$work/writer.txt" 2>"$work/writer.err" &
writer_pid=$!
while sleep 1; do echo "$(epoch) $(ps -o rss= -p "$app_pid" 2>/dev/null || echo 0)"; done >"$work/rss.txt" &
sampler_pid=$!

if [ "$warmup" != 0 ]; then
    say "warming up: $warmup per URL at 4 connections"
    for name in "${names[@]}"; do
        wrk -t1 -c4 -d"$warmup" -H "Cookie: $cookie" "$base${url[$name]}" >/dev/null
    done
fi

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rss_start=$(ps -o rss= -p "$app_pid" | tr -d ' ')
run_from=$(epoch)
for name in "${names[@]}"; do
    run_wrk "$name" "${url[$name]}" "$threads" "$connections" "${seconds}s" "$timeout"
done
run_to=$(epoch)
rss_end=$(ps -o rss= -p "$app_pid" | tr -d ' ')
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
say "waiting for the writer to finish"
writer_status=0
wait "$writer_pid" || writer_status=$?
writer_pid=
kill "$sampler_pid" 2>/dev/null || true
sampler_pid=
rss_max=$(awk -v from="$run_from" -v to="$run_to" '$1 >= from && $1 <= to && $2 > m { m = $2 } END { print m + 0 }' "$work/rss.txt")
rss_min=$(awk -v from="$run_from" -v to="$run_to" '$1 >= from && $1 <= to && (m == "" || $2 < m) { m = $2 } END { print m + 0 }' "$work/rss.txt")

healthz_p95=$(field healthz p95_ms)
met_all=yes
echo
echo "P8 — $rows leads on PostgreSQL, wrk -t$threads -c$connections -d${seconds}s --timeout $timeout per URL, $base"
echo "writer: $(cat "$work/writer.txt") (exit $writer_status)"
echo "$(nproc) cores, load average $load_before before, $load_after after"
printf '%-8s %-40s %8s %8s %8s %8s %6s %11s %4s\n' url path 'req/s' 'p50 ms' 'p95 ms' 'p99 ms' errors 'p95/healthz' goal
for name in "${names[@]}"; do
    summary_row "$name" "$healthz_p95" "$goal_ratio"
    [ "$row_goal" != no ] || met_all=no
    printf '%-8s %-40s %8s %8s %8s %8s %6s %11s %4s\n' "$name" "${url[$name]}" "$(field "$name" rps)" "$(field "$name" p50_ms)" \
        "$row_p95" "$(field "$name" p99_ms)" "$row_errors" "$row_ratio" "$row_goal"
done
echo "app RSS: $((rss_start / 1024)) MiB at the start of the measurement, $((rss_end / 1024)) MiB at its end (min $((rss_min / 1024)), max $((rss_max / 1024)) MiB, sampled each second in $work/rss.txt)"
[ "$writer_status" = 0 ] || met_all=no
echo
if [ "$met_all" = yes ]; then
    echo "Goal met: every admin URL's p95 ≤ ${goal_ratio}× the /healthz p95, no errors (memory: see RSS above)."
else
    echo "Goal NOT met."
    exit 2
fi
