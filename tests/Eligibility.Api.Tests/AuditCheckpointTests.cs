using System.Net;
using System.Text.Json.Nodes;
using Eligibility.Api.Tests.Infrastructure;
using Eligibility.Application.Common;
using Microsoft.AspNetCore.Hosting;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>Helpers for the checkpoint tests.</summary>
static class CheckpointApi
{
    public static async Task<JsonNode> Checkpoint(this ApiFactory api)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/audit/checkpoints");
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await (await api.Auditor().SendAsync(request)).Expect(HttpStatusCode.Created);
    }

    public static async Task<JsonNode> Verify(this ApiFactory api, string query) =>
        await (await api.Auditor().GetAsync($"/api/v1/audit/verify{query}")).Expect(HttpStatusCode.OK);

    public static async Task Villages(this ApiFactory api, string commune, params string[] names)
    {
        foreach (var name in names)
            await (await api.Official(commune).Post($"/api/v1/communes/{commune}/villages", new { name })).Expect(HttpStatusCode.Created);
    }

    /// <summary>What someone owning the database (or a superuser) could do: alter an entry and re-hash every later one, head included.</summary>
    public static Task RewriteWholeChain(this ApiFactory api, long alteredId) => api.Execute($$"""
        ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
        ALTER TABLE audit_chain_head DISABLE TRIGGER audit_chain_head_forward;
        DO $$
        DECLARE
            e audit_log;
            previous text := repeat('0', 64);
        BEGIN
            UPDATE audit_log SET after = jsonb_set(after, '{name}', '"Thôn Viết Lại"') WHERE id = {{alteredId}};
            FOR e IN SELECT * FROM audit_log ORDER BY id LOOP
                e.prev_hash := previous;
                e.hash := audit_log_hash(e);
                UPDATE audit_log SET prev_hash = e.prev_hash, hash = e.hash WHERE id = e.id;
                previous := e.hash;
            END LOOP;
            UPDATE audit_chain_head SET last_hash = previous;
        END
        $$;
        ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_append_only;
        ALTER TABLE audit_chain_head ENABLE ALWAYS TRIGGER audit_chain_head_forward;
        """);
}

public sealed class AuditCheckpointTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    [Fact]
    public async Task ACheckpoint_SignsTheNewestEntry_IsWrittenOnceReadOnly_AndIsListedNewestFirstWithItsSignatureChecked()
    {
        await api.Villages(UrbanCommune, "Tổ dân phố Neo 1");
        var first = await api.Checkpoint();
        await api.Villages(UrbanCommune, "Tổ dân phố Neo 2");
        var second = await api.Checkpoint();

        var newest = await api.Scalar<long>("SELECT max(id) FROM audit_log");
        Assert.Equal(newest, (long)second["lastId"]!);
        Assert.Equal(await api.Scalar<string>("SELECT hash FROM audit_log WHERE id = @id", ("id", newest)), (string)second["lastHash"]!);
        Assert.True((bool)second["signatureValid"]!);
        Assert.True((long)first["lastId"]! < newest);
        var file = Path.Combine(api.CheckpointDirectory, (string)second["name"]!);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(api.CheckpointDirectory));
        }

        // A forged checkpoint (another id, the same signature) is listed, and does not verify.
        var forged = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        forged["lastId"] = newest + 1000;
        await File.WriteAllTextAsync(Path.Combine(api.CheckpointDirectory, "99991231T235959Z-forged.json"), forged.ToJsonString());

        var all = await (await api.Auditor().GetAsync("/api/v1/audit/checkpoints?pageSize=200")).Expect(HttpStatusCode.OK);
        Assert.Equal(Directory.GetFiles(api.CheckpointDirectory).Length, (int)all["totalCount"]!);
        var names = all["items"]!.AsArray().Select(i => (string)i!["name"]!).ToList();
        Assert.Equal(names.OrderDescending(StringComparer.Ordinal), names);
        Assert.Equal(["99991231T235959Z-forged.json", (string)second["name"]!], names.Take(2));
        Assert.True(names.IndexOf((string)first["name"]!) > 1);
        Assert.Equal([false, true], all["items"]!.AsArray().Take(2).Select(i => (bool)i!["signatureValid"]!));
        var secondPage = await (await api.Auditor().GetAsync("/api/v1/audit/checkpoints?page=2&pageSize=1")).Expect(HttpStatusCode.OK);
        Assert.Equal(names[1], (string)Assert.Single(secondPage["items"]!.AsArray())!["name"]!);

        // Verification ignores the forgery and starts at the newest checkpoint that verifies.
        var verify = await api.Verify("");
        Assert.True((bool)verify["valid"]!, verify.ToJsonString());
        Assert.Equal("checkpoint", (string)verify["from"]!);
        Assert.Equal((string)second["name"]!, (string)verify["checkpoint"]!["name"]!);

        Assert.Equal(HttpStatusCode.Forbidden, (await api.Official(UrbanCommune).GetAsync("/api/v1/audit/checkpoints")).StatusCode);
        Assert.Contains("pageSize", await (await api.Auditor().GetAsync("/api/v1/audit/checkpoints?pageSize=0")).ExpectValidationErrors());
    }

    [Fact]
    public async Task Verify_StartsAtTheNewestCheckpoint_AndWalksTheWholeChainOnRequest()
    {
        await api.Villages(RuralCommune, "Thôn Trước Neo");
        var checkpoint = await api.Checkpoint();
        await api.Villages(RuralCommune, "Thôn Sau Neo");
        var anchor = (long)checkpoint["lastId"]!;

        var fromCheckpoint = await api.Verify("");
        Assert.True((bool)fromCheckpoint["valid"]!, fromCheckpoint.ToJsonString());
        Assert.Equal(await api.Scalar<long>("SELECT count(*) FROM audit_log WHERE id >= @id", ("id", anchor)), (long)fromCheckpoint["entries"]!);
        var whole = await api.Verify("?from=start");
        Assert.True((bool)whole["valid"]!);
        Assert.Equal("start", (string)whole["from"]!);
        Assert.Equal(await api.AuditCount(), (long)whole["entries"]!);
        Assert.Contains("from", await (await api.Auditor().GetAsync("/api/v1/audit/verify?from=yesterday")).ExpectValidationErrors());
    }
}

/// <summary>The point of a checkpoint: a rewrite consistent in itself, which the database alone cannot tell from the original.</summary>
public sealed class AuditChainRewriteTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    [Fact]
    public async Task ARewriteOfTheWholeChain_ShowsAsABreakAtTheCheckpoint()
    {
        await api.Villages(RuralCommune, "Thôn Gốc", "Thôn Giữa");
        var checkpoint = await api.Checkpoint();
        await api.Villages(RuralCommune, "Thôn Mới");
        var anchor = (long)checkpoint["lastId"]!;

        await api.RewriteWholeChain(await api.Scalar<long>("SELECT id FROM audit_log WHERE after->>'name' = 'Thôn Gốc'"));

        foreach (var query in new[] { "", "?from=start" })
        {
            var verify = await api.Verify(query);
            Assert.False((bool)verify["valid"]!, query);
            Assert.Equal(anchor, (long)verify["firstBrokenId"]!);
            Assert.Contains("checkpoint", (string)verify["reason"]!);
        }
        // A broken chain is never anchored.
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/audit/checkpoints");
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        Assert.Equal("chain-broken", (string)(await (await api.Auditor().SendAsync(request)).ExpectProblem(HttpStatusCode.Conflict))["code"]!);

        // Without the checkpoint the rewrite is invisible: every hash and the head agree with each other.
        foreach (var file in Directory.GetFiles(api.CheckpointDirectory))
        {
            File.SetAttributes(file, FileAttributes.Normal);
            File.Delete(file);
        }
        Assert.True((bool)(await api.Verify("?from=start"))["valid"]!);
    }
}

/// <summary>Walking the chain is costly: a few per minute for each caller.</summary>
public sealed class AuditChainRateLimitApi : ApiFactory
{
    public const int Permits = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimiting:AuditChainPermitsPerMinute", Permits.ToString());
    }
}

public sealed class AuditChainRateLimitTests(AuditChainRateLimitApi api) : IClassFixture<AuditChainRateLimitApi>
{
    [Fact]
    public async Task VerifyBeyondTheLimit_Is429WithRetryAfter_ForThatCallerOnly()
    {
        var auditor = api.Auditor();
        for (var i = 0; i < AuditChainRateLimitApi.Permits; i++)
            await (await auditor.GetAsync("/api/v1/audit/verify")).Expect(HttpStatusCode.OK);
        var refused = await auditor.GetAsync("/api/v1/audit/verify?from=start");
        await refused.ExpectProblem(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        // Listing is not limited; another auditor has a budget of its own.
        await (await auditor.GetAsync("/api/v1/audit/checkpoints")).Expect(HttpStatusCode.OK);
        await (await api.ClientAs("another-auditor", Roles.Auditor).GetAsync("/api/v1/audit/verify")).Expect(HttpStatusCode.OK);
    }
}

/// <summary>Audit:CheckpointIntervalMinutes: the API signs a checkpoint by itself on that interval.</summary>
public sealed class PeriodicCheckpointApi : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Audit:CheckpointIntervalMinutes", "0.01");
    }
}

public sealed class PeriodicCheckpointTests(PeriodicCheckpointApi api) : IClassFixture<PeriodicCheckpointApi>
{
    [Fact]
    public async Task OnItsInterval_TheApiSignsACheckpointByItself()
    {
        await (await api.Auditor().GetAsync("/api/v1/audit/checkpoints")).Expect(HttpStatusCode.OK);
        JsonArray items = [];
        for (var attempt = 0; attempt < 300 && items.Count == 0; attempt++)
        {
            await Task.Delay(100);
            items = (await (await api.Auditor().GetAsync("/api/v1/audit/checkpoints")).Expect(HttpStatusCode.OK))["items"]!.AsArray();
        }
        Assert.NotEmpty(items);
        Assert.True((bool)items[0]!["signatureValid"]!);
    }
}

/// <summary>In Development without Audit:CheckpointKey, a key is generated once under .local/ beside the content root.</summary>
public sealed class DevelopmentCheckpointKeyApi : ApiFactory
{
    /// <summary>Inside the checkpoint folder, so that it goes when the factory removes that.</summary>
    public string ContentRoot => Path.Combine(CheckpointDirectory, "content-root");
    protected override string EnvironmentName => "Development";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Directory.CreateDirectory(ContentRoot);
        builder.UseContentRoot(ContentRoot);
        builder.UseSetting("ConnectionStrings:EligibilityMigrations", OwnerConnectionString);
        builder.UseSetting("Audit:CheckpointKey", "");
    }
}

public sealed class DevelopmentCheckpointKeyTests(DevelopmentCheckpointKeyApi api) : IClassFixture<DevelopmentCheckpointKeyApi>
{
    [Fact]
    public async Task InDevelopment_AMissingKeyIsGeneratedOnce_Private_AndSignsCheckpoints()
    {
        Assert.True((bool)(await api.Checkpoint())["signatureValid"]!);
        var file = Path.Combine(api.ContentRoot, ".local", "audit-checkpoint.key");
        Assert.Equal(32, Convert.FromBase64String(await File.ReadAllTextAsync(file)).Length);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }
}
