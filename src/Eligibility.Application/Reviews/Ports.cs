using Eligibility.Domain.Common;
using Eligibility.Domain.Reviews;

namespace Eligibility.Application.Reviews;

public interface IReviewStore
{
    /// <summary>The review, tracked for change.</summary>
    Task<PovertyReview?> Find(Guid id, CancellationToken ct);

    Task<IReadOnlyList<PovertyReview>> OfHousehold(Guid householdId, CancellationToken ct);

    Task Add(PovertyReview review, CancellationToken ct);

    /// <summary>
    /// In one transaction, with the household's statuses locked: saves the recognised review, adds its status and
    /// settles the whole chain. Refuses a second status taking effect the same day, and a review changed meanwhile.
    /// </summary>
    Task<Error?> Recognise(PovertyReview review, uint expectedVersion, CancellationToken ct);

    Task<IReadOnlyList<HouseholdStatus>> StatusHistory(Guid householdId, CancellationToken ct);
}
