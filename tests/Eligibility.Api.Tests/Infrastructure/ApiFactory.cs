using System.Net.Http.Headers;
using Eligibility.Api.Auth;
using Eligibility.Application.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Eligibility.Api.Tests.Infrastructure;

/// <summary>The API in memory over a database of its own (one per test class), reached through real HTTP requests.</summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Issuer = "eligibility-tests";
    public const string Audience = "eligibility-api";
    public const string SigningKey = "test-signing-key-of-at-least-thirty-two-bytes-0123456789";

    public string ConnectionString { get; private set; } = "";

    /// <summary>This API's private temporary directory (uploads and exports), of its own so tests can look into it.</summary>
    public string TempDirectory { get; } = Path.Combine(Path.GetTempPath(), "eligibility-tests", Guid.NewGuid().ToString("N"));
    protected virtual string EnvironmentName => "Testing";

    public async Task InitializeAsync() => ConnectionString = await TestDatabase.Create();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await TestDatabase.Drop(ConnectionString);
        if (Directory.Exists(TempDirectory))
            Directory.Delete(TempDirectory, recursive: true);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("ConnectionStrings:Eligibility", ConnectionString);
        builder.UseSetting("Auth:Issuer", Issuer);
        builder.UseSetting("Auth:Audience", Audience);
        builder.UseSetting("Auth:SigningKey", SigningKey);
        builder.UseSetting("TempFiles:Directory", TempDirectory);
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

public sealed class DevelopmentApiFactory : ApiFactory
{
    protected override string EnvironmentName => "Development";
}
