using Eligibility.Domain.Reviews;
using Eligibility.Application.Policy;
using Eligibility.Application.Reviews;
using System.Text.Json;
using System.Text.Json.Nodes;
using Eligibility.Api.Auth;
using Eligibility.Application.Common;
using Eligibility.Application.Eligibility;
using Eligibility.Application.Households;
using Eligibility.Application.Units;
using Eligibility.Domain.Households;
using Eligibility.Domain.Policy;
using Eligibility.Domain.Units;

namespace Eligibility.Api.OpenApi;

/// <summary>
/// Examples for the OpenAPI document, keyed by the request or response type they illustrate. They are real DTO
/// instances serialized with the API's own JSON options, so they cannot drift from what the API reads and writes.
/// The data is the Development seed (db/seed/demo.sql): commune 24778, household of Nguyễn Thị Hoà.
/// </summary>
static class Examples
{
    public const string CommuneCode = "24778";
    public const string ProvinceCode = "68";
    public static readonly Guid VillageId = Guid.Parse("f6548870-6ecc-5561-a2f6-4da0ca2e19f5");
    public static readonly Guid HouseholdId = Guid.Parse("f140cab0-c79a-5ac0-943c-fd06242ec002");
    public static readonly Guid HeadId = Guid.Parse("e3cb96da-5816-5058-b6d3-0118a5737c7e");
    public static readonly Guid ChildId = Guid.Parse("e4e96c21-ae21-5c7c-926b-5c2c74a130ba");
    public const string ETag = "\"1042\"";
    const string TraceId = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";

    static readonly DateTimeOffset Created = new(2026, 1, 15, 8, 0, 0, TimeSpan.Zero);

    // Digits: 068 = Lâm Đồng, then 1 = female born 1900-1999, 78 = born 1978.
    static readonly MemberRequest Head = new()
    {
        FullName = "Nguyễn Thị Hoà", DateOfBirth = new(1978, 3, 14), Sex = Sex.Female, Relationship = Relationship.Head,
        PersonalId = "068178123456", Ethnicity = "Kinh", HasHealthInsurance = true,
    };

    // 2 = male born 2000-2099, 05 = born 2005.
    static readonly MemberRequest Son = new()
    {
        FullName = "Trần Văn Minh", DateOfBirth = new(2005, 9, 2), Sex = Sex.Male, Relationship = Relationship.Child,
        PersonalId = "068205654321", Ethnicity = "Kinh", HasHealthInsurance = true,
    };

    static readonly MemberRequest Granddaughter = new()
    {
        FullName = "Trần Ngọc Hân", DateOfBirth = new(2021, 11, 5), Sex = Sex.Female, Relationship = Relationship.Grandchild,
        Ethnicity = "Kinh", HasHealthInsurance = true, Schooling = Schooling.AtRightLevel,
    };

    static MemberResponse Response(Guid id, MemberRequest m) => new(id, m.FullName, m.DateOfBirth, m.Sex, m.Relationship,
        m.PersonalId, m.Ethnicity, m.EthnicMinority, m.HasDisability, m.HasHealthInsurance, m.Schooling, m.ReceivesSocialAllowance, m.CaresForSevereDisability);

    static readonly HouseholdResponse HoaHousehold = new(HouseholdId, ProvinceCode, CommuneCode, VillageId, "Tổ dân phố 1",
        "Số 10, đường Phan Đình Phùng, Tổ dân phố 1", HeadId, Head.FullName,
        [Response(HeadId, Head), Response(ChildId, Son)], Created, Created.AddDays(3));

    static readonly CommuneResponse LamVien = new(CommuneCode, "Phường Lâm Viên - Đà Lạt", ProvinceCode, "Tỉnh Lâm Đồng", CommuneKind.Phuong, AreaType.Urban, false);

    static readonly VillageResponse NewVillage = new(Guid.Parse("0199b1c4-3e5a-7d21-8f40-6a2b9c0d1e3f"), CommuneCode, "Tổ dân phố 3");

    public const string UnitListCsv =
        "province_code,province_name,commune_code,commune_name,commune_kind,area_type\n" +
        "68,Tỉnh Lâm Đồng,24778,Phường Lâm Viên - Đà Lạt,phuong,\n" +
        "68,Tỉnh Lâm Đồng,24853,Xã Đam Rông 4,xa,\n" +
        "51,Tỉnh Quảng Ngãi,21548,Đặc khu Lý Sơn,dac_khu,rural\n";

    // Eligibility: Ka Điệp's household of the demo data (Xã Đam Rông 4, rural), poor from 2026-01-01, on 2026-06-01.
    static readonly Guid KaDiepHousehold = Guid.Parse("1681fee6-1817-5f7d-a875-83c740461c06");
    static ReasonResponse R(string code, string message) => new(code, message);
    static readonly ReasonResponse PoorOnAsOf = R("status-poor", "On 2026-06-01 the household is poor (recognised with effect from 2026-01-01).");

    static readonly EligibilityResponse KaDiepEligibility = new("2022-2025", Classification.Poor, 1_500_000m, 4,
    [
        new("poor-household", true, [PoorOnAsOf], "Decree 78/2002/NĐ-CP",
            new TermsResponse(100_000_000m, 6.24m, 120, AmountBasis.PerHousehold, new(2025, 12, 1)), null, null),
        new("near-poor-household", false, [PoorOnAsOf with { Code = "status-not-near-poor" }], "Decision 15/2013/QĐ-TTg",
            new TermsResponse(100_000_000m, 7.488m, null, AmountBasis.PerHousehold, new(2025, 12, 1)), null, null),
        new("newly-escaped-household", false, [PoorOnAsOf, R("not-escaped", "The household is still poor; it has not escaped.")], "Decision 28/2015/QĐ-TTg",
            new TermsResponse(100_000_000m, 7.8m, 60, AmountBasis.PerHousehold, new(2025, 12, 1)), null, null),
        new("income-150", true, [R("income-within-limit", "Income of 1,100,000 VND per person per month is at most 2,250,000 VND (1.5 × the 2022-2025 rural line of 1,500,000 VND).")],
            "Decision 157/2007/QĐ-TTg", new TermsResponse(4_000_000m, 6.24m, null, AmountBasis.PerStudentPerMonth, new(2025, 12, 1)), null, null),
        new("job-creation", true,
            [R("members-of-age", "2 member(s) aged 18 or over."), R("checked-at-application", "Lawful residence in the commune and the job plan are checked when the loan is requested.")],
            "Decree 61/2015/NĐ-CP, Decree 74/2019/NĐ-CP, Decree 338/2025/NĐ-CP",
            new TermsResponse(200_000_000m, 7.9248m, null, AmountBasis.PerWorker, new(2026, 1, 1)), null,
            [
                new(0, Guid.Parse("0511cb43-774a-59be-92e7-0878c392dfc7"), true, true, 6.24m,
                    [R("of-age", "The member is 40, at least 18."), R("priority-ethnic-minority-poor-household", "Priority: an ethnic-minority member of a poor household.")]),
                new(1, Guid.Parse("7ba16d32-a4cf-5d6f-b101-97d65b2878a7"), true, true, 6.24m,
                    [R("of-age", "The member is 43, at least 18."), R("priority-ethnic-minority-poor-household", "Priority: an ethnic-minority member of a poor household.")]),
                new(2, Guid.Parse("be186a79-d2c5-5ed3-9efb-bcf69688903e"), false, false, null, [R("under-age", "The member is 10, under 18.")]),
            ]),
    ]);

    static readonly Dictionary<Type, object> ByType = new()
    {
        [typeof(DevTokenRequest)] = new DevTokenRequest { Role = Roles.CommuneOfficial, Communes = [CommuneCode] },
        [typeof(DevTokenResponse)] = new DevTokenResponse("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJkZXYtY29tbXVuZS1vZmZpY2lhbCJ9.c2lnbmF0dXJl",
            Created.AddHours(8)),
        [typeof(IReadOnlyList<ProvinceResponse>)] = new List<ProvinceResponse>
        {
            new("51", "Tỉnh Quảng Ngãi", 2), new(ProvinceCode, "Tỉnh Lâm Đồng", 2), new("82", "Tỉnh Đồng Tháp", 2),
        },
        [typeof(CommuneResponse)] = LamVien,
        [typeof(IReadOnlyList<CommuneResponse>)] = new List<CommuneResponse>
        {
            LamVien, new("24853", "Xã Đam Rông 4", ProvinceCode, "Tỉnh Lâm Đồng", CommuneKind.Xa, AreaType.Rural, true),
        },
        [typeof(VillageRequest)] = new VillageRequest { Name = "Tổ dân phố 3" },
        [typeof(VillageResponse)] = NewVillage,
        [typeof(IReadOnlyList<VillageResponse>)] = new List<VillageResponse>
        {
            new(VillageId, CommuneCode, "Tổ dân phố 1"), new(Guid.Parse("99a4d6a5-eae3-5139-a08e-41a67423e137"), CommuneCode, "Tổ dân phố 2"),
        },
        [typeof(UnitImportResult)] = new UnitImportResult(Provinces: 2, Communes: 3, ProvincesAdded: 0, CommunesAdded: 1),
        [typeof(CreateHouseholdRequest)] = new CreateHouseholdRequest
        {
            CommuneCode = CommuneCode, VillageId = VillageId, Address = HoaHousehold.Address, Members = [Head, Son],
        },
        [typeof(UpdateHouseholdRequest)] = new UpdateHouseholdRequest
        {
            VillageId = Guid.Parse("99a4d6a5-eae3-5139-a08e-41a67423e137"), Address = "Số 4, hẻm 12 Hai Bà Trưng, Tổ dân phố 2", HeadMemberId = HeadId,
        },
        [typeof(MemberRequest)] = Granddaughter,
        [typeof(PersonalIdSearchRequest)] = new PersonalIdSearchRequest { PersonalId = Head.PersonalId! },
        [typeof(HouseholdSearchRequest)] = new HouseholdSearchRequest { Name = "nguyen thi hoa", Village = VillageId, Page = 1, PageSize = 20 },
        [typeof(HouseholdResponse)] = HoaHousehold,
        [typeof(Paged<HouseholdSummary>)] = new Paged<HouseholdSummary>(
            [new HouseholdSummary(HouseholdId, CommuneCode, VillageId, "Tổ dân phố 1", HoaHousehold.Address, Head.FullName, 2)],
            Page: 1, PageSize: PageRequest.DefaultPageSize, TotalCount: 1),
        [typeof(EligibilityResponse)] = KaDiepEligibility,
        [typeof(EvaluateRequest)] = new EvaluateRequest
        {
            AsOf = new(2026, 6, 1), AreaType = AreaType.Rural, EspeciallyDifficultArea = false,
            Current = new CurrentReviewRequest
            {
                EffectiveDate = new(2026, 1, 1), IncomePerPersonMonthly = 1_100_000m,
                DeprivedIndicators = ["employment", "housing-quality", "drinking-water", "sanitation"],
            },
            History = [new HistoryEntryRequest { Classification = Classification.NearPoor, EffectiveDate = new(2024, 1, 1) }],
            Members =
            [
                new MemberProfileRequest { DateOfBirth = new(1985, 7, 7), Sex = Sex.Female, EthnicMinority = true },
                new MemberProfileRequest { DateOfBirth = new(1983, 2, 11), Sex = Sex.Male, EthnicMinority = true },
                new MemberProfileRequest { DateOfBirth = new(2015, 10, 10), Sex = Sex.Male, EthnicMinority = true },
            ],
        },
        [typeof(CreateReviewRequest)] = new CreateReviewRequest
        {
            Kind = ReviewKind.Regular,
            SurveyDate = new(2026, 10, 1),
            HouseholdIncome12Months = 30_000_000,
            FloorArea = 30,
            Indicators = new Dictionary<string, bool>
            {
                ["employment"] = true, ["nutrition"] = true, ["adult-education"] = false, ["housing-quality"] = true,
                ["drinking-water"] = false, ["sanitation"] = false, ["telecom-use"] = false, ["information-access"] = false,
            },
        },
        [typeof(RecognitionRequest)] = new RecognitionRequest { DecisionNumber = "125/QĐ-UBND", DecisionDate = new(2026, 10, 12), Signer = "Chủ tịch UBND xã Đam Rông 4" },
        [typeof(NewStandardFiguresRequest)] = new NewStandardFiguresRequest
        {
            EffectiveFrom = new(2028, 1, 1), RuralLine = 2_300_000, UrbanLine = 2_900_000, MiddleLivingFactor = 1.5m, DeprivationThreshold = 3,
            LegalBasis = "Nghị định sửa đổi chuẩn nghèo (ví dụ)",
        },
        [typeof(NewProgrammeTermsRequest)] = new NewProgrammeTermsRequest
        {
            EffectiveFrom = new(2028, 1, 1), MaxAmount = 150_000_000, AmountBasis = AmountBasis.PerHousehold, MaxTermMonths = 120,
            AnnualRatePercent = 6.0m, LegalBasis = "Quyết định điều chỉnh lãi suất (ví dụ)",
        },
        [typeof(LookupRequest)] = new LookupRequest { PersonalIds = ["068185050631", "068199000000"] },
        [typeof(LookupResponse)] = new LookupResponse(new(2026, 6, 1),
        [
            new LookupResult("068185050631", true, Classification.Poor, ["poor-household", "income-150", "job-creation"]),
            new LookupResult("068199000000", false, null, []),
        ]),
        [typeof(Paged<EligibleHousehold>)] = new Paged<EligibleHousehold>(
            [new EligibleHousehold(KaDiepHousehold, "Ka Điệp", Guid.Parse("dfba10e0-aca2-50e2-ad35-cd9f7fec6bc8"), "Thôn Liêng Trang", Classification.Poor, new(2026, 1, 1), null)],
            Page: 1, PageSize: PageRequest.DefaultPageSize, TotalCount: 1),
        // Đam Rông 4's near-poor and middle-living counts are 1 to 4 and hidden; the totals add up what is shown.
        [typeof(Application.Reports.ProvinceStatusSummary)] = new Application.Reports.ProvinceStatusSummary(ProvinceCode, "Lâm Đồng", new(2026, 6, 1),
            new("", "", 1_560, 212, 190, 0, 1_041, 103, Suppressed: true),
            [
                new("24778", "Phường Lâm Viên - Đà Lạt", 1_342, 187, 190, 0, 887, 78, Suppressed: false),
                new("24853", "Xã Đam Rông 4", 218, 25, null, null, 154, 25, Suppressed: true),
            ]),
    };

    /// <summary>The example for a request or response type, as the API would write it; null when there is none.</summary>
    public static JsonNode? For(Type type, JsonSerializerOptions json) =>
        ByType.TryGetValue(type, out var example) ? JsonSerializer.SerializeToNode(example, type, json) : null;

    /// <summary>A ProblemDetails body as the API writes it for this status.</summary>
    public static JsonObject Problem(int status, string title, string? detail = null, string? code = null, string? field = null)
    {
        var problem = new JsonObject();
        if (ProblemTypes.TryGetValue(status, out var type))
            problem["type"] = type;
        problem["title"] = title;
        problem["status"] = status;
        if (detail is not null) problem["detail"] = detail;
        if (code is not null) problem["code"] = code;
        if (field is not null) problem["field"] = field;
        problem["traceId"] = TraceId;
        return problem;
    }

    public static JsonObject ValidationProblem(string field, string message) => new()
    {
        ["type"] = ProblemTypes[400],
        ["title"] = "The request is not valid.",
        ["status"] = 400,
        ["errors"] = new JsonObject { [field] = new JsonArray(message) },
        ["traceId"] = TraceId,
    };

    // The type URIs ASP.NET Core's ProblemDetails service fills in (it has none for 428).
    static readonly Dictionary<int, string> ProblemTypes = new()
    {
        [400] = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        [401] = "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        [403] = "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        [404] = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        [409] = "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        [412] = "https://tools.ietf.org/html/rfc9110#section-15.5.13",
        [413] = "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        [415] = "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        [500] = "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        [503] = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
    };
}
