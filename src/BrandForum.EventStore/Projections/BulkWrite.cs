using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace BrandForum.EventStore.Projections;

/// <summary>
/// An INSERT of many rows at once, for projections that write a batch's rows at its end. A rebuild writes
/// hundreds of thousands of rows; one ADO.NET command per row cost far more than the row itself (on SQLite the
/// command's statement lookup and by-name parameter binding, on PostgreSQL a parse and plan on the server per
/// statement). PostgreSQL gets one statement per <see cref="RowsPerStatement"/> rows, each column an array
/// (<c>unnest</c>); SQLite runs in-process, so one statement is prepared once and stepped per row with values bound
/// by position. Columns are given as <c>"name pgtype, name pgtype, …"</c>. Rows of one call must not hit the same row
/// twice in an ON CONFLICT … DO UPDATE (PostgreSQL refuses it): callers write each key once. Rows a caller knows to be
/// new (<see cref="WriteNewAsync"/>) go by binary COPY on PostgreSQL, a third of the server's time per row.
/// </summary>
public sealed class BulkWrite
{
    public const int RowsPerStatement = 5_000;

    private readonly (string Name, string Type)[] _columns;
    private readonly string _postgresSql;
    private readonly string _copySql;
    private readonly string _sqliteSql;

    private BulkWrite(string table, string columns, string tail)
    {
        _columns = [.. columns.Split(',').Select(c => c.Trim().Split(' ', 2)).Select(p => (p[0], p[1]))];
        _postgresSql = $"INSERT INTO {table} ({Names(_columns)}) SELECT * FROM {Unnest(_columns)} {tail}";
        _copySql = $"COPY {table} ({Names(_columns)}) FROM STDIN (FORMAT BINARY)";
        _sqliteSql = $"INSERT INTO {table} ({Names(_columns)}) VALUES ({string.Join(", ", _columns.Select((_, i) => $"?{i + 1}"))}) {tail}";
    }

    /// <summary>INSERT of rows of <paramref name="columns"/>; <paramref name="tail"/> follows the rows (e.g. ON CONFLICT).</summary>
    public static BulkWrite Insert(string table, string columns, string tail = "") => new(table, columns, tail);

    private static string Names((string Name, string Type)[] columns) => string.Join(", ", columns.Select(c => c.Name));

    private static string Unnest((string Name, string Type)[] columns) => $"unnest({string.Join(", ", columns.Select((c, i) => $"@c{i}::{c.Type}[]"))})";

    /// <summary>Writes <paramref name="rows"/> after the context's pending writes, so statements still apply in the order they were written.</summary>
    public async Task WriteAsync(ProjectionContext context, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        await context.FlushAsync(ct);
        if (context.Engine == StorageEngine.Postgres)
        {
            foreach (var chunk in rows.Chunk(RowsPerStatement))
            {
                var arrays = _columns.Select((c, i) => ($"c{i}", (object?)PostgresArray(c.Type, chunk, i))).ToArray();
                await context.ExecuteAsync(_postgresSql, ct, arrays);
            }
        }
        else
        {
            WriteSqlite(((SqliteConnection)context.Connection).Handle!, rows);
        }
    }

    /// <summary>
    /// Writes rows whose keys the caller knows are not in the table yet (no conflict clause applies): by binary COPY on
    /// PostgreSQL; on SQLite, which has no cheaper path, as <see cref="WriteAsync"/>. A row that does conflict fails
    /// the batch on PostgreSQL, which then retries from its checkpoint: a caller's mistake cannot corrupt the table.
    /// </summary>
    public async Task WriteNewAsync(ProjectionContext context, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        if (context.Engine != StorageEngine.Postgres)
        {
            await WriteAsync(context, rows, ct);
            return;
        }

        await context.FlushAsync(ct);
        await using var copy = await ((NpgsqlConnection)context.Connection).BeginBinaryImportAsync(_copySql, ct);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(ct);
            for (var i = 0; i < row.Length; i++)
            {
                await CopyValueAsync(copy, _columns[i].Type, row[i], ct);
            }
        }

        await copy.CompleteAsync(ct);
    }

    private static Task CopyValueAsync(NpgsqlBinaryImporter copy, string type, object? value, CancellationToken ct) => value is null
        ? copy.WriteNullAsync(ct)
        : type switch
        {
            "uuid" => copy.WriteAsync((Guid)value, NpgsqlDbType.Uuid, ct),
            "text" => copy.WriteAsync((string)value, NpgsqlDbType.Text, ct),
            "boolean" => copy.WriteAsync((bool)value, NpgsqlDbType.Boolean, ct),
            "int" => copy.WriteAsync(Convert.ToInt32(value, CultureInfo.InvariantCulture), NpgsqlDbType.Integer, ct),
            "bigint" => copy.WriteAsync(Convert.ToInt64(value, CultureInfo.InvariantCulture), NpgsqlDbType.Bigint, ct),
            "double precision" => copy.WriteAsync(Convert.ToDouble(value, CultureInfo.InvariantCulture), NpgsqlDbType.Double, ct),
            "timestamptz" => copy.WriteAsync(((DateTimeOffset)value).ToUniversalTime(), NpgsqlDbType.TimestampTz, ct),
            "date" => copy.WriteAsync((DateOnly)value, NpgsqlDbType.Date, ct),
            _ => throw new ArgumentException($"No bulk encoding for PostgreSQL type {type}.", nameof(type)),
        };

    /// <summary>A column as the typed array Npgsql sends in binary (uuid[], text[], …); nulls only where the type allows.</summary>
    private static Array PostgresArray(string type, object?[][] rows, int column) => type switch
    {
        "uuid" => rows.Select(r => (Guid)r[column]!).ToArray(),
        "text" => rows.Select(r => (string?)r[column]).ToArray(),
        "boolean" => rows.Select(r => (bool)r[column]!).ToArray(),
        "int" => rows.Select(r => Convert.ToInt32(r[column], CultureInfo.InvariantCulture)).ToArray(),
        "bigint" => rows.Select(r => Convert.ToInt64(r[column], CultureInfo.InvariantCulture)).ToArray(),
        "double precision" => rows.Select(r => r[column] is null ? (double?)null : Convert.ToDouble(r[column], CultureInfo.InvariantCulture)).ToArray(),
        "timestamptz" => rows.Select(r => ((DateTimeOffset)r[column]!).ToUniversalTime()).ToArray(),
        "date" => rows.Select(r => (DateOnly)r[column]!).ToArray(),
        _ => throw new ArgumentException($"No bulk encoding for PostgreSQL type {type}.", nameof(type)),
    };

    private void WriteSqlite(sqlite3 db, IEnumerable<object?[]> rows)
    {
        Check(db, raw.sqlite3_prepare_v2(db, _sqliteSql, out var statement));
        using (statement)
        {
            foreach (var row in rows)
            {
                for (var i = 0; i < row.Length; i++)
                {
                    Check(db, Bind(statement, i + 1, row[i]));
                }

                var step = raw.sqlite3_step(statement);
                if (step != raw.SQLITE_DONE)
                {
                    Check(db, step);
                }

                raw.sqlite3_reset(statement);
            }
        }
    }

    /// <summary>Each value as SQLite stores it in this code base: ids and instants as text, booleans as 0/1.</summary>
    private static int Bind(sqlite3_stmt statement, int index, object? value) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(statement, index),
        string s => raw.sqlite3_bind_text(statement, index, s),
        Guid g => raw.sqlite3_bind_text(statement, index, g.ToString()),
        bool b => raw.sqlite3_bind_int(statement, index, b ? 1 : 0),
        int i => raw.sqlite3_bind_int(statement, index, i),
        long l => raw.sqlite3_bind_int64(statement, index, l),
        double d => raw.sqlite3_bind_double(statement, index, d),
        DateTimeOffset at => raw.sqlite3_bind_text(statement, index, at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
        DateOnly day => raw.sqlite3_bind_text(statement, index, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException($"No bulk encoding for {value.GetType().Name}.", nameof(value)),
    };

    private static void Check(sqlite3 db, int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), result);
        }
    }
}
