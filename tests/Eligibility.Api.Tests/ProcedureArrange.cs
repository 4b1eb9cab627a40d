using System.Net;
using System.Text.Json.Nodes;
using Eligibility.Api.Tests.Infrastructure;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>Households, rounds and reviews for the procedure tests.</summary>
public sealed class ProcedureArrange(RegistryApi api)
{
    public const string Chair = "Trưởng thôn";

    public static Dictionary<string, bool> Answers2022(params string[] deprived) =>
        new[] { "employment", "dependants", "nutrition", "health-insurance", "adult-education", "child-schooling", "housing-quality",
                "housing-area", "drinking-water", "sanitation", "telecom-use", "information-access" }
            .ToDictionary(c => c, c => deprived.Contains(c));

    public static Dictionary<string, bool> Answers2027(params string[] deprived) =>
        new[] { "employment", "dependants", "nutrition", "health-insurance", "adult-education", "child-schooling", "housing-quality",
                "housing-area", "drinking-water", "sanitation", "waste-treatment", "telecom-use" }
            .ToDictionary(c => c, c => deprived.Contains(c));

    public HttpClient Client(string commune) => api.Official(commune);

    /// <summary>A household whose head has an ID number and a date of birth (neither may reach the posting list).</summary>
    public async Task<(Guid Id, string PersonalId)> Household(string commune, Guid village, string headName, string dateOfBirth = "1979-03-21")
    {
        var personalId = PersonalId("female", int.Parse(dateOfBirth[..4]), Random.Shared.Next(1, 999_999));
        var response = await Client(commune).Post("/api/v1/households",
            Arrange.Household(commune, village, Member(headName, dateOfBirth, "female", "head", personalId)));
        return ((Guid)(await response.Expect(HttpStatusCode.Created))["id"]!, personalId);
    }

    /// <summary>Poor by a review outside rounds, recognised directly in March 2026: on the poor list from then.</summary>
    public async Task RecognisedPoor(string commune, Guid household)
    {
        var client = Client(commune);
        var review = await (await client.Post($"/api/v1/households/{household}/reviews", new
        {
            kind = "regular", surveyDate = "2026-03-02", incomePerPersonMonthly = 1_000_000, indicators = Answers2022("employment", "nutrition", "sanitation"),
        })).Expect(HttpStatusCode.Created);
        await (await client.Post($"/api/v1/reviews/{review["id"]}/recognition", new { decisionNumber = "05/QĐ-UBND", decisionDate = "2026-03-10", signer = "Chủ tịch UBND" }))
            .Expect(HttpStatusCode.OK);
    }

    public async Task<Guid> Round(string commune, object body)
    {
        var response = await Client(commune).Post($"/api/v1/communes/{commune}/review-rounds", body);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{response.StatusCode}");
        return (Guid)(await response.Json())["id"]!;
    }

    public Task<Guid> RegularRound(string commune, string month) => Round(commune, new { kind = "regular", month });

    public async Task Request(string commune, Guid round, Guid household, string filedOn = "2026-09-01") =>
        await (await Client(commune).Post($"/api/v1/review-rounds/{round}/requests", new { householdId = household, filedOn, reason = "Gia đình có người ốm nặng" }))
            .Expect(HttpStatusCode.Created);

    public Task<HttpResponseMessage> TryReview(string commune, Guid round, Guid household, string surveyDate, bool periodic, int income = 1_000_000) =>
        Client(commune).Post($"/api/v1/review-rounds/{round}/reviews", new
        {
            householdId = household, surveyDate, incomePerPersonMonthly = income,
            indicators = periodic ? Answers2027("employment", "nutrition", "waste-treatment") : Answers2022("employment", "nutrition", "sanitation"),
        });

    public async Task<Guid> Review(string commune, Guid round, Guid household, string surveyDate, bool periodic = false, int income = 1_000_000) =>
        (Guid)(await (await TryReview(commune, round, household, surveyDate, periodic, income)).Expect(HttpStatusCode.Created))["id"]!;

    public Task<HttpResponseMessage> Meeting(string commune, Guid review, string heldOn, int attendees = 20, int inFavour = 15) =>
        Client(commune).Post($"/api/v1/reviews/{review}/village-meeting", new { heldOn, attendees, votesInFavour = inFavour, chairedBy = Chair });

    public Task<HttpResponseMessage> Posting(string commune, Guid review, string startDate) =>
        Client(commune).Post($"/api/v1/reviews/{review}/posting", new { startDate });

    public Task<HttpResponseMessage> Complaint(string commune, Guid review, string receivedOn) =>
        Client(commune).Post($"/api/v1/reviews/{review}/complaints", new { receivedOn, summary = "Thu nhập của hộ được ghi thấp hơn thực tế" });

    public Task<HttpResponseMessage> Recheck(string commune, Guid review, string checkedOn, string outcome) =>
        Client(commune).Post($"/api/v1/reviews/{review}/recheck", new { checkedOn, outcome, note = "Tổ phúc tra đã xác minh" });

    public Task<HttpResponseMessage> Recognise(string commune, Guid review, string decisionDate) =>
        Client(commune).Post($"/api/v1/reviews/{review}/recognition", new { decisionNumber = "20/QĐ-UBND", decisionDate, signer = "Chủ tịch UBND" });

    /// <summary>Surveyed, agreed by the village meeting and posted: the usual state before recognition.</summary>
    public async Task<Guid> Posted(string commune, Guid round, Guid household, string surveyDate, string meeting, string posting, bool periodic = false)
    {
        var review = await Review(commune, round, household, surveyDate, periodic);
        await (await Meeting(commune, review, meeting)).Expect(HttpStatusCode.OK);
        await (await Posting(commune, review, posting)).Expect(HttpStatusCode.OK);
        return review;
    }

    public static async Task<string> Refused(HttpResponseMessage response)
    {
        var problem = await response.ExpectProblem(HttpStatusCode.Conflict);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
        return (string)problem["code"]!;
    }

    public async Task<JsonNode> Get(string commune, string url) => await (await Client(commune).GetAsync(url)).Expect(HttpStatusCode.OK);
}
