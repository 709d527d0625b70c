# Shared pieces of the admin load benchmarks (scripts/bench-admin-latency.sh, P5, and
# scripts/bench-admin-p8.sh, P8): sourced, not run. The caller sets `bench` (the tag of its log lines)
# and `work` (its temporary folder) before calling start_app.
#
# Functions: say, die, need, free_port, epoch, stamp, start_app, alive, wait_healthy, sign_in,
# run_wrk, field, summary_row.

say() { printf '[%s %s] %s\n' "${bench:-bench}" "$(date -u +%H:%M:%S)" "$*" >&2; }
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

# The app's log timestamp (UTC, as start_app configures it) of an epoch().
stamp() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%S.%3N; }

# start_app [NAME=VALUE…]: builds nothing; starts the Release build of StockAndFlow.Web in Development on
# a free loopback port with the given settings (environment variables) and one timestamped log line
# per entry in $log. Sets base, app_pid, log and jar.
start_app() {
    port=$(free_port)
    base=http://127.0.0.1:$port
    log=$work/app.log
    jar=$work/cookies.txt
    say "starting the app on $base"
    (
        cd "$root/StockAndFlow.Web"
        exec env ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="$base" \
            Logging__Console__FormatterName=simple \
            Logging__Console__FormatterOptions__SingleLine=true \
            Logging__Console__FormatterOptions__UseUtcTimestamp=true \
            Logging__Console__FormatterOptions__TimestampFormat='yyyy-MM-ddTHH:mm:ss.fff ' \
            "$@" dotnet "$root/StockAndFlow.Web/bin/Release/net10.0/StockAndFlow.Web.dll"
    ) >"$log" 2>&1 &
    app_pid=$!
}

# Stops the app start_app started: SIGTERM, up to 20 s to finish, then SIGKILL.
stop_app_process() {
    if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
        kill "$app_pid" 2>/dev/null || true
        for _ in $(seq 1 40); do
            kill -0 "$app_pid" 2>/dev/null || break
            sleep 0.5
        done
        kill -9 "$app_pid" 2>/dev/null || true
        wait "$app_pid" 2>/dev/null || true
    fi
}

# Dies, with the log's tail, when the app has exited; $1 says when.
alive() {
    kill -0 "$app_pid" 2>/dev/null && return
    local status=0
    wait "$app_pid" || status=$?
    app_pid=
    tail -30 "$log" >&2
    die "the app exited $1, status $status$([ "$status" -le 128 ] || echo " (signal $((status - 128)))")"
}

# Waits until /healthz answers 200, at most $1 seconds.
wait_healthy() {
    local started=$SECONDS
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/healthz" || true)" = 200 ]; do
        alive "before /healthz answered 200"
        [ $((SECONDS - started)) -lt "$1" ] || { tail -30 "$log" >&2; die "/healthz not 200 after ${1}s"; }
        sleep 1
    done
    say "healthy after $((SECONDS - started)) s"
}

# sign_in EMAIL PASSWORD: signs in as a browser does (the form's antiforgery token and cookie, then the
# auth cookie) into $jar, checks the admin opens, and sets `cookie` to the header value wrk sends.
sign_in() {
    local form token status
    form=$(curl -s -c "$jar" -b "$jar" "$base/account/login")
    token=$(grep -o '<input[^>]*name="__RequestVerificationToken"[^>]*>' <<<"$form" | head -1 | sed -n 's/.*value="\([^"]*\)".*/\1/p')
    [ -n "$token" ] || die "no __RequestVerificationToken in the login form"
    status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
        --data-urlencode "Email=$1" --data-urlencode "Password=$2" \
        --data-urlencode "__RequestVerificationToken=$token" "$base/account/login")
    [ "$status" = 302 ] || die "POST /account/login answered $status, not a redirect"
    status=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$base/stockflow-admin")
    [ "$status" = 200 ] || die "GET /stockflow-admin with the cookie answered $status, not 200"
    # Netscape jar: HttpOnly cookies are written with a '#HttpOnly_' prefix, comments start with '# '.
    cookie=$(awk -F'\t' 'NF >= 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar")
    say "signed in as $1"
}

# run_wrk NAME PATH THREADS CONNECTIONS DURATION TIMEOUT: one wrk run with the cookie and
# scripts/wrk-p95.lua; its output in $work/wrk-NAME.txt, its machine-readable line in result[NAME].
run_wrk() {
    say "wrk -t$3 -c$4 -d$5 --timeout $6 $2"
    wrk -t"$3" -c"$4" -d"$5" --timeout "$6" --latency \
        -s "$root/scripts/wrk-p95.lua" -H "Cookie: $cookie" "$base$2" >"$work/wrk-$1.txt"
    alive "during the wrk run against $2"
    result[$1]=$(grep '^P5 ' "$work/wrk-$1.txt") || die "no P5 line in $work/wrk-$1.txt"
}

# field NAME KEY: a value of result[NAME].
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"${result[$1]}"; }

# summary_row NAME HEALTHZ_P95 GOAL_RATIO: sets row_errors, row_p95, row_ratio and row_goal (base for
# healthz; yes when p95 ≤ GOAL_RATIO × HEALTHZ_P95 and no errors).
summary_row() {
    row_errors=$(( $(field "$1" non2xx) + $(field "$1" socket_errors) ))
    row_p95=$(field "$1" p95_ms)
    row_ratio=$(awk -v a="$row_p95" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    if [ "$1" = healthz ]; then
        row_goal=$([ "$row_errors" = 0 ] && echo base || echo no)
    else
        row_goal=$(awk -v r="$row_ratio" -v g="$3" -v e="$row_errors" 'BEGIN { print (r <= g && e == 0 ? "yes" : "no") }')
    fi
}
