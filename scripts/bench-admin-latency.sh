#!/usr/bin/env bash
# Benchmark P5 — admin latency under load (BENCHMARKS.md).
#
# Builds StockAndFlow.Web in Release, starts it on a free loopback port in Development (which seeds
# the demo admin and a year of history) with a throwaway SQLite file and every recurring job due each
# minute, signs in with curl, then runs wrk against /healthz, the admin index, a stock page and a
# year of daily records from the API, one after the other. Goal per admin URL: p95 ≤ 5 × the /healthz
# p95 of the same run, and no errors (any non-2xx status, or a connect/read/write/timeout error).
#
#   scripts/bench-admin-latency.sh                     # the benchmark: -t2 -c32 -d30s per URL
#   P5_DURATION=5s scripts/bench-admin-latency.sh      # a quick trial
#
# Settings (environment): P5_DURATION (30s), P5_THREADS (2), P5_CONNECTIONS (32), P5_TIMEOUT (10s,
# wrk's per-request timeout: wrk leaves timed-out requests out of its latency histogram, so its 2 s
# default would hide slow requests from the p95 instead of measuring them), P5_WARMUP (5s at 4
# connections per URL, 0 to skip), P5_STOCK (stock slug; default the stock with the most members),
# P5_ALIGN (1: start each URL's window the moment the job scheduler fires, so every window begins with
# the minute's jobs running, at the cost of up to a minute's wait per URL; 0: run the URLs back to
# back), P5_STARTUP_TIMEOUT (300 s).
#
# Exit status: 0 goal met, 2 goal not met, 1 the app did not start or sign-in failed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

duration=${P5_DURATION:-30s}
threads=${P5_THREADS:-2}
connections=${P5_CONNECTIONS:-32}
timeout=${P5_TIMEOUT:-10s}
warmup=${P5_WARMUP:-5s}
align=${P5_ALIGN:-1}
startup_timeout=${P5_STARTUP_TIMEOUT:-300}
goal_ratio=5
admin_email=admin@stockandflow.local        # appsettings.Development.json
admin_password=stockandflow-admin

bench=p5
# shellcheck source=scripts/bench-lib.sh
. "$root/scripts/bench-lib.sh"

# Log lines between two epoch() values that match a pattern.
count_in_window() {
    awk -v from="$(stamp "$1")" -v to="$(stamp "$2")" -v pattern="$3" '$1 >= from && $1 <= to && $0 ~ pattern { n++ } END { print n + 0 }' "$log"
}

# Every job Hangfire has finished, from its dashboard's Succeeded list (the admin cookie opens it), one
# "start end seconds method" line each: the list gives the end to the second and the duration, so the
# start is as exact as that.
job_runs() {
    curl -s -b "$jar" "$base/hangfire/jobs/succeeded?from=0&count=1000" | awk '
        function seconds(text,    parts, n, i, t, total) {
            n = split(text, parts, " ")
            for (i = 1; i <= n; i++) {
                t = parts[i]
                if (t ~ /ms$/) total += substr(t, 1, length(t) - 2) / 1000
                else if (t ~ /s$/) total += substr(t, 1, length(t) - 1)
                else if (t ~ /m$/) total += substr(t, 1, length(t) - 1) * 60
                else if (t ~ /h$/) total += substr(t, 1, length(t) - 1) * 3600
            }
            return total
        }
        /class="job-method"/ { match($0, />[^<]*</); method = substr($0, RSTART + 1, RLENGTH - 2); cells = 0; next }
        method != "" && /<\/td>/ && $0 !~ /^ *</ {
            if (++cells == 1) { text = $0; sub(/<\/td>.*/, "", text); gsub(/&lt;|\+/, "", text); duration = seconds(text) }
        }
        method != "" && /data-moment="/ {
            match($0, /data-moment="[0-9]+"/); end = substr($0, RSTART + 13, RLENGTH - 14)
            printf "%.3f %d %.3f %s\n", end - duration, end, duration, method; method = ""
        }' | sort -n
}

# "runs busy-seconds" of the jobs in $work/jobs.txt that overlap the window between two epoch() values.
jobs_in_window() {
    awk -v from="$1" -v to="$2" '{ s = ($1 > from ? $1 : from); e = ($2 < to ? $2 : to); if (e >= s) { n++; busy += e - s } } END { printf "%d %.1f\n", n, busy }' "$work/jobs.txt"
}

need wrk wrk
need jq jq
need curl curl

work=$(mktemp -d -t stockandflow-p5.XXXXXX)
mkdir -p "$work/data"
app_pid=

stop_app() {
    stop_app_process
    rm -rf "$work/data"
    say "app stopped; its log and wrk's output are in $work"
}
trap stop_app EXIT

say "building StockAndFlow.Web (Release)"
dotnet build StockAndFlow.Web/StockAndFlow.Web.csproj -c Release -nologo -v q >"$work/build.log" 2>&1 \
    || { tail -20 "$work/build.log" >&2; die "build failed (log: $work/build.log)"; }

say "data in $work/data"
# "N recurring job(s) processed by scheduler", the moment the jobs are enqueued, is logged at Debug.
# The category has dots, which no shell variable name may hold: hence a NAME=VALUE argument.
start_app StockAndFlow__Database__Provider=Sqlite \
    ConnectionStrings__StockAndFlow="Data Source=$work/data/stockandflow.db" \
    StockAndFlow__Jobs__Enabled=true \
    StockAndFlow__Jobs__SnapshotCron='* * * * *' \
    StockAndFlow__Jobs__FlowRecordsCron='* * * * *' \
    StockAndFlow__Jobs__DecayCron='* * * * *' \
    StockAndFlow__Jobs__StatisticsCron='* * * * *' \
    StockAndFlow__Jobs__InsightsCron='* * * * *' \
    Logging__LogLevel__Hangfire.Server.RecurringJobScheduler=Debug

wait_healthy "$startup_timeout"
sign_in "$admin_email" "$admin_password"

stock=${P5_STOCK:-$(curl -s -b "$jar" "$base/stockflow-admin/api/stocks" | jq -r 'max_by(.count).slug')}
[ -n "$stock" ] && [ "$stock" != null ] || die "no stock slug from /stockflow-admin/api/stocks"
from=$(date -u -d '1 year ago' +%F)
to=$(date -u -d tomorrow +%F)

names=(healthz index stock records)
declare -A url=(
    [healthz]=/healthz
    [index]=/stockflow-admin
    [stock]=/stockflow-admin/stocks/$stock
    [records]="/stockflow-admin/api/stocks/$stock/records?from=$from&to=$to&period=day"
)
for name in "${names[@]}"; do
    status=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$base${url[$name]}")
    [ "$status" = 200 ] || die "GET ${url[$name]} answered $status before the load"
done

if [ "$warmup" != 0 ]; then
    say "warming up: $warmup per URL at 4 connections"
    for name in "${names[@]}"; do
        wrk -t1 -c4 -d"$warmup" -H "Cookie: $cookie" "$base${url[$name]}" >/dev/null
    done
fi

# The jobs are due every minute but take only seconds, so a window that merely happens to fall
# between two runs would measure an idle app. With P5_ALIGN=1 every window, /healthz's too, starts
# the moment the scheduler enqueues the minute's jobs: all four URLs are measured under the same
# conditions, and the table shows how much job time each window really held.
wait_for_jobs() {
    local fired waited
    fired=$(grep -c 'recurring job(s) processed by scheduler' "$log" || true)
    waited=$SECONDS
    say "waiting for the job scheduler to fire (at most 90 s)"
    while [ "$(grep -c 'recurring job(s) processed by scheduler' "$log" || true)" -le "$fired" ]; do
        alive "while waiting for the job scheduler"
        [ $((SECONDS - waited)) -lt 90 ] || die "the job scheduler did not fire within 90 s (log: $log)"
        sleep 0.2
    done
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A result window_start window_end
run_from=$(epoch)
for name in "${names[@]}"; do
    [ "$align" != 1 ] || wait_for_jobs
    window_start[$name]=$(epoch)
    run_wrk "$name" "${url[$name]}" "$threads" "$connections" "$duration" "$timeout"
    window_end[$name]=$(epoch)
done
run_to=$(epoch)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
job_runs >"$work/jobs.txt"

field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"${result[$1]}"; }

healthz_p95=$(field healthz p95_ms)
met_all=yes
echo
echo "P5 — wrk -t$threads -c$connections -d$duration --timeout $timeout, $base, recurring jobs every minute"
echo "$(nproc) cores, load average $load_before before, $load_after after"
for name in "${names[@]}"; do
    printf '  %-8s %s\n' "$name" "${url[$name]}"
done
echo
printf '%-8s %8s %8s %8s %8s %6s %11s %4s  %14s %9s\n' url 'req/s' 'p50 ms' 'p95 ms' 'p99 ms' errors 'p95/healthz' goal 'job runs/busy s' 'app warn+'
for name in "${names[@]}"; do
    summary_row "$name" "$healthz_p95" "$goal_ratio"
    [ "$row_goal" != no ] || met_all=no
    read -r runs busy < <(jobs_in_window "${window_start[$name]}" "${window_end[$name]}")
    printf '%-8s %8s %8s %8s %8s %6s %11s %4s  %14s %9s\n' "$name" "$(field "$name" rps)" "$(field "$name" p50_ms)" "$row_p95" \
        "$(field "$name" p99_ms)" "$row_errors" "$row_ratio" "$row_goal" "$runs / $busy" \
        "$(count_in_window "${window_start[$name]}" "${window_end[$name]}" ' (warn|fail|crit): ')"
    first_bad=$(field "$name" first_bad_status)
    [ "$first_bad" = 0 ] || echo "         first non-2xx status: $first_bad"
done
echo "(job runs/busy s: Hangfire jobs that overlapped the window and their summed seconds inside it, to ±1 s;"
echo " app warn+: warning, error and critical lines the app logged in the window)"
echo
echo "Jobs during the measurement, $(stamp "$run_from") to $(stamp "$run_to") UTC: the scheduler fired" \
    "$(count_in_window "$run_from" "$run_to" 'recurring job.s. processed by scheduler') time(s) (app log); runs that overlapped it (Hangfire, Succeeded):"
awk -v from="$run_from" -v to="$run_to" '$2 >= from && $1 <= to' "$work/jobs.txt" | while read -r start _ seconds method; do
    printf '  %s  %7.3f s  %s\n' "$(date -u -d "@$start" +%H:%M:%S)" "$seconds" "$method"
done
echo "Recurring jobs at the end, as the admin's jobs page shows them:"
curl -s -b "$jar" "$base/stockflow-admin/jobs" | awk '
    /data-job="/ { match($0, /data-job="[^"]*"/); job = substr($0, RSTART + 10, RLENGTH - 11); last = ""; state = "(no state)" }
    job != "" && last == "" && /^ *[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] / { last = $1 " " $2 }
    job != "" && /class="badge / { match($0, />[^<]*</); state = substr($0, RSTART + 1, RLENGTH - 2) }
    job != "" && /<\/tr>/ { printf "  %-36s %-17s %s\n", job, (last == "" ? "never" : last), state; job = "" }'
problems=$(count_in_window "$run_from" "$run_to" ' (warn|fail|crit): ')
if [ "$problems" != 0 ]; then
    echo "Warnings and errors the app logged during the measurement (first 20 of $problems):"
    awk -v from="$(stamp "$run_from")" -v to="$(stamp "$run_to")" '$1 >= from && $1 <= to && / (warn|fail|crit): /' "$log" | head -20 | cut -c1-400
fi
echo
if [ "$met_all" = yes ]; then
    echo "Goal met: every admin URL's p95 ≤ ${goal_ratio}× the /healthz p95, no errors."
else
    echo "Goal NOT met."
    exit 2
fi
