# The demo app, built from source: docker build -t stockandflow-web .
# Used by docker-compose.yml (SQL Server); works for any provider through environment variables:
#   StockAndFlow__Database__Provider=Sqlite|SqlServer|PostgreSql
#   ConnectionStrings__StockAndFlow=...
#   StockAndFlow__Database__MigrateOnStartup=true   (or run the image once with the argument --migrate)

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so the layer is reused until a dependency changes.
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props .editorconfig ./
COPY StockAndFlow.Core/StockAndFlow.Core.csproj StockAndFlow.Core/
COPY StockAndFlow.Admin/StockAndFlow.Admin.csproj StockAndFlow.Admin/
COPY StockAndFlow.Hangfire/StockAndFlow.Hangfire.csproj StockAndFlow.Hangfire/
COPY StockAndFlow.Web/StockAndFlow.Web.csproj StockAndFlow.Web/
RUN dotnet restore StockAndFlow.Web/StockAndFlow.Web.csproj
COPY StockAndFlow.Core/ StockAndFlow.Core/
COPY StockAndFlow.Admin/ StockAndFlow.Admin/
COPY StockAndFlow.Hangfire/ StockAndFlow.Hangfire/
COPY StockAndFlow.Web/ StockAndFlow.Web/
RUN dotnet publish StockAndFlow.Web/StockAndFlow.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production
EXPOSE 8080
# The image's non-root user; App_Data (the SQLite default) must be writable by it.
RUN mkdir -p /app/App_Data && chown "$APP_UID" /app/App_Data
USER $APP_UID
ENTRYPOINT ["dotnet", "StockAndFlow.Web.dll"]
