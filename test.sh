#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: restores tools and packages, builds the solution
# (warnings are errors), runs every test and prints "N passed, N failed, N skipped" from the results.
set -uo pipefail
cd "$(dirname "$0")"

results="$PWD/TestResults"
rm -rf "$results"

if ! dotnet build StockAndFlow.sln -c Release -nologo -v quiet; then
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
if [ "$total" -eq 0 ] && [ "$status" -eq 0 ]; then
  status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
