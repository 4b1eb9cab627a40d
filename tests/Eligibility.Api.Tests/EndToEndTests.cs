using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Eligibility.Api.Tests.Infrastructure;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>
/// What a commune and its associations do in a month, through the API only, in two communes: a review round to its
/// recognised statuses (with a complaint and a re-check), loan requests (one refused as ineligible), the group meeting,
/// and the commune's confirmation list with one line refused, signed and exported.
/// </summary>
public sealed class EndToEndTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    readonly ProcedureArrange a = new(api);

    [Theory]
    [InlineData(RuralCommune)]
    [InlineData(UrbanCommune)]
    public async Task FromReviewRoundToSignedConfirmationList(string commune)
    {
        var village = commune == RuralCommune ? api.RuralVillage : api.UrbanVillage;
        var official = api.Official(commune);

        // The round: three households file requests; two are surveyed and go through the procedure.
        var (poor, _) = await a.Household(commune, village, "Hà Thị Nghèo");
        var (disputed, _) = await a.Household(commune, village, "Lò Văn Khiếu");
        var (unreviewed, _) = await a.Household(commune, village, "Mai Văn Chưa");
        var round = await a.RegularRound(commune, "2026-10");
        foreach (var household in new[] { poor, disputed, unreviewed })
            await a.Request(commune, round, household, "2026-10-01");

        var poorReview = await a.Posted(commune, round, poor, "2026-10-05", meeting: "2026-10-06", posting: "2026-10-07");
        var disputedReview = await a.Posted(commune, round, disputed, "2026-10-05", meeting: "2026-10-06", posting: "2026-10-07");
        await (await a.Complaint(commune, disputedReview, "2026-10-08")).Expect(HttpStatusCode.OK);
        Assert.Equal("review-disputed", await ProcedureArrange.Refused(await a.Recognise(commune, disputedReview, "2026-10-20")));
        await (await a.Recheck(commune, disputedReview, "2026-10-09", "upheld")).Expect(HttpStatusCode.OK);

        var recognised = await (await official.Post($"/api/v1/review-rounds/{round}/recognition", new
        {
            decisionNumber = "45/QĐ-UBND", decisionDate = "2026-10-20", signer = "Chủ tịch UBND", reviewIds = new[] { poorReview, disputedReview },
        })).Expect(HttpStatusCode.OK);
        Assert.Equal(2, recognised["recognised"]!.AsArray().Count);
        foreach (var household in new[] { poor, disputed })
        {
            var history = (await a.Get(commune, $"/api/v1/households/{household}/status-history")).AsArray();
            Assert.Equal("poor", (string)Assert.Single(history)!["classification"]!);
        }

        // The association, its group, the three households as members.
        var association = (Guid)(await (await official.Post($"/api/v1/communes/{commune}/associations", new { kind = "womens-union" }))
            .Expect(HttpStatusCode.Created))["id"]!;
        var officer = api.AssociationOfficer(association);
        var group = (Guid)(await (await officer.Post($"/api/v1/associations/{association}/groups",
            new { name = "Tổ TK&VV số 1", villageIds = new[] { village }, leaderName = "Hà Thị Nghèo" })).Expect(HttpStatusCode.Created))["id"]!;
        foreach (var household in new[] { poor, disputed, unreviewed })
            await (await officer.Post($"/api/v1/groups/{group}/members", new { householdId = household, joinedOn = "2026-10-02" })).Expect(HttpStatusCode.Created);

        // Loan requests: the two recognised poor households are accepted; the household without a status is refused.
        async Task<HttpResponseMessage> File(Guid household, decimal amount)
        {
            var head = (string)(await a.Get(commune, $"/api/v1/households/{household}"))["headMemberId"]!;
            return await officer.Post($"/api/v1/groups/{group}/loan-requests", new
            {
                householdId = household, borrowerMemberId = head, programme = "poor-household", amount, purpose = "Nuôi bò sinh sản",
                termMonths = 36, filedOn = "2026-10-25",
            });
        }
        var first = (Guid)(await (await File(poor, 50_000_000)).Expect(HttpStatusCode.Created))["id"]!;
        var second = (Guid)(await (await File(disputed, 30_000_000)).Expect(HttpStatusCode.Created))["id"]!;
        var refused = await (await File(unreviewed, 20_000_000)).ExpectProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(refused["reasons"]!.AsArray(), r => (string)r!["code"]! == "not-eligible");

        var pending = await (await officer.GetAsync($"/api/v1/groups/{group}/pending-requests")).Expect(HttpStatusCode.OK);
        Assert.Equal(2, (pending as JsonArray ?? pending["items"]!.AsArray()).Count);

        await (await officer.Post($"/api/v1/groups/{group}/meetings", new
        {
            heldOn = "2026-10-28", attendees = 3, membersTotal = 3, chairedBy = "Hà Thị Nghèo",
            decisions = new[] { new { requestId = first, decision = "approved" }, new { requestId = second, decision = "approved" } },
        })).Expect(HttpStatusCode.Created);

        // The commune's confirmation list: both lines, eligibility re-checked; one confirmed, one refused; signed.
        var compiled = await official.Post($"/api/v1/communes/{commune}/confirmation-lists", new { asOf = "2026-11-01" });
        var list = await compiled.Expect(HttpStatusCode.Created);
        var lines = list["lines"]!.AsArray();
        Assert.Equal(new[] { first, second }.Order(), lines.Select(l => (Guid)l!["requestId"]!).Order());
        Assert.All(lines, l => Assert.False((bool)l!["flagged"]!));
        var id = (string)list["id"]!;
        var etag = compiled.ETag();
        foreach (var line in lines)
        {
            var confirm = (Guid)line!["requestId"]! == first;
            var decided = await official.Post($"/api/v1/confirmation-lists/{id}/lines/{line["id"]}/decision",
                confirm ? new { result = "confirmed", reason = (string?)null } : new { result = "refused", reason = (string?)"Hộ đang có dư nợ quá hạn" }, etag);
            await decided.Expect(HttpStatusCode.OK);
            etag = decided.ETag();
        }
        var signed = await (await official.Post($"/api/v1/confirmation-lists/{id}/signature",
            new { number = "12/DS-UBND", date = "2026-11-02", signer = "Chủ tịch UBND" }, etag)).Expect(HttpStatusCode.OK);
        Assert.Equal("signed", (string)signed["status"]!);
        Assert.Equal(64, ((string)signed["contentHash"]!).Length);
        await (await official.Post($"/api/v1/confirmation-lists/{id}/lines/{lines[0]!["id"]}/decision", new { result = "refused", reason = "Sửa" }, etag))
            .ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal("confirmed", (string)(await (await officer.GetAsync($"/api/v1/loan-requests/{first}")).Expect(HttpStatusCode.OK))["status"]!);
        Assert.Equal("refused", (string)(await (await officer.GetAsync($"/api/v1/loan-requests/{second}")).Expect(HttpStatusCode.OK))["status"]!);

        // The exports say what the JSON says, with the form's Vietnamese headings.
        var json = (await (await official.GetAsync($"/api/v1/confirmation-lists/{id}")).Expect(HttpStatusCode.OK))["lines"]!.AsArray();
        var expected = json.Select(l => new[]
        {
            ((int)l!["stt"]!).ToString(CultureInfo.InvariantCulture), (string)l["borrowerName"]!, (string)l["villageName"]!,
            ((decimal)l["amount"]!).ToString(CultureInfo.InvariantCulture), (string)l["purpose"]!,
        }).ToList();
        var csv = ExportReader.Csv(await (await official.GetAsync($"/api/v1/confirmation-lists/{id}?format=csv")).Content.ReadAsByteArrayAsync());
        var xlsx = ExportReader.Xlsx(await (await official.GetAsync($"/api/v1/confirmation-lists/{id}?format=xlsx")).Content.ReadAsByteArrayAsync());
        foreach (var rows in new[] { csv, xlsx })
        {
            Assert.Equal("STT", rows[0][0]);
            Assert.Equal("Họ và tên người vay", rows[0][1]);
            Assert.Equal(expected.Count, rows.Count - 1);
            var columns = new[] { 0, 1, 2, 5, 6 };
            Assert.Equal(expected, rows.Skip(1).Select(r => columns.Select(c => r[c]).ToArray()).ToList());
            Assert.Contains(rows.Skip(1), r => r.Contains("Hộ đang có dư nợ quá hạn"));
        }
    }
}
