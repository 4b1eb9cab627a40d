using System.Net;
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
        for (int i = 0; i < 3; i++)
        {
            var created = await official.Post("/api/v1/households", Household(RuralCommune, api.RuralVillage, Member($"Hộ Báo Cáo {i}", "1980-01-01", "male", "head")));
            households.Add((Guid)(await created.Expect(HttpStatusCode.Created))["id"]!);
        }
        var answers = new[] { "employment", "dependants", "nutrition", "health-insurance", "adult-education", "child-schooling", "housing-quality",
            "housing-area", "drinking-water", "sanitation", "telecom-use", "information-access" }.ToDictionary(c => c, c => c is "employment" or "nutrition" or "sanitation");
        var review = await (await official.Post($"/api/v1/households/{households[0]}/reviews",
            new { kind = "regular", surveyDate = "2026-05-01", incomePerPersonMonthly = 1_000_000, indicators = answers })).Expect(HttpStatusCode.Created);
        await (await official.Post($"/api/v1/reviews/{review["id"]}/recognition", new { decisionNumber = "7/QĐ", decisionDate = "2026-05-10", signer = "Chủ tịch" })).Expect(HttpStatusCode.OK);

        var before = await (await Viewer("68").GetAsync("/api/v1/provinces/68/reports/status-summary?asOf=2026-05-09")).Expect(HttpStatusCode.OK);
        var after = await (await Viewer("68").GetAsync("/api/v1/provinces/68/reports/status-summary?asOf=2026-05-10")).Expect(HttpStatusCode.OK);

        var communeBefore = before["communes"]!.AsArray().Single(c => (string)c!["communeCode"]! == RuralCommune)!;
        var communeAfter = after["communes"]!.AsArray().Single(c => (string)c!["communeCode"]! == RuralCommune)!;
        Assert.Equal(0, (long)communeBefore["poor"]!);
        Assert.Equal(1, (long)communeAfter["poor"]!);
        Assert.Equal((long)communeAfter["households"]!, (long)communeAfter["poor"]! + (long)communeAfter["noRecognisedStatus"]!);
        Assert.Equal((long)after["communes"]!.AsArray().Sum(c => (long)c!["households"]!), (long)after["totals"]!["households"]!);
        Assert.DoesNotContain("Hộ Báo Cáo", after.ToJsonString());
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
