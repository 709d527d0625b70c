using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using StockAndFlow.Benchmarks.Model;

namespace StockAndFlow.Benchmarks.Data;

/// <summary>
/// A fresh copy of a template database for one benchmark iteration that writes: copied and opened in
/// [IterationSetup], so the timed work always starts from the same rows, and released afterwards.
/// </summary>
public sealed class WorkingCopy(string name) : IDisposable
{
    private readonly string _path = Path.Combine(BenchmarkDatabase.Folder, $"{name}-work-{Environment.ProcessId}.db");
    private SqliteConnection? _connection;

    /// <summary>The context over the open copy.</summary>
    public BenchmarkDbContext? Db { get; private set; }

    /// <summary>Replaces the copy with a new one of <paramref name="templatePath"/> and opens a context on it.</summary>
    public BenchmarkDbContext Open(string templatePath, Action<DbContextOptionsBuilder>? configure = null)
    {
        Release();
        File.Copy(templatePath, _path, overwrite: true);
        _connection = new SqliteConnection(BenchmarkDatabase.ConnectionString(_path, pooling: false));
        _connection.Open();
        Db = new BenchmarkDbContext(BenchmarkDatabase.Options(_connection, configure));
        return Db;
    }

    /// <summary>A separate context on the copy, for checking what the timed work left.</summary>
    public async Task<T> ReadAsync<T>(Func<BenchmarkDbContext, Task<T>> read)
    {
        Release();
        await using var connection = new SqliteConnection(BenchmarkDatabase.ConnectionString(_path, pooling: false));
        await connection.OpenAsync();
        await using var db = new BenchmarkDbContext(BenchmarkDatabase.Options(connection));
        return await read(db);
    }

    /// <summary>Closes the context and the connection.</summary>
    public void Release()
    {
        Db?.Dispose();
        Db = null;
        _connection?.Dispose();
        _connection = null;
    }

    public void Dispose()
    {
        Release();
        File.Delete(_path);
    }
}
