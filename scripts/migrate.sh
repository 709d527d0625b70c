#!/usr/bin/env bash
# Applies the configured provider's pending migrations and exits, from a checkout: the same as
# `dotnet StockAndFlow.Web.dll --migrate` in a published app or container. Configure it like the app:
#   StockAndFlow__Database__Provider=PostgreSql \
#   ConnectionStrings__StockAndFlow='Host=db;Database=stockandflow;Username=...;Password=...' scripts/migrate.sh
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run --project StockAndFlow.Web -c Release --no-launch-profile -- --migrate "$@"
