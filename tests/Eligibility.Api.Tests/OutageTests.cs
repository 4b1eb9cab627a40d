using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Eligibility.Api.Auth;
using Eligibility.Api.Tests.Infrastructure;
using Eligibility.Application.Common;
using Eligibility.Infrastructure.Database;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>
/// The API over a PostgreSQL cluster of its own (never the shared test server), which the tests stop and start again.
/// </summary>
public sealed class OutageApi : WebApplicationFactory<Program>, IAsyncLifetime
{
    readonly string directory = Path.Combine(Path.GetTempPath(), $"eligibility-outage-{Guid.NewGuid():N}");
    LocalPostgres? cluster;

    public int Port { get; private set; }
    /// <summary>The owner's connection: migrations and the tests' own SQL.</summary>
    public string ConnectionString { get; private set; } = "";
    string apiConnectionString = "";

    /// <summary>For the tests' own SQL: unpooled, so that no connection of theirs outlives a restart.</summary>
    public string DirectConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString;
    public Guid Village { get; private set; }

    public async Task InitializeAsync()
    {
        cluster = new LocalPostgres(directory, durable: false);
        Port = cluster.EnsureRunning(0);
        await cluster.EnsureDatabase(Port, "eligibility");
        ConnectionString = cluster.ConnectionString(Port, "eligibility", DatabaseRoles.Owner);
        apiConnectionString = cluster.ConnectionString(Port, "eligibility", DatabaseRoles.Api);
        await new MigrationRunner(ConnectionString, TestDatabase.MigrationsDirectory, NullLogger.Instance).Apply();
        Village = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(DirectConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand($"""
            INSERT INTO provinces (code, name) VALUES ('68', 'Tỉnh Lâm Đồng');
            INSERT INTO communes (code, province_code, name, kind, area_type) VALUES ('{UrbanCommune}', '68', 'Phường Lâm Viên - Đà Lạt', 'phuong', 'urban');
            INSERT INTO villages (id, province_code, commune_code, name) VALUES ('{Village}', '68', '{UrbanCommune}', 'Tổ dân phố 1');
            """, connection);
        await cmd.ExecuteNonQueryAsync();
    }

    public void StopDatabase() => cluster!.Stop();

    public void StartDatabase() => Assert.Equal(Port, cluster!.EnsureRunning(Port));

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        cluster?.Stop();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        ApiFactory.UseTestSettings(builder, apiConnectionString, Path.Combine(directory, "checkpoints"));
    }

    public HttpClient Official()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            Services.GetRequiredService<TokenIssuer>().Issue("outage-official", Roles.CommuneOfficial, [UrbanCommune]));
        return client;
    }
}

public sealed class OutageTests(OutageApi api) : IClassFixture<OutageApi>
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    async Task<(HttpResponseMessage Response, TimeSpan Elapsed)> Timed(Func<Task<HttpResponseMessage>> send)
    {
        var clock = Stopwatch.StartNew();
        var response = await send();
        return (response, clock.Elapsed);
    }

    [Fact]
    public async Task WhileTheDatabaseIsDown_RequestsFailWithin5sWith503AndRetryAfter_ReadinessIsUnhealthy_AndServiceResumesWhenItReturns()
    {
        var official = api.Official();
        var anonymous = api.CreateClient();
        var created = await official.Post("/api/v1/households", Household(UrbanCommune, api.Village, Member("Trịnh Văn Sơn", "1966-06-06", "male", "head")));
        var household = await created.Expect(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);

        api.StopDatabase();
        try
        {
            var calls = new (string What, Func<Task<HttpResponseMessage>> Send)[]
            {
                ("read", () => official.GetAsync($"/api/v1/households/{household["id"]}")),
                ("list", () => official.GetAsync($"/api/v1/communes/{UrbanCommune}/households")),
                ("create", () => official.Post("/api/v1/households", Household(UrbanCommune, api.Village, Member("Trịnh Thị Hà", "1970-01-01", "female", "head")))),
                ("create with key", () => official.PostWithKey($"/api/v1/communes/{UrbanCommune}/villages", new { name = "Tổ dân phố 9" }, Keyed.NewKey())),
                ("edit", () => official.Put($"/api/v1/households/{household["id"]}",
                    new { villageId = api.Village, address = "Số 2", headMemberId = household["headMemberId"]!.ToString() }, created.ETag())),
            };
            foreach (var (what, send) in calls)
            {
                var (response, elapsed) = await Timed(send);
                Assert.True(elapsed < Bound, $"{what} took {elapsed}");
                var problem = await response.ExpectProblem(HttpStatusCode.ServiceUnavailable);
                Assert.Equal("The service is temporarily unavailable.", (string)problem["title"]!);
                Assert.True(response.Headers.RetryAfter?.Delta is { } delta && delta > TimeSpan.Zero, $"{what}: no Retry-After");
                Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            }

            var (ready, readyElapsed) = await Timed(() => anonymous.GetAsync("/health/ready"));
            Assert.True(readyElapsed < Bound, $"readiness took {readyElapsed}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            api.StartDatabase();
        }

        // Nothing restarts the API: it notices by itself.
        var deadline = Stopwatch.StartNew();
        while ((await anonymous.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(20), "readiness did not recover");
            await Task.Delay(200);
        }
        for (var i = 0; i < 5; i++)
        {
            var read = await (await official.GetAsync($"/api/v1/households/{household["id"]}")).Expect(HttpStatusCode.OK);
            Assert.Equal(household.ToJsonString(), read.ToJsonString());
        }
        await (await official.Post("/api/v1/households", Household(UrbanCommune, api.Village, Member("Trịnh Thị Hà", "1970-01-01", "female", "head"))))
            .Expect(HttpStatusCode.Created);
        await (await official.GetAsync($"/api/v1/communes/{UrbanCommune}/households")).Expect(HttpStatusCode.OK);
        Assert.Equal(2L, await CountHouseholds());
    }

    async Task<long> CountHouseholds()
    {
        await using var connection = new NpgsqlConnection(api.DirectConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM households", connection);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task AQueryThatHangs_Is503WithinTheBound()
    {
        var official = api.Official();
        var created = await official.Post("/api/v1/households", Household(UrbanCommune, api.Village, Member("Mai Văn Tùng", "1977-07-07", "male", "head")));
        var id = (await created.Expect(HttpStatusCode.Created))["id"];

        // Another session holds the households table: the API's query waits until its command timeout.
        await using var connection = new NpgsqlConnection(api.DirectConnectionString);
        await connection.OpenAsync();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await using (var lockTable = new NpgsqlCommand("LOCK TABLE households IN ACCESS EXCLUSIVE MODE", connection, tx))
                await lockTable.ExecuteNonQueryAsync();

            var (response, elapsed) = await Timed(() => official.GetAsync($"/api/v1/households/{id}"));

            Assert.True(elapsed < Bound, $"took {elapsed}");
            await response.ExpectProblem(HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(response.Headers.RetryAfter);
            await tx.RollbackAsync();
        }
        await (await official.GetAsync($"/api/v1/households/{id}")).Expect(HttpStatusCode.OK);
    }
}
