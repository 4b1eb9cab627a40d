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

/// <summary>Everything the database needs before the API serves: a server, the schema, and demo data in Development.</summary>
public static class DatabaseSetup
{
    public const string ConnectionStringName = "Eligibility";

    public static async Task<string> Prepare(IConfiguration configuration, string contentRoot, bool loadDemoData, ILogger logger)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
            connectionString = await StartLocalCluster(configuration, contentRoot, logger);

        var dbFolder = Path.Combine(AppContext.BaseDirectory, "db");
        try
        {
            await new MigrationRunner(connectionString, Path.Combine(dbFolder, "migrations"), logger).Apply();
            if (loadDemoData)
                await LoadDemoData(connectionString, Path.Combine(dbFolder, "seed", "demo.sql"), logger);
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

    static async Task<string> StartLocalCluster(IConfiguration configuration, string contentRoot, ILogger logger)
    {
        var directory = configuration["LocalDatabase:Directory"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot(contentRoot), ".local", "postgres");
        var port = configuration.GetValue("LocalDatabase:Port", 54329);
        var database = configuration["LocalDatabase:Database"] ?? "eligibility";

        var cluster = new LocalPostgres(directory, configuration["LocalDatabase:BinDirectory"]);
        port = cluster.EnsureRunning(port);
        await LocalPostgres.EnsureDatabase(port, database);
        logger.LogInformation("Using the local PostgreSQL cluster in {Directory} on 127.0.0.1:{Port}", directory, port);
        return LocalPostgres.ConnectionString(port, database);
    }

    /// <summary>The folder holding Eligibility.sln above the content root, so the local cluster lives in the clone.</summary>
    static string RepositoryRoot(string contentRoot)
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
