#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: restores tools and packages, builds the solution
# (warnings are errors), provisions a throwaway PostgreSQL (installing it with apt when missing and
# running as root), runs every test — the data tests on SQLite and on PostgreSQL — and prints
# "N passed, N failed, N skipped" from the results.
#
# PostgreSQL: two clusters under a temp dir on free loopback ports, owned by the `postgres` OS user
# when run as root (postgres refuses to run as root): the shared test server
# (STOCKANDFLOW_TEST_POSTGRES) and a second one the outage test may stop and start
# (STOCKANDFLOW_TEST_POSTGRES_OUTAGE, controlled by STOCKANDFLOW_TEST_POSTGRES_OUTAGE_CTL start|stop).
# and a third that is a streaming standby of the shared one, made with `pg_basebackup -R`
# (STOCKANDFLOW_TEST_POSTGRES_STANDBY: every database a test creates on the shared server appears there
# read-only, for the admin's read-replica tests). All are stopped and removed on exit. Set
# STOCKANDFLOW_TEST_POSTGRES yourself to use your own server instead (the outage and standby tests then
# run only if you also set their variables).
set -uo pipefail
cd "$(dirname "$0")"

results="$PWD/TestResults"
rm -rf "$results"

# Browser tests (StockAndFlow.Tests/Browser): Playwright drives Debian's Chromium, never a downloaded
# one; install it when missing and we can. Without it those tests fail and say why.
export STOCKANDFLOW_CHROMIUM="${STOCKANDFLOW_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$STOCKANDFLOW_CHROMIUM" ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is not installed: installing it with apt-get for the browser tests." >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
export STOCKANDFLOW_SCREENSHOTS="$results/screenshots"

fail() {
  echo "$1" >&2
  echo "0 passed, 1 failed ($1)"
  exit 1
}

pg_bin=""
find_pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -n "$dir" ] && [ -x "$dir/pg_ctl" ]; then pg_bin="$dir"; return 0; fi
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    pg_bin=$(dirname "$(readlink -f "$(command -v pg_ctl)")"); return 0
  fi
  return 1
}

free_port() {
  local port
  for port in $(seq "$1" $(($1 + 200))); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

pg_root=""
pg_clusters=()
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
stop_postgres() {
  local data
  for data in "${pg_clusters[@]}"; do
    as_pg "$pg_bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  done
  [ -n "$pg_root" ] && rm -rf "$pg_root"
}

# start_cluster NAME FIRST_PORT: initdb + start a throwaway cluster; sets cluster_port.
cluster_port=""
start_cluster() {
  local name="$1" port data
  port=$(free_port "$2") || return 1
  data="$pg_root/$name"
  as_pg "$pg_bin/initdb" -D "$data" -U postgres -E UTF8 --auth-local=trust --auth-host=scram-sha-256 \
    --no-instructions >"$pg_root/$name-initdb.log" 2>&1 || { cat "$pg_root/$name-initdb.log" >&2; return 1; }
  # Throwaway data: no durability needed, so no fsync (the suite creates a database per test).
  cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$data'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
CONF
  as_pg "$pg_bin/pg_ctl" -D "$data" -l "$pg_root/$name.log" -w -t 60 start >/dev/null || { cat "$pg_root/$name.log" >&2; return 1; }
  pg_clusters+=("$data")
  # pg_signal_backend: each test drops its database WITH (FORCE), which also ends an autovacuum worker in it.
  "$pg_bin/psql" -X -q -h "$data" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE stockandflow LOGIN CREATEDB PASSWORD 'stockandflow'" \
    -c "GRANT pg_signal_backend TO stockandflow" >/dev/null || return 1
  cluster_port="$port"
}

# start_standby NAME PRIMARY FIRST_PORT: a streaming standby of the cluster PRIMARY (a name given to
# start_cluster), cloned with pg_basebackup -R over the primary's socket (initdb's pg_hba trusts local
# replication connections); sets cluster_port.
start_standby() {
  local name="$1" primary="$pg_root/$2" port data
  port=$(free_port "$3") || return 1
  data="$pg_root/$name"
  as_pg "$pg_bin/pg_basebackup" -h "$primary" -p "$(sed -n 's/^port = //p' "$primary/postgresql.conf" | tail -1)" -U postgres \
    -D "$data" -R -X stream -c fast >"$pg_root/$name-basebackup.log" 2>&1 || { cat "$pg_root/$name-basebackup.log" >&2; return 1; }
  # The copied postgresql.conf is the primary's: the last setting of a name wins.
  cat >>"$data/postgresql.conf" <<CONF
port = $port
unix_socket_directories = '$data'
hot_standby = on
CONF
  as_pg "$pg_bin/pg_ctl" -D "$data" -l "$pg_root/$name.log" -w -t 60 start >/dev/null || { cat "$pg_root/$name.log" >&2; return 1; }
  pg_clusters+=("$data")
  cluster_port="$port"
}

if [ -z "${STOCKANDFLOW_TEST_POSTGRES:-}" ]; then
  if ! find_pg_bin; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "PostgreSQL is not installed: installing it with apt-get." >&2
      DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    find_pg_bin || fail "PostgreSQL is needed for the PostgreSQL tests: install the postgresql package or set STOCKANDFLOW_TEST_POSTGRES"
  fi
  pg_root=$(mktemp -d /tmp/stockandflow-pg.XXXXXX)
  chmod 755 "$pg_root"
  [ "$(id -u)" -eq 0 ] && chown postgres "$pg_root"
  trap stop_postgres EXIT
  start_cluster main 55432 || fail "the PostgreSQL test server did not start"
  main_port="$cluster_port"
  start_cluster outage $((main_port + 1)) || fail "the PostgreSQL outage server did not start"
  outage_port="$cluster_port"
  # The standby tests pause and resume replay as the test role; grants in template1 reach every
  # database the tests create (and the standby, which replays them).
  "$pg_bin/psql" -X -q -h "$pg_root/main" -p "$main_port" -U postgres -d template1 -v ON_ERROR_STOP=1 \
    -c "GRANT EXECUTE ON FUNCTION pg_wal_replay_pause(), pg_wal_replay_resume() TO stockandflow" >/dev/null \
    || fail "could not grant replay control to the test role"
  start_standby standby main $((outage_port + 1)) || fail "the PostgreSQL standby server did not start"
  standby_port="$cluster_port"
  export STOCKANDFLOW_TEST_POSTGRES="Host=127.0.0.1;Port=$main_port;Username=stockandflow;Password=stockandflow"
  export STOCKANDFLOW_TEST_POSTGRES_OUTAGE="Host=127.0.0.1;Port=$outage_port;Username=stockandflow;Password=stockandflow"
  export STOCKANDFLOW_TEST_POSTGRES_STANDBY="Host=127.0.0.1;Port=$standby_port;Username=stockandflow;Password=stockandflow"
  ctl="$pg_root/outage-ctl.sh"
  cat >"$ctl" <<CTL
#!/usr/bin/env bash
# Stops or starts the outage test's own PostgreSQL cluster: $ctl stop|start
set -euo pipefail
run() { if [ "\$(id -u)" -eq 0 ]; then runuser -u postgres -- "\$@"; else "\$@"; fi; }
case "\${1:?stop|start}" in
  stop) run "$pg_bin/pg_ctl" -D "$pg_root/outage" -m fast -w -t 60 stop ;;
  start) run "$pg_bin/pg_ctl" -D "$pg_root/outage" -l "$pg_root/outage.log" -w -t 60 start ;;
  *) echo "usage: \$0 stop|start" >&2; exit 2 ;;
esac
CTL
  chmod 755 "$ctl"
  export STOCKANDFLOW_TEST_POSTGRES_OUTAGE_CTL="$ctl"
  echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $NF}') test servers on 127.0.0.1:$main_port and :$outage_port, standby of the first on :$standby_port" >&2
fi

# Restore first, three tries: one dropped connection to the package feed should not fail the run.
for attempt in 1 2 3; do
  dotnet restore StockAndFlow.sln -v quiet && break
  if [ "$attempt" -eq 3 ]; then
    echo "0 passed, 1 failed (the NuGet packages could not be restored)"
    exit 1
  fi
  sleep 10
done

if ! dotnet build StockAndFlow.sln -c Release -nologo -v quiet --no-restore; then
  echo "0 passed, 1 failed (the solution did not build)"
  exit 1
fi

dotnet test StockAndFlow.Tests/StockAndFlow.Tests.csproj -c Release --no-build -nologo \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" \
  --results-directory "$results"
status=$?

total=0; passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$((total + $(value total)))
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed)))
done
skipped=$((total - passed - failed))
if [ "$failed" -gt 0 ]; then
  # The console log above is long; name each failed test and the start of its message once more at the end.
  echo "Failed tests:"
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    awk '
      /<UnitTestResult / && /outcome="Failed"/ {
        match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11)
        gsub(/&quot;/, "\"", name); gsub(/&amp;/, "\\&", name)
        print "  " name; inside = 1; shown = 0; next
      }
      inside && /<Message>/ { message = 1; sub(/.*<Message>/, "") }
      inside && message {
        line = $0; done = sub(/<\/Message>.*/, "", line)
        gsub(/&quot;/, "\"", line); gsub(/&lt;/, "<", line); gsub(/&gt;/, ">", line); gsub(/&amp;/, "\\&", line)
        if (shown < 12) print "    " line; shown++
        if (done) { message = 0; inside = 0 }
      }
      inside && /<\/UnitTestResult>/ { inside = 0; message = 0 }
    ' "$trx"
  done
fi
if [ "$total" -eq 0 ] && [ "$status" -eq 0 ]; then
  status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
