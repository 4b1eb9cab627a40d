using System.Net;
using System.Text.Json.Nodes;
using Eligibility.Api.Tests.Infrastructure;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>
/// A regular review's request is decided within 15 days of filing (Decision 24/2021; Procedure:RegularDecisionDays):
/// the round's household list shows each request's due day and whether it has passed without a recognition decision.
/// </summary>
public sealed class RegularDecisionDeadlineTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    readonly ProcedureArrange a = new(api);

    async Task<Dictionary<Guid, JsonNode>> Listed(Guid round) =>
        (await a.Get(UrbanCommune, $"/api/v1/review-rounds/{round}/households")).AsArray().ToDictionary(h => (Guid)h!["householdId"]!, h => h!);

    [Fact]
    public async Task EachRequest_HasItsDueDay_AndIsOverdueOnlyWhenUndecidedAfterIt()
    {
        var september = await a.RegularRound(UrbanCommune, "2026-09");
        var (waiting, _) = await a.Household(UrbanCommune, api.UrbanVillage, "Lê Thị Chờ");
        var (decided, _) = await a.Household(UrbanCommune, api.UrbanVillage, "Lê Thị Xong");
        var (alreadyPoor, _) = await a.Household(UrbanCommune, api.UrbanVillage, "Lê Thị Nghèo");
        await a.Request(UrbanCommune, september, waiting, "2026-09-01");
        await a.Request(UrbanCommune, september, decided, "2026-09-01");
        var review = await a.Posted(UrbanCommune, september, decided, "2026-09-03", "2026-09-04", "2026-09-07");
        await (await a.Recognise(UrbanCommune, review, "2026-09-11")).Expect(HttpStatusCode.OK);
        await a.RecognisedPoor(UrbanCommune, alreadyPoor);

        var listed = await Listed(september);
        // Filed on 1 September: due on the 16th; long past, and nothing decided.
        Assert.Equal("2026-09-16", (string)listed[waiting]["decisionDueBy"]!);
        Assert.True((bool)listed[waiting]["overdue"]!);
        // Recognised on the 11th: decided in time.
        Assert.Equal("2026-09-16", (string)listed[decided]["decisionDueBy"]!);
        Assert.False((bool)listed[decided]["overdue"]!);
        // On the list for its status in force, without a request: no deadline.
        Assert.Null(listed[alreadyPoor]["decisionDueBy"]);
        Assert.False((bool)listed[alreadyPoor]["overdue"]!);

        // Filed today (in Vietnam): due in 15 days, not overdue yet.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var current = await a.RegularRound(UrbanCommune, $"{today:yyyy-MM}");
        var (fresh, _) = await a.Household(UrbanCommune, api.UrbanVillage, "Lê Thị Mới");
        await a.Request(UrbanCommune, current, fresh, $"{today:yyyy-MM-dd}");
        var now = await Listed(current);
        Assert.Equal($"{today.AddDays(15):yyyy-MM-dd}", (string)now[fresh]["decisionDueBy"]!);
        Assert.False((bool)now[fresh]["overdue"]!);
    }
}
