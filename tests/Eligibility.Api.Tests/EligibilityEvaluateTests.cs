using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Eligibility.Api.Tests.Infrastructure;

namespace Eligibility.Api.Tests;

/// <summary>POST /api/v1/eligibility/evaluate: the engine on facts in the body.</summary>
public sealed class EligibilityEvaluateTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    const string Url = "/api/v1/eligibility/evaluate";
    static readonly string[] ThreeDeprivations = ["employment", "nutrition", "sanitation"];
    static readonly object[] OneAdult = [new { dateOfBirth = "1980-05-01", sex = "female" }];

    readonly HttpClient client = api.ClientFor("integrator");

    static object Facts(string asOf, string effective, decimal income, string[]? deprived = null, object[]? history = null,
        object[]? members = null, string area = "rural", bool difficult = false) => new
    {
        asOf,
        areaType = area,
        especiallyDifficultArea = difficult,
        current = new { effectiveDate = effective, incomePerPersonMonthly = income, deprivedIndicators = deprived ?? [] },
        history = history ?? [],
        members = members ?? OneAdult,
    };

    async Task<JsonNode> Evaluate(object facts) => await (await client.Post(Url, facts)).Expect(HttpStatusCode.OK);

    static JsonNode Programme(JsonNode answer, string code) => answer["programmes"]!.AsArray().Single(p => (string)p!["code"]! == code)!;

    [Theory]
    // The periodic review of 2026 takes effect on 2027-01-01: a new standard with higher lines (rural 1,500,000 -> 2,200,000).
    [InlineData("2026-12-31", 1_500_000, "2022-2025", "poor", 1_500_000)]
    [InlineData("2026-12-31", 1_500_001, "2022-2025", "middle-living", 1_500_000)]
    [InlineData("2026-12-31", 2_250_000, "2022-2025", "middle-living", 1_500_000)]
    [InlineData("2026-12-31", 2_250_001, "2022-2025", "not-poor", 1_500_000)]
    [InlineData("2027-01-01", 1_500_001, "2027-2030", "poor", 2_200_000)]
    [InlineData("2027-01-01", 2_200_000, "2027-2030", "poor", 2_200_000)]
    [InlineData("2027-01-01", 2_200_001, "2027-2030", "middle-living", 2_200_000)]
    [InlineData("2027-01-01", 3_300_001, "2027-2030", "not-poor", 2_200_000)]
    public async Task TheStandard_IsTheOneInForceOnTheCurrentEffectiveDate(string effective, int income, string standard, string classification, int line)
    {
        var answer = await Evaluate(Facts("2027-06-01", effective, income, ThreeDeprivations));

        Assert.Equal(standard, (string)answer["standard"]!);
        Assert.Equal(classification, (string)answer["classification"]!);
        Assert.Equal(line, (decimal)answer["povertyLine"]!);
        Assert.Equal(3, (int)answer["deprivationCount"]!);
        Assert.Equal(classification == "poor", (bool)Programme(answer, "poor-household")["eligible"]!);
        // income-150 is 1.5 × the line of the status's own standard.
        Assert.Equal(income <= line * 1.5m, (bool)Programme(answer, "income-150")["eligible"]!);
    }

    [Theory]
    [InlineData("2026-12-31", "waste-treatment")]    // only in 2027-2030
    [InlineData("2027-01-01", "information-access")] // dropped from 2027-2030
    [InlineData("2026-12-31", "no-such-indicator")]
    public async Task AnIndicatorOutsideTheApplicableStandard_Is400NamingIt(string effective, string code)
    {
        var fields = await (await client.Post(Url, Facts("2027-06-01", effective, 1_000_000, ["employment", code]))).ExpectValidationErrors();
        Assert.Equal(["current.deprivedIndicators[1]"], fields);
    }

    [Theory]
    [InlineData("2027-02-28", true)]  // the window's last day: escape date 2024-03-01 + 3 years - 1 day
    [InlineData("2027-03-01", false)] // the day after
    public async Task NewlyEscaped_HoldsThroughTheLastDayOfTheThreeYearWindow(string asOf, bool eligible)
    {
        object[] history = [new { classification = "poor", effectiveDate = "2022-01-01" }, new { classification = "near-poor", effectiveDate = "2023-01-01" }];
        var answer = await Evaluate(Facts(asOf, "2024-03-01", 2_000_000, history: history));

        Assert.Equal("middle-living", (string)answer["classification"]!);
        var escaped = Programme(answer, "newly-escaped-household");
        Assert.Equal(eligible, (bool)escaped["eligible"]!);
        Assert.Equal(eligible ? "2027-02-28" : null, (string?)escaped["validUntil"]);
        Assert.Contains(escaped["reasons"]!.AsArray(), r => (string)r!["code"]! == (eligible ? "within-escape-window" : "escape-window-ended"));
        Assert.Equal(60, (int)escaped["terms"]!["maxTermMonths"]!);
    }

    [Fact]
    public async Task NewlyEscaped_NeedsAPoorOrNearPoorPast()
    {
        var answer = await Evaluate(Facts("2025-06-01", "2024-03-01", 2_000_000, history: [new { classification = "middle-living", effectiveDate = "2023-01-01" }]));
        var escaped = Programme(answer, "newly-escaped-household");
        Assert.False((bool)escaped["eligible"]!);
        Assert.Contains(escaped["reasons"]!.AsArray(), r => (string)r!["code"]! == "never-poor-or-near-poor");
    }

    [Theory]
    [InlineData("2025-11-30", 6.6, 7.92, 8.25)]
    [InlineData("2025-12-01", 6.24, 7.488, 7.8)]
    public async Task RatesChangeOn20251201(string asOf, double poor, double nearPoor, double escaped)
    {
        var answer = await Evaluate(Facts(asOf, "2025-01-01", 1_000_000, ThreeDeprivations));

        Assert.Equal((decimal)poor, (decimal)Programme(answer, "poor-household")["terms"]!["annualRatePercent"]!);
        Assert.Equal((decimal)nearPoor, (decimal)Programme(answer, "near-poor-household")["terms"]!["annualRatePercent"]!);
        Assert.Equal((decimal)escaped, (decimal)Programme(answer, "newly-escaped-household")["terms"]!["annualRatePercent"]!);
        Assert.Equal(100_000_000m, (decimal)Programme(answer, "poor-household")["terms"]!["maxAmount"]!);
        Assert.Equal(120, (int)Programme(answer, "poor-household")["terms"]!["maxTermMonths"]!);
        Assert.Equal("Decree 78/2002/NĐ-CP", (string)Programme(answer, "poor-household")["legalBasis"]!);
    }

    [Theory]
    [InlineData("2025-12-31", 100_000_000, 7.488)] // the near-poor rate, 100 million per worker
    [InlineData("2026-01-01", 200_000_000, 7.9248)] // Decree 338/2025: 127% of the poor rate, 200 million per worker
    public async Task JobCreationCapAndRateChangeOn20260101(string asOf, int cap, double rate)
    {
        var answer = await Evaluate(Facts(asOf, "2025-01-01", 1_200_000, ["employment"]));
        var job = Programme(answer, "job-creation");

        Assert.True((bool)job["eligible"]!);
        Assert.Equal(cap, (decimal)job["terms"]!["maxAmount"]!);
        Assert.Equal("per-worker", (string)job["terms"]!["amountBasis"]!);
        Assert.Equal((decimal)rate, (decimal)job["terms"]!["annualRatePercent"]!);
        Assert.Equal((decimal)rate, (decimal)job["members"]![0]!["annualRatePercent"]!);
    }

    // Decision 157/2007 as amended by Decision 05/2022: terms from 2022, the cap raised on 2022-05-19, the rate on 2025-12-01.
    [Theory]
    [InlineData("2022-05-18", 2_500_000, 6.6)]
    [InlineData("2022-05-19", 4_000_000, 6.6)]
    [InlineData("2025-11-30", 4_000_000, 6.6)]
    [InlineData("2025-12-01", 4_000_000, 6.24)]
    public async Task Income150_HasTermsFrom2022(string asOf, int cap, double rate)
    {
        var answer = await Evaluate(Facts(asOf, "2022-03-01", 1_000_000));
        var income150 = Programme(answer, "income-150");

        Assert.True((bool)income150["eligible"]!);
        Assert.Equal(cap, (decimal)income150["terms"]!["maxAmount"]!);
        Assert.Equal((decimal)rate, (decimal)income150["terms"]!["annualRatePercent"]!);
        Assert.Equal("Decision 157/2007/QĐ-TTg as amended by Decision 05/2022/QĐ-TTg", (string)income150["legalBasis"]!);
    }

    [Theory]
    // case, member's date of birth, ethnic minority, disability, especially difficult commune, classification, eligible, priority, rate on 2026-06-01
    [InlineData("adult, no priority", "1980-05-01", false, false, false, "near-poor", true, false, 7.9248)]
    [InlineData("disability, any household", "1980-05-01", false, true, false, "not-poor", true, true, 6.24)]
    [InlineData("ethnic minority, poor household", "1980-05-01", true, false, false, "poor", true, true, 6.24)]
    [InlineData("ethnic minority, near-poor household", "1980-05-01", true, false, false, "near-poor", true, false, 7.9248)]
    [InlineData("poor household, especially difficult commune", "1980-05-01", false, false, true, "poor", true, true, 6.24)]
    [InlineData("near-poor household, especially difficult commune", "1980-05-01", false, false, true, "near-poor", true, false, 7.9248)]
    [InlineData("18 on asOf", "2008-06-01", false, true, false, "poor", true, true, 6.24)]
    [InlineData("18 the day after asOf", "2008-06-02", false, true, false, "poor", false, false, null)]
    public async Task JobCreation_PerMemberEligibilityAndPriority(string why, string dateOfBirth, bool ethnicMinority, bool hasDisability,
        bool difficult, string classification, bool eligible, bool priority, double? rate)
    {
        decimal income = classification switch { "poor" or "near-poor" => 1_000_000, "middle-living" => 2_000_000, _ => 5_000_000 };
        string[] deprived = classification == "poor" ? ThreeDeprivations : [];
        object[] members = [new { dateOfBirth = "1960-01-01", sex = "female" }, new { dateOfBirth, sex = "male", ethnicMinority, hasDisability }];
        var answer = await Evaluate(Facts("2026-06-01", "2026-01-01", income, deprived, members: members, difficult: difficult));
        Assert.Equal(classification, (string)answer["classification"]!);

        var job = Programme(answer, "job-creation");
        var answered = job["members"]![1]!;
        Assert.True(eligible == (bool)answered["eligible"]!, why);
        Assert.True(priority == (bool)answered["priority"]!, why);
        Assert.Equal(1, (int)answered["index"]!);
        Assert.Null(answered["memberId"]);
        Assert.Equal(rate is null ? null : (decimal)rate.Value, (decimal?)answered["annualRatePercent"]);
        Assert.True((bool)job["eligible"]!); // the 1960 member is always of age
    }

    [Fact]
    public async Task JobCreation_WithoutAMemberOfAge_IsRefused()
    {
        var answer = await Evaluate(Facts("2026-06-01", "2026-01-01", 1_000_000, members: [new { dateOfBirth = "2010-01-01", sex = "male" }]));
        var job = Programme(answer, "job-creation");
        Assert.False((bool)job["eligible"]!);
        Assert.Equal("no-member-of-age", (string)job["reasons"]![0]!["code"]!);
        Assert.Equal("under-age", (string)job["members"]![0]!["reasons"]![0]!["code"]!);
    }

    [Fact]
    public async Task TheAnswer_HasTheContractShape()
    {
        var answer = (await Evaluate(Facts("2026-06-01", "2026-01-01", 1_000_000, ThreeDeprivations))).AsObject();

        Assert.Equal(["standard", "classification", "povertyLine", "deprivationCount", "programmes"], answer.Select(p => p.Key));
        Assert.Equal(["poor-household", "near-poor-household", "newly-escaped-household", "income-150", "job-creation"],
            answer["programmes"]!.AsArray().Select(p => (string)p!["code"]!));
        foreach (var programme in answer["programmes"]!.AsArray())
        {
            Assert.Equal(["code", "eligible", "reasons", "legalBasis", "terms", "validUntil", "members"], programme!.AsObject().Select(p => p.Key));
            Assert.All(programme["reasons"]!.AsArray(), r => Assert.Equal(["code", "message"], r!.AsObject().Select(p => p.Key)));
        }
        Assert.Equal(["maxAmount", "annualRatePercent", "maxTermMonths", "amountBasis", "effectiveFrom"],
            answer["programmes"]![0]!["terms"]!.AsObject().Select(p => p.Key));
    }

    [Theory]
    [InlineData("vi", "Ngày 01/06/2026, hộ là hộ nghèo", "vi")]
    [InlineData("vi-VN,vi;q=0.9,en;q=0.8", "Ngày 01/06/2026, hộ là hộ nghèo", "vi")]
    [InlineData("en;q=0.9, vi;q=0.5", "On 2026-06-01 the household is poor", "en")]
    [InlineData("fr", "On 2026-06-01 the household is poor", "en")]
    [InlineData(null, "On 2026-06-01 the household is poor", "en")]
    public async Task ReasonMessages_FollowAcceptLanguage(string? acceptLanguage, string startsWith, string contentLanguage)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = System.Net.Http.Json.JsonContent.Create(Facts("2026-06-01", "2026-01-01", 1_000_000, ThreeDeprivations)) };
        if (acceptLanguage is not null)
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        var response = await client.SendAsync(request);
        var answer = await response.Expect(HttpStatusCode.OK);

        Assert.StartsWith(startsWith, (string)Programme(answer, "poor-household")["reasons"]![0]!["message"]!);
        Assert.Equal("status-poor", (string)Programme(answer, "poor-household")["reasons"]![0]!["code"]!);
        Assert.Equal([contentLanguage], response.Content.Headers.ContentLanguage);
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { """{"asOf":"2026-06-01","areaType":"rural","current":{"effectiveDate":"2026-07-01","incomePerPersonMonthly":1000000}}""", "current.effectiveDate" },
        { """{"asOf":"2026-06-01","areaType":"rural","current":{"effectiveDate":"2021-06-01","incomePerPersonMonthly":1000000}}""", "current.effectiveDate" },
        { """{"asOf":"2026-06-01","areaType":"rural","current":{"effectiveDate":"2026-01-01","incomePerPersonMonthly":-1}}""", "current.incomePerPersonMonthly" },
        { """{"asOf":"2026-06-01","areaType":"rural","current":{"effectiveDate":"2026-01-01","incomePerPersonMonthly":1000000},"history":[{"classification":"poor","effectiveDate":"2023-01-01"},{"classification":"poor","effectiveDate":"2024-01-01"},{"classification":"near-poor","effectiveDate":"2026-01-01"}]}""", "history[2].effectiveDate" },
        { """{"asOf":"2026-06-01","areaType":"rural","current":{"effectiveDate":"2026-01-01","incomePerPersonMonthly":1000000},"history":[{"classification":"rich","effectiveDate":"2023-01-01"}]}""", "history[0].classification" },
        { """{"asOf":"2026-06-01","areaType":"rural","current":{"effectiveDate":"2026-01-01","incomePerPersonMonthly":1000000},"members":[{"dateOfBirth":"2026-06-02","sex":"male"}]}""", "members[0].dateOfBirth" },
        { """{"asOf":"2026-06-01","areaType":"rural","current":{"effectiveDate":"2026-01-01","incomePerPersonMonthly":1000000},"members":[{"sex":"male"}]}""", "members[0].dateOfBirth" },
        { """{"asOf":"2026-06-01","areaType":"rural","current":{"effectiveDate":"2026-01-01","incomePerPersonMonthly":1000000,"deprivedIndicators":["employment","employment"]}}""", "current.deprivedIndicators[1]" },
        { """{"asOf":"2026-06-01","current":{"effectiveDate":"2026-01-01","incomePerPersonMonthly":1000000}}""", "areaType" },
        { """{"asOf":"2026-06-01","areaType":"suburban","current":{"effectiveDate":"2026-01-01","incomePerPersonMonthly":1000000}}""", "areaType" },
        { """{"asOf":"2026-06-01","areaType":"rural"}""", "current" },
        { """{"asOf":"2026-06-01","areaType":"rural","current":null}""", "current" },
        { """{"asOf":"2026-06-01","areaType":"rural","current":{"incomePerPersonMonthly":1000000}}""", "current.effectiveDate" },
        { """{"asOf":"01/06/2026","areaType":"rural","current":{"effectiveDate":"2026-01-01","incomePerPersonMonthly":1000000}}""", "asOf" },
        { """{"asOf":"2026-06-01","areaType":"rural","current":{"effectiveDate":"2026-01-01","incomePerPersonMonthly":1000000},"history":null}""", "history" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadFacts_Are400NamingTheField(string body, string field)
    {
        var fields = await (await client.Post(Url, body)).ExpectValidationErrors();
        Assert.Contains(field, fields);
    }

    [Theory]
    [InlineData("history", 101)]
    [InlineData("members", 51)]
    [InlineData("current.deprivedIndicators", 31)]
    public async Task ListsOverTheirLimit_Are400(string field, int count)
    {
        var body = new JsonObject
        {
            ["asOf"] = "2026-06-01",
            ["areaType"] = "rural",
            ["current"] = new JsonObject
            {
                ["effectiveDate"] = "2026-01-01",
                ["incomePerPersonMonthly"] = 1_000_000,
                ["deprivedIndicators"] = new JsonArray(Enumerable.Range(0, field == "current.deprivedIndicators" ? count : 0).Select(i => (JsonNode)$"x{i}").ToArray()),
            },
            ["history"] = new JsonArray(Enumerable.Range(0, field == "history" ? count : 0)
                .Select(i => (JsonNode)new JsonObject { ["classification"] = "poor", ["effectiveDate"] = new DateOnly(1910, 1, 1).AddDays(i).ToString("yyyy-MM-dd") }).ToArray()),
            ["members"] = new JsonArray(Enumerable.Range(0, field == "members" ? count : 0)
                .Select(_ => (JsonNode)new JsonObject { ["dateOfBirth"] = "1980-01-01", ["sex"] = "male" }).ToArray()),
        };
        var fields = await (await client.Post(Url, body.ToJsonString())).ExpectValidationErrors();
        Assert.Equal([field], fields);
    }

    [Fact]
    public async Task AtTheLimits_TheFactsAreEvaluated()
    {
        var history = Enumerable.Range(0, 100).Select(i => new { classification = "poor", effectiveDate = new DateOnly(1910, 1, 1).AddDays(i).ToString("yyyy-MM-dd") }).ToArray<object>();
        var members = Enumerable.Range(0, 50).Select(_ => new { dateOfBirth = "1980-01-01", sex = "male" }).ToArray<object>();
        var answer = await Evaluate(Facts("2026-06-01", "2026-01-01", 2_000_000, history: history, members: members));
        Assert.Equal(50, Programme(answer, "job-creation")["members"]!.AsArray().Count);
        Assert.True((bool)Programme(answer, "newly-escaped-household")["eligible"]!);
    }

    [Theory]
    [InlineData("integrator")]
    [InlineData("admin")]
    [InlineData("commune-official")]
    public async Task EveryAuthenticatedRole_MayEvaluate(string role)
    {
        var caller = role == "commune-official" ? api.Official("24778") : api.ClientFor(role);
        await (await caller.Post(Url, Facts("2026-06-01", "2026-01-01", 1_000_000))).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WithoutAToken_Is401()
    {
        var anonymous = api.CreateClient();
        anonymous.DefaultRequestHeaders.Authorization = null;
        await (await anonymous.Post(Url, Facts("2026-06-01", "2026-01-01", 1_000_000))).ExpectProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task NothingIsStored()
    {
        await Evaluate(Facts("2026-06-01", "2026-01-01", 1_000_000, ThreeDeprivations));
        Assert.Equal(0L, await api.Scalar<long>("SELECT (SELECT count(*) FROM poverty_reviews) + (SELECT count(*) FROM household_statuses)"));
    }
}
