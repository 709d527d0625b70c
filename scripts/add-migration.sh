#!/usr/bin/env bash
# Adds an EF Core migration named $1 for every database provider, each into its own folder
# (StockAndFlow.Web/Data/Migrations/<Provider>), so no provider misses a model change.
set -euo pipefail
name="${1:?usage: scripts/add-migration.sh MigrationName}"
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite; do
  dotnet ef migrations add "$name" \
    --project StockAndFlow.Web --startup-project StockAndFlow.Web \
    --context "${provider}ShopDbContext" \
    --output-dir "Data/Migrations/${provider}" --namespace "StockAndFlow.Web.Data.Migrations.${provider}"
done
