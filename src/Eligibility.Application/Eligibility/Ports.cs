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

/// <summary>The lookup's daily quota of personal ID numbers per token subject (Lookup:DailyIdQuota).</summary>
public sealed record LookupOptions(int DailyIdQuota)
{
    public const int DefaultDailyIdQuota = 20_000;
}

/// <summary>Counts the numbers each subject looks up per day, shared by every API instance.</summary>
public interface ILookupQuota
{
    /// <summary>Adds <paramref name="count"/> to the subject's count for the day when the sum stays within <paramref name="quota"/>; otherwise adds nothing and answers false.</summary>
    Task<bool> TryUse(string subject, DateOnly day, int count, int quota, CancellationToken ct);
}

public interface IEligibilityStore
{
    /// <summary>The facts of these households, read in one round trip whatever their number; missing ones are left out.</summary>
    Task<IReadOnlyList<HouseholdEligibilityFacts>> Facts(IReadOnlyCollection<Guid> householdIds, CancellationToken ct);

    /// <summary>The facts of the households whose members hold these personal ID numbers, in one round trip.</summary>
    Task<IReadOnlyList<HeldFacts>> FactsOfHolders(IReadOnlyCollection<string> personalIds, CancellationToken ct);

    /// <summary>One page of the commune's households eligible for the filter's programme: one SQL query and a count.</summary>
    Task<Paged<EligibleHousehold>> EligibleHouseholds(EligibleHouseholdsFilter filter, CancellationToken ct);
}
