using Eligibility.Infrastructure.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Eligibility.Api.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL server for the whole test run, and a migrated template database that each test class copies.
/// The server is the one named by ELIGIBILITY_TEST_DB (a connection string with the right to create databases), or
/// else a throwaway cluster started from the machine's PostgreSQL binaries and removed when the run ends.
/// </summary>
public static class TestDatabase
{
    public const string ServerVariable = "ELIGIBILITY_TEST_DB";
    const string TemplateName = "eligibility_test_template";

    static readonly Lazy<Task<NpgsqlConnectionStringBuilder>> Server = new(StartServer);

    /// <summary>A new database with the whole schema, for one test class.</summary>
    public static async Task<string> Create()
    {
        var server = await Server.Value;
        var name = $"eligibility_test_{Guid.NewGuid():N}";
        await Execute(server, $"CREATE DATABASE {name} TEMPLATE {TemplateName}");
        return new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public static async Task Drop(string connectionString)
    {
        var server = await Server.Value;
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await Execute(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    static async Task<NpgsqlConnectionStringBuilder> StartServer()
    {
        NpgsqlConnectionStringBuilder server;
        if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } configured)
            server = new NpgsqlConnectionStringBuilder(configured) { Database = "postgres" };
        else
        {
            var directory = Path.Combine(Path.GetTempPath(), $"eligibility-tests-{Guid.NewGuid():N}");
            var cluster = new LocalPostgres(directory);
            int port = cluster.EnsureRunning(preferredPort: 0);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                cluster.Stop();
                try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
            };
            server = new NpgsqlConnectionStringBuilder(LocalPostgres.ConnectionString(port, "postgres"));
        }
        server.Pooling = false;

        await Execute(server, $"DROP DATABASE IF EXISTS {TemplateName} WITH (FORCE)");
        await Execute(server, $"CREATE DATABASE {TemplateName}");
        var template = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = TemplateName };
        await new MigrationRunner(template.ConnectionString, MigrationsDirectory, NullLogger.Instance).Apply();
        return server;
    }

    public static string MigrationsDirectory => Path.Combine(AppContext.BaseDirectory, "db", "migrations");

    public static async Task Execute(NpgsqlConnectionStringBuilder server, string sql)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }
}
