using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Eligibility.Infrastructure.Database;

/// <summary>The connection string the API uses, settled once at start-up (possibly after starting a local cluster).</summary>
public sealed class DatabaseEndpoint
{
    string? connectionString;

    public string ConnectionString
    {
        get => connectionString ?? throw new InvalidOperationException("The database has not been set up yet.");
        set => connectionString = value;
    }
}

/// <summary>
/// Everything the database needs before the API serves: a server, the schema, and demo data in Development. The API
/// connects with <c>ConnectionStrings:Eligibility</c> (its own role); the migrations and demo data run with
/// <c>ConnectionStrings:EligibilityMigrations</c> (the owner). Without the second, outside Development nothing is
/// migrated and start-up refuses while a migration is pending; in Development the first then serves for both.
/// </summary>
public static class DatabaseSetup
{
    public const string ConnectionStringName = "Eligibility";
    public const string MigrationsConnectionStringName = "EligibilityMigrations";

    /// <returns>The API's connection string.</returns>
    public static async Task<string> Prepare(IConfiguration configuration, string contentRoot, bool development, ILogger logger)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        var migrationsConnectionString = configuration.GetConnectionString(MigrationsConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (!string.IsNullOrWhiteSpace(migrationsConnectionString))
                throw new StartupException($"ConnectionStrings:{MigrationsConnectionStringName} is set but ConnectionStrings:{ConnectionStringName} is not: " +
                    "set both (the API's role and the owner), or neither for the local cluster.");
            (connectionString, migrationsConnectionString) = await StartLocalCluster(configuration, contentRoot, logger);
        }
        else if (string.IsNullOrWhiteSpace(migrationsConnectionString) && development)
            migrationsConnectionString = connectionString;

        var dbFolder = Path.Combine(AppContext.BaseDirectory, "db");
        var migrations = Path.Combine(dbFolder, "migrations");
        try
        {
            if (!string.IsNullOrWhiteSpace(migrationsConnectionString))
            {
                await new MigrationRunner(migrationsConnectionString, migrations, logger).Apply();
                if (development)
                    await LoadDemoData(migrationsConnectionString, Path.Combine(dbFolder, "seed", "demo.sql"), logger);
            }
            else if (await new MigrationRunner(connectionString, migrations, logger).Pending() is [var first, ..] pending)
                throw new StartupException($"{pending.Count} migration(s) are not applied (the first: {first}) and ConnectionStrings:{MigrationsConnectionStringName} " +
                    "is not set: set it to the owner role's connection string so that start-up applies them.");
            if (!development && await DatabaseRoles.ApiRoleProblem(connectionString) is { } problem)
                throw new StartupException(problem);
        }
        catch (PostgresException e)
        {
            throw new StartupException($"The database refused a start-up step: {e.SqlState} {e.MessageText}", e);
        }
        catch (NpgsqlException e)
        {
            throw new StartupException($"Cannot reach the database at {new NpgsqlConnectionStringBuilder(connectionString).Host}: {e.Message}", e);
        }
        return connectionString;
    }

    /// <returns>The API role's connection string and the owner's.</returns>
    static async Task<(string Api, string Owner)> StartLocalCluster(IConfiguration configuration, string contentRoot, ILogger logger)
    {
        var directory = configuration["LocalDatabase:Directory"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot(contentRoot), ".local", "postgres");
        var port = configuration.GetValue("LocalDatabase:Port", 54329);
        var database = configuration["LocalDatabase:Database"] ?? "eligibility";

        var cluster = new LocalPostgres(directory, configuration["LocalDatabase:BinDirectory"]);
        port = cluster.EnsureRunning(port);
        await cluster.EnsureDatabase(port, database);
        logger.LogInformation("Using the local PostgreSQL cluster in {Directory} on 127.0.0.1:{Port}", directory, port);
        return (cluster.ConnectionString(port, database, DatabaseRoles.Api), cluster.ConnectionString(port, database, DatabaseRoles.Owner));
    }

    /// <summary>The folder holding Eligibility.sln above the content root, so the local cluster lives in the clone.</summary>
    public static string RepositoryRoot(string contentRoot)
    {
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Eligibility.sln")))
                return dir.FullName;
        return contentRoot;
    }

    static async Task LoadDemoData(string connectionString, string file, ILogger logger)
    {
        if (!File.Exists(file))
            return;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(await File.ReadAllTextAsync(file), connection);
        await cmd.ExecuteNonQueryAsync();
        logger.LogInformation("Demo data loaded");
    }
}
