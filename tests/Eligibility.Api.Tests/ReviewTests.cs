using System.Net;
using System.Text.Json.Nodes;
using Eligibility.Api.Tests.Infrastructure;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

public sealed class ReviewTests(RegistryApi api) : IClassFixture<RegistryApi>
{
    readonly HttpClient rural = api.Official(RuralCommune);

    /// <summary>Every indicator of 2022-2025 answered "not deprived", except the ones named.</summary>
    static Dictionary<string, bool> Answers2022(params string[] deprived) =>
        new[] { "employment", "dependants", "nutrition", "health-insurance", "adult-education", "child-schooling", "housing-quality",
                "housing-area", "drinking-water", "sanitation", "telecom-use", "information-access" }
            .ToDictionary(c => c, c => deprived.Contains(c));

    static Dictionary<string, bool> Answers2027(params string[] deprived) =>
        new[] { "employment", "dependants", "nutrition", "health-insurance", "adult-education", "child-schooling", "housing-quality",
                "housing-area", "drinking-water", "sanitation", "waste-treatment", "telecom-use" }
            .ToDictionary(c => c, c => deprived.Contains(c));

    async Task<Guid> RuralHousehold(params object[] members)
    {
        var response = await rural.Post("/api/v1/households", Household(RuralCommune, api.RuralVillage,
            members.Length > 0 ? members : [Member("Ka Điệp", "1985-07-07", "female", "head")]));
        return (Guid)(await response.Expect(HttpStatusCode.Created))["id"]!;
    }

    async Task<JsonNode> Review(Guid household, object body, HttpStatusCode expected = HttpStatusCode.Created) =>
        await (await rural.Post($"/api/v1/households/{household}/reviews", body)).Expect(expected);

    async Task<JsonNode> Recognise(Guid review, string date, string number = "15/QĐ-UBND") =>
        await (await rural.Post($"/api/v1/reviews/{review}/recognition", new { decisionNumber = number, decisionDate = date, signer = "Chủ tịch UBND xã" }))
            .Expect(HttpStatusCode.OK);

    [Theory]
    [InlineData(1_500_000, 3, "poor")]
    [InlineData(1_500_000, 2, "near-poor")]
    [InlineData(1_499_999, 2, "near-poor")]
    [InlineData(1_500_001, 3, "middle-living")]
    [InlineData(2_250_000, 0, "middle-living")]
    [InlineData(2_250_001, 0, "not-poor")]
    public async Task ARegularReviewIn2026_ClassifiesUnder2022To2025_AtTheRuralBoundaries(int income, int deprivations, string expected)
    {
        var household = await RuralHousehold();
        var deprived = new[] { "employment", "nutrition", "sanitation" }.Take(deprivations).ToArray();
        var review = await Review(household, new { kind = "regular", surveyDate = "2026-10-01", incomePerPersonMonthly = income, indicators = Answers2022(deprived) });

        Assert.Equal(expected, (string)review["classification"]!);
        Assert.Equal("2022-2025", (string)review["standard"]!);
        Assert.Equal(1_500_000m, (decimal)review["povertyLine"]!);
        Assert.Equal(deprivations, (int)review["deprivationCount"]!);
        Assert.Equal("rural", (string)review["areaType"]!);
        Assert.Equal("classified", (string)review["status"]!);
        Assert.NotEmpty(review["reasons"]!.AsArray());
        Assert.All(review["reasons"]!.AsArray(), r => Assert.False(string.IsNullOrEmpty((string)r!["messageVi"]!)));
        Assert.Equal(12, review["indicators"]!.AsArray().Count);
    }

    [Fact]
    public async Task APeriodicReviewOf2026_TakesEffectOn2027_01_01_AndUsesThe2027To2030Standard()
    {
        var household = await RuralHousehold();
        var review = await Review(household, new
        {
            kind = "periodic", periodYear = 2026, surveyDate = "2026-10-15", incomePerPersonMonthly = 2_200_000,
            indicators = Answers2027("employment", "nutrition", "waste-treatment"),
        });
        Assert.Equal("2027-2030", (string)review["standard"]!);
        Assert.Equal("2027-01-01", (string)review["effectiveDate"]!);
        Assert.Equal(2_200_000m, (decimal)review["povertyLine"]!);
        Assert.Equal("poor", (string)review["classification"]!);
        Assert.Contains("2027", (string)review["standardReason"]!["messageEn"]!);

        // The old standard's indicator is not one of the new standard's.
        var problem = await Review(household, new
        {
            kind = "periodic", periodYear = 2026, surveyDate = "2026-10-15", incomePerPersonMonthly = 2_200_000,
            indicators = Answers2022(),
        }, HttpStatusCode.BadRequest);
        Assert.Contains("indicators.information-access", problem["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task MechanicalIndicators_AreDerivedFromMemberFactsAndFloorArea_AndSaySo()
    {
        var household = await RuralHousehold(
            new { fullName = "Đinh Văn Thắng", dateOfBirth = "1990-12-01", sex = "male", relationship = "head", hasHealthInsurance = false },
            new { fullName = "Đinh Thị Hường", dateOfBirth = "1993-04-18", sex = "female", relationship = "spouse", hasHealthInsurance = true },
            new { fullName = "Đinh Văn Bé", dateOfBirth = "2016-02-02", sex = "male", relationship = "child", hasHealthInsurance = true, schooling = "at-right-level" });
        var answers = Answers2022();
        foreach (var derived in new[] { "housing-area", "health-insurance", "dependants", "child-schooling" })
            answers.Remove(derived);

        var review = await Review(household, new { kind = "regular", surveyDate = "2026-09-01", householdIncome12Months = 36_000_000, floorArea = 23.9, indicators = answers });

        Assert.Equal(1_000_000m, (decimal)review["incomePerPersonMonthly"]!);
        var derivedCodes = review["derivedIndicators"]!.AsArray().Select(c => (string)c!).Order().ToList();
        Assert.Equal(new[] { "child-schooling", "dependants", "health-insurance", "housing-area" }, derivedCodes);
        var indicators = review["indicators"]!.AsArray().ToDictionary(i => (string)i!["code"]!);
        Assert.True((bool)indicators["housing-area"]!["deprived"]!);       // 23.9 m² for 3 people: under 8 m² each
        Assert.True((bool)indicators["health-insurance"]!["deprived"]!);   // the head is uninsured
        Assert.False((bool)indicators["dependants"]!["deprived"]!);        // 1 child of 3 members
        Assert.False((bool)indicators["child-schooling"]!["deprived"]!);
        Assert.Equal("derived", (string)indicators["housing-area"]!["source"]!);
        Assert.Equal("recorded", (string)indicators["employment"]!["source"]!);
        Assert.Equal(2, (int)review["deprivationCount"]!);
        Assert.Equal("near-poor", (string)review["classification"]!);
    }

    [Fact]
    public async Task AStoredReview_ReadsBackInTheWordsItWasRecordedWith_FromItsCodesAndValues()
    {
        var household = await RuralHousehold(
            new { fullName = "Hà Văn Lâm", dateOfBirth = "1988-03-09", sex = "male", relationship = "head", hasHealthInsurance = true },
            new { fullName = "Hà Thị Nga", dateOfBirth = "2015-05-05", sex = "female", relationship = "child", hasHealthInsurance = true });
        var answers = Answers2022("employment", "nutrition", "sanitation");
        answers.Remove("housing-area");
        var recorded = await Review(household, new { kind = "regular", surveyDate = "2026-09-01", incomePerPersonMonthly = 1_234_567.89, floorArea = 15.5, indicators = answers });
        var id = (Guid)recorded["id"]!;

        var read = await (await rural.GetAsync($"/api/v1/reviews/{id}")).Expect(HttpStatusCode.OK);

        foreach (var part in new[] { "standardReason", "reasons", "indicators", "derivedIndicators", "classification" })
            Assert.True(JsonNode.DeepEquals(recorded[part], read[part]), $"{part}: {recorded[part]} then {read[part]}");
        Assert.Contains("1.234.567,89 đồng", (string)read["reasons"]![0]!["messageVi"]!);
        var housing = read["indicators"]!.AsArray().Single(i => (string)i!["code"]! == "housing-area")!;
        Assert.Equal("Diện tích nhà ở bình quân đầu người", (string)housing["nameVi"]!);
        Assert.Equal("Floor area of 7.75 m² per person, under 8 m².", (string)housing["reason"]!["messageEn"]!);

        // What is kept: codes and values; the words and the indicators' names are written when read.
        var stored = await api.Scalar<string>("SELECT concat_ws(' ', standard_reason, reasons, indicators) FROM poverty_reviews WHERE id = @id", ("id", id));
        Assert.Contains("\"args\":[\"1234567.89\",\"rural\",\"1500000\",\"2022-2025\"]", stored);
        Assert.DoesNotContain("message", stored);
        Assert.DoesNotContain("Diện tích", stored);
    }

    [Fact]
    public async Task AReviewStoredWithItsWordsInFull_ReadsAsStored()
    {
        var household = await RuralHousehold();
        var recorded = await Review(household, new { kind = "regular", surveyDate = "2026-09-01", incomePerPersonMonthly = 900_000, indicators = Answers2022("employment") });
        var id = (Guid)recorded["id"]!;
        // The shape every reason and indicator had before templates: messages and names written out.
        await api.Scalar<object>("""
            UPDATE poverty_reviews SET
                reasons = '[{"code":"income-at-or-below-line","messageVi":"Lời cũ.","messageEn":"Old words."}]',
                indicators = (SELECT json_agg(json_build_object('code', i->>'code', 'nameVi', 'Tên cũ', 'nameEn', 'Old name', 'service', 'old',
                    'deprived', (i->>'deprived')::boolean, 'source', i->>'source', 'reason', NULL)) FROM json_array_elements(indicators) i)
            WHERE id = @id
            """, ("id", id));

        var read = await (await rural.GetAsync($"/api/v1/reviews/{id}")).Expect(HttpStatusCode.OK);

        Assert.Equal("Old words.", (string)read["reasons"]![0]!["messageEn"]!);
        Assert.Equal("Lời cũ.", (string)read["reasons"]![0]!["messageVi"]!);
        var employment = read["indicators"]!.AsArray().Single(i => (string)i!["code"]! == "employment")!;
        Assert.True((bool)employment["deprived"]!);
        Assert.Equal("Việc làm", (string)employment["nameVi"]!);
    }

    public static TheoryData<string, string> BadReviews => new()
    {
        { """{"kind":"regular","surveyDate":"2026-10-01","incomePerPersonMonthly":-1,"indicators":{}}""", "incomePerPersonMonthly" },
        { """{"kind":"regular","surveyDate":"2099-10-01","incomePerPersonMonthly":1000000,"indicators":{}}""", "surveyDate" },
        { """{"kind":"regular","surveyDate":"2026-10-01","indicators":{}}""", "incomePerPersonMonthly" },
        { """{"kind":"regular","surveyDate":"2026-10-01","incomePerPersonMonthly":1,"householdIncome12Months":12,"indicators":{}}""", "incomePerPersonMonthly" },
        { """{"kind":"periodic","surveyDate":"2026-10-01","incomePerPersonMonthly":1000000,"indicators":{}}""", "periodYear" },
        { """{"kind":"periodic","periodYear":2025,"surveyDate":"2026-10-01","incomePerPersonMonthly":1000000,"indicators":{}}""", "periodYear" },
        { """{"kind":"sometimes","surveyDate":"2026-10-01","incomePerPersonMonthly":1000000,"indicators":{}}""", "kind" },
        { """{"kind":"regular","surveyDate":"2026-10-01","incomePerPersonMonthly":1000000,"indicators":{"employment":true}}""", "indicators.nutrition" },
        { """{"kind":"regular","surveyDate":"2026-10-01","incomePerPersonMonthly":1000000,"indicators":{"happiness":true}}""", "indicators.happiness" },
        { """{"kind":"regular","surveyDate":"2026-10-01","incomePerPersonMonthly":1000000,"indicators":{"employment":"yes"}}""", "indicators.employment" },
    };

    [Theory]
    [MemberData(nameof(BadReviews))]
    public async Task BadReviews_Are400NamingTheField_AndStoreNothing(string body, string field)
    {
        var household = await RuralHousehold();
        var fields = await (await rural.Post($"/api/v1/households/{household}/reviews", body)).ExpectValidationErrors();
        Assert.Contains(field, fields);
        Assert.Equal(0L, await api.Scalar<long>("SELECT count(*) FROM poverty_reviews WHERE household_id = @h", ("h", household)));
    }

    [Fact]
    public async Task Recognition_MakesTheResultTheOfficialStatus_AndRecognisingTwiceIs409()
    {
        var household = await RuralHousehold();
        var review = await Review(household, new { kind = "regular", surveyDate = "2026-03-02", incomePerPersonMonthly = 1_200_000, indicators = Answers2022("employment", "nutrition", "sanitation") });
        Assert.Empty((await (await rural.GetAsync($"/api/v1/households/{household}/status-history")).Expect(HttpStatusCode.OK)).AsArray());

        var recognised = await Recognise((Guid)review["id"]!, "2026-03-10");
        Assert.Equal("recognised", (string)recognised["status"]!);
        Assert.Equal("2026-03-10", (string)recognised["effectiveDate"]!);   // a regular review takes effect on its decision
        Assert.Equal("15/QĐ-UBND", (string)recognised["recognition"]!["decisionNumber"]!);

        var history = await (await rural.GetAsync($"/api/v1/households/{household}/status-history")).Expect(HttpStatusCode.OK);
        var status = Assert.Single(history.AsArray())!;
        Assert.Equal("poor", (string)status["classification"]!);
        Assert.Equal("2026-03-10", (string)status["effectiveDate"]!);
        Assert.Equal("2022-2025", (string)status["standard"]!);

        var again = await rural.Post($"/api/v1/reviews/{review["id"]}/recognition", new { decisionNumber = "16/QĐ-UBND", decisionDate = "2026-03-11", signer = "x" });
        await again.ExpectProblem(HttpStatusCode.Conflict);
        Assert.Single((await (await rural.GetAsync($"/api/v1/households/{household}/status-history")).Expect(HttpStatusCode.OK)).AsArray());
    }

    [Fact]
    public async Task TheStatusChain_EndsEachStatusWhenTheNextTakesEffect_AndDatesTheEscape()
    {
        var household = await RuralHousehold();
        var poor = await Review(household, new { kind = "regular", surveyDate = "2024-02-01", incomePerPersonMonthly = 900_000, indicators = Answers2022("employment", "nutrition", "sanitation") });
        await Recognise((Guid)poor["id"]!, "2024-02-15", "1/QĐ");
        var middle = await Review(household, new { kind = "periodic", periodYear = 2025, surveyDate = "2025-10-01", incomePerPersonMonthly = 2_000_000, indicators = Answers2022() });
        await Recognise((Guid)middle["id"]!, "2025-12-20", "2/QĐ");
        var notPoor = await Review(household, new { kind = "regular", surveyDate = "2026-05-01", incomePerPersonMonthly = 5_000_000, indicators = Answers2022() });
        await Recognise((Guid)notPoor["id"]!, "2026-05-05", "3/QĐ");

        var history = (await (await rural.GetAsync($"/api/v1/households/{household}/status-history")).Expect(HttpStatusCode.OK)).AsArray();
        Assert.Equal(new[] { "poor", "middle-living", "not-poor" }, history.Select(s => (string)s!["classification"]!));
        Assert.Equal(new[] { "2024-02-15", "2026-01-01", "2026-05-05" }, history.Select(s => (string)s!["effectiveDate"]!));
        Assert.Equal(new string?[] { "2026-01-01", "2026-05-05", null }, history.Select(s => (string?)s!["validTo"]));
        Assert.Equal(new string?[] { null, "2026-01-01", "2026-01-01" }, history.Select(s => (string?)s!["escapeDate"]));
        Assert.Equal(new[] { "1/QĐ", "2/QĐ", "3/QĐ" }, history.Select(s => (string)s!["decision"]!["decisionNumber"]!));
    }

    [Fact]
    public async Task AReviewOnADayNoStandardCovers_Is422NamingTheField()
    {
        var household = await RuralHousehold();
        var problem = await (await rural.Post($"/api/v1/households/{household}/reviews",
            new { kind = "regular", surveyDate = "2021-06-01", incomePerPersonMonthly = 1_000_000, indicators = Answers2022() })).ExpectProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("surveyDate", (string)problem["field"]!);
        Assert.Equal("no-standard-in-force", (string)problem["code"]!);
    }

    [Fact]
    public async Task ADecisionBeforeTheSurvey_IsRefused()
    {
        var household = await RuralHousehold();
        var review = await Review(household, new { kind = "regular", surveyDate = "2026-06-01", incomePerPersonMonthly = 1_000_000, indicators = Answers2022() });
        var response = await rural.Post($"/api/v1/reviews/{review["id"]}/recognition", new { decisionNumber = "9/QĐ", decisionDate = "2026-05-31", signer = "x" });
        Assert.Contains("decisionDate", await response.ExpectValidationErrors());
    }

    [Fact]
    public async Task ReviewsOfAnotherCommune_AreNotFound()
    {
        var household = await RuralHousehold();
        var review = await Review(household, new { kind = "regular", surveyDate = "2026-06-01", incomePerPersonMonthly = 1_000_000, indicators = Answers2022() });
        var outsider = api.Official(UrbanCommune);
        await (await outsider.GetAsync($"/api/v1/reviews/{review["id"]}")).ExpectProblem(HttpStatusCode.NotFound);
        await (await outsider.Post($"/api/v1/reviews/{review["id"]}/recognition", new { decisionNumber = "9/QĐ", decisionDate = "2026-06-02", signer = "x" })).ExpectProblem(HttpStatusCode.NotFound);
        await (await outsider.Post($"/api/v1/households/{household}/reviews", new { kind = "regular", surveyDate = "2026-06-01", incomePerPersonMonthly = 1, indicators = Answers2022() })).ExpectProblem(HttpStatusCode.NotFound);
        await (await outsider.GetAsync($"/api/v1/households/{household}/status-history")).ExpectProblem(HttpStatusCode.NotFound);

        var read = await (await rural.GetAsync($"/api/v1/reviews/{review["id"]}")).Expect(HttpStatusCode.OK);
        Assert.Equal((string)review["id"]!, (string)read["id"]!);
    }
}

public sealed class PolicyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Standards_AreDataWithTheirOwnIndicatorLists()
    {
        var client = api.Official("24778");
        var standards = (await (await client.GetAsync("/api/v1/standards")).Expect(HttpStatusCode.OK)).AsArray();
        Assert.Equal(new[] { "2022-2025", "2027-2030" }, standards.Select(s => (string)s!["code"]!));

        var old = await (await client.GetAsync("/api/v1/standards/2022-2025")).Expect(HttpStatusCode.OK);
        Assert.Equal(1_500_000m, (decimal)old["figures"]![0]!["ruralLine"]!);
        Assert.Equal(2_000_000m, (decimal)old["figures"]![0]!["urbanLine"]!);
        Assert.Equal(1.5m, (decimal)old["figures"]![0]!["middleLivingFactor"]!);
        Assert.Equal(3, (int)old["figures"]![0]!["deprivationThreshold"]!);
        Assert.Equal(12, old["indicators"]!.AsArray().Count);
        Assert.Contains(old["indicators"]!.AsArray(), i => (string)i!["code"]! == "information-access");

        var next = await (await client.GetAsync("/api/v1/standards/2027-2030")).Expect(HttpStatusCode.OK);
        Assert.Equal(2_200_000m, (decimal)next["figures"]![0]!["ruralLine"]!);
        Assert.Equal(2_800_000m, (decimal)next["figures"]![0]!["urbanLine"]!);
        Assert.DoesNotContain(next["indicators"]!.AsArray(), i => (string)i!["code"]! == "information-access");
        Assert.Contains(next["indicators"]!.AsArray(), i => (string)i!["code"]! == "waste-treatment");

        await (await client.GetAsync("/api/v1/standards/1990-1995")).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("2025-11-30", "poor-household", 6.6, 100_000_000)]
    [InlineData("2025-12-01", "poor-household", 6.24, 100_000_000)]
    [InlineData("2025-11-30", "near-poor-household", 7.92, 100_000_000)]
    [InlineData("2025-12-01", "near-poor-household", 7.488, 100_000_000)]
    [InlineData("2025-11-30", "newly-escaped-household", 8.25, 100_000_000)]
    [InlineData("2025-12-01", "newly-escaped-household", 7.8, 100_000_000)]
    [InlineData("2025-12-31", "job-creation", 7.488, 100_000_000)]
    [InlineData("2026-01-01", "job-creation", 7.9248, 200_000_000)]
    public async Task Programmes_ShowTheTermsInForceOnTheDay(string asOf, string code, decimal rate, decimal cap)
    {
        var programmes = (await (await api.Admin().GetAsync($"/api/v1/programmes?asOf={asOf}")).Expect(HttpStatusCode.OK)).AsArray();
        var programme = programmes.Single(p => (string)p!["code"]! == code)!;
        Assert.Equal(rate, (decimal)programme["terms"]!["annualRatePercent"]!);
        Assert.Equal(cap, (decimal)programme["terms"]!["maxAmount"]!);
        Assert.False(string.IsNullOrEmpty((string)programme["terms"]!["legalBasis"]!));
    }

    [Fact]
    public async Task ABadAsOf_Is400NamingIt() =>
        Assert.Contains("asOf", await (await api.Admin().GetAsync("/api/v1/programmes?asOf=2026-13-45")).ExpectValidationErrors());

    [Fact]
    public async Task AnAdmin_SchedulesNewVersions_ForTheFutureOnly()
    {
        var admin = api.Admin();
        var future = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1).ToString("yyyy-MM-dd");
        var body = new { effectiveFrom = future, maxAmount = 150_000_000, amountBasis = "per-household", maxTermMonths = 120, annualRatePercent = 6.0, legalBasis = "Decision X/2027 (test)" };

        var created = await (await admin.Post("/api/v1/admin/programmes/poor-household/terms", body)).Expect(HttpStatusCode.Created);
        Assert.Equal(6.0m, (decimal)created["terms"]!["annualRatePercent"]!);
        await (await admin.Post("/api/v1/admin/programmes/poor-household/terms", body)).ExpectProblem(HttpStatusCode.Conflict);

        var past = await admin.Post("/api/v1/admin/programmes/poor-household/terms", body with { effectiveFrom = "2025-01-01" });
        Assert.Contains("effectiveFrom", await past.ExpectValidationErrors());

        // Today's answer is unchanged.
        var today = (await (await admin.GetAsync("/api/v1/programmes")).Expect(HttpStatusCode.OK)).AsArray().Single(p => (string)p!["code"]! == "poor-household")!;
        Assert.Equal(6.24m, (decimal)today["terms"]!["annualRatePercent"]!);

        var figures = await admin.Post("/api/v1/admin/standards/2027-2030/figures", new
        {
            effectiveFrom = future, ruralLine = 2_300_000, urbanLine = 2_900_000, middleLivingFactor = 1.5, deprivationThreshold = 3, legalBasis = "Decree Y (test)",
        });
        var standard = await figures.Expect(HttpStatusCode.Created);
        Assert.Equal(2, standard["figures"]!.AsArray().Count);

        await (await api.Official("24778").Post("/api/v1/admin/programmes/poor-household/terms", body)).ExpectProblem(HttpStatusCode.Forbidden);
        await (await admin.Post("/api/v1/admin/programmes/no-such/terms", body)).ExpectProblem(HttpStatusCode.NotFound);
    }
}
