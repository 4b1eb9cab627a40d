using System.Net;
using System.Text.Json.Nodes;
using Eligibility.Api.Tests.Infrastructure;
using static Eligibility.Api.Tests.EligibilityArrange;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>
/// job-creation's list reads each household's eldest member's birth date (household_eldest_member, kept by triggers on
/// members, migration 0014): adding, correcting and removing members through the API moves the household in and out.
/// </summary>
public sealed class JobCreationListMaintenanceTests(EligibilityApi api) : IClassFixture<EligibilityApi>
{
    const string AsOf = "2026-06-01";

    async Task<(bool Listed, long Total)> Listed(Guid household)
    {
        var page = await (await api.Official(RuralCommune).GetAsync(
            $"/api/v1/communes/{RuralCommune}/eligible-households?programme=job-creation&asOf={AsOf}&pageSize=200")).Expect(HttpStatusCode.OK);
        return (page["items"]!.AsArray().Any(i => (Guid)i!["householdId"]! == household), (long)page["totalCount"]!);
    }

    [Fact]
    public async Task MembersAddedCorrectedAndRemoved_MoveTheHouseholdInAndOutOfTheList()
    {
        var official = api.Official(RuralCommune);
        // A head of 16 on asOf, alone: not listed.
        var created = await official.Post("/api/v1/households", Household(RuralCommune, api.RuralVillage, Adult("Nay Thị Nhỏ", "2010-01-01", sex: "female")));
        var household = (Guid)(await created.Expect(HttpStatusCode.Created))["id"]!;
        var etag = created.ETag();
        var (listed, before) = await Listed(household);
        Assert.False(listed);

        // An adult joins: listed, and counted.
        var added = await official.Post($"/api/v1/households/{household}/members", Adult("Nay Văn Lớn", "1980-05-05", "parent"), etag);
        var body = await added.Expect(HttpStatusCode.OK);
        etag = added.ETag();
        var adult = (Guid)body["members"]!.AsArray().Single(m => (string)m!["fullName"]! == "Nay Văn Lớn")!["id"]!;
        Assert.Equal((true, before + 1), await Listed(household));

        // The adult's birth date corrected to a minor's: out again; corrected back: in.
        var corrected = await official.Put($"/api/v1/households/{household}/members/{adult}", Adult("Nay Văn Lớn", "2012-05-05", "sibling"), etag);
        await corrected.Expect(HttpStatusCode.OK);
        etag = corrected.ETag();
        Assert.Equal((false, before), await Listed(household));
        corrected = await official.Put($"/api/v1/households/{household}/members/{adult}", Adult("Nay Văn Lớn", "2008-06-01", "sibling"), etag);
        await corrected.Expect(HttpStatusCode.OK);
        etag = corrected.ETag();
        // 18 exactly on asOf: of age.
        Assert.Equal((true, before + 1), await Listed(household));

        // Removed: out.
        var removed = await official.Send(HttpMethod.Delete, $"/api/v1/households/{household}/members/{adult}", ifMatch: etag);
        await removed.Expect(HttpStatusCode.OK);
        Assert.Equal((false, before), await Listed(household));

        // The household's own ETag still guards its updates: the member writes changed no row version behind its back.
        var current = await official.GetAsync($"/api/v1/households/{household}");
        await current.Expect(HttpStatusCode.OK);
        Assert.Equal(removed.ETag(), current.ETag());
    }
}
