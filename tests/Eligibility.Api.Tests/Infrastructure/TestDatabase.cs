using Eligibility.Infrastructure.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Eligibility.Api.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL server for the whole test run, and a migrated template database that each test class copies.
/// The server is the one named by ELIGIBILITY_TEST_DB (a connection string with the right to create databases), or
/// else a throwaway cluster started from the machine's PostgreSQL binaries and removed when the run ends. The owner
/// and API roles are created (cluster-wide) with passwords of this run; the template is migrated as the owner.
/// </summary>
public static class TestDatabase
{
    public const string ServerVariable = "ELIGIBILITY_TEST_DB";
    const string TemplateName = "eligibility_test_template";

    static readonly Lazy<Task<NpgsqlConnectionStringBuilder>> Server = new(StartServer);
    static readonly Dictionary<string, string> Passwords = new()
    {
        [DatabaseRoles.Owner] = DatabaseRoles.NewPassword(),
        [DatabaseRoles.Api] = DatabaseRoles.NewPassword(),
    };

    /// <summary>The same database, reached as <paramref name="role"/> (<see cref="DatabaseRoles.Owner"/> or <see cref="DatabaseRoles.Api"/>).</summary>
    public static string As(string connectionString, string role) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Username = role, Password = Passwords[role] }.ConnectionString;

    /// <summary>A new database with the whole schema, for one test class.</summary>
    public static async Task<string> Create()
    {
        var server = await Server.Value;
        var name = $"eligibility_test_{Guid.NewGuid():N}";
        await Execute(server, $"CREATE DATABASE {name} TEMPLATE {TemplateName} OWNER {DatabaseRoles.Owner}");
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
            RemoveAbandonedClusters();
            var directory = Path.Combine(Path.GetTempPath(), $"{ClusterPrefix}{Guid.NewGuid():N}");
            var cluster = new LocalPostgres(directory, durable: false);
            int port = cluster.EnsureRunning(preferredPort: 0);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                cluster.Stop();
                DeleteQuietly(directory);
            };
            server = new NpgsqlConnectionStringBuilder(cluster.ConnectionString(port, "postgres"));
        }
        server.Pooling = false;
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync();
            await DatabaseRoles.Ensure(admin, Passwords[DatabaseRoles.Owner], Passwords[DatabaseRoles.Api]);
        }

        await Execute(server, $"DROP DATABASE IF EXISTS {TemplateName} WITH (FORCE)");
        await Execute(server, $"CREATE DATABASE {TemplateName} OWNER {DatabaseRoles.Owner}");
        var template = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = TemplateName };
        await new MigrationRunner(As(template.ConnectionString, DatabaseRoles.Owner), MigrationsDirectory, NullLogger.Instance).Apply();
        return server;
    }

    const string ClusterPrefix = "eligibility-tests-";

    /// <summary>Clusters of earlier runs that ended without cleaning up (a killed test host): stopped, so only files remain.</summary>
    static void RemoveAbandonedClusters()
    {
        // A folder touched in the last half hour may be another run's cluster still being made (initdb has not yet
        // written postmaster.pid): deleting it would fail that run.
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), $"{ClusterPrefix}*"))
            if (!File.Exists(Path.Combine(directory, "data", "postmaster.pid"))
                && DateTime.UtcNow - Directory.GetLastWriteTimeUtc(directory) > TimeSpan.FromMinutes(30))
                DeleteQuietly(directory);
    }

    static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next run's clean-up.
        }
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
