using Eligibility.Application.Common;
using Eligibility.Domain.Common;
using Eligibility.Domain.Households;

namespace Eligibility.Application.Households;

/// <summary>Finds a household the caller may see. One outside the caller's communes is indistinguishable from one that does not exist.</summary>
public sealed class HouseholdScope(IHouseholdStore households, ICurrentUser user)
{
    public async Task<Result<Household>> Find(Guid id, CancellationToken ct)
    {
        var household = await households.Find(id, ct);
        return household is not null && user.MayAccessHouseholdsOf(household.CommuneCode) ? household : Error.NotFound("Household");
    }
}
