using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Eligibility.Api.Auth;
using Eligibility.Api.Tests.Infrastructure;
using Eligibility.Application.Common;
using Eligibility.Infrastructure.Idempotency;
using Microsoft.Extensions.DependencyInjection;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

public static class Keyed
{
    /// <summary>A POST with an Idempotency-Key header (and If-Match when given).</summary>
    public static Task<HttpResponseMessage> PostWithKey(this HttpClient client, string url, object body, string key, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    public static string NewKey() => Guid.NewGuid().ToString();
}

public sealed class IdempotencyTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    readonly HttpClient official = api.Official(UrbanCommune);

    static int serial = 500;
    static string NextId(string sex, int year) => PersonalId(sex, year, Interlocked.Increment(ref serial));

    object NewHousehold(string address) => new
    {
        communeCode = UrbanCommune,
        villageId = api.UrbanVillage,
        address,
        members = new[] { Member("Phạm Thị Lan", "1980-04-04", "female", "head", NextId("female", 1980)) },
    };

    async Task<long> HouseholdsAt(string address) => await api.Scalar<long>("SELECT count(*) FROM households WHERE address = @a", ("a", address));

    [Fact]
    public async Task ARetryWithTheSameKeyAndBody_GetsTheFirstResponse_AndCreatesNothingMore()
    {
        var key = Keyed.NewKey();
        var address = $"Số {Guid.NewGuid():N}";
        var body = NewHousehold(address);

        var first = await official.PostWithKey("/api/v1/households", body, key);
        var created = await first.Expect(HttpStatusCode.Created);
        var retry = await official.PostWithKey("/api/v1/households", body, key);
        var replayed = await retry.Expect(HttpStatusCode.Created);

        Assert.Equal(created.ToJsonString(), replayed.ToJsonString());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(first.ETag(), retry.ETag());
        Assert.Equal(first.Content.Headers.ContentType?.MediaType, retry.Content.Headers.ContentType?.MediaType);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(1L, await HouseholdsAt(address));
    }

    [Fact]
    public async Task ARetryWithNarrowedScopes_IsNotReplayed_ButRunsAfreshAsANewRequest()
    {
        var key = Keyed.NewKey();
        var address = $"Số {Guid.NewGuid():N}";
        var body = NewHousehold(address);
        var wide = api.Official(UrbanCommune, RuralCommune);
        var created = await (await wide.PostWithKey("/api/v1/households", body, key)).Expect(HttpStatusCode.Created);

        // The same subject and key with a token that no longer covers the commune: the household is not shown to it.
        var narrowed = await api.Official(RuralCommune).PostWithKey("/api/v1/households", body, key);
        var problem = await narrowed.ExpectProblem(HttpStatusCode.NotFound);
        Assert.False(narrowed.Headers.Contains("Idempotent-Replayed"));
        Assert.DoesNotContain(address, problem.ToJsonString());
        // Another scope set that covers the commune runs afresh too, as a new request: the head is now registered.
        var other = await api.Official(UrbanCommune).PostWithKey("/api/v1/households", body, key);
        Assert.Equal("personal-id-in-another-household", (string)(await other.ExpectProblem(HttpStatusCode.Conflict))["code"]!);
        Assert.False(other.Headers.Contains("Idempotent-Replayed"));

        // The key still answers the first claims with the first response.
        var replayed = await wide.PostWithKey("/api/v1/households", body, key);
        Assert.Equal((Guid)created["id"]!, (Guid)(await replayed.Expect(HttpStatusCode.Created))["id"]!);
        Assert.True(replayed.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1L, await HouseholdsAt(address));
    }

    [Fact]
    public async Task AReplayedAnswerWithPersonalData_IsRecordedAsARead()
    {
        var key = Keyed.NewKey();
        var body = NewHousehold($"Số {Guid.NewGuid():N}");
        var id = (Guid)(await (await official.PostWithKey("/api/v1/households", body, key)).Expect(HttpStatusCode.Created))["id"]!;
        Assert.Empty(await api.AuditEntries($"entity=household&entityId={id}&action=read"));

        await (await official.PostWithKey("/api/v1/households", body, key)).Expect(HttpStatusCode.Created);
        var read = Assert.Single(await api.AuditEntries($"entity=household&entityId={id}&action=read"));
        Assert.Equal("test-commune-official", (string)read["subject"]!);
        Assert.Equal(UrbanCommune, (string)read["communeCode"]!);
    }

    [Fact]
    public async Task WithoutAKey_TwoPostsCreateTwo()
    {
        var address = $"Số {Guid.NewGuid():N}";
        await (await official.Post("/api/v1/households", NewHousehold(address))).Expect(HttpStatusCode.Created);
        await (await official.Post("/api/v1/households", NewHousehold(address))).Expect(HttpStatusCode.Created);
        Assert.Equal(2L, await HouseholdsAt(address));
    }

    [Fact]
    public async Task TheSameKeyWithAnotherBodyOrAddress_Is422AndChangesNothing()
    {
        var key = Keyed.NewKey();
        var address = $"Số {Guid.NewGuid():N}";
        await (await official.PostWithKey("/api/v1/households", NewHousehold(address), key)).Expect(HttpStatusCode.Created);

        var otherBody = await (await official.PostWithKey("/api/v1/households", NewHousehold(address + " bis"), key)).ExpectProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("idempotency-key-reused", (string)otherBody["code"]!);
        var otherRoute = await official.PostWithKey($"/api/v1/communes/{UrbanCommune}/villages", new { name = "Thôn Khóa Cũ" }, key);
        await otherRoute.ExpectProblem(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(1L, await HouseholdsAt(address));
        Assert.Equal(0L, await HouseholdsAt(address + " bis"));
        Assert.Equal(0L, await api.Scalar<long>("SELECT count(*) FROM villages WHERE name = 'Thôn Khóa Cũ'"));
    }

    [Fact]
    public async Task KeysAreScopedPerSubject()
    {
        var issuer = api.Services.GetRequiredService<TokenIssuer>();
        HttpClient As(string subject)
        {
            var client = api.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", issuer.Issue(subject, Roles.CommuneOfficial, [UrbanCommune]));
            return client;
        }
        var key = Keyed.NewKey();

        var a = await (await As("official-a").PostWithKey($"/api/v1/communes/{UrbanCommune}/villages", new { name = $"Thôn A {key}" }, key)).Expect(HttpStatusCode.Created);
        var b = await (await As("official-b").PostWithKey($"/api/v1/communes/{UrbanCommune}/villages", new { name = $"Thôn B {key}" }, key)).Expect(HttpStatusCode.Created);

        Assert.NotEqual((string)a["id"]!, (string)b["id"]!);
        Assert.Equal(2L, await api.Scalar<long>("SELECT count(*) FROM idempotency_keys WHERE key = @k", ("k", key)));
    }

    [Fact]
    public async Task ConcurrentDuplicates_CreateOnce_AndAllGetTheSameAnswer()
    {
        var key = Keyed.NewKey();
        var address = $"Số {Guid.NewGuid():N}";
        var body = NewHousehold(address);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => official.PostWithKey("/api/v1/households", body, key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (string)(await r.Json())["id"]!));
        Assert.Single(ids.Distinct());
        Assert.Equal(1L, await HouseholdsAt(address));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("tab\there")]
    [InlineData("khóa")]
    [InlineData("201")]
    public async Task AMalformedKey_Is400NamingTheHeader_AndCreatesNothing(string key)
    {
        if (key == "201")
            key = new string('k', 201);
        var address = $"Số {Guid.NewGuid():N}";
        var fields = await (await official.PostWithKey("/api/v1/households", NewHousehold(address), key)).ExpectValidationErrors();
        Assert.Equal(["Idempotency-Key"], fields);
        Assert.Equal(0L, await HouseholdsAt(address));
    }

    [Fact]
    public async Task TheLongestKey_AndEveryVisibleAsciiCharacter_AreAccepted()
    {
        var visible = new string(Enumerable.Range('!', '~' - '!' + 1).Select(c => (char)c).ToArray());
        foreach (var key in new[] { visible + Guid.NewGuid().ToString("N"), new string('z', 168) + Guid.NewGuid().ToString("N") })
        {
            Assert.True(key.Length <= 200);
            await (await official.PostWithKey($"/api/v1/communes/{UrbanCommune}/villages", new { name = $"Thôn {Guid.NewGuid():N}" }, key)).Expect(HttpStatusCode.Created);
        }
    }

    [Fact]
    public async Task AFinal4xx_IsStoredAndReplayed()
    {
        var key = Keyed.NewKey();
        var bad = new { communeCode = UrbanCommune, villageId = api.RuralVillage, address = "Số 1", members = new[] { Member("Võ Văn Ba", "1970-01-01", "male", "head") } };

        var first = await official.PostWithKey("/api/v1/households", bad, key);
        var problem = await first.ExpectValidationErrors();
        var retry = await official.PostWithKey("/api/v1/households", bad, key);

        Assert.Equal(problem, await retry.ExpectValidationErrors());
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task AConflictTheDatabaseRaises_IsStoredAndReplayed_InsteadOfBreakingTheTransaction()
    {
        // The unique index refuses the second name inside the request's transaction; the save's savepoint keeps the
        // transaction usable, so the 409 is recorded and committed.
        var name = $"Thôn {Guid.NewGuid():N}";
        await (await official.Post($"/api/v1/communes/{UrbanCommune}/villages", new { name })).Expect(HttpStatusCode.Created);
        var key = Keyed.NewKey();

        var first = await (await official.PostWithKey($"/api/v1/communes/{UrbanCommune}/villages", new { name = name.ToUpperInvariant() }, key))
            .ExpectProblem(HttpStatusCode.Conflict);
        var retry = await official.PostWithKey($"/api/v1/communes/{UrbanCommune}/villages", new { name = name.ToUpperInvariant() }, key);

        Assert.Equal("village-name-taken", (string)(await retry.ExpectProblem(HttpStatusCode.Conflict))["code"]!);
        Assert.Equal("village-name-taken", (string)first["code"]!);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(409, await api.Scalar<int>("SELECT status_code FROM idempotency_keys WHERE key = @k", ("k", key)));
    }

    [Fact]
    public async Task AddingAMember_RetriedWithTheOldETag_GetsTheFirstAnswer_NotA412_AndAddsOnce()
    {
        var created = await official.Post("/api/v1/households", NewHousehold($"Số {Guid.NewGuid():N}"));
        var household = (Guid)(await created.Expect(HttpStatusCode.Created))["id"]!;
        var key = Keyed.NewKey();
        var member = Member("Phạm Văn An", "2010-01-01", "male", "child");

        var first = await official.PostWithKey($"/api/v1/households/{household}/members", member, key, created.ETag());
        var added = await first.Expect(HttpStatusCode.OK);
        var retry = await official.PostWithKey($"/api/v1/households/{household}/members", member, key, created.ETag());

        Assert.Equal(added.ToJsonString(), (await retry.Expect(HttpStatusCode.OK)).ToJsonString());
        Assert.Equal(first.ETag(), retry.ETag());
        Assert.Equal(2L, await api.Scalar<long>("SELECT count(*) FROM members WHERE household_id = @h", ("h", household)));
    }

    [Fact]
    public async Task RecordingAReview_RetriedWithItsKey_RecordsOne()
    {
        var rural = api.Official(RuralCommune);
        var created = await rural.Post("/api/v1/households", new
        {
            communeCode = RuralCommune, villageId = api.RuralVillage, address = "Thôn Liêng Trang",
            members = new[] { Member("Ka Điệp", "1985-07-07", "female", "head") },
        });
        var household = (Guid)(await created.Expect(HttpStatusCode.Created))["id"]!;
        var indicators = new[] { "employment", "dependants", "nutrition", "health-insurance", "adult-education", "child-schooling", "housing-quality",
            "housing-area", "drinking-water", "sanitation", "telecom-use", "information-access" }.ToDictionary(c => c, _ => false);
        var review = new { kind = "regular", surveyDate = "2026-06-01", incomePerPersonMonthly = 1_000_000, indicators };
        var key = Keyed.NewKey();

        var first = await (await rural.PostWithKey($"/api/v1/households/{household}/reviews", review, key)).Expect(HttpStatusCode.Created);
        var again = await (await rural.PostWithKey($"/api/v1/households/{household}/reviews", review, key)).Expect(HttpStatusCode.Created);

        Assert.Equal((string)first["id"]!, (string)again["id"]!);
        Assert.Equal(1L, await api.Scalar<long>("SELECT count(*) FROM poverty_reviews WHERE household_id = @h", ("h", household)));
    }

    [Fact]
    public async Task KeysAreKeptAtLeast24Hours_ThenTheKeyIsFreeAgain_AndCleanupDeletesExpiredOnes()
    {
        var key = Keyed.NewKey();
        await (await official.PostWithKey($"/api/v1/communes/{UrbanCommune}/villages", new { name = $"Thôn {key}" }, key)).Expect(HttpStatusCode.Created);
        var kept = await api.Scalar<TimeSpan>("SELECT expires_at - created_at FROM idempotency_keys WHERE key = @k", ("k", key));
        Assert.True(kept >= TimeSpan.FromHours(24), $"kept {kept}");

        // Once expired, the key is free: another body is carried out rather than refused with 422.
        await api.Scalar<object>("UPDATE idempotency_keys SET created_at = now() - interval '25 hours', expires_at = now() - interval '1 hour' WHERE key = @k", ("k", key));
        await (await official.PostWithKey($"/api/v1/communes/{UrbanCommune}/villages", new { name = $"Thôn mới {key}" }, key)).Expect(HttpStatusCode.Created);

        var live = Keyed.NewKey();
        await (await official.PostWithKey($"/api/v1/communes/{UrbanCommune}/villages", new { name = $"Thôn {live}" }, live)).Expect(HttpStatusCode.Created);
        await api.Scalar<object>("UPDATE idempotency_keys SET created_at = now() - interval '25 hours', expires_at = now() - interval '1 hour' WHERE key = @k", ("k", key));

        var deleted = await api.Services.GetRequiredService<IdempotencyCleanup>().DeleteExpired();

        Assert.True(deleted >= 1);
        Assert.Equal(0L, await api.Scalar<long>("SELECT count(*) FROM idempotency_keys WHERE key = @k", ("k", key)));
        Assert.Equal(1L, await api.Scalar<long>("SELECT count(*) FROM idempotency_keys WHERE key = @k", ("k", live)));
    }

    [Fact]
    public async Task PostsThatAreNotMarked_IgnoreTheHeader()
    {
        var id = NextId("female", 1981);
        await (await official.Post("/api/v1/households", new
        {
            communeCode = UrbanCommune, villageId = api.UrbanVillage, address = "Số 9",
            members = new[] { Member("Đỗ Thị Mai", "1981-01-01", "female", "head", id) },
        })).Expect(HttpStatusCode.Created);
        var key = Keyed.NewKey();
        await (await official.PostWithKey("/api/v1/households/search", new { personalId = id }, key)).Expect(HttpStatusCode.OK);
        Assert.Equal(0L, await api.Scalar<long>("SELECT count(*) FROM idempotency_keys WHERE key = @k", ("k", key)));
    }

    [Fact]
    public async Task TheOpenApiDocument_DescribesTheHeaderOnCreatingPosts()
    {
        var document = await (await api.CreateClient().GetAsync("/openapi/v1.json")).Expect(HttpStatusCode.OK);
        foreach (var (path, operation) in new[] { ("/api/v1/households", "post"), ("/api/v1/households/{id}/members", "post"),
                     ("/api/v1/communes/{code}/villages", "post"), ("/api/v1/households/{id}/reviews", "post") })
        {
            var parameters = document["paths"]![path]![operation]!["parameters"]!.AsArray();
            Assert.Contains(parameters, p => (string)p!["name"]! == "Idempotency-Key" && (string)p["in"]! == "header");
            Assert.NotNull(document["paths"]![path]![operation]!["responses"]!["422"]);
        }
        Assert.DoesNotContain(document["paths"]!["/api/v1/households/search"]!["post"]!["parameters"]?.AsArray() ?? new JsonArray(),
            p => (string)p!["name"]! == "Idempotency-Key");
    }
}
