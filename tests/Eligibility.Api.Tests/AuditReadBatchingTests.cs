using System.Net;
using System.Text.Json.Nodes;
using Eligibility.Api.Auth;
using Eligibility.Api.Tests.Infrastructure;
using Eligibility.Application.Common;
using Npgsql;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>Read entries are written in groups (AuditReadBatcher): each read still waits for its own entry's commit.</summary>
public sealed class AuditReadBatchingTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    [Fact]
    public async Task FiftyConcurrentHouseholdReads_EachRecordTheirOwnEntry_InFewTransactions_AndTheChainVerifies()
    {
        var official = api.Official(UrbanCommune);
        var households = new List<string>();
        for (var h = 0; h < 5; h++)
        {
            var body = await (await official.Post("/api/v1/households", Household(UrbanCommune, api.UrbanVillage,
                Member($"Trần Văn Lô {h}", "1970-01-01", "male", "head", PersonalId("male", 1970, 950_000 + h))))).Expect(HttpStatusCode.Created);
            households.Add((string)body["id"]!);
        }
        var before = await api.AuditCount();

        // Hold the chain head, as a long audited transaction would: the first batch waits on it, the rest pile up behind.
        await using var holder = new NpgsqlConnection(api.ConnectionString);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await new NpgsqlCommand("SELECT * FROM audit_chain_head FOR UPDATE", holder, hold).ExecuteNonQueryAsync();

        var reads = Enumerable.Range(0, 50).Select(async i =>
        {
            var id = households[i % households.Count];
            var path = i % 2 == 0 ? $"/api/v1/households/{id}" : $"/api/v1/households/{id}/eligibility";
            var response = await api.ClientAs($"batch-reader-{i}", Roles.CommuneOfficial, UrbanCommune).GetAsync(path);
            return (I: i, Id: id, Body: await response.Expect(HttpStatusCode.OK));
        }).ToList();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        // Nothing is answered while its entry is not committed.
        Assert.DoesNotContain(reads, r => r.IsCompleted);
        await hold.CommitAsync();
        var answered = await Task.WhenAll(reads);

        Assert.Equal(before + 50, await api.AuditCount());
        foreach (var (i, id, body) in answered)
        {
            if (i % 2 == 0)
                Assert.Equal(id, (string)body["id"]!);
            else
                Assert.NotEmpty(body["programmes"]!.AsArray());
            // Each entry names its own reader and route, captured in its request, not the writer's.
            var entry = Assert.Single(await api.AuditEntries($"action=read&subject=batch-reader-{i}"));
            Assert.Equal(Roles.CommuneOfficial, (string)entry["role"]!);
            Assert.Equal(id, (string)entry["entityId"]!);
            Assert.Equal(i % 2 == 0 ? "household" : "eligibility", (string)entry["entity"]!);
            Assert.Equal(i % 2 == 0 ? "GET /api/v1/households/{id:guid}" : "GET /api/v1/households/{id:guid}/eligibility", (string)entry["requestPath"]!);
        }
        // Group commit: the 50 entries came in a handful of transactions, not 50.
        var transactions = await api.Scalar<long>("SELECT count(DISTINCT xmin::text) FROM audit_log WHERE subject LIKE 'batch-reader-%'");
        Assert.InRange(transactions, 1, 5);

        var verify = await api.Verify();
        Assert.True((bool)verify["valid"]!, verify.ToJsonString());
    }
}

/// <summary>A database of its own: the injected fault refuses every read entry while it is there.</summary>
public sealed class AuditReadFailureTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    [Fact]
    public async Task WhenTheReadEntriesCannotBeWritten_ConcurrentReadsFailWith5xx_AndSendNoHouseholdData()
    {
        var official = api.Official(UrbanCommune);
        var body = await (await official.Post("/api/v1/households", Household(UrbanCommune, api.UrbanVillage,
            Member("Lê Thị Kín Đáo", "1975-05-05", "female", "head", PersonalId("female", 1975, 960_001))))).Expect(HttpStatusCode.Created);
        var id = (string)body["id"]!;
        var reads = await api.Scalar<long>("SELECT count(*) FROM audit_log WHERE action = 'read'");

        await api.Execute("""
            CREATE FUNCTION test_refuse_read_entries() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.action = 'read' THEN RAISE EXCEPTION 'injected fault: audit entry refused'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER test_refuse_read_entries BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_refuse_read_entries();
            """);
        try
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
            {
                var path = i % 2 == 0 ? $"/api/v1/households/{id}" : $"/api/v1/households/{id}/eligibility";
                var response = await api.ClientAs($"refused-reader-{i}", Roles.CommuneOfficial, UrbanCommune).GetAsync(path);
                return (Status: (int)response.StatusCode, Type: response.Content.Headers.ContentType?.MediaType, Text: await response.Content.ReadAsStringAsync());
            }));
            Assert.All(responses, r =>
            {
                Assert.InRange(r.Status, 500, 599);
                Assert.Equal("application/problem+json", r.Type);
                Assert.DoesNotContain(id, r.Text);
                Assert.DoesNotContain("Kín Đáo", r.Text);
                Assert.DoesNotContain("Phan Đình Phùng", r.Text);
            });
            Assert.Equal(reads, await api.Scalar<long>("SELECT count(*) FROM audit_log WHERE action = 'read'"));
        }
        finally
        {
            await api.Execute("DROP TRIGGER test_refuse_read_entries ON audit_log; DROP FUNCTION test_refuse_read_entries();");
        }

        // The writer recovers with the database: the next read is answered and recorded.
        await (await api.ClientAs("refused-reader-after", Roles.CommuneOfficial, UrbanCommune).GetAsync($"/api/v1/households/{id}")).Expect(HttpStatusCode.OK);
        Assert.Single(await api.AuditEntries("action=read&subject=refused-reader-after"));
        var verify = await api.Verify();
        Assert.True((bool)verify["valid"]!, verify.ToJsonString());
    }
}
