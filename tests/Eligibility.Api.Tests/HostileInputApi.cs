using System.Net;
using Eligibility.Api.Tests.Infrastructure;
using Eligibility.Application.Common;
using Microsoft.AspNetCore.Hosting;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>
/// The values a hostile request's route and body can point at: one consistent set per scope (a household, one of its
/// members, its village and commune, a review...), keyed by the literal route segment that precedes the parameter
/// ("households" for <c>/households/{id}</c>, "members" for <c>/members/{memberId}</c>) and by body property name.
/// </summary>
public sealed record HostileScope(string Name, IReadOnlyDictionary<string, string> Segments, IReadOnlyDictionary<string, string> Properties);

/// <summary>
/// An API for the hostile-input campaign: the rate limit raised out of the way, and real rows arranged in the caller's
/// communes (households with members, villages, reviews, one of them recognised) and in another province's commune.
/// </summary>
public class HostileInputApi : ApiFactory, IAsyncLifetime
{
    public const string AssociationId = "5d1f6a7e-3c2b-4e8f-9a01-6b7c8d9e0f12";

    public IReadOnlyList<HostileScope> InScope { get; private set; } = [];
    public HostileScope Foreign { get; private set; } = null!;
    /// <summary>The ETag of each arranged row that has one, by id.</summary>
    public IReadOnlyDictionary<string, string> ETags => etags;
    readonly Dictionary<string, string> etags = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Thousands of requests per subject within a minute: the limiter must not answer them in its stead.
        builder.UseSetting("RateLimiting:PermitsPerMinute", "10000000");
        builder.UseSetting("RateLimiting:AnonymousPermitsPerMinute", "10000000");
    }

    /// <summary>A client per caller: each role as the campaign's endpoint needs it, anonymous, and an official of elsewhere.</summary>
    public HttpClient Caller(string caller) => caller switch
    {
        HostileCallers.Anonymous => CreateClient(),
        HostileCallers.ForeignOfficial => Official(OtherProvinceCommune),
        Roles.CommuneOfficial => Official(UrbanCommune, RuralCommune),
        Roles.AssociationOfficer => AssociationOfficer(Guid.Parse(AssociationId)),
        _ => ClientFor(caller),
    };

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await Units(this);
        var official = Official(UrbanCommune, RuralCommune);
        var foreignOfficial = Official(OtherProvinceCommune);

        var (urbanVillage, _) = await Village(official, UrbanCommune, "Tổ dân phố 1");
        await Village(official, UrbanCommune, "Tổ dân phố 2");
        var (ruralVillage, _) = await Village(official, RuralCommune, "Thôn Liêng Trang");
        var (foreignVillage, _) = await Village(foreignOfficial, OtherProvinceCommune, "Khu phố 1");

        var urban = await Household(official, UrbanCommune, urbanVillage,
            Member("Nguyễn Thị Hoà", "1978-03-14", "female", "head", PersonalId("female", 1978, 101)),
            Member("Trần Văn Minh", "2005-09-02", "male", "child", PersonalId("male", 2005, 102)),
            Member("Trần Thị Lan", "2010-01-20", "female", "child"));
        var rural = await Household(official, RuralCommune, ruralVillage,
            Member("Ka Điệp", "1985-07-07", "female", "head", PersonalId("female", 1985, 103)),
            Member("Ka Hòa", "2012-04-04", "male", "child"));
        var foreign = await Household(foreignOfficial, OtherProvinceCommune, foreignVillage,
            Member("Lê Văn Tám", "1970-12-12", "male", "head", PersonalId("male", 1970, 104, "079")),
            Member("Lê Thị Chín", "1999-09-09", "female", "child"));

        var indicators = new[] { "employment", "dependants", "nutrition", "health-insurance", "adult-education", "child-schooling",
            "housing-quality", "housing-area", "drinking-water", "sanitation", "telecom-use", "information-access" }
            .ToDictionary(c => c, c => c is "employment" or "nutrition" or "sanitation");
        var recognised = await Review(official, rural.Id, new { kind = "regular", surveyDate = "2024-02-01", incomePerPersonMonthly = 900_000, indicators });
        await (await official.Post($"/api/v1/reviews/{recognised}/recognition",
            new { decisionNumber = "1/QĐ-UBND", decisionDate = "2024-02-15", signer = "Chủ tịch UBND xã" })).Expect(HttpStatusCode.OK);
        etags[recognised] = (await official.GetAsync($"/api/v1/reviews/{recognised}")).ETag();
        var pending = await Review(official, urban.Id, new { kind = "regular", surveyDate = "2025-03-02", incomePerPersonMonthly = 1_200_000, indicators });
        var foreignReview = await Review(foreignOfficial, foreign.Id, new { kind = "regular", surveyDate = "2025-03-02", incomePerPersonMonthly = 5_000_000, indicators });

        InScope =
        [
            Scope("urban", urban, pending, urbanVillage, UrbanCommune, "68"),
            Scope("rural", rural, recognised, ruralVillage, RuralCommune, "68"),
        ];
        Foreign = Scope("foreign", foreign, foreignReview, foreignVillage, OtherProvinceCommune, "79");
    }

    static HostileScope Scope(string name, (string Id, string Head, string Member) household, string review, string village, string commune, string province) => new(name,
        new Dictionary<string, string>
        {
            ["households"] = household.Id, ["members"] = household.Member, ["reviews"] = review, ["villages"] = village,
            ["communes"] = commune, ["provinces"] = province, ["standards"] = "2022-2025", ["programmes"] = "poor-household",
        },
        new Dictionary<string, string>
        {
            ["villageId"] = village, ["communeCode"] = commune, ["headMemberId"] = household.Head,
        });

    async Task<(string Id, string ETag)> Village(HttpClient client, string commune, string name)
    {
        var response = await client.Post($"/api/v1/communes/{commune}/villages", new { name });
        var id = (string)(await response.Expect(HttpStatusCode.Created))["id"]!;
        return (id, etags[id] = response.ETag());
    }

    async Task<(string Id, string Head, string Member)> Household(HttpClient client, string commune, string village, params object[] members)
    {
        var response = await client.Post("/api/v1/households", new { communeCode = commune, villageId = village, address = "Số 12, đường Phan Đình Phùng", members });
        var body = await response.Expect(HttpStatusCode.Created);
        var id = (string)body["id"]!;
        etags[id] = response.ETag();
        return (id, (string)body["headMemberId"]!, (string)body["members"]!.AsArray().Last()!["id"]!);
    }

    static async Task<string> Review(HttpClient client, string household, object body) =>
        (string)(await (await client.Post($"/api/v1/households/{household}/reviews", body)).Expect(HttpStatusCode.Created))["id"]!;
}

public static class HostileCallers
{
    public const string Anonymous = "anonymous";
    public const string ForeignOfficial = "official-of-another-commune";
}
