using Eligibility.Application.Common;
using Eligibility.Application.Households;
using Eligibility.Application.Policy;
using Eligibility.Application.Units;
using Eligibility.Domain.Common;
using Eligibility.Domain.Households;
using Eligibility.Domain.Policy;
using Eligibility.Domain.Reviews;

namespace Eligibility.Application.Reviews;

/// <summary>Poverty reviews: record and classify under the applicable standard, recognise, and read the status history.</summary>
public sealed class ReviewService(
    IReviewStore reviews, HouseholdScope households, IUnitStore units, IPolicyCatalog catalog, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result<ReviewResponse>> Record(Guid householdId, CreateReviewRequest request, CancellationToken ct)
    {
        var found = await households.Find(householdId, ct);
        if (!found.IsSuccess)
            return Result<ReviewResponse>.Failure(found.Errors);
        var review = await Classify(found.Value, request.Kind, request.PeriodYear, request, null, ct);
        if (!review.IsSuccess)
            return Result<ReviewResponse>.Failure(review.Errors);
        return await reviews.Add(review.Value, ct) is { } error ? error : review.Value.ToResponse(await catalog.Load(ct), clock.Today());
    }

    /// <summary>Classifies a survey of the household under the standard that applies: a new review, not yet stored.</summary>
    internal async Task<Result<PovertyReview>> Classify(
        Household household, ReviewKind kind, int? periodYear, ISurveyAnswers request, Guid? roundId, CancellationToken ct)
    {
        var commune = await units.Commune(household.CommuneCode, ct);
        var policy = await catalog.Load(ct);
        var facts = new HouseholdSurveyFacts(household.Id, household.ProvinceCode, household.CommuneCode,
            household.Members.Select(m => new MemberIndicatorFacts(m.DateOfBirth, m.HasHealthInsurance, m.Schooling, m.ReceivesSocialAllowance, m.HasDisability)).ToList());
        return SurveyClassification.Classify(facts, commune!.AreaType, policy.Standards, kind, periodYear, request, roundId, Guid.CreateVersion7(), clock.Now());
    }

    public async Task<Result<ReviewResponse>> Get(Guid id, CancellationToken ct)
    {
        var found = await FindInScope(id, ct);
        var policy = await catalog.Load(ct);
        return found.Map(r => r.ToResponse(policy, clock.Today()));
    }

    public async Task<Result<IReadOnlyList<ReviewResponse>>> OfHousehold(Guid householdId, CancellationToken ct)
    {
        var found = await households.Find(householdId, ct);
        var policy = await catalog.Load(ct);
        return found.IsSuccess
            ? (await reviews.OfHousehold(householdId, ct)).Select(r => r.ToResponse(policy, clock.Today())).ToList()
            : Result<IReadOnlyList<ReviewResponse>>.Failure(found.Errors);
    }

    public async Task<Result<ReviewResponse>> Recognise(Guid id, RecognitionRequest request, uint? expectedVersion, CancellationToken ct)
    {
        var found = await FindInScope(id, ct);
        if (!found.IsSuccess)
            return Result<ReviewResponse>.Failure(found.Errors);
        var review = found.Value;
        uint version = expectedVersion ?? review.Version;
        if (review.Status != ReviewStatus.Recognised && Concurrency.Check(review.Version, version, "review") is { } stale)
            return stale;

        var policy = await catalog.Load(ct);
        var recognised = review.Recognise(new RecognitionDecision(request.DecisionNumber, request.DecisionDate, request.Signer), policy.Standards, clock.Now());
        if (!recognised.IsSuccess)
            return Result<ReviewResponse>.Failure(recognised.Errors);
        return await reviews.Recognise(review, version, ct) is { } error ? error : review.ToResponse(policy, clock.Today());
    }

    public async Task<Result<IReadOnlyList<StatusResponse>>> StatusHistory(Guid householdId, CancellationToken ct)
    {
        var found = await households.Find(householdId, ct);
        return found.IsSuccess
            ? (await reviews.StatusHistory(householdId, ct)).Select(s => s.ToResponse()).ToList()
            : Result<IReadOnlyList<StatusResponse>>.Failure(found.Errors);
    }

    internal async Task<Result<PovertyReview>> FindInScope(Guid id, CancellationToken ct)
    {
        var review = await reviews.Find(id, ct);
        return review is not null && user.MayAccessHouseholdsOf(review.CommuneCode) ? review : Error.NotFound("Review");
    }
}
