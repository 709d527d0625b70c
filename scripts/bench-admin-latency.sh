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

say() { printf '[p5 %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { say "error: $*"; exit 1; }

# Installs a Debian package when its command is missing: as root, or through sudo when there is one.
need() {
    command -v "$1" >/dev/null && return
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || die "$1 is missing; install the Debian package $2 (not root, no sudo)"
        sudo=(sudo)
    fi
    say "installing $2"
    "${sudo[@]}" apt-get install -y "$2" >/dev/null 2>&1 \
        || { "${sudo[@]}" apt-get update >/dev/null && "${sudo[@]}" apt-get install -y "$2" >/dev/null; } \
        || die "could not install $2"
}

free_port() {
    if command -v python3 >/dev/null; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
        return
    fi
    local port
    for port in $(seq 5400 5499); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    die "no free port in 5400-5499"
}

epoch() { date +%s.%3N; }

# The app's log timestamp (UTC, as configured below) of an epoch().
stamp() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%S.%3N; }

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
log=$work/app.log
jar=$work/cookies.txt
mkdir -p "$work/data"
app_pid=

stop_app() {
    if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
        kill "$app_pid" 2>/dev/null || true
        for _ in $(seq 1 40); do
            kill -0 "$app_pid" 2>/dev/null || break
            sleep 0.5
        done
        kill -9 "$app_pid" 2>/dev/null || true
        wait "$app_pid" 2>/dev/null || true
    fi
    rm -rf "$work/data"
    say "app stopped; its log and wrk's output are in $work"
}
trap stop_app EXIT

say "building StockAndFlow.Web (Release)"
dotnet build StockAndFlow.Web/StockAndFlow.Web.csproj -c Release -nologo -v q >"$work/build.log" 2>&1 \
    || { tail -20 "$work/build.log" >&2; die "build failed (log: $work/build.log)"; }

port=$(free_port)
base=http://127.0.0.1:$port
say "starting the app on $base, data in $work/data"
(
    cd StockAndFlow.Web
    export ASPNETCORE_ENVIRONMENT=Development
    export ASPNETCORE_URLS=$base
    export StockAndFlow__Database__Provider=Sqlite
    export ConnectionStrings__StockAndFlow="Data Source=$work/data/stockandflow.db"
    export StockAndFlow__Jobs__Enabled=true
    export StockAndFlow__Jobs__SnapshotCron='* * * * *'
    export StockAndFlow__Jobs__FlowRecordsCron='* * * * *'
    export StockAndFlow__Jobs__DecayCron='* * * * *'
    export StockAndFlow__Jobs__StatisticsCron='* * * * *'
    export StockAndFlow__Jobs__InsightsCron='* * * * *'
    # One timestamped line per entry, so the jobs and any errors can be placed in the wrk windows.
    export Logging__Console__FormatterName=simple
    export Logging__Console__FormatterOptions__SingleLine=true
    export Logging__Console__FormatterOptions__UseUtcTimestamp=true
    export Logging__Console__FormatterOptions__TimestampFormat='yyyy-MM-ddTHH:mm:ss.fff '
    # "N recurring job(s) processed by scheduler", the moment the jobs are enqueued, is logged at
    # Debug. The category has dots, which no shell variable name may hold: hence env.
    exec env Logging__LogLevel__Hangfire.Server.RecurringJobScheduler=Debug \
        dotnet "$root/StockAndFlow.Web/bin/Release/net10.0/StockAndFlow.Web.dll"
) >"$log" 2>&1 &
app_pid=$!

alive() {
    kill -0 "$app_pid" 2>/dev/null && return
    local status=0
    wait "$app_pid" || status=$?
    app_pid=
    tail -30 "$log" >&2
    die "the app exited $1, status $status$([ "$status" -le 128 ] || echo " (signal $((status - 128)))")"
}

started=$SECONDS
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/healthz" || true)" = 200 ]; do
    alive "before /healthz answered 200"
    [ $((SECONDS - started)) -lt "$startup_timeout" ] || { tail -30 "$log" >&2; die "/healthz not 200 after ${startup_timeout}s"; }
    sleep 1
done
say "healthy after $((SECONDS - started)) s"

# Sign in as a browser does: the form's antiforgery token and cookie, then the auth cookie.
form=$(curl -s -c "$jar" -b "$jar" "$base/account/login")
token=$(grep -o '<input[^>]*name="__RequestVerificationToken"[^>]*>' <<<"$form" | head -1 | sed -n 's/.*value="\([^"]*\)".*/\1/p')
[ -n "$token" ] || die "no __RequestVerificationToken in the login form"
status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
    --data-urlencode "Email=$admin_email" --data-urlencode "Password=$admin_password" \
    --data-urlencode "__RequestVerificationToken=$token" "$base/account/login")
[ "$status" = 302 ] || die "POST /account/login answered $status, not a redirect"
status=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$base/stockflow-admin")
[ "$status" = 200 ] || die "GET /stockflow-admin with the cookie answered $status, not 200"
# Netscape jar: HttpOnly cookies are written with a '#HttpOnly_' prefix, comments start with '# '.
cookie=$(awk -F'\t' 'NF >= 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar")
say "signed in as $admin_email"

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
    say "wrk -t$threads -c$connections -d$duration --timeout $timeout ${url[$name]}"
    window_start[$name]=$(epoch)
    wrk -t"$threads" -c"$connections" -d"$duration" --timeout "$timeout" --latency \
        -s "$root/scripts/wrk-p95.lua" -H "Cookie: $cookie" "$base${url[$name]}" >"$work/wrk-$name.txt"
    window_end[$name]=$(epoch)
    alive "during the wrk run against ${url[$name]}"
    result[$name]=$(grep '^P5 ' "$work/wrk-$name.txt") || die "no P5 line in $work/wrk-$name.txt"
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
    errors=$(( $(field "$name" non2xx) + $(field "$name" socket_errors) ))
    p95=$(field "$name" p95_ms)
    ratio=$(awk -v a="$p95" -v b="$healthz_p95" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    if [ "$name" = healthz ]; then
        goal=$([ "$errors" = 0 ] && echo base || echo no)
    else
        goal=$(awk -v r="$ratio" -v g="$goal_ratio" -v e="$errors" 'BEGIN { print (r <= g && e == 0 ? "yes" : "no") }')
    fi
    [ "$goal" != no ] || met_all=no
    read -r runs busy < <(jobs_in_window "${window_start[$name]}" "${window_end[$name]}")
    printf '%-8s %8s %8s %8s %8s %6s %11s %4s  %14s %9s\n' "$name" "$(field "$name" rps)" "$(field "$name" p50_ms)" "$p95" \
        "$(field "$name" p99_ms)" "$errors" "$ratio" "$goal" "$runs / $busy" \
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
