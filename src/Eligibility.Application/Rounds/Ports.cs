using Eligibility.Domain.Common;
using Eligibility.Domain.Reviews;

namespace Eligibility.Application.Rounds;

public interface IReviewRoundStore
{
    Task<ReviewRound?> Find(Guid id, CancellationToken ct);

    Task<IReadOnlyList<ReviewRound>> OfCommune(string communeCode, CancellationToken ct);

    /// <summary>Adds the round, or returns the one already open for its commune and period (opened meanwhile included).</summary>
    Task<(ReviewRound Round, bool Created)> AddOrExisting(ReviewRound round, CancellationToken ct);

    Task<ReviewRoundRequest?> FindRequest(Guid roundId, Guid householdId, CancellationToken ct);

    /// <summary>Adds the request; a conflict if the household already filed one for this round.</summary>
    Task<Error?> AddRequest(ReviewRoundRequest request, CancellationToken ct);

    /// <summary>
    /// The round's households: those of its commune whose status in force on the round's first day is poor or near-poor,
    /// and those that filed a request; each with its latest review in the round. Ordered by village, then head's name.
    /// </summary>
    Task<IReadOnlyList<RoundHousehold>> Households(ReviewRound round, CancellationToken ct);

    /// <summary>The household's live review in the round (not sent back to survey), if any.</summary>
    Task<PovertyReview?> LiveReview(Guid roundId, Guid householdId, CancellationToken ct);

    /// <summary>Reviews of the round that have been posted, with village and head's name, ordered by village then head's name.</summary>
    Task<IReadOnlyList<PostingLine>> Posting(Guid roundId, CancellationToken ct);

    /// <summary>The round's reviews, tracked for change.</summary>
    Task<IReadOnlyList<PovertyReview>> Reviews(Guid roundId, CancellationToken ct);
}
