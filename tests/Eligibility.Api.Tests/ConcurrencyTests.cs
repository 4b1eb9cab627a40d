using System.Net;
using System.Text.Json.Nodes;
using Eligibility.Api.Tests.Infrastructure;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>20 changes fired at once at one object, all with the same If-Match: one wins, the rest are refused, nothing is mixed.</summary>
public sealed class ConcurrencyTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    const int Parallel = 20;
    readonly HttpClient official = api.Official(UrbanCommune);

    async Task<(Guid Id, string ETag, JsonNode Body)> NewHousehold()
    {
        var response = await official.Post("/api/v1/households", Household(UrbanCommune, api.UrbanVillage,
            Member("Hoàng Văn Nam", "1975-05-05", "male", "head"), Member("Hoàng Thị Thu", "2001-01-01", "female", "child")));
        var body = await response.Expect(HttpStatusCode.Created);
        return ((Guid)body["id"]!, response.ETag(), body);
    }

    /// <summary>Fires the requests together; asserts exactly one has the success status and every other a refusal; returns the winner's index.</summary>
    static async Task<(int Winner, HttpResponseMessage Response)> OneWins(Func<int, Task<HttpResponseMessage>> send, HttpStatusCode success)
    {
        var responses = await Together.Send(Parallel, send);

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.True(statuses.Count(s => s == (int)success) == 1, $"Expected one {(int)success}, got: {string.Join(", ", statuses)}");
        Assert.All(statuses.Where(s => s != (int)success), s => Assert.Contains(s, new[] { 409, 412 }));
        foreach (var refused in responses.Where(r => r.StatusCode != success))
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var winner = statuses.IndexOf((int)success);
        return (winner, responses[winner]);
    }

    [Fact]
    public async Task TwentyHouseholdEdits_OneWins_AndItsAddressIsStored()
    {
        var (id, etag, body) = await NewHousehold();
        var head = (string)body["headMemberId"]!;

        var (winner, response) = await OneWins(i => official.Put($"/api/v1/households/{id}",
            new { villageId = api.UrbanVillage, address = $"Số {i}, đường Trần Phú", headMemberId = head }, etag), HttpStatusCode.OK);

        var read = await official.GetAsync($"/api/v1/households/{id}");
        Assert.Equal($"Số {winner}, đường Trần Phú", (string)(await read.Expect(HttpStatusCode.OK))["address"]!);
        Assert.Equal(response.ETag(), read.ETag());
    }

    [Fact]
    public async Task TwentyMemberAdditions_OneWins_AndOneMemberIsAdded()
    {
        var (id, etag, _) = await NewHousehold();

        var (winner, _) = await OneWins(i => official.Post($"/api/v1/households/{id}/members",
            Member($"Hoàng Văn Con {i}", "2015-01-01", "male", "child"), etag), HttpStatusCode.OK);

        var members = (await (await official.GetAsync($"/api/v1/households/{id}")).Expect(HttpStatusCode.OK))["members"]!.AsArray();
        Assert.Equal(3, members.Count);
        Assert.Single(members, m => ((string)m!["fullName"]!).StartsWith("Hoàng Văn Con", StringComparison.Ordinal));
        Assert.Contains(members, m => (string)m!["fullName"]! == $"Hoàng Văn Con {winner}");
    }

    [Fact]
    public async Task TwentyMemberCorrections_OneWins_AndItsNameIsStored()
    {
        var (id, etag, body) = await NewHousehold();
        var child = (string)body["members"]![1]!["id"]!;

        var (winner, _) = await OneWins(i => official.Put($"/api/v1/households/{id}/members/{child}",
            Member($"Hoàng Thị Thu {i}", "2001-01-01", "female", "child"), etag), HttpStatusCode.OK);

        var members = (await (await official.GetAsync($"/api/v1/households/{id}")).Expect(HttpStatusCode.OK))["members"]!.AsArray();
        Assert.Equal($"Hoàng Thị Thu {winner}", (string)members.Single(m => (string)m!["id"]! == child)!["fullName"]!);
        Assert.Equal(1L, await api.Scalar<long>("SELECT count(*) FROM households WHERE id = @id AND member_names LIKE @name",
            ("id", id), ("name", $"%Hoàng Thị Thu {winner}%")));
    }

    [Fact]
    public async Task TwentyMemberRemovals_OneWins_AndTheMemberIsGone()
    {
        var (id, etag, body) = await NewHousehold();
        var child = (string)body["members"]![1]!["id"]!;

        await OneWins(_ => official.Send(HttpMethod.Delete, $"/api/v1/households/{id}/members/{child}", ifMatch: etag), HttpStatusCode.OK);

        Assert.Equal(1L, await api.Scalar<long>("SELECT count(*) FROM members WHERE household_id = @id", ("id", id)));
    }

    [Fact]
    public async Task TwentyVillageRenames_OneWins_AndItsNameIsStored()
    {
        var created = await official.Post($"/api/v1/communes/{UrbanCommune}/villages", new { name = $"Tổ {Guid.NewGuid():N}" });
        var village = (Guid)(await created.Expect(HttpStatusCode.Created))["id"]!;

        var (winner, _) = await OneWins(i => official.Put($"/api/v1/villages/{village}", new { name = $"Tổ dân phố mới {i}" }, created.ETag()), HttpStatusCode.OK);

        Assert.Equal($"Tổ dân phố mới {winner}", await api.Scalar<string>("SELECT name FROM villages WHERE id = @id", ("id", village)));
    }

    [Fact]
    public async Task TwentyRecognitionsOfOneReview_OneWins_AndOneStatusIsRecorded()
    {
        var rural = api.Official(RuralCommune);
        var household = (Guid)(await (await rural.Post("/api/v1/households", Household(RuralCommune, api.RuralVillage,
            Member("Ka Điệp", "1985-07-07", "female", "head")))).Expect(HttpStatusCode.Created))["id"]!;
        var indicators = new[] { "employment", "dependants", "nutrition", "health-insurance", "adult-education", "child-schooling", "housing-quality",
            "housing-area", "drinking-water", "sanitation", "telecom-use", "information-access" }.ToDictionary(c => c, c => c is "employment" or "nutrition" or "sanitation");
        var recorded = await rural.Post($"/api/v1/households/{household}/reviews",
            new { kind = "regular", surveyDate = "2026-03-02", incomePerPersonMonthly = 1_200_000, indicators });
        var review = (Guid)(await recorded.Expect(HttpStatusCode.Created))["id"]!;

        var (winner, _) = await OneWins(i => rural.Post($"/api/v1/reviews/{review}/recognition",
            new { decisionNumber = $"{i + 1}/QĐ-UBND", decisionDate = "2026-03-10", signer = "Chủ tịch UBND xã" }, recorded.ETag()), HttpStatusCode.OK);

        Assert.Equal(1L, await api.Scalar<long>("SELECT count(*) FROM household_statuses WHERE household_id = @h", ("h", household)));
        Assert.Equal($"{winner + 1}/QĐ-UBND", await api.Scalar<string>("SELECT decision_number FROM household_statuses WHERE household_id = @h", ("h", household)));
        Assert.Equal("recognised", await api.Scalar<string>("SELECT status FROM poverty_reviews WHERE id = @id", ("id", review)));
    }
}
