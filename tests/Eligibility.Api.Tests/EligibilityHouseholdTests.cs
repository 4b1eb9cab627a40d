using System.Net;
using System.Text.Json.Nodes;
using Eligibility.Api.Tests.Infrastructure;
using static Eligibility.Api.Tests.EligibilityArrange;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>GET /api/v1/households/{id}/eligibility: the engine on a stored household.</summary>
public sealed class EligibilityHouseholdTests(EligibilityApi api) : IClassFixture<EligibilityApi>
{
    readonly HttpClient official = api.Official(RuralCommune);

    static string Url(object id, string? asOf = null) => $"/api/v1/households/{id}/eligibility" + (asOf is null ? "" : $"?asOf={asOf}");

    static JsonNode Programme(JsonNode answer, string code) => answer["programmes"]!.AsArray().Single(p => (string)p!["code"]! == code)!;

    /// <summary>A rural household (especially difficult commune) of three: an ethnic-minority head, a spouse with a disability, a child.</summary>
    async Task<JsonNode> Family(string name) => await Household(api, RuralCommune, api.RuralVillage,
        Adult(name, "1980-03-10", ethnicMinority: true),
        Adult("Ka Hương", "1982-07-01", "spouse", "female", ethnicMinority: true, hasDisability: true),
        Adult("Cil Ha Nam", "2010-09-09", "child"));

    static readonly StatusSpec[] PoorNearPoorThenEscaped =
    [
        new("poor", "2022-01-01", 1_000_000, 4),
        new("near-poor", "2024-01-01", 1_400_000, 2),
        new("middle-living", "2025-06-01", 2_000_000, 1),
    ];

    [Theory]
    [InlineData("2022-06-01")]
    [InlineData("2024-06-01")]
    [InlineData("2025-11-30")]
    [InlineData("2026-06-01")]
    [InlineData("2028-05-31")] // the window's last day
    [InlineData("2028-06-01")]
    public async Task TheStoredHousehold_AndEvaluateOnTheSameFacts_GiveTheSameAnswer(string asOf)
    {
        var household = await Family("Cil Ha Bình");
        await Statuses(api, (Guid)household["id"]!, PoorNearPoorThenEscaped);
        var date = DateOnly.Parse(asOf);

        var stored = await (await official.GetAsync(Url(household["id"]!, asOf))).Expect(HttpStatusCode.OK);

        // The same facts as an integrator would send them: the status in force as current, the earlier ones as history,
        // the members in the order the household lists them.
        var inForce = PoorNearPoorThenEscaped.Where(s => DateOnly.Parse(s.EffectiveDate) <= date).ToList();
        var current = inForce[^1];
        string[] indicators = ["employment", "nutrition", "sanitation", "housing-quality"];
        var facts = new
        {
            asOf,
            areaType = "rural",
            especiallyDifficultArea = true,
            current = new { effectiveDate = current.EffectiveDate, incomePerPersonMonthly = current.Income, deprivedIndicators = indicators[..current.Deprivations!.Value] },
            history = inForce[..^1].Select(s => new { classification = s.Classification, effectiveDate = s.EffectiveDate }).ToArray(),
            members = household["members"]!.AsArray().Select(m => new
            {
                dateOfBirth = (string)m!["dateOfBirth"]!, sex = (string)m["sex"]!, ethnicMinority = (bool)m["ethnicMinority"]!, hasDisability = (bool)m["hasDisability"]!,
            }).ToArray(),
        };
        var evaluated = await (await api.ClientFor("integrator").Post("/api/v1/eligibility/evaluate", facts)).Expect(HttpStatusCode.OK);

        Assert.Equal(current.Classification, (string)stored["classification"]!);
        // Only the stored answer names members by id; everything else is the same.
        var storedMemberIds = Programme(stored, "job-creation")["members"]!.AsArray().Select(m => (string)m!["memberId"]!).ToList();
        Assert.Equal(household["members"]!.AsArray().Select(m => (string)m!["id"]!), storedMemberIds);
        foreach (var member in Programme(stored, "job-creation")["members"]!.AsArray())
            member!.AsObject()["memberId"] = null;
        Assert.Equal(evaluated.ToJsonString(), stored.ToJsonString());
    }

    [Fact]
    public async Task TheAnswer_DescribesTheStatusInForce()
    {
        var household = await Family("Cil Ha Cường");
        await Statuses(api, (Guid)household["id"]!, PoorNearPoorThenEscaped);

        var answer = await (await official.GetAsync(Url(household["id"]!, "2024-06-01"))).Expect(HttpStatusCode.OK);

        Assert.Equal("2022-2025", (string)answer["standard"]!);
        Assert.Equal("near-poor", (string)answer["classification"]!);
        Assert.Equal(1_500_000m, (decimal)answer["povertyLine"]!);
        Assert.Equal(2, (int)answer["deprivationCount"]!);
        Assert.True((bool)Programme(answer, "near-poor-household")["eligible"]!);
        Assert.False((bool)Programme(answer, "poor-household")["eligible"]!);
        Assert.Equal(7.92m, (decimal)Programme(answer, "near-poor-household")["terms"]!["annualRatePercent"]!);
    }

    [Fact]
    public async Task NewlyEscaped_ValidUntilIsTheWindowsLastDay()
    {
        var household = await Family("Cil Ha Dũng");
        await Statuses(api, (Guid)household["id"]!, PoorNearPoorThenEscaped);

        var lastDay = await (await official.GetAsync(Url(household["id"]!, "2028-05-31"))).Expect(HttpStatusCode.OK);
        var dayAfter = await (await official.GetAsync(Url(household["id"]!, "2028-06-01"))).Expect(HttpStatusCode.OK);

        Assert.True((bool)Programme(lastDay, "newly-escaped-household")["eligible"]!);
        Assert.Equal("2028-05-31", (string)Programme(lastDay, "newly-escaped-household")["validUntil"]!);
        Assert.False((bool)Programme(dayAfter, "newly-escaped-household")["eligible"]!);
        Assert.Null(Programme(dayAfter, "newly-escaped-household")["validUntil"]);
    }

    [Fact]
    public async Task JobCreation_PriorityFollowsTheStatusAndTheCommune()
    {
        var household = await Family("Cil Ha Em");
        await Statuses(api, (Guid)household["id"]!, new StatusSpec("poor", "2025-01-01", 1_000_000, 4));

        var answer = await (await official.GetAsync(Url(household["id"]!, "2026-06-01"))).Expect(HttpStatusCode.OK);
        var members = Programme(answer, "job-creation")["members"]!.AsArray();

        // Head first (ethnic minority, poor household, difficult commune), spouse (also disability), child (15: under age).
        Assert.Equal([true, true, false], members.Select(m => (bool)m!["eligible"]!));
        Assert.Equal([true, true, false], members.Select(m => (bool)m!["priority"]!));
        Assert.Equal([6.24m, 6.24m, (decimal?)null], members.Select(m => (decimal?)m!["annualRatePercent"]));
        Assert.Equal([0, 1, 2], members.Select(m => (int)m!["index"]!));
    }

    [Fact]
    public async Task WithoutARecognisedStatus_TheStatusFieldsAreNullAndTheReasonsSaySo()
    {
        var household = await Family("Cil Ha Giang");
        // A status effective after asOf does not count yet.
        await Statuses(api, (Guid)household["id"]!, new StatusSpec("poor", "2026-07-01"));

        var answer = await (await official.GetAsync(Url(household["id"]!, "2026-06-30"))).Expect(HttpStatusCode.OK);

        Assert.Null(answer["standard"]);
        Assert.Null(answer["classification"]);
        Assert.Null(answer["povertyLine"]);
        Assert.Null(answer["deprivationCount"]);
        foreach (var code in new[] { "poor-household", "near-poor-household", "newly-escaped-household", "income-150" })
        {
            Assert.False((bool)Programme(answer, code)["eligible"]!);
            // Recognised, but from a later day: the answer says which status and from when.
            var reason = Programme(answer, code)["reasons"]![0]!;
            Assert.Equal("status-effective-later", (string)reason["code"]!);
            Assert.Equal("The household is recognised as poor from 2026-07-01; on 2026-06-30 that status is not yet in force.", (string)reason["message"]!);
        }
        Assert.True((bool)Programme(answer, "job-creation")["eligible"]!);

        var nextDay = await (await official.GetAsync(Url(household["id"]!, "2026-07-01"))).Expect(HttpStatusCode.OK);
        Assert.Equal("poor", (string)nextDay["classification"]!);
    }

    [Fact]
    public async Task WithoutAsOf_TheAnswerIsForToday()
    {
        var household = await Family("Cil Ha Hải");
        await Statuses(api, (Guid)household["id"]!, new StatusSpec("poor", "2022-01-01", 1_000_000, 4));

        var answer = await (await official.GetAsync(Url(household["id"]!))).Expect(HttpStatusCode.OK);

        Assert.Equal("poor", (string)answer["classification"]!);
        Assert.True((bool)Programme(answer, "poor-household")["eligible"]!);
    }

    [Fact]
    public async Task ReasonsFollowAcceptLanguage()
    {
        var household = await Family("Cil Ha Khánh");
        await Statuses(api, (Guid)household["id"]!, new StatusSpec("poor", "2022-01-01", 1_000_000, 4));
        var request = new HttpRequestMessage(HttpMethod.Get, Url(household["id"]!, "2026-06-01"));
        request.Headers.TryAddWithoutValidation("Accept-Language", "vi-VN");

        var answer = await (await official.SendAsync(request)).Expect(HttpStatusCode.OK);

        Assert.StartsWith("Ngày 01/06/2026, hộ là hộ nghèo", (string)Programme(answer, "poor-household")["reasons"]![0]!["message"]!);
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("01/06/2026")]
    [InlineData("yesterday")]
    [InlineData("")]
    public async Task ABadAsOf_Is400NamingIt(string asOf)
    {
        var household = await Family("Cil Ha Lâm");
        var fields = await (await official.GetAsync(Url(household["id"]!, asOf))).ExpectValidationErrors();
        Assert.Equal(["asOf"], fields);
    }

    [Fact]
    public async Task AHouseholdOfAnotherCommune_Is404LikeAMissingOne()
    {
        var household = await Family("Cil Ha Minh");

        var otherCommune = await (await api.Official(UrbanCommune).GetAsync(Url(household["id"]!))).ExpectProblem(HttpStatusCode.NotFound);
        var missing = await (await api.Official(UrbanCommune).GetAsync(Url(Guid.NewGuid()))).ExpectProblem(HttpStatusCode.NotFound);

        Assert.Equal((string)missing["detail"]!, (string)otherCommune["detail"]!);
    }

    [Theory]
    [InlineData("integrator")]
    [InlineData("admin")]
    public async Task OtherRoles_Are403(string role)
    {
        var household = await Family("Cil Ha Nga");
        await (await api.ClientFor(role).GetAsync(Url(household["id"]!))).ExpectProblem(HttpStatusCode.Forbidden);
        // Nor the registry's own household endpoints.
        await (await api.ClientFor(role).GetAsync($"/api/v1/households/{household["id"]}")).ExpectProblem(HttpStatusCode.Forbidden);
    }
}
