using System.Net;
using System.Text.Json.Nodes;
using Eligibility.Api.Tests.Infrastructure;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

public sealed class ReportTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    HttpClient Viewer(params string[] provinces) => api.ProvinceViewer(provinces);

    [Fact]
    public async Task AProvinceViewer_SeesCountsPerCommuneByStatusInForce_AndNoPersonalRow()
    {
        var official = api.Official(RuralCommune);
        var households = new List<Guid>();
        for (int i = 0; i < 8; i++)
        {
            var created = await official.Post("/api/v1/households", Household(RuralCommune, api.RuralVillage, Member($"Hộ Báo Cáo {i}", "1980-01-01", "male", "head")));
            households.Add((Guid)(await created.Expect(HttpStatusCode.Created))["id"]!);
        }
        var answers = new[] { "employment", "dependants", "nutrition", "health-insurance", "adult-education", "child-schooling", "housing-quality",
            "housing-area", "drinking-water", "sanitation", "telecom-use", "information-access" }.ToDictionary(c => c, c => c is "employment" or "nutrition" or "sanitation");
        async Task Recognise(Guid household, string day)
        {
            var review = await (await official.Post($"/api/v1/households/{household}/reviews",
                new { kind = "regular", surveyDate = "2026-05-01", incomePerPersonMonthly = 1_000_000, indicators = answers })).Expect(HttpStatusCode.Created);
            await (await official.Post($"/api/v1/reviews/{review["id"]}/recognition", new { decisionNumber = "7/QĐ", decisionDate = day, signer = "Chủ tịch" }))
                .Expect(HttpStatusCode.OK);
        }
        foreach (var household in households.Take(3))
            await Recognise(household, "2026-05-10");
        await Recognise(households[3], "2026-05-11");

        async Task<(JsonNode Summary, JsonNode Commune)> On(string day)
        {
            var summary = await (await Viewer("68").GetAsync($"/api/v1/provinces/68/reports/status-summary?asOf={day}")).Expect(HttpStatusCode.OK);
            return (summary, summary["communes"]!.AsArray().Single(c => (string)c!["communeCode"]! == RuralCommune)!);
        }
        var (_, before) = await On("2026-05-09");
        var (_, three) = await On("2026-05-10");
        var (summary, four) = await On("2026-05-11");

        Assert.Equal([8, 0, 8], new[] { before["households"], before["poor"], before["noRecognisedStatus"] }.Select(v => (long)v!));
        Assert.False((bool)before["suppressed"]!);
        // 3 then 4 poor households of 8: neither count shows, nor the count of the others that would give it back, so
        // the two days do not tell that one household changed.
        foreach (var commune in new[] { three, four })
        {
            Assert.Equal(8, (long)commune["households"]!);
            Assert.Null(commune["poor"]);
            Assert.Null(commune["noRecognisedStatus"]);
            Assert.True((bool)commune["suppressed"]!);
        }
        // The totals add up what is shown, so they give nothing hidden back.
        var communes = summary["communes"]!.AsArray();
        Assert.Equal(communes.Sum(c => (long?)c!["poor"] ?? 0), (long)summary["totals"]!["poor"]!);
        Assert.Equal(communes.Sum(c => (long?)c!["households"] ?? 0), (long)summary["totals"]!["households"]!);
        Assert.True((bool)summary["totals"]!["suppressed"]!);
        Assert.DoesNotContain("Hộ Báo Cáo", summary.ToJsonString());
    }

    [Fact]
    public async Task OtherProvincesAndOtherRoles_GetNothing()
    {
        var missing = await (await Viewer("68").GetAsync("/api/v1/provinces/00/reports/status-summary")).ExpectProblem(HttpStatusCode.NotFound);
        var elsewhere = await (await Viewer("68").GetAsync("/api/v1/provinces/79/reports/status-summary")).ExpectProblem(HttpStatusCode.NotFound);
        Assert.Equal((string)missing["detail"]!, (string)elsewhere["detail"]!);
        await (await api.Official(RuralCommune).GetAsync("/api/v1/provinces/68/reports/status-summary")).ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Contains("asOf", await (await Viewer("68").GetAsync("/api/v1/provinces/68/reports/status-summary?asOf=yesterday")).ExpectValidationErrors());
    }
}
