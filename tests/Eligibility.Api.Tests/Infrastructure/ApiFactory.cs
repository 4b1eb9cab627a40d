using System.Net.Http.Headers;
using System.Security.Cryptography;
using Eligibility.Api.Auth;
using Eligibility.Application.Common;
using Eligibility.Infrastructure.Database;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Eligibility.Api.Tests.Infrastructure;

/// <summary>
/// The API in memory over a database of its own (one per test class), reached through real HTTP requests. The API
/// connects as the API's role (migrations ran as the owner); the tests' own SQL connects as a superuser.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Issuer = "eligibility-tests";
    public const string Audience = "eligibility-api";
    /// <summary>A key of the kind the API accepts outside Development: 32 random bytes in base64, new for each run.</summary>
    public static readonly string SigningKey = NewSigningKey();

    public static string NewSigningKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>How a test signs a token of its own making: with the API's key, or another.</summary>
    public static SigningCredentials Credentials(string? key = null) =>
        new(new AuthOptions { SigningKey = key ?? SigningKey }.Key(), SecurityAlgorithms.HmacSha256);

    public static readonly string CheckpointKey = NewSigningKey();

    /// <summary>A superuser's connection, for arranging and checking what was stored.</summary>
    public string ConnectionString { get; private set; } = "";
    public string ApiConnectionString => TestDatabase.As(ConnectionString, DatabaseRoles.Api);
    public string OwnerConnectionString => TestDatabase.As(ConnectionString, DatabaseRoles.Owner);
    public string CheckpointDirectory { get; } = Path.Combine(Path.GetTempPath(), $"eligibility-checkpoints-{Guid.NewGuid():N}");

    /// <summary>This API's private temporary directory (uploads and exports), of its own so tests can look into it.</summary>
    public string TempDirectory { get; } = Path.Combine(Path.GetTempPath(), "eligibility-tests", Guid.NewGuid().ToString("N"));
    protected virtual string EnvironmentName => "Testing";

    public async Task InitializeAsync() => ConnectionString = await TestDatabase.Create();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await TestDatabase.Drop(ConnectionString);
        if (Directory.Exists(CheckpointDirectory))
            Directory.Delete(CheckpointDirectory, recursive: true);
        if (Directory.Exists(TempDirectory))
            Directory.Delete(TempDirectory, recursive: true);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        UseTestSettings(builder, ApiConnectionString, CheckpointDirectory);
        builder.UseSetting("TempFiles:Directory", TempDirectory);
    }

    /// <summary>What every API under test is given: its role's connection string, the token and checkpoint keys.</summary>
    public static void UseTestSettings(IWebHostBuilder builder, string apiConnectionString, string checkpointDirectory)
    {
        builder.UseSetting("ConnectionStrings:Eligibility", apiConnectionString);
        builder.UseSetting("Auth:Issuer", Issuer);
        builder.UseSetting("Auth:Audience", Audience);
        builder.UseSetting("Auth:SigningKey", SigningKey);
        builder.UseSetting("Audit:CheckpointKey", CheckpointKey);
        builder.UseSetting("Audit:CheckpointDirectory", checkpointDirectory);
        // Test classes verify the chain after each step; AuditChainRateLimitTests keeps the production limit.
        builder.UseSetting("RateLimiting:AuditChainPermitsPerMinute", "1000");
    }

    public string Token(string role, params string[] communes) =>
        Services.GetRequiredService<TokenIssuer>().Issue($"test-{role}", role, communes);

    public HttpClient ClientFor(string role, params string[] communes)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, communes));
        return client;
    }

    public HttpClient Official(params string[] communes) => ClientFor(Roles.CommuneOfficial, communes);
    public HttpClient Admin() => ClientFor(Roles.Admin);

    public HttpClient AssociationOfficer(params Guid[] associations) =>
        WithToken(Services.GetRequiredService<TokenIssuer>().Issue($"test-{Roles.AssociationOfficer}", Roles.AssociationOfficer, [], associations));

    public HttpClient ProvinceViewer(params string[] provinces) =>
        WithToken(Services.GetRequiredService<TokenIssuer>().Issue($"test-{Roles.ProvinceViewer}", Roles.ProvinceViewer, [], null, provinces));

    public HttpClient WithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Runs SQL straight against this class's database, for arranging and for checking what was stored.</summary>
    public async Task<T?> Scalar<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            cmd.Parameters.AddWithValue(name, value);
        var result = await cmd.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    public Task Execute(string sql) => Scalar<object>(sql);
}

/// <summary>In Development start-up also applies migrations and loads demo data, as the owner.</summary>
public sealed class DevelopmentApiFactory : ApiFactory
{
    protected override string EnvironmentName => "Development";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:EligibilityMigrations", OwnerConnectionString);
    }
}
