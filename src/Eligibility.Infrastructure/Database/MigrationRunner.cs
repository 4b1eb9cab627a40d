using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Eligibility.Infrastructure.Database;

/// <summary>
/// Applies the SQL files of db/migrations in name order, each once, each in its own transaction, under an advisory
/// lock so that two instances starting together do not race. An applied file that was edited afterwards stops start-up:
/// the database no longer matches the file, and only a new migration can change it.
/// </summary>
public sealed class MigrationRunner(string connectionString, string migrationsDirectory, ILogger logger)
{
    const long LockKey = 0x456C6967_4D696772; // "EligMigr"

    public async Task<IReadOnlyList<string>> Apply(CancellationToken ct = default)
    {
        var files = Files();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await Execute(connection, null, $"SELECT pg_advisory_lock({LockKey})", ct);
        try
        {
            await Execute(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    name       text PRIMARY KEY,
                    checksum   text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, ct);
            var applied = await AppliedChecksums(connection, ct);
            var newlyApplied = new List<string>();
            foreach (var file in files)
            {
                var name = Path.GetFileName(file);
                var sql = await File.ReadAllTextAsync(file, ct);
                var checksum = Checksum(sql);
                if (applied.TryGetValue(name, out var recorded))
                {
                    if (recorded != checksum)
                        throw new StartupException(
                            $"Migration {name} was edited after it was applied (recorded checksum {recorded[..12]}, file now {checksum[..12]}). " +
                            "Restore the file as it was and put the change in a new migration.");
                    continue;
                }

                await using var tx = await connection.BeginTransactionAsync(ct);
                await Execute(connection, tx, sql, ct);
                await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (name, checksum) VALUES (@name, @checksum)", connection, tx))
                {
                    record.Parameters.AddWithValue("name", name);
                    record.Parameters.AddWithValue("checksum", checksum);
                    await record.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                logger.LogInformation("Applied migration {Migration}", name);
                newlyApplied.Add(name);
            }
            return newlyApplied;
        }
        finally
        {
            await Execute(connection, null, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    /// <summary>
    /// The files not applied yet, read with a role that may only read schema_migrations (the API's): start-up without
    /// the owner's connection string refuses while any is pending.
    /// </summary>
    public async Task<IReadOnlyList<string>> Pending(CancellationToken ct = default)
    {
        var files = Files().Select(f => Path.GetFileName(f)!).ToList();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        try
        {
            var applied = await AppliedChecksums(connection, ct);
            return files.Where(f => !applied.ContainsKey(f)).ToList();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return files;
        }
    }

    List<string> Files() => Directory.Exists(migrationsDirectory)
        ? Directory.GetFiles(migrationsDirectory, "*.sql").OrderBy(Path.GetFileName, StringComparer.Ordinal).ToList()
        : throw new StartupException($"The migrations folder {migrationsDirectory} does not exist.");

    /// <summary>SHA-256 of the file with line endings made uniform, so a checkout on Windows does not look edited.</summary>
    public static string Checksum(string sql) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));

    static async Task<Dictionary<string, string>> AppliedChecksums(NpgsqlConnection connection, CancellationToken ct)
    {
        var result = new Dictionary<string, string>();
        await using var cmd = new NpgsqlCommand("SELECT name, checksum FROM schema_migrations", connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result[reader.GetString(0)] = reader.GetString(1);
        return result;
    }

    static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
