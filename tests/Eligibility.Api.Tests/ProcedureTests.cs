using System.Net;
using System.Text.Json.Nodes;
using Eligibility.Api.Tests.Infrastructure;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>Review rounds and the procedure of Decision 24/2021: survey, village meeting, posting, complaint and re-check, recognition.</summary>
public sealed class ProcedureTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    readonly ProcedureArrange a = new(api);

    [Fact]
    public async Task TheWholePath_ForSeveralHouseholdsInTwoCommunes_EndsInTheirStatusHistories()
    {
        // Rural: one household on the poor list, one that files a request. Urban: two requests, in two villages.
        var (r1, _) = await a.Household(RuralCommune, api.RuralVillage, "Ka Điệp");
        await a.RecognisedPoor(RuralCommune, r1);
        var (r2, _) = await a.Household(RuralCommune, api.RuralVillage, "Cil Mup");
        var (u1, _) = await a.Household(UrbanCommune, api.UrbanVillage, "Trần Thị Lan");
        var (u2, _) = await a.Household(UrbanCommune, api.UrbanVillage2, "Lê Văn Hùng");

        var ruralRound = await a.Round(RuralCommune, new { kind = "periodic", year = 2026 });
        var again = await (await a.Client(RuralCommune).Post($"/api/v1/communes/{RuralCommune}/review-rounds", new { kind = "periodic", year = 2026 }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(ruralRound, (Guid)again["id"]!);
        Assert.Equal("2026-09-01", (string)again["windowStart"]!);
        Assert.Equal("2026-12-14", (string)again["windowEnd"]!);
        var urbanRound = await a.Round(UrbanCommune, new { kind = "periodic", year = 2026 });

        // Not on the list yet: refused until it files its request.
        Assert.Equal("not-listed", await ProcedureArrange.Refused(await a.TryReview(RuralCommune, ruralRound, r2, "2026-10-05", periodic: true)));
        await a.Request(RuralCommune, ruralRound, r2);
        await a.Request(UrbanCommune, urbanRound, u1);
        await a.Request(UrbanCommune, urbanRound, u2);

        var listed = (await a.Get(RuralCommune, $"/api/v1/review-rounds/{ruralRound}/households")).AsArray();
        Assert.Equal("poor", (string)listed.Single(h => (Guid)h!["householdId"]! == r1)!["statusInForce"]!);
        Assert.Equal("2026-09-01", (string)listed.Single(h => (Guid)h!["householdId"]! == r2)!["requestFiledOn"]!);

        // A survey outside the window.
        var outside = await (await a.TryReview(RuralCommune, ruralRound, r1, "2026-08-31", periodic: true)).ExpectProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("outside-review-window", (string)outside["code"]!);
        Assert.Equal("surveyDate", (string)outside["field"]!);

        var r1Review = await a.Review(RuralCommune, ruralRound, r1, "2026-10-05", periodic: true);
        Assert.Equal("review-in-progress", await ProcedureArrange.Refused(await a.TryReview(RuralCommune, ruralRound, r1, "2026-10-06", periodic: true)));
        var r2First = await a.Review(RuralCommune, ruralRound, r2, "2026-10-05", periodic: true);
        var u1Review = await a.Review(UrbanCommune, urbanRound, u1, "2026-10-06", periodic: true);
        var u2Review = await a.Review(UrbanCommune, urbanRound, u2, "2026-10-06", periodic: true);

        // Village meetings: r2's gets under 50% and goes back to survey, with a new review.
        await (await a.Meeting(RuralCommune, r1Review, "2026-10-09")).Expect(HttpStatusCode.OK);
        var rejected = await (await a.Meeting(RuralCommune, r2First, "2026-10-09", attendees: 20, inFavour: 9)).Expect(HttpStatusCode.OK);
        Assert.Equal("returned", (string)rejected["status"]!);
        var r2Review = await a.Review(RuralCommune, ruralRound, r2, "2026-10-12", periodic: true);
        await (await a.Meeting(RuralCommune, r2Review, "2026-10-14", attendees: 20, inFavour: 10)).Expect(HttpStatusCode.OK);
        await (await a.Meeting(UrbanCommune, u1Review, "2026-10-13")).Expect(HttpStatusCode.OK);
        await (await a.Meeting(UrbanCommune, u2Review, "2026-10-13")).Expect(HttpStatusCode.OK);

        // Posting: from Friday 16 October, three working days end on Tuesday 20.
        var posted = await (await a.Posting(RuralCommune, r1Review, "2026-10-16")).Expect(HttpStatusCode.OK);
        Assert.Equal("posted", (string)posted["status"]!);
        Assert.Equal("2026-10-20", (string)posted["procedure"]!["postingEnd"]!);
        await (await a.Posting(RuralCommune, r2Review, "2026-10-16")).Expect(HttpStatusCode.OK);
        await (await a.Posting(UrbanCommune, u1Review, "2026-10-19")).Expect(HttpStatusCode.OK);
        await (await a.Posting(UrbanCommune, u2Review, "2026-10-19")).Expect(HttpStatusCode.OK);

        // A complaint against u2, upheld by the re-check: posted again from the re-check day.
        await (await a.Complaint(UrbanCommune, u2Review, "2026-10-20")).Expect(HttpStatusCode.OK);
        Assert.Equal("review-disputed", await ProcedureArrange.Refused(await a.Recognise(UrbanCommune, u2Review, "2026-11-02")));
        var upheld = await (await a.Recheck(UrbanCommune, u2Review, "2026-10-26", "upheld")).Expect(HttpStatusCode.OK);
        Assert.Equal("posted", (string)upheld["status"]!);
        Assert.Equal("2026-10-28", (string)upheld["procedure"]!["postingEnd"]!);

        // A complaint against r1 that the re-check finds right: surveyed again.
        await (await a.Complaint(RuralCommune, r1Review, "2026-10-19")).Expect(HttpStatusCode.OK);
        var resurvey = await (await a.Recheck(RuralCommune, r1Review, "2026-10-22", "resurvey")).Expect(HttpStatusCode.OK);
        Assert.Equal("returned", (string)resurvey["status"]!);
        var r1Again = await a.Posted(RuralCommune, ruralRound, r1, "2026-10-23", "2026-10-26", "2026-10-27", periodic: true);

        // Rural: one decision for the two named reviews. Urban: one decision for all that are recognisable.
        var rural = await (await a.Client(RuralCommune).Post($"/api/v1/review-rounds/{ruralRound}/recognition",
            new { decisionNumber = "120/QĐ-UBND", decisionDate = "2026-11-02", signer = "Chủ tịch UBND xã", reviewIds = new[] { r1Again, r2Review } }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(2, rural["recognised"]!.AsArray().Count);
        var urban = await (await a.Client(UrbanCommune).Post($"/api/v1/review-rounds/{urbanRound}/recognition",
            new { decisionNumber = "88/QĐ-UBND", decisionDate = "2026-11-03", signer = "Chủ tịch UBND phường", all = true }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(new[] { u1Review, u2Review }.Order(), urban["recognised"]!.AsArray().Select(i => (Guid)i!).Order());

        var history = (await a.Get(RuralCommune, $"/api/v1/households/{r1}/status-history")).AsArray();
        Assert.Equal(["2026-03-10", "2027-01-01"], history.Select(s => (string)s!["effectiveDate"]!));
        Assert.Equal("2027-01-01", (string)history[0]!["validTo"]!);
        Assert.Equal("120/QĐ-UBND", (string)history[1]!["decision"]!["decisionNumber"]!);
        foreach (var (commune, household) in new[] { (UrbanCommune, u1), (UrbanCommune, u2), (RuralCommune, r2) })
            Assert.Equal("2027-01-01", (string)(await a.Get(commune, $"/api/v1/households/{household}/status-history")).AsArray().Single()!["effectiveDate"]!);

        var review = await a.Get(UrbanCommune, $"/api/v1/reviews/{u2Review}");
        Assert.Equal("recognised", (string)review["status"]!);
        Assert.Equal(["village-meeting-agreed", "posting", "complaint", "recheck-upheld"],
            review["procedure"]!["steps"]!.AsArray().Select(s => (string)s!["step"]!));

        // The posting list shows the recognised reviews, not the returned ones.
        var posting = await a.Get(RuralCommune, $"/api/v1/review-rounds/{ruralRound}/posting");
        Assert.Equal(new[] { r1Again, r2Review }.Order(), posting["items"]!.AsArray().Select(i => (Guid)i!["reviewId"]!).Order());
        Assert.All(posting["items"]!.AsArray(), i => Assert.Equal("recognised", (string)i!["status"]!));
    }

    [Fact]
    public async Task EveryIllegalStep_Is409_WithItsReason()
    {
        var round = await a.RegularRound(RuralCommune, "2026-10");
        var (household, _) = await a.Household(RuralCommune, api.RuralVillage, "Ka Thu");
        await a.Request(RuralCommune, round, household, "2026-10-01");
        var review = await a.Review(RuralCommune, round, household, "2026-10-05");

        Assert.Equal("meeting-not-held", await ProcedureArrange.Refused(await a.Recognise(RuralCommune, review, "2026-10-30")));
        Assert.Equal("meeting-not-held", await ProcedureArrange.Refused(await a.Posting(RuralCommune, review, "2026-10-08")));
        Assert.Equal("meeting-not-held", await ProcedureArrange.Refused(await a.Complaint(RuralCommune, review, "2026-10-08")));

        await (await a.Meeting(RuralCommune, review, "2026-10-07")).Expect(HttpStatusCode.OK);
        Assert.Equal("meeting-already-held", await ProcedureArrange.Refused(await a.Meeting(RuralCommune, review, "2026-10-08")));
        Assert.Equal("not-posted", await ProcedureArrange.Refused(await a.Recognise(RuralCommune, review, "2026-10-30")));
        Assert.Equal("not-posted", await ProcedureArrange.Refused(await a.Complaint(RuralCommune, review, "2026-10-08")));
        Assert.Equal("no-complaint", await ProcedureArrange.Refused(await a.Recheck(RuralCommune, review, "2026-10-08", "upheld")));

        // Posted Friday 9 October: Fri, Mon, Tue; recognisable from Wednesday 14.
        await (await a.Posting(RuralCommune, review, "2026-10-09")).Expect(HttpStatusCode.OK);
        Assert.Equal("already-posted", await ProcedureArrange.Refused(await a.Posting(RuralCommune, review, "2026-10-12")));
        var early = await (await a.Recognise(RuralCommune, review, "2026-10-13")).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal("posting-not-ended", (string)early["code"]!);
        Assert.Contains("2026-10-13", (string)early["detail"]!);
        Assert.Equal("outside-posting-period", await ProcedureArrange.Refused(await a.Complaint(RuralCommune, review, "2026-10-14")));

        await (await a.Complaint(RuralCommune, review, "2026-10-12")).Expect(HttpStatusCode.OK);
        Assert.Equal("review-disputed", await ProcedureArrange.Refused(await a.Recognise(RuralCommune, review, "2026-10-30")));
        Assert.Equal("review-disputed", await ProcedureArrange.Refused(await a.Posting(RuralCommune, review, "2026-10-14")));
        Assert.Equal("review-disputed", await ProcedureArrange.Refused(await a.Complaint(RuralCommune, review, "2026-10-12")));

        await (await a.Recheck(RuralCommune, review, "2026-10-15", "upheld")).Expect(HttpStatusCode.OK);
        // The new posting runs Thu 15, Fri 16, Mon 19.
        Assert.Equal("posting-not-ended", await ProcedureArrange.Refused(await a.Recognise(RuralCommune, review, "2026-10-19")));
        await (await a.Recognise(RuralCommune, review, "2026-10-20")).Expect(HttpStatusCode.OK);
        Assert.Equal("already-recognised", await ProcedureArrange.Refused(await a.Recognise(RuralCommune, review, "2026-10-21")));
        Assert.Equal("already-recognised", await ProcedureArrange.Refused(await a.Complaint(RuralCommune, review, "2026-10-16")));

        // A returned review takes no step; a review outside rounds takes none but recognition.
        var (other, _) = await a.Household(RuralCommune, api.RuralVillage, "Ka Nhi");
        await a.Request(RuralCommune, round, other, "2026-10-01");
        var returned = await a.Review(RuralCommune, round, other, "2026-10-05");
        await (await a.Meeting(RuralCommune, returned, "2026-10-07", attendees: 10, inFavour: 4)).Expect(HttpStatusCode.OK);
        Assert.Equal("review-returned", await ProcedureArrange.Refused(await a.Meeting(RuralCommune, returned, "2026-10-08")));
        Assert.Equal("review-returned", await ProcedureArrange.Refused(await a.Recognise(RuralCommune, returned, "2026-10-30")));

        var direct = await (await a.Client(RuralCommune).Post($"/api/v1/households/{other}/reviews", new
        {
            kind = "regular", surveyDate = "2026-10-05", incomePerPersonMonthly = 1_000_000, indicators = ProcedureArrange.Answers2022(),
        })).Expect(HttpStatusCode.Created);
        Assert.Null(direct["roundId"]);
        Assert.Equal("not-in-round", await ProcedureArrange.Refused(await a.Meeting(RuralCommune, (Guid)direct["id"]!, "2026-10-07")));
    }

    [Fact]
    public async Task BatchRecognition_IsAllOrNothing_AndListsEachRefusedReview()
    {
        var round = await a.RegularRound(UrbanCommune, "2026-10");
        var reviews = new List<Guid>();
        var households = new List<Guid>();
        foreach (var name in new[] { "Phạm Văn An", "Đỗ Thị Bình", "Vũ Văn Cường" })
        {
            var (household, _) = await a.Household(UrbanCommune, api.UrbanVillage, name);
            await a.Request(UrbanCommune, round, household, "2026-10-01");
            households.Add(household);
            reviews.Add(await a.Posted(UrbanCommune, round, household, "2026-10-05", "2026-10-07", "2026-10-08"));
        }
        await (await a.Complaint(UrbanCommune, reviews[1], "2026-10-09")).Expect(HttpStatusCode.OK);
        var stranger = Guid.NewGuid();

        var refused = await (await a.Client(UrbanCommune).Post($"/api/v1/review-rounds/{round}/recognition", new
        {
            decisionNumber = "77/QĐ-UBND", decisionDate = "2026-10-30", signer = "Chủ tịch UBND phường", reviewIds = new[] { reviews[0], reviews[1], reviews[2], stranger },
        })).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal("reviews-not-recognisable", (string)refused["code"]!);
        var reasons = refused["refused"]!.AsArray().ToDictionary(r => (Guid)r!["reviewId"]!, r => (string)r!["code"]!);
        Assert.Equal(new Dictionary<Guid, string> { [reviews[1]] = "review-disputed", [stranger] = "not-in-round" }, reasons);

        // Nothing was recognised: the good reviews are still posted, and no status was recorded.
        foreach (var (review, household) in reviews.Zip(households))
        {
            Assert.NotEqual("recognised", (string)(await a.Get(UrbanCommune, $"/api/v1/reviews/{review}"))["status"]!);
            Assert.Empty((await a.Get(UrbanCommune, $"/api/v1/households/{household}/status-history")).AsArray());
        }
        Assert.Equal(0L, await api.Scalar<long>("SELECT count(*) FROM household_statuses WHERE decision_number = '77/QĐ-UBND'"));

        // all=true leaves out the disputed one.
        var all = await (await a.Client(UrbanCommune).Post($"/api/v1/review-rounds/{round}/recognition", new
        {
            decisionNumber = "78/QĐ-UBND", decisionDate = "2026-10-30", signer = "Chủ tịch UBND phường", all = true,
        })).Expect(HttpStatusCode.OK);
        Assert.Equal(new[] { reviews[0], reviews[2] }.Order(), all["recognised"]!.AsArray().Select(i => (Guid)i!).Order());
        Assert.Equal("2026-10-30", (string)(await a.Get(UrbanCommune, $"/api/v1/households/{households[0]}/status-history")).AsArray().Single()!["effectiveDate"]!);
        var twice = await (await a.Client(UrbanCommune).Post($"/api/v1/review-rounds/{round}/recognition", new
        {
            decisionNumber = "79/QĐ-UBND", decisionDate = "2026-10-31", signer = "Chủ tịch", reviewIds = new[] { reviews[0] },
        })).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal("already-recognised", (string)twice["refused"]![0]!["code"]!);
    }

    [Fact]
    public async Task Rounds_AreSeenOnlyByOfficialsOfTheirCommune()
    {
        var round = await a.RegularRound(RuralCommune, "2026-08");
        var (household, _) = await a.Household(RuralCommune, api.RuralVillage, "Ka Mai");
        await a.Request(RuralCommune, round, household, "2026-08-03");
        var review = await a.Review(RuralCommune, round, household, "2026-08-05");

        var outsider = api.Official(UrbanCommune);
        foreach (var url in new[] { $"/api/v1/review-rounds/{round}", $"/api/v1/review-rounds/{round}/households", $"/api/v1/review-rounds/{round}/posting",
                     $"/api/v1/communes/{RuralCommune}/review-rounds", $"/api/v1/review-rounds/{Guid.NewGuid()}" })
            await (await outsider.GetAsync(url)).ExpectProblem(HttpStatusCode.NotFound);
        await (await outsider.Post($"/api/v1/reviews/{review}/village-meeting", new { heldOn = "2026-08-06", attendees = 10, votesInFavour = 9, chairedBy = "X" }))
            .ExpectProblem(HttpStatusCode.NotFound);
        await (await outsider.Post($"/api/v1/communes/{RuralCommune}/review-rounds", new { kind = "regular", month = "2026-08" }))
            .ExpectProblem(HttpStatusCode.NotFound);
        await (await outsider.Post($"/api/v1/review-rounds/{round}/recognition", new { decisionNumber = "1", decisionDate = "2026-08-30", signer = "X", all = true }))
            .ExpectProblem(HttpStatusCode.NotFound);

        var rounds = (await a.Get(RuralCommune, $"/api/v1/communes/{RuralCommune}/review-rounds")).AsArray();
        Assert.Contains(rounds, r => (Guid)r!["id"]! == round && (string)r["month"]! == "2026-08");
    }

    [Theory]
    [InlineData("""{ "kind": "periodic" }""", "year")]
    [InlineData("""{ "kind": "periodic", "year": 2026, "month": "2026-10" }""", "month")]
    [InlineData("""{ "kind": "regular" }""", "month")]
    [InlineData("""{ "kind": "regular", "month": "2026-13" }""", "month")]
    [InlineData("""{ "kind": "regular", "month": "2099-01" }""", "month")]
    [InlineData("""{ "kind": "periodic", "year": 2099 }""", "year")]
    public async Task OpeningARound_WithAnInvalidPeriod_Is400NamingTheField(string body, string field) =>
        Assert.Contains(field, await (await a.Client(RuralCommune).Post($"/api/v1/communes/{RuralCommune}/review-rounds", body)).ExpectValidationErrors());

    [Fact]
    public async Task TheVillageMeeting_CannotCountMoreVotesThanAttendees()
    {
        var round = await a.RegularRound(RuralCommune, "2026-07");
        var (household, _) = await a.Household(RuralCommune, api.RuralVillage, "Ka Hoa");
        await a.Request(RuralCommune, round, household, "2026-07-01");
        var review = await a.Review(RuralCommune, round, household, "2026-07-02");
        Assert.Contains("votesInFavour", await (await a.Meeting(RuralCommune, review, "2026-07-03", attendees: 5, inFavour: 6)).ExpectValidationErrors());
    }
}
