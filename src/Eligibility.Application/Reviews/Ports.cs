using Eligibility.Domain.Common;
using Eligibility.Domain.Reviews;

namespace Eligibility.Application.Reviews;

public interface IReviewStore
{
    /// <summary>The review, tracked for change.</summary>
    Task<PovertyReview?> Find(Guid id, CancellationToken ct);

    Task<IReadOnlyList<PovertyReview>> OfHousehold(Guid householdId, CancellationToken ct);

    /// <summary>Adds the review; a conflict if the household already has a live review in the review's round.</summary>
    Task<Error?> Add(PovertyReview review, CancellationToken ct);

    /// <summary>Saves a procedure step of a tracked review, unless it was changed since <paramref name="expectedVersion"/>.</summary>
    Task<Error?> Save(PovertyReview review, uint expectedVersion, CancellationToken ct);

    /// <summary>
    /// Recognises the (already recognised in memory, tracked) reviews in one transaction, locking their households in
    /// id order, settling each household's chain. All or nothing: any refusal (with the review's id as its field) or a
    /// review changed meanwhile rolls everything back.
    /// </summary>
    Task<IReadOnlyList<Error>> RecogniseMany(IReadOnlyList<PovertyReview> reviews, CancellationToken ct);

    /// <summary>
    /// In one transaction, with the household's statuses locked: saves the recognised review, adds its status and
    /// settles the whole chain. Refuses a second status taking effect the same day, and a review changed meanwhile.
    /// </summary>
    Task<Error?> Recognise(PovertyReview review, uint expectedVersion, CancellationToken ct);

    Task<IReadOnlyList<HouseholdStatus>> StatusHistory(Guid householdId, CancellationToken ct);
}
