using System.Data.Common;

namespace IvigBot.Insights;

/// <summary>
/// How the store runs its SQL, in plain ADO.NET on <see cref="DbConnection"/> (SQLite and PostgreSQL alike): a
/// statement, one value, or rows read by a function. Parameters are named <c>@name</c> in the SQL and given as
/// (name, value) pairs; within a transaction it must be given (SQLite refuses a command outside it).
/// </summary>
internal static class StoreSql
{
    public static async Task<int> ExecuteAsync(
        this DbConnection connection, string sql, DbTransaction? transaction, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, transaction, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first column of the first row; null when there is no row or the value is NULL.</summary>
    public static async Task<object?> ReadValueAsync(
        this DbConnection connection, string sql, DbTransaction? transaction, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, transaction, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    /// <summary>Every row, each made by <paramref name="read"/> from the reader positioned on it.</summary>
    public static async Task<List<T>> ReadAsync<T>(
        this DbConnection connection, string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(read);
        await using var command = Command(connection, sql, null, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static DbCommand Command(DbConnection connection, string sql, DbTransaction? transaction, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
