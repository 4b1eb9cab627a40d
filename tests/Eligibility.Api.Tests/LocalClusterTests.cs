using Eligibility.Api.Tests.Infrastructure;
using Eligibility.Infrastructure.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Eligibility.Api.Tests;

/// <summary>The cluster `dotnet run` makes for itself: passwords only, both roles, data kept (fsync on).</summary>
public sealed class LocalClusterTests : IAsyncLifetime
{
    readonly string directory = Path.Combine(Path.GetTempPath(), $"eligibility-local-{Guid.NewGuid():N}");
    LocalPostgres? cluster;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        cluster?.Stop();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }

    static async Task<object?> Scalar(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return await new NpgsqlCommand(sql, connection).ExecuteScalarAsync();
    }

    static string WithoutPassword(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Password = null, Pooling = false }.ConnectionString;

    string Hba => File.ReadAllText(Path.Combine(directory, "data", "pg_hba.conf"));

    [Fact]
    public async Task ANewCluster_AsksEveryRoleForItsPassword_KeepsFsyncOn_AndTheApiRoleOwnsNothing()
    {
        cluster = new LocalPostgres(directory);
        var port = cluster.EnsureRunning(0);
        await cluster.EnsureDatabase(port, "eligibility");
        var owner = cluster.ConnectionString(port, "eligibility", DatabaseRoles.Owner);
        var apiRole = cluster.ConnectionString(port, "eligibility", DatabaseRoles.Api);
        await new MigrationRunner(owner, TestDatabase.MigrationsDirectory, NullLogger.Instance).Apply();

        Assert.Equal("on", await Scalar(owner, "SHOW fsync"));
        Assert.DoesNotContain("trust", Hba);
        Assert.Contains("scram-sha-256", Hba);
        foreach (var role in new[] { LocalPostgres.Superuser, DatabaseRoles.Owner, DatabaseRoles.Api })
        {
            var file = Path.Combine(directory, $"{role}.password");
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => Scalar(WithoutPassword(cluster.ConnectionString(port, "eligibility", role)), "SELECT 1"));
        }
        Assert.Equal(DatabaseRoles.Owner, await Scalar(owner, "SELECT pg_get_userbyid(datdba)::text FROM pg_database WHERE datname = current_database()"));
        Assert.Null(await DatabaseRoles.ApiRoleProblem(apiRole));
        Assert.NotNull(await DatabaseRoles.ApiRoleProblem(owner));

        // A password file that no longer matches is one line saying what to do, not a stack trace.
        File.WriteAllText(Path.Combine(directory, $"{LocalPostgres.Superuser}.password"), DatabaseRoles.NewPassword());
        var refused = await Assert.ThrowsAsync<StartupException>(() => cluster.EnsureDatabase(port, "eligibility"));
        Assert.Contains("refused the password", refused.Message);
    }

    [Fact]
    public async Task AClusterOfAnOlderVersion_IsUpgradedInPlace_KeepingItsData()
    {
        // An older version: trust authentication, no passwords, everything owned by the superuser.
        var old = new LocalPostgres(directory, durable: false);
        var port = old.EnsureRunning(0);
        var superuser = old.ConnectionString(port, "postgres");
        await Scalar(superuser, "CREATE DATABASE eligibility");
        File.WriteAllText(Path.Combine(directory, "data", "pg_hba.conf"), "host all all 127.0.0.1/32 trust\n");
        await Scalar(superuser, "SELECT pg_reload_conf()");
        File.Delete(Path.Combine(directory, $"{LocalPostgres.Superuser}.password"));
        var migrations = Path.Combine(directory, "old-migrations");
        Directory.CreateDirectory(migrations);
        foreach (var file in Directory.GetFiles(TestDatabase.MigrationsDirectory, "*.sql").Where(f => string.CompareOrdinal(Path.GetFileName(f), "0050") < 0))
            File.Copy(file, Path.Combine(migrations, Path.GetFileName(file)));
        var trusted = WithoutPassword(new NpgsqlConnectionStringBuilder(superuser) { Database = "eligibility" }.ConnectionString);
        await new MigrationRunner(trusted, migrations, NullLogger.Instance).Apply();
        await Scalar(trusted, "INSERT INTO provinces (code, name) VALUES ('68', 'Tỉnh Lâm Đồng')");
        old.Stop();

        cluster = new LocalPostgres(directory);
        port = cluster.EnsureRunning(port);
        await cluster.EnsureDatabase(port, "eligibility");
        var owner = cluster.ConnectionString(port, "eligibility", DatabaseRoles.Owner);
        await new MigrationRunner(owner, TestDatabase.MigrationsDirectory, NullLogger.Instance).Apply();

        Assert.DoesNotContain("trust", Hba);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => Scalar(trusted, "SELECT 1"));
        Assert.Equal("Tỉnh Lâm Đồng", await Scalar(cluster.ConnectionString(port, "eligibility", DatabaseRoles.Api), "SELECT name FROM provinces WHERE code = '68'"));
        Assert.Equal(0L, await Scalar(owner, $"SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND pg_get_userbyid(relowner) <> '{DatabaseRoles.Owner}'"));
        Assert.Null(await DatabaseRoles.ApiRoleProblem(cluster.ConnectionString(port, "eligibility", DatabaseRoles.Api)));
    }
}
