using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace StockAndFlow.Storage;

/// <summary>Reads stored times back as UTC on every provider (SQLite returns Unspecified); hosts may use it for their own columns.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
