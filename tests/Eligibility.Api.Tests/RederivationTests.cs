using System.Net;
using Eligibility.Api.Tests.Infrastructure;
using static Eligibility.Api.Tests.Infrastructure.Arrange;

namespace Eligibility.Api.Tests;

/// <summary>New figures for a standard re-derive, at once and set-based, what was stored from the old ones.</summary>
public sealed class RederivationTests(EligibilityApi api) : IClassFixture<EligibilityApi>
{
    [Fact]
    public async Task NewStandardFigures_RederiveIncome150_ForTheStatusesTheyGovern_AndNoOthers()
    {
        // Rural, 2027-2030: line 2,200,000, income-150's own factor 1.5: ceiling 3,300,000. An income of 3,400,000 is above it.
        var before = (Guid)(await EligibilityArrange.Household(api, RuralCommune, api.RuralVillage, EligibilityArrange.Adult("Hộ Trước", "1980-01-01")))["id"]!;
        var after = (Guid)(await EligibilityArrange.Household(api, RuralCommune, api.RuralVillage, EligibilityArrange.Adult("Hộ Sau", "1980-01-01")))["id"]!;
        await EligibilityArrange.Statuses(api, before, new StatusSpec("not-poor", "2027-02-01", Income: 3_400_000));
        await EligibilityArrange.Statuses(api, after, new StatusSpec("not-poor", "2027-06-01", Income: 3_400_000));
        Task<bool> Within(Guid household) => api.Scalar<bool>("SELECT within_income_150 FROM household_statuses WHERE household_id = @h", ("h", household));
        Assert.False(await Within(before));
        Assert.False(await Within(after));

        // A corrected middle-living band changes nothing: income-150 stands on its own factor.
        await (await api.Admin().Post("/api/v1/admin/standards/2027-2030/figures", new
        {
            effectiveFrom = "2027-03-01", ruralLine = 2_200_000, urbanLine = 2_800_000, middleLivingFactor = 1.6, deprivationThreshold = 3,
            legalBasis = "Sửa đổi hệ số mức sống trung bình (thử nghiệm)",
        })).Expect(HttpStatusCode.Created);
        Assert.False(await Within(after));

        // From 2027-05-01 the rural line is 2,300,000: the ceiling becomes 3,450,000.
        await (await api.Admin().Post("/api/v1/admin/standards/2027-2030/figures", new
        {
            effectiveFrom = "2027-05-01", ruralLine = 2_300_000, urbanLine = 2_800_000, middleLivingFactor = 1.6, deprivationThreshold = 3,
            legalBasis = "Sửa đổi chuẩn nghèo (thử nghiệm)",
        })).Expect(HttpStatusCode.Created);

        Assert.False(await Within(before));   // governed by the 2027-01-01 figures
        Assert.True(await Within(after));     // governed by the new ones

        var list = await (await api.Official(RuralCommune).GetAsync($"/api/v1/communes/{RuralCommune}/eligible-households?programme=income-150&asOf=2027-07-01"))
            .Expect(HttpStatusCode.OK);
        var ids = list["items"]!.AsArray().Select(i => (Guid)i!["householdId"]!).ToList();
        Assert.Contains(after, ids);
        Assert.DoesNotContain(before, ids);
    }
}
