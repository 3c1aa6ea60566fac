using System.Data.Common;
using System.Globalization;
using BrandForum.EventStore;

namespace BrandForum.Server.Storage;

/// <summary>
/// Small helpers for read-model SQL on both engines: queries through the store's connections, and the two
/// value types the engines store differently (ids: uuid vs text; instants: timestamptz vs ISO-8601 text).
/// </summary>
public static class Sql
{
    public static object Id(StorageEngine engine, Guid id) => engine == StorageEngine.Postgres ? id : id.ToString();

    public static object Time(StorageEngine engine, DateTimeOffset at) =>
        engine == StorageEngine.Postgres ? at.ToUniversalTime() : at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        DateTimeOffset value => value,
        DateTime value => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        var other => throw new InvalidCastException($"Not an instant: {other}"),
    };

    public static DateTimeOffset? ReadOptionalTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ReadTime(reader, ordinal);

    public static string? ReadOptionalString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static async Task<List<T>> QueryAsync<T>(
        this SqlEventStore store, string sql, Func<DbDataReader, T> map, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await store.OpenAsync(ct);
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public static async Task<int> ExecuteAsync(this SqlEventStore store, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await store.OpenAsync(ct);
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    private static DbCommand Command(DbConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.WithParameters(parameters);
    }
}
