using System.Net;
using System.Text.Json.Nodes;
using Eligibility.Api.Tests.Infrastructure;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>
/// The procedure as verified in December 2026 (Decision 967/QĐ-BNNMT): the periodic list holds every household poor or
/// near-poor at any time in the round's window, and a complaint's re-check is due within 7 working days.
/// </summary>
public sealed class PeriodicListAndRecheckTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    readonly ProcedureArrange a = new(api);

    static JsonNode Entry(JsonNode list, Guid household) => list.AsArray().Single(h => (Guid)h!["householdId"]! == household)!;

    [Fact]
    public async Task AHouseholdRecognisedPoorInNovember_IsOnThatYearsPeriodicList_WithItsStatusAndSince()
    {
        var client = a.Client(RuralCommune);
        var (november, _) = await a.Household(RuralCommune, api.RuralVillage, "Hộ Tháng Mười Một");
        var (never, _) = await a.Household(RuralCommune, api.RuralVillage, "Hộ Chưa Nghèo");
        var review = await (await client.Post($"/api/v1/households/{november}/reviews", new
        {
            kind = "regular", surveyDate = "2026-11-16", incomePerPersonMonthly = 1_000_000,
            indicators = ProcedureArrange.Answers2022("employment", "nutrition", "sanitation"),
        })).Expect(HttpStatusCode.Created);
        await (await client.Post($"/api/v1/reviews/{review["id"]}/recognition", new { decisionNumber = "41/QĐ-UBND", decisionDate = "2026-11-20", signer = "Chủ tịch UBND" }))
            .Expect(HttpStatusCode.OK);

        var round = await a.Round(RuralCommune, new { kind = "periodic", year = 2026 });
        var list = await (await client.GetAsync($"/api/v1/review-rounds/{round}/households")).Expect(HttpStatusCode.OK);

        var entry = Entry(list, november);
        Assert.Equal("poor", (string)entry["statusInForce"]!);
        Assert.Equal("2026-11-20", (string)entry["statusSince"]!);
        Assert.DoesNotContain(list.AsArray(), h => (Guid)h!["householdId"]! == never);
        // Listed, so its periodic review can be recorded.
        await a.Review(RuralCommune, round, november, "2026-12-01", periodic: true);
    }

    [Fact]
    public async Task AComplaint_IsDueForRecheckWithinSevenWorkingDays_OnTheReviewAndTheList()
    {
        var (household, _) = await a.Household(UrbanCommune, api.UrbanVillage, "Hộ Khiếu Nại");
        var round = await a.Round(UrbanCommune, new { kind = "periodic", year = 2026 });
        await a.Request(UrbanCommune, round, household);
        var review = await a.Review(UrbanCommune, round, household, "2026-10-05", periodic: true);
        await (await a.Meeting(UrbanCommune, review, "2026-10-06")).Expect(HttpStatusCode.OK);
        await (await a.Posting(UrbanCommune, review, "2026-10-07")).Expect(HttpStatusCode.OK);

        // Received Thursday 8 October: 7 working days from Friday 9th end on Monday 19th. Today is later, and no re-check yet.
        var disputed = await (await a.Complaint(UrbanCommune, review, "2026-10-08")).Expect(HttpStatusCode.OK);
        Assert.Equal("2026-10-19", (string)disputed["procedure"]!["recheckDueBy"]!);
        Assert.True((bool)disputed["procedure"]!["overdue"]!);
        var entry = Entry(await (await a.Client(UrbanCommune).GetAsync($"/api/v1/review-rounds/{round}/households")).Expect(HttpStatusCode.OK), household);
        Assert.Equal("2026-10-19", (string)entry["recheckDueBy"]!);
        Assert.True((bool)entry["overdue"]!);

        var rechecked = await (await a.Recheck(UrbanCommune, review, "2026-10-12", "upheld")).Expect(HttpStatusCode.OK);
        Assert.False((bool)rechecked["procedure"]!["overdue"]!);
        entry = Entry(await (await a.Client(UrbanCommune).GetAsync($"/api/v1/review-rounds/{round}/households")).Expect(HttpStatusCode.OK), household);
        Assert.False((bool)entry["overdue"]!);
    }
}
