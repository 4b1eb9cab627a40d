using Eligibility.Domain.Common;
using Eligibility.Domain.Households;
using Eligibility.Application.Common;

namespace Eligibility.Application.Households;

/// <summary>Where a personal ID number is recorded now.</summary>
public sealed record PersonalIdHolder(string PersonalId, Guid HouseholdId, string CommuneCode, Guid MemberId);

public interface IHouseholdStore
{
    /// <summary>The household with its members, tracked for change.</summary>
    Task<Household?> Find(Guid id, CancellationToken ct);

    void Add(Household household);

    Task<IReadOnlyList<PersonalIdHolder>> FindHolders(IReadOnlyCollection<string> personalIds, CancellationToken ct);

    /// <summary>Saves the household if its stored version is still <paramref name="expectedVersion"/>.</summary>
    /// <returns>An error when someone saved first or an ID number was taken meanwhile.</returns>
    Task<Error?> Save(Household household, uint expectedVersion, CancellationToken ct);

    Task<Paged<HouseholdSummary>> List(HouseholdListQuery query, CancellationToken ct);
}
