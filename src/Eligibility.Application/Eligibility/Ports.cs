using Eligibility.Application.Common;
using Eligibility.Domain.Policy;
using Eligibility.Domain.Units;

namespace Eligibility.Application.Eligibility;

public sealed record StoredMember(Guid MemberId, MemberProfile Profile);

/// <summary>What the engine needs of a stored household.</summary>
/// <param name="Members">In the order <c>GET /api/v1/households/{id}</c> lists them: head first, then by date of birth (then id).</param>
/// <param name="Statuses">Every recognised status, in recognition order.</param>
public sealed record HouseholdEligibilityFacts(
    Guid HouseholdId,
    string CommuneCode,
    AreaType AreaType,
    bool EspeciallyDifficultArea,
    IReadOnlyList<StoredMember> Members,
    IReadOnlyList<RecognisedStatus> Statuses);

/// <summary>A household's facts, with the personal ID numbers asked for that its members hold.</summary>
public sealed record HeldFacts(IReadOnlyList<string> PersonalIds, HouseholdEligibilityFacts Facts);

public interface IEligibilityStore
{
    /// <summary>The facts of these households, read in one round trip whatever their number; missing ones are left out.</summary>
    Task<IReadOnlyList<HouseholdEligibilityFacts>> Facts(IReadOnlyCollection<Guid> householdIds, CancellationToken ct);

    /// <summary>The facts of the households whose members hold these personal ID numbers, in one round trip.</summary>
    Task<IReadOnlyList<HeldFacts>> FactsOfHolders(IReadOnlyCollection<string> personalIds, CancellationToken ct);

    /// <summary>One page of the commune's households eligible for the filter's programme: one SQL query and a count.</summary>
    Task<Paged<EligibleHousehold>> EligibleHouseholds(EligibleHouseholdsFilter filter, CancellationToken ct);
}
