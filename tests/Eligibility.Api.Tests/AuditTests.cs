using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Eligibility.Api.Audit;
using Eligibility.Api.Auth;
using Eligibility.Api.Tests.Infrastructure;
using Eligibility.Application.Common;
using Eligibility.Infrastructure.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>Helpers shared by the audit test classes.</summary>
static class AuditApi
{
    public static HttpClient ClientAs(this ApiFactory api, string subject, string role, params string[] communes)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            api.Services.GetRequiredService<TokenIssuer>().Issue(subject, role, communes));
        return client;
    }

    public static HttpClient Auditor(this ApiFactory api) => api.ClientFor(Roles.Auditor);

    /// <summary>The entries matching the query, every page followed.</summary>
    public static async Task<List<JsonNode>> AuditEntries(this ApiFactory api, string query)
    {
        var auditor = api.Auditor();
        var entries = new List<JsonNode>();
        long? after = 0;
        while (after is not null)
        {
            var page = await (await auditor.GetAsync($"/api/v1/audit?{query}&afterId={after}&pageSize=200")).Expect(HttpStatusCode.OK);
            entries.AddRange(page["items"]!.AsArray().Select(e => e!));
            after = (long?)page["nextAfterId"];
        }
        return entries;
    }

    public static async Task<JsonNode> Verify(this ApiFactory api) =>
        await (await api.Auditor().GetAsync("/api/v1/audit/verify")).Expect(HttpStatusCode.OK);

    public static Task<long> AuditCount(this ApiFactory api) => api.Scalar<long>("SELECT count(*) FROM audit_log");

    public static async Task<PostgresException> SqlFails(this ApiFactory api, string sql) =>
        await Assert.ThrowsAsync<PostgresException>(() => api.Execute(sql));
}

public sealed class AuditTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    readonly HttpClient official = api.Official(UrbanCommune);

    static int serial = 900_000;
    static string NextId(string sex, int year) => PersonalId(sex, year, Interlocked.Increment(ref serial));

    async Task<(JsonNode Body, string ETag)> Register(params object[] members)
    {
        var response = await official.Post("/api/v1/households", Household(UrbanCommune, api.UrbanVillage, members));
        return (await response.Expect(HttpStatusCode.Created), response.ETag());
    }

    [Fact]
    public async Task AWriteThroughTheApi_RecordsWhoWhatAndTheValuesBeforeAndAfter()
    {
        var headId = NextId("female", 1979);
        var (body, etag) = await Register(Member("Phạm Thị Lan", "1979-05-06", "female", "head", headId), Member("Phạm Văn Nam", "2008-02-03", "male", "child"));
        var id = (string)body["id"]!;

        var created = Assert.Single(await api.AuditEntries($"entity=household&entityId={id}&action=create"));
        Assert.Equal("test-commune-official", (string)created["subject"]!);
        Assert.Equal(Roles.CommuneOfficial, (string)created["role"]!);
        Assert.Equal(UrbanCommune, (string)created["communeCode"]!);
        Assert.Equal("68", (string)created["provinceCode"]!);
        Assert.Equal("POST /api/v1/households/", (string)created["requestPath"]!);
        Assert.Null(created["before"]);
        Assert.Equal("Số 12, đường Phan Đình Phùng", (string)created["after"]!["address"]!);
        Assert.Equal("Phạm Thị Lan", (string)created["after"]!["head_name"]!);
        Assert.Null(created["after"]!["xmin"]);
        Assert.Matches("^[0-9a-f]{64}$", (string)created["hash"]!);

        // Members are entries of their own, with their commune, and with the evidence an auditor needs.
        var head = (string)body["headMemberId"]!;
        var member = Assert.Single(await api.AuditEntries($"entity=member&entityId={head}"));
        Assert.Equal("create", (string)member["action"]!);
        Assert.Equal(UrbanCommune, (string)member["communeCode"]!);
        Assert.Equal(headId, (string)member["after"]!["personal_id"]!);
        Assert.Equal("1979-05-06", (string)member["after"]!["date_of_birth"]!);
        Assert.Equal("female", (string)member["after"]!["sex"]!);

        var url = $"/api/v1/households/{id}";
        var updated = await official.Put(url, new { villageId = api.UrbanVillage2, address = "Số 3, đường Hùng Vương", headMemberId = head }, etag);
        await updated.Expect(HttpStatusCode.OK);
        var update = Assert.Single(await api.AuditEntries($"entity=household&entityId={id}&action=update"));
        Assert.Equal("PUT /api/v1/households/{id:guid}", (string)update["requestPath"]!);
        Assert.Equal("Số 12, đường Phan Đình Phùng", (string)update["before"]!["address"]!);
        Assert.Equal("Số 3, đường Hùng Vương", (string)update["after"]!["address"]!);
        Assert.Equal(api.UrbanVillage.ToString(), (string)update["before"]!["village_id"]!);
        Assert.Equal(api.UrbanVillage2.ToString(), (string)update["after"]!["village_id"]!);

        var child = body["members"]!.AsArray().Single(m => (string)m!["relationship"]! == "child")!;
        await (await official.Send(HttpMethod.Delete, $"{url}/members/{child["id"]}", ifMatch: updated.ETag())).Expect(HttpStatusCode.OK);
        var removed = Assert.Single(await api.AuditEntries($"entity=member&entityId={child["id"]}&action=delete"));
        Assert.Equal("Phạm Văn Nam", (string)removed["before"]!["full_name"]!);
        Assert.Null(removed["after"]);
        Assert.Equal("DELETE /api/v1/households/{id:guid}/members/{memberId:guid}", (string)removed["requestPath"]!);
    }

    [Fact]
    public async Task ARejectedWrite_LeavesNoEntry()
    {
        var (body, _) = await Register(Member("Đỗ Văn Hải", "1970-01-01", "male", "head", NextId("male", 1970)));
        var before = await api.AuditCount();

        // 400: refused by validation before anything is saved.
        await (await official.Post("/api/v1/households", Household(UrbanCommune, api.UrbanVillage))).ExpectValidationErrors();
        // 409 from the database: the insert is attempted and fails on the unique name, so the whole save rolls back.
        await (await official.Post($"/api/v1/communes/{UrbanCommune}/villages", new { name = "Tổ dân phố 1" })).ExpectProblem(HttpStatusCode.Conflict);
        // 409 from the rules: an ID number already in another household.
        var taken = (string)body["members"]![0]!["personalId"]!;
        await (await official.Post("/api/v1/households", Household(UrbanCommune, api.UrbanVillage, Member("Ai Đó", "1970-01-01", "male", "head", taken))))
            .ExpectProblem(HttpStatusCode.Conflict);
        // 412: a stale version.
        await (await official.Put($"/api/v1/households/{body["id"]}", new { villageId = api.UrbanVillage, address = "Khác", headMemberId = body["headMemberId"] },
            "\"1\"")).ExpectProblem(HttpStatusCode.PreconditionFailed);

        Assert.Equal(before, await api.AuditCount());
        Assert.Equal("Số 12, đường Phan Đình Phùng", await api.Scalar<string>("SELECT address FROM households WHERE id = @id", ("id", Guid.Parse((string)body["id"]!))));
    }

    [Fact]
    public async Task AChangeAndItsEntry_CommitOrRollBackTogether()
    {
        var village = await Village(api, UrbanCommune, "Tổ dân phố Rollback");
        using var scope = api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EligibilityDbContext>();

        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            (await db.Villages.SingleAsync(v => v.Id == village)).Name = "Tổ dân phố Rolled back";
            await db.SaveChangesAsync();
            // Inside the transaction the entry is there ...
            Assert.Equal(1L, await db.Database.SqlQuery<long>($"SELECT count(*) AS \"Value\" FROM audit_log WHERE entity_id = {village.ToString()} AND action = 'update'").SingleAsync());
            await tx.RollbackAsync();
        }
        // ... and it went with the change.
        Assert.Equal(0L, await api.Scalar<long>("SELECT count(*) FROM audit_log WHERE entity_id = @id AND action = 'update'", ("id", village.ToString())));
        Assert.Equal("Tổ dân phố Rollback", await api.Scalar<string>("SELECT name FROM villages WHERE id = @id", ("id", village)));

        db.ChangeTracker.Clear();
        (await db.Villages.SingleAsync(v => v.Id == village)).Name = "Tổ dân phố Committed";
        await db.SaveChangesAsync();
        var entry = Assert.Single(await api.AuditEntries($"entity=village&entityId={village}&action=update"));
        // Outside a request the actor is the system.
        Assert.Equal("system", (string)entry["subject"]!);
        Assert.Equal("Tổ dân phố Committed", (string)entry["after"]!["name"]!);
    }

    [Fact]
    public async Task ReadsOfPersonalData_AreRecordedWithTheIdsRead()
    {
        var personalId = NextId("male", 1966);
        var (body, _) = await Register(Member("Vũ Văn Đọc", "1966-06-06", "male", "head", personalId));
        var id = (string)body["id"]!;
        var reader = api.ClientAs("reader-1", Roles.CommuneOfficial, UrbanCommune);

        await (await reader.GetAsync($"/api/v1/households/{id}")).Expect(HttpStatusCode.OK);
        var read = Assert.Single(await api.AuditEntries($"action=read&subject=reader-1&entity=household&entityId={id}"));
        Assert.Equal(Roles.CommuneOfficial, (string)read["role"]!);
        Assert.Equal(UrbanCommune, (string)read["communeCode"]!);
        Assert.Equal("GET /api/v1/households/{id:guid}", (string)read["requestPath"]!);
        Assert.Null(read["before"]);
        Assert.Null(read["after"]);

        // A page of a list: the commune and every id on the page, and no search words.
        var page = await (await reader.Post($"/api/v1/communes/{UrbanCommune}/households/search", new { name = "vu van doc" })).Expect(HttpStatusCode.OK);
        var listed = page["items"]!.AsArray().Select(i => (string)i!["id"]!).ToList();
        Assert.Contains(id, listed);
        var list = (await api.AuditEntries("action=read&subject=reader-1")).Single(e => ((string)e["requestPath"]!).Contains("/communes/"));
        Assert.Equal(UrbanCommune, (string)list["communeCode"]!);
        Assert.Equal(listed, list["idsRead"]!.AsArray().Select(i => (string)i!).ToList());
        Assert.DoesNotContain("doc", list.ToJsonString(), StringComparison.OrdinalIgnoreCase);

        // A search by ID number: the household found, never the number searched for.
        await (await reader.Post("/api/v1/households/search", new { personalId })).Expect(HttpStatusCode.OK);
        var search = (await api.AuditEntries($"action=read&subject=reader-1&entityId={id}")).Last();
        Assert.Equal("POST /api/v1/households/search", (string)search["requestPath"]!);
        Assert.DoesNotContain(personalId, search.ToJsonString());

        // A lookup by the bank's systems: the households found, never the numbers looked up.
        var bank = api.ClientAs("bank-1", Roles.Integrator);
        await (await bank.Post("/api/v1/eligibility/lookup", new { personalIds = new[] { personalId } })).Expect(HttpStatusCode.OK);
        var lookup = Assert.Single(await api.AuditEntries("action=read&subject=bank-1"));
        Assert.Equal("eligibility-lookup", (string)lookup["entity"]!);
        Assert.Equal(new[] { id }, lookup["idsRead"]!.AsArray().Select(i => (string)i!));
        Assert.DoesNotContain(personalId, lookup.ToJsonString());

        // Reviews and status history of the household name it and what they carried.
        await (await reader.GetAsync($"/api/v1/households/{id}/reviews")).Expect(HttpStatusCode.OK);
        await (await reader.GetAsync($"/api/v1/households/{id}/status-history")).Expect(HttpStatusCode.OK);
        var nested = await api.AuditEntries($"action=read&subject=reader-1&entityId={id}");
        Assert.Contains(nested, e => (string)e["entity"]! == "review");
        Assert.Contains(nested, e => (string)e["entity"]! == "status");

        // Nothing was read, nothing is recorded: a household outside the caller's communes is a 404.
        var before = await api.AuditCount();
        await (await api.ClientAs("reader-2", Roles.CommuneOfficial, RuralCommune).GetAsync($"/api/v1/households/{id}")).ExpectProblem(HttpStatusCode.NotFound);
        Assert.Equal(before, await api.AuditCount());
    }

    [Fact]
    public async Task UpdateDeleteAndTruncateOnTheAuditLog_FailEvenForItsOwner()
    {
        await Village(api, UrbanCommune, "Tổ dân phố Bất biến");
        // The connection the tests use has the owner's rights (it is a superuser on the throwaway cluster): privileges do not stop it.
        Assert.True(await api.Scalar<bool>("SELECT pg_has_role(relowner, 'USAGE') FROM pg_class WHERE relname = 'audit_log'"));
        var before = await api.Scalar<string>("SELECT string_agg(hash, ',' ORDER BY id) FROM audit_log");

        var update = await api.SqlFails("UPDATE audit_log SET subject = 'someone-else'");
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, update.SqlState);
        Assert.Contains("append-only", update.MessageText);
        Assert.Contains("UPDATE", update.MessageText);
        var delete = await api.SqlFails("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)");
        Assert.Contains("append-only", delete.MessageText);
        Assert.Contains("DELETE", delete.MessageText);
        Assert.Contains("append-only", (await api.SqlFails("TRUNCATE audit_log")).MessageText);
        // Replication mode skips ordinary triggers, not these.
        Assert.Contains("append-only", (await api.SqlFails("SET session_replication_role = replica; DELETE FROM audit_log")).MessageText);

        Assert.Equal(before, await api.Scalar<string>("SELECT string_agg(hash, ',' ORDER BY id) FROM audit_log"));
    }

    [Fact]
    public async Task Verify_OnAnUntouchedChain_IsValid_AndEachHashIsSha256OfTheCanonicalText()
    {
        await Register(Member("Hoàng Văn Chuỗi", "1975-07-07", "male", "head", NextId("male", 1975)));
        var verify = await api.Verify();

        Assert.True((bool)verify["valid"]!, verify.ToJsonString());
        Assert.Null(verify["firstBrokenId"]);
        Assert.Null(verify["reason"]);
        var count = await api.AuditCount();
        Assert.True(count > 5);
        Assert.Equal(count, (long)verify["entries"]!);
        Assert.Equal(await api.Scalar<string>("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1"), (string)verify["lastHash"]!);
        // Each entry names its predecessor's hash; the first names the genesis hash.
        Assert.Equal(0L, await api.Scalar<long>("""
            SELECT count(*) FROM (SELECT prev_hash, lag(hash, 1, repeat('0', 64)) OVER (ORDER BY id) AS previous FROM audit_log) c
            WHERE prev_hash <> previous
            """));

        // The hash can be recomputed outside the database from the canonical text.
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT audit_log_canonical(a), a.prev_hash, a.hash FROM audit_log a ORDER BY id DESC LIMIT 1", connection);
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var canonical = reader.GetString(0);
        Assert.EndsWith($"\"{reader.GetString(1)}\"]", canonical);
        Assert.Equal(reader.GetString(2), Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
    }

    [Fact]
    public async Task OnlyAuditors_MayReadTheTrail()
    {
        foreach (var path in new[] { "/api/v1/audit", "/api/v1/audit/verify" })
        {
            await (await official.GetAsync(path)).ExpectProblem(HttpStatusCode.Forbidden);
            await (await api.Admin().GetAsync(path)).ExpectProblem(HttpStatusCode.Forbidden);
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync(path)).StatusCode);
            await (await api.Auditor().GetAsync(path)).Expect(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Filters_SelectByEntityIdSubjectActionAndPeriod_AndPagesFollowTheChain()
    {
        var a = await (await api.ClientAs("official-a", Roles.CommuneOfficial, UrbanCommune).Post($"/api/v1/communes/{UrbanCommune}/villages", new { name = "Tổ dân phố A" }))
            .Expect(HttpStatusCode.Created);
        var b = await (await api.ClientAs("official-b", Roles.CommuneOfficial, RuralCommune).Post($"/api/v1/communes/{RuralCommune}/villages", new { name = "Thôn B" }))
            .Expect(HttpStatusCode.Created);
        string idA = (string)a["id"]!, idB = (string)b["id"]!;

        var bySubject = await api.AuditEntries("subject=official-a");
        Assert.NotEmpty(bySubject);
        Assert.All(bySubject, e => Assert.Equal("official-a", (string)e["subject"]!));
        Assert.Contains(bySubject, e => (string?)e["entityId"] == idA);
        Assert.DoesNotContain(bySubject, e => (string?)e["entityId"] == idB);

        var byId = Assert.Single(await api.AuditEntries($"entityId={idB}"));
        Assert.Equal("village", (string)byId["entity"]!);
        Assert.Equal("official-b", (string)byId["subject"]!);
        Assert.Equal(RuralCommune, (string)byId["communeCode"]!);

        var creates = await api.AuditEntries("entity=village&action=create");
        Assert.True(creates.Count >= 6);
        Assert.All(creates, e => Assert.Equal(("village", "create"), ((string)e["entity"]!, (string)e["action"]!)));

        // The period is inclusive at both ends.
        var at = DateTimeOffset.Parse((string)byId["at"]!);
        string Period(DateTimeOffset from, DateTimeOffset to) => $"entity=village&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";
        Assert.Equal(idB, (string)Assert.Single(await api.AuditEntries(Period(at, at)))["entityId"]!);
        Assert.DoesNotContain(await api.AuditEntries(Period(at.AddMicroseconds(1), at.AddHours(1))), e => (string?)e["entityId"] == idB);
        Assert.DoesNotContain(await api.AuditEntries(Period(at.AddHours(-1), at.AddMicroseconds(-1))), e => (string?)e["entityId"] == idB);

        // Pages of two, followed to the end, give the same entries in id order.
        var auditor = api.Auditor();
        var paged = new List<long>();
        long? after = 0;
        while (after is not null)
        {
            var page = await (await auditor.GetAsync($"/api/v1/audit?entity=village&pageSize=2&afterId={after}")).Expect(HttpStatusCode.OK);
            Assert.True(page["items"]!.AsArray().Count <= 2);
            paged.AddRange(page["items"]!.AsArray().Select(e => (long)e!["id"]!));
            after = (long?)page["nextAfterId"];
        }
        var all = (await api.AuditEntries("entity=village")).Select(e => (long)e["id"]!).ToList();
        Assert.Equal(all, paged);
        Assert.Equal(all.Order(), all);

        // The auditor's own reads are on record.
        Assert.NotEmpty(await api.AuditEntries("entity=audit&action=read&subject=test-auditor"));

        var errors = await (await auditor.GetAsync("/api/v1/audit?pageSize=0&action=edit&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")).ExpectValidationErrors();
        Assert.Equal(["action", "from", "pageSize"], errors.Order());
    }

    [Fact]
    public async Task ConcurrentWrites_ExtendOneChain()
    {
        var writes = Enumerable.Range(0, 20).Select(async i =>
            await (await api.ClientAs($"parallel-{i}", Roles.CommuneOfficial, RuralCommune)
                .Post($"/api/v1/communes/{RuralCommune}/villages", new { name = $"Thôn song song {i}" })).Expect(HttpStatusCode.Created));
        var reads = Enumerable.Range(0, 10).Select(async _ =>
            await (await official.GetAsync($"/api/v1/communes/{UrbanCommune}/households")).Expect(HttpStatusCode.OK));
        await Task.WhenAll(writes.Concat(reads));

        Assert.Equal(20, (await api.AuditEntries("entity=village&action=create")).Count(e => ((string)e["subject"]!).StartsWith("parallel-")));
        var verify = await api.Verify();
        Assert.True((bool)verify["valid"]!, verify.ToJsonString());
    }

    [Fact]
    public async Task TheUnitImportAndPolicyVersions_WrittenInSql_AreRecordedToo()
    {
        var csv = new ByteArrayContent(Encoding.UTF8.GetBytes("province_code,province_name,commune_code,commune_name,commune_kind\n68,Tỉnh Lâm Đồng,24778,Phường Lâm Viên - Đà Lạt,phuong\n99,Tỉnh Thử,99001,Xã Thử,xa\n"));
        csv.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        await (await api.Admin().PostAsync("/api/v1/admin/units/import", csv)).Expect(HttpStatusCode.OK);
        var import = Assert.Single(await api.AuditEntries("entity=units&action=import"));
        Assert.Equal("test-admin", (string)import["subject"]!);
        Assert.Equal(Roles.Admin, (string)import["role"]!);
        Assert.Equal(2, (int)import["after"]!["communes"]!);
        Assert.Equal(1, (int)import["after"]!["provincesAdded"]!);
        Assert.Equal(1, (int)import["after"]!["communesAdded"]!);

        var from = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(3).ToString("yyyy-MM-dd");
        var body = new { effectiveFrom = from, ruralLine = 2_400_000, urbanLine = 3_000_000, middleLivingFactor = 1.5, deprivationThreshold = 3, legalBasis = "Decree Z (audit test)" };
        await (await api.Admin().Post("/api/v1/admin/standards/2027-2030/figures", body)).Expect(HttpStatusCode.Created);
        var figures = Assert.Single(await api.AuditEntries($"entity=standard-figures&entityId=2027-2030/{from}"));
        Assert.Equal("create", (string)figures["action"]!);
        Assert.Equal(2_400_000m, (decimal)figures["after"]!["rural_line"]!);
        Assert.Equal("Decree Z (audit test)", (string)figures["after"]!["legal_basis"]!);

        // A version that already exists is refused (409) and leaves no entry.
        var count = await api.AuditCount();
        await (await api.Admin().Post("/api/v1/admin/standards/2027-2030/figures", body)).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal(count, await api.AuditCount());

        var terms = new { effectiveFrom = from, maxAmount = 150_000_000, amountBasis = "per-household", maxTermMonths = 120, annualRatePercent = 6.0, legalBasis = "Decision Z (audit test)" };
        await (await api.Admin().Post("/api/v1/admin/programmes/poor-household/terms", terms)).Expect(HttpStatusCode.Created);
        var programme = Assert.Single(await api.AuditEntries($"entity=programme-terms&entityId=poor-household/{from}"));
        Assert.Equal(150_000_000m, (decimal)programme["after"]!["max_amount"]!);
    }

    [Fact]
    public void EveryEndpointThatReturnsHouseholdData_RecordsItsReads()
    {
        var endpoints = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Path: e.RoutePattern.RawText ?? "", Methods: e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [],
                Marked: e.Metadata.GetMetadata<PersonalDataReadMetadata>() is not null))
            .ToList();
        var personal = endpoints.Where(e =>
                (e.Methods.Contains("GET") && (e.Path.StartsWith("/api/v1/households") || e.Path.StartsWith("/api/v1/reviews") || e.Path.EndsWith("/households")))
                || e.Path == "/api/v1/households/search")
            .ToList();
        Assert.True(personal.Count >= 6, string.Join(", ", personal.Select(e => e.Path)));
        Assert.All(personal, e => Assert.True(e.Marked, $"{string.Join(",", e.Methods)} {e.Path} returns household data but does not record its reads."));
        // The audit trail itself holds personal data.
        Assert.Contains(endpoints, e => e.Path.StartsWith("/api/v1/audit") && e.Marked);
    }
}

/// <summary>Each tampering gets a database of its own: a broken chain stays broken.</summary>
public sealed class AuditTamperingTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    [Fact]
    public async Task AnEntryAlteredInSql_IsTheFirstBrokenLinkVerifyReports()
    {
        var official = api.Official(UrbanCommune);
        foreach (var name in new[] { "Tổ dân phố X", "Tổ dân phố Y", "Tổ dân phố Z" })
            await (await official.Post($"/api/v1/communes/{UrbanCommune}/villages", new { name })).Expect(HttpStatusCode.Created);
        Assert.True((bool)(await api.Verify())["valid"]!);

        var target = await api.Scalar<long>("SELECT id FROM audit_log WHERE after->>'name' = 'Tổ dân phố Y'");
        await api.Execute($$"""
            ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
            UPDATE audit_log SET after = jsonb_set(after, '{name}', '"Tổ dân phố Giả"') WHERE id = {{target}};
            ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_append_only;
            """);

        var verify = await api.Verify();
        Assert.False((bool)verify["valid"]!);
        Assert.Equal(target, (long)verify["firstBrokenId"]!);
        Assert.Contains("altered", (string)verify["reason"]!);
        Assert.Equal(await api.AuditCount(), (long)verify["entries"]!);
        // The trigger is back: the next change is refused again.
        await api.SqlFails($"UPDATE audit_log SET after = NULL WHERE id = {target}");
    }
}

public sealed class AuditRemovalTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    [Fact]
    public async Task AnEntryRemovedInSql_BreaksTheLinkOfTheEntryAfterIt()
    {
        var official = api.Official(RuralCommune);
        foreach (var name in new[] { "Thôn X", "Thôn Y", "Thôn Z" })
            await (await official.Post($"/api/v1/communes/{RuralCommune}/villages", new { name })).Expect(HttpStatusCode.Created);
        var removed = await api.Scalar<long>("SELECT id FROM audit_log WHERE after->>'name' = 'Thôn Y'");
        var next = await api.Scalar<long>("SELECT min(id) FROM audit_log WHERE id > @id", ("id", removed));

        await api.Execute($"""
            ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
            DELETE FROM audit_log WHERE id = {removed};
            ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_append_only;
            """);
        var verify = await api.Verify();
        Assert.False((bool)verify["valid"]!);
        Assert.Equal(next, (long)verify["firstBrokenId"]!);
        Assert.Contains("removed", (string)verify["reason"]!);
    }
}

public sealed class AuditTailRemovalTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    [Fact]
    public async Task RemovingTheNewestEntry_IsReportedAgainstTheChainHead()
    {
        await (await api.Official(RuralCommune).Post($"/api/v1/communes/{RuralCommune}/villages", new { name = "Thôn Cuối" })).Expect(HttpStatusCode.Created);
        var newest = await api.Scalar<long>("SELECT max(id) FROM audit_log");

        await api.Execute($"""
            ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
            DELETE FROM audit_log WHERE id = {newest};
            ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_append_only;
            """);
        var verify = await api.Verify();
        Assert.False((bool)verify["valid"]!);
        Assert.Equal(newest, (long)verify["firstBrokenId"]!);
        Assert.Contains("removed from the end", (string)verify["reason"]!);
    }
}

/// <summary>
/// Migration 0012: the first entry of a transaction locks the chain head, later ones chain through a transaction-local
/// setting, and the head is written once per statement. Whatever mix of statements, savepoints and rollbacks writes
/// the entries, the chain verifies and the head names the newest committed entry.
/// </summary>
public sealed class AuditChainPerStatementTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    static string Insert(params string[] entityIds) => "INSERT INTO audit_log (subject, role, action, entity, entity_id) VALUES " +
        string.Join(", ", entityIds.Select(id => $"('chain-test', 'admin', 'read', 'probe', '{id}')")) + ";";

    [Fact]
    public async Task StatementsSavepointsAndRollbacks_LeaveOneVerifiableChain_WithTheHeadOnTheNewestEntry()
    {
        await api.Execute("BEGIN;" + Insert("a1", "a2", "a3") + Insert("a4") +
            "SAVEPOINT s;" + Insert("gone1", "gone2") + "ROLLBACK TO SAVEPOINT s;" + Insert("a5", "a6") + "COMMIT;");
        // A transaction that rolls back entirely leaves neither entries nor a moved head.
        await api.Execute("BEGIN;" + Insert("gone3") + "ROLLBACK;");
        await api.Execute(Insert("b1", "b2"));

        Assert.Equal("a1,a2,a3,a4,a5,a6,b1,b2",
            await api.Scalar<string>("SELECT string_agg(entity_id, ',' ORDER BY id) FROM audit_log WHERE entity = 'probe' AND entity_id ~ '^(a|b|gone)'"));
        // Each entry chains onto the one before it in id order, across statements and transactions.
        Assert.Equal(0L, await api.Scalar<long>("""
            SELECT count(*) FROM (SELECT prev_hash, lag(hash) OVER (ORDER BY id) AS before, id FROM audit_log) e
            WHERE e.before IS NOT NULL AND e.prev_hash <> e.before
            """));
        Assert.Equal(await api.Scalar<string>("SELECT id || ':' || hash FROM audit_log ORDER BY id DESC LIMIT 1"),
            await api.Scalar<string>("SELECT last_id || ':' || last_hash FROM audit_chain_head"));
        var verify = await api.Verify();
        Assert.True((bool)verify["valid"]!, verify.ToJsonString());
    }

    [Fact]
    public async Task ConcurrentMultiEntryStatements_ExtendOneChain()
    {
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => api.Execute(Insert($"c{i}-1", $"c{i}-2", $"c{i}-3"))));

        // Each statement's three entries are consecutive: no other transaction chained in between.
        var order = (await api.Scalar<string>("SELECT string_agg(entity_id, ',' ORDER BY id) FROM audit_log WHERE entity_id LIKE 'c%-_'"))!.Split(',');
        for (var i = 0; i < order.Length; i += 3)
            Assert.Equal([1, 2, 3], order[i..(i + 3)].Select(e => int.Parse(e[^1..])));
        var verify = await api.Verify();
        Assert.True((bool)verify["valid"]!, verify.ToJsonString());
    }
}

/// <summary>A session that forges the chain's transaction-local hand-over only writes a link verification reports.</summary>
public sealed class AuditChainForgeryTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    [Fact]
    public async Task ASessionSettingTheHandOverItself_WritesABrokenLink()
    {
        await api.Execute("INSERT INTO audit_log (subject, role, action, entity, entity_id) VALUES ('forger', 'admin', 'read', 'probe', 'honest')");
        Assert.True((bool)(await api.Verify())["valid"]!);

        await api.Execute($"""
            BEGIN;
            SELECT set_config('eligibility.audit_chain', '1:{new string('a', 64)}', true);
            INSERT INTO audit_log (subject, role, action, entity, entity_id) VALUES ('forger', 'admin', 'read', 'probe', 'forged');
            COMMIT;
            """);

        var forged = await api.Scalar<long>("SELECT id FROM audit_log WHERE entity_id = 'forged'");
        var verify = await api.Verify();
        Assert.False((bool)verify["valid"]!);
        Assert.Equal(forged, (long)verify["firstBrokenId"]!);
    }
}
