#!/usr/bin/env bash
# Adds an EF Core migration named NAME for every database provider, each into its own folder
# (StockAndFlow.Web/Data/Migrations/<Provider>, namespace StockAndFlow.Web.Data.Migrations.<Provider>),
# so no provider misses a model change. A test (MigrationsTests) fails when one does.
#
#   scripts/add-migration.sh NAME            add a migration after a model change
#   scripts/add-migration.sh --reset Initial replace every provider's migrations by one (only while
#                                            nothing is deployed: databases made by the old ones break)
set -euo pipefail
reset=false
if [ "${1:-}" = "--reset" ]; then reset=true; shift; fi
name="${1:?usage: scripts/add-migration.sh [--reset] MigrationName}"
providers=(Sqlite PostgreSql SqlServer)
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build StockAndFlow.Web -nologo -v quiet
if $reset; then
  for provider in "${providers[@]}"; do rm -rf "StockAndFlow.Web/Data/Migrations/${provider}"; done
  dotnet build StockAndFlow.Web -nologo -v quiet
fi
for provider in "${providers[@]}"; do
  # No --namespace: EF derives it from the output folder, and then also writes the model snapshot there.
  dotnet ef migrations add "$name" --no-build \
    --project StockAndFlow.Web --startup-project StockAndFlow.Web \
    --context "${provider}ShopDbContext" \
    --output-dir "Data/Migrations/${provider}"
done
