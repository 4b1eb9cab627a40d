using System.Net;
using System.Text.Json.Nodes;
using Eligibility.Api.Tests.Infrastructure;
using static Eligibility.Api.Tests.EligibilityArrange;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>
/// A rural commune whose households cover every programme's cases; arranged once for the class (the tests only read).
/// </summary>
public sealed class EligibleHouseholdsApi : IAsyncLifetime
{
    public EligibilityApi Api { get; } = new();
    public Dictionary<string, Guid> Ids { get; } = [];

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Api).InitializeAsync();
        var api = Api;
        async Task Add(string head, Guid village, string dateOfBirth, params StatusSpec[] statuses)
        {
            var household = await Household(api, RuralCommune, village, Adult(head, dateOfBirth));
            Ids[head] = (Guid)household["id"]!;
            if (statuses.Length > 0)
                await Statuses(api, Ids[head], statuses);
        }

        await Add("An Văn Nghèo", api.RuralVillage, "1970-01-01", new StatusSpec("poor", "2024-01-01", 1_000_000, 4));
        await Add("Bùi Thị Cận", api.RuralVillage2, "1972-01-01", new StatusSpec("near-poor", "2024-01-01", 1_400_000, 1));
        // Escaped on 2024-01-01: newly-escaped through 2026-12-31.
        await Add("Cao Văn Thoát", api.RuralVillage, "1975-01-01",
            new StatusSpec("near-poor", "2022-01-01", 1_300_000, 1), new StatusSpec("middle-living", "2024-01-01", 2_000_000, 1));
        // Poor until 2026-06-30, then not poor: the status changes after an asOf of 2026-06-01.
        await Add("Đỗ Văn Đổi", api.RuralVillage2, "1980-01-01",
            new StatusSpec("poor", "2023-01-01", 1_000_000, 3), new StatusSpec("not-poor", "2026-07-01", 4_000_000, 0));
        // No recognised status; of age.
        await Add("Hà Văn Chưa", api.RuralVillage, "1985-01-01");
        // Never poor: neither newly-escaped nor (income above 1.5 × the line) income-150.
        await Add("Phan Văn Khá", api.RuralVillage, "1965-01-01", new StatusSpec("not-poor", "2024-01-01", 3_000_000, 0));
        // Middle-living, never poor: income-150 only.
        await Add("Vũ Thị Vừa", api.RuralVillage2, "1968-01-01", new StatusSpec("middle-living", "2024-01-01", 2_100_000, 0));
        // Only a minor: no job-creation; 18 on 2026-09-15.
        await Add("Y Niê Trẻ", api.RuralVillage, "2008-09-15");
        // Another commune's poor household never appears.
        var urban = await Household(api, UrbanCommune, api.UrbanVillage, Adult("Lê Văn Phố", "1970-01-01"));
        await Statuses(api, (Guid)urban["id"]!, new StatusSpec("poor", "2024-01-01"));
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)Api).DisposeAsync();
}

/// <summary>GET /api/v1/communes/{code}/eligible-households.</summary>
public sealed class EligibilityListTests(EligibleHouseholdsApi fixture) : IClassFixture<EligibleHouseholdsApi>
{
    readonly EligibilityApi api = fixture.Api;
    readonly HttpClient official = fixture.Api.Official(RuralCommune);

    static string Url(string programme, string asOf, string extra = "") =>
        $"/api/v1/communes/{RuralCommune}/eligible-households?programme={programme}&asOf={asOf}{extra}";

    async Task<JsonNode> Page(string programme, string asOf, string extra = "") =>
        await (await official.GetAsync(Url(programme, asOf, extra))).Expect(HttpStatusCode.OK);

    async Task<List<string>> Heads(string programme, string asOf, string extra = "") =>
        (await Page(programme, asOf, extra))["items"]!.AsArray().Select(i => (string)i!["headName"]!).ToList();

    [Theory]
    [InlineData("poor-household", "2026-06-01", new[] { "An Văn Nghèo", "Đỗ Văn Đổi" })]
    [InlineData("poor-household", "2026-07-01", new[] { "An Văn Nghèo" })]
    [InlineData("poor-household", "2023-12-31", new[] { "Đỗ Văn Đổi" })]
    [InlineData("near-poor-household", "2026-06-01", new[] { "Bùi Thị Cận" })]
    [InlineData("near-poor-household", "2023-06-01", new[] { "Cao Văn Thoát" })]
    [InlineData("newly-escaped-household", "2026-06-01", new[] { "Cao Văn Thoát" })]
    [InlineData("newly-escaped-household", "2026-12-31", new[] { "Cao Văn Thoát", "Đỗ Văn Đổi" })]
    [InlineData("newly-escaped-household", "2027-01-01", new[] { "Đỗ Văn Đổi" })]
    [InlineData("income-150", "2026-06-01", new[] { "An Văn Nghèo", "Bùi Thị Cận", "Cao Văn Thoát", "Đỗ Văn Đổi", "Vũ Thị Vừa" })]
    [InlineData("income-150", "2026-07-01", new[] { "An Văn Nghèo", "Bùi Thị Cận", "Cao Văn Thoát", "Vũ Thị Vừa" })]
    [InlineData("job-creation", "2026-06-01", new[] { "An Văn Nghèo", "Bùi Thị Cận", "Cao Văn Thoát", "Đỗ Văn Đổi", "Hà Văn Chưa", "Phan Văn Khá", "Vũ Thị Vừa" })]
    [InlineData("job-creation", "2026-09-15", new[] { "An Văn Nghèo", "Bùi Thị Cận", "Cao Văn Thoát", "Đỗ Văn Đổi", "Hà Văn Chưa", "Phan Văn Khá", "Vũ Thị Vừa", "Y Niê Trẻ" })]
    public async Task EachProgramme_ListsTheHouseholdsEligibleOnTheDate(string programme, string asOf, string[] expected)
    {
        var page = await Page(programme, asOf);

        Assert.Equal(expected.OrderBy(n => n, StringComparer.Ordinal), page["items"]!.AsArray().Select(i => (string)i!["headName"]!).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Length, (int)page["totalCount"]!);
    }

    [Theory]
    [InlineData("2023-12-31")]
    [InlineData("2026-06-01")]
    [InlineData("2026-07-01")]
    [InlineData("2026-12-31")]
    [InlineData("2027-01-01")]
    public async Task TheList_AgreesWithTheEngineOnEveryHousehold(string asOf)
    {
        string[] programmes = ["poor-household", "near-poor-household", "newly-escaped-household", "income-150", "job-creation"];
        var listed = new Dictionary<string, HashSet<Guid>>();
        foreach (var programme in programmes)
        {
            var response = await official.GetAsync(Url(programme, asOf, "&pageSize=200"));
            listed[programme] = response.StatusCode == HttpStatusCode.UnprocessableEntity
                ? [] // income-150 before 2025-12-01: no terms, nobody eligible
                : (await response.Expect(HttpStatusCode.OK))["items"]!.AsArray().Select(i => (Guid)i!["householdId"]!).ToHashSet();
        }

        foreach (var (head, id) in fixture.Ids)
        {
            var answer = await (await official.GetAsync($"/api/v1/households/{id}/eligibility?asOf={asOf}")).Expect(HttpStatusCode.OK);
            foreach (var programme in answer["programmes"]!.AsArray())
            {
                bool eligible = (bool)programme!["eligible"]!;
                Assert.True(eligible == listed[(string)programme["code"]!].Contains(id), $"{head}, {programme["code"]} on {asOf}: engine says {eligible}");
            }
        }
    }

    [Fact]
    public async Task Items_CarryTheStatusInForceAndTheWindowsEnd()
    {
        var escaped = (await Page("newly-escaped-household", "2026-12-31"))["items"]!.AsArray();
        var cao = escaped.Single(i => (string)i!["headName"]! == "Cao Văn Thoát")!;
        Assert.Equal(["householdId", "headName", "villageId", "villageName", "classification", "statusEffectiveDate", "validUntil"], cao.AsObject().Select(p => p.Key));
        Assert.Equal(fixture.Ids["Cao Văn Thoát"], (Guid)cao["householdId"]!);
        Assert.Equal("middle-living", (string)cao["classification"]!);
        Assert.Equal("2024-01-01", (string)cao["statusEffectiveDate"]!);
        Assert.Equal("2026-12-31", (string)cao["validUntil"]!);
        Assert.Equal(api.RuralVillage, (Guid)cao["villageId"]!);
        Assert.Equal("Thôn Liêng Trang", (string)cao["villageName"]!);
        var doi = escaped.Single(i => (string)i!["headName"]! == "Đỗ Văn Đổi")!;
        Assert.Equal("2029-06-30", (string)doi["validUntil"]!);

        var poor = (await Page("poor-household", "2026-06-01"))["items"]!.AsArray();
        Assert.All(poor, i => Assert.Null(i!["validUntil"]));
        Assert.Equal("2023-01-01", (string)poor.Single(i => (string)i!["headName"]! == "Đỗ Văn Đổi")!["statusEffectiveDate"]!);

        var jobs = (await Page("job-creation", "2026-06-01"))["items"]!.AsArray();
        var noStatus = jobs.Single(i => (string)i!["headName"]! == "Hà Văn Chưa")!;
        Assert.Null(noStatus["classification"]);
        Assert.Null(noStatus["statusEffectiveDate"]);
        Assert.Equal("poor", (string)jobs.Single(i => (string)i!["headName"]! == "An Văn Nghèo")!["classification"]!);
    }

    [Fact]
    public async Task Pages_FollowOneStableOrder()
    {
        var all = await Page("job-creation", "2026-06-01", "&pageSize=200");
        var heads = all["items"]!.AsArray().Select(i => (string)i!["headName"]!).ToList();
        Assert.Equal(7, (int)all["totalCount"]!);

        var paged = new List<string>();
        for (int page = 1; page <= 4; page++)
        {
            var one = await Page("job-creation", "2026-06-01", $"&page={page}&pageSize=2");
            Assert.Equal(page, (int)one["page"]!);
            Assert.Equal(2, (int)one["pageSize"]!);
            Assert.Equal(7, (int)one["totalCount"]!);
            paged.AddRange(one["items"]!.AsArray().Select(i => (string)i!["headName"]!));
        }
        Assert.Equal(heads, paged);
        Assert.Empty((await Page("job-creation", "2026-06-01", "&page=5&pageSize=2"))["items"]!.AsArray());
    }

    [Fact]
    public async Task AVillage_NarrowsTheList()
    {
        Assert.Equal(["Đỗ Văn Đổi"], await Heads("poor-household", "2026-06-01", $"&village={api.RuralVillage2}"));
        Assert.Equal(["An Văn Nghèo"], await Heads("poor-household", "2026-06-01", $"&village={api.RuralVillage}"));
        var page = await Page("job-creation", "2026-06-01", $"&village={api.RuralVillage2}");
        Assert.Equal(3, (int)page["totalCount"]!);
        Assert.All(page["items"]!.AsArray(), i => Assert.Equal(api.RuralVillage2, (Guid)i!["villageId"]!));
    }

    [Fact]
    public async Task AProgrammeWithoutTermsOnTheDate_Is422SayingSo()
    {
        var problem = await (await official.GetAsync(Url("income-150", "2021-12-31"))).ExpectProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("no-terms-in-force", (string)problem["code"]!);
        Assert.Equal("asOf", (string)problem["field"]!);
    }

    [Theory]
    [InlineData("programme=student-loans&asOf=2026-06-01", "programme")]
    [InlineData("asOf=2026-06-01", "programme")]
    [InlineData("programme=poor-household&asOf=2026-02-30", "asOf")]
    [InlineData("programme=poor-household&pageSize=201", "pageSize")]
    [InlineData("programme=poor-household&page=0", "page")]
    public async Task BadParameters_Are400NamingThem(string query, string field)
    {
        var fields = await (await official.GetAsync($"/api/v1/communes/{RuralCommune}/eligible-households?{query}")).ExpectValidationErrors();
        Assert.Equal([field], fields);
    }

    [Fact]
    public async Task WithoutAsOf_TheListIsForToday()
    {
        // Effective 2024 and never replaced: poor today.
        var page = await (await official.GetAsync($"/api/v1/communes/{RuralCommune}/eligible-households?programme=poor-household")).Expect(HttpStatusCode.OK);
        Assert.Contains(page["items"]!.AsArray(), i => (string)i!["headName"]! == "An Văn Nghèo");
    }

    [Fact]
    public async Task OfficialsOfOtherCommunes_Get404_AndOtherRoles403()
    {
        await (await api.Official(UrbanCommune).GetAsync(Url("poor-household", "2026-06-01"))).ExpectProblem(HttpStatusCode.NotFound);
        await (await official.GetAsync("/api/v1/communes/99999/eligible-households?programme=poor-household")).ExpectProblem(HttpStatusCode.NotFound);
        await (await api.ClientFor("integrator").GetAsync(Url("poor-household", "2026-06-01"))).ExpectProblem(HttpStatusCode.Forbidden);
        await (await api.Admin().GetAsync(Url("poor-household", "2026-06-01"))).ExpectProblem(HttpStatusCode.Forbidden);
    }
}
