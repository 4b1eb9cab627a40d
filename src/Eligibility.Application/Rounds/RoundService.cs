using Eligibility.Application.Common;
using Eligibility.Application.Households;
using Eligibility.Application.Policy;
using Eligibility.Application.Reviews;
using Eligibility.Application.Units;
using Eligibility.Domain.Common;
using Eligibility.Domain.Reviews;

namespace Eligibility.Application.Rounds;

/// <summary>
/// Review rounds and the procedure of Decision 24/2021/QĐ-TTg: open a round, list its households, take requests, record
/// reviews in it, move each review through meeting, posting, complaint and re-check, and recognise many in one decision.
/// </summary>
public sealed class RoundService(
    IReviewRoundStore rounds, IReviewStore reviewStore, ReviewService reviews, HouseholdScope households, IUnitStore units,
    IPolicyCatalog catalog, IPolicyStore policy, ICurrentUser user, ProcedureOptions options, TimeProvider clock)
{
    public async Task<Result<(RoundResponse Round, bool Created)>> Open(string communeCode, OpenRoundRequest request, CancellationToken ct)
    {
        if (!user.MayAccessHouseholdsOf(communeCode) || await units.Commune(communeCode, ct) is not { } commune)
            return Error.NotFound("Commune");
        var now = clock.Now();
        var round = request.Kind == ReviewKind.Periodic
            ? ReviewRound.Periodic(Guid.CreateVersion7(), commune.ProvinceCode, communeCode, request.Year!.Value, now)
            : ReviewRound.Regular(Guid.CreateVersion7(), commune.ProvinceCode, communeCode, int.Parse(request.Month![..4]), int.Parse(request.Month[5..]), now);
        var (stored, created) = await rounds.AddOrExisting(round, ct);
        return (stored.ToResponse(), created);
    }

    public async Task<Result<RoundResponse>> Get(Guid id, CancellationToken ct) => (await FindRound(id, ct)).Map(r => r.ToResponse());

    public async Task<Result<IReadOnlyList<RoundResponse>>> OfCommune(string communeCode, CancellationToken ct)
    {
        if (!user.MayAccessHouseholdsOf(communeCode) || await units.Commune(communeCode, ct) is null)
            return Error.NotFound("Commune");
        return (await rounds.OfCommune(communeCode, ct)).Select(r => r.ToResponse()).ToList();
    }

    public async Task<Result<RoundRequestResponse>> FileRequest(Guid roundId, FileRequestRequest request, CancellationToken ct)
    {
        var round = await FindRound(roundId, ct);
        if (!round.IsSuccess)
            return Result<RoundRequestResponse>.Failure(round.Errors);
        var household = await HouseholdOfRound(round.Value, request.HouseholdId, ct);
        if (household is not null)
            return household;
        var filed = ReviewRoundRequest.File(round.Value, request.HouseholdId, request.FiledOn, request.Reason, clock.Now());
        if (!filed.IsSuccess)
            return Result<RoundRequestResponse>.Failure(filed.Errors);
        return await rounds.AddRequest(filed.Value, ct) is { } error ? error : filed.Value.ToResponse();
    }

    public async Task<Result<IReadOnlyList<RoundHouseholdResponse>>> Households(Guid roundId, CancellationToken ct)
    {
        var round = await FindRound(roundId, ct);
        if (!round.IsSuccess)
            return Result<IReadOnlyList<RoundHouseholdResponse>>.Failure(round.Errors);
        // Requests of a regular round are decided within the set days of filing; a periodic round ends on its own date.
        int? decisionDays = round.Value.Kind == ReviewKind.Regular ? options.RegularDecisionDays : null;
        var today = clock.Today();
        return (await rounds.Households(round.Value, ct)).Select(h => h.ToResponse(decisionDays, today)).ToList();
    }

    /// <summary>A survey in the round: the household must be on its list, surveyed inside its window, with no live review in it.</summary>
    public async Task<Result<ReviewResponse>> RecordReview(Guid roundId, RoundReviewRequest request, CancellationToken ct)
    {
        var found = await FindRound(roundId, ct);
        if (!found.IsSuccess)
            return Result<ReviewResponse>.Failure(found.Errors);
        var round = found.Value;
        var household = await households.Find(request.HouseholdId, ct);
        if (!household.IsSuccess || household.Value.CommuneCode != round.CommuneCode)
            return new Error(ErrorKind.Unprocessable, "household-not-in-commune", "The household is not one of the round's commune.", "householdId");
        if (round.CheckSurveyDate(request.SurveyDate) is { } outside)
            return outside;
        if (!(await rounds.Households(round, ct)).Any(h => h.HouseholdId == request.HouseholdId))
            return Error.Conflict("not-listed",
                "The household is not on the round's list (not poor or near-poor on its first day, and no request filed): file its request first.");
        if (await rounds.LiveReview(roundId, request.HouseholdId, ct) is { } live)
            return Error.Conflict("review-in-progress",
                $"The household already has review {live.Id} in this round ({live.Status}); a new one is recorded only after it is sent back to survey.");

        var review = await reviews.Classify(household.Value, round.Kind, round.Kind == ReviewKind.Periodic ? round.Year : null, request, round.Id, ct);
        if (!review.IsSuccess)
            return Result<ReviewResponse>.Failure(review.Errors);
        return await reviewStore.Add(review.Value, ct) is { } error ? error : review.Value.ToResponse(await catalog.Load(ct), clock.Today());
    }

    public Task<Result<ReviewResponse>> VillageMeeting(Guid reviewId, VillageMeetingRequest request, uint? expected, CancellationToken ct) =>
        Step(reviewId, expected, r => r.RecordVillageMeeting(request.HeldOn, request.Attendees, request.VotesInFavour, request.ChairedBy, clock.Now()), ct);

    public async Task<Result<ReviewResponse>> Posting(Guid reviewId, PostingRequest request, uint? expected, CancellationToken ct)
    {
        var holidays = await HolidaysFrom(request.StartDate, ct);
        return await Step(reviewId, expected, r => r.Post(request.StartDate, options.PostingWorkingDays, holidays, clock.Now()), ct);
    }

    public async Task<Result<ReviewResponse>> Complaint(Guid reviewId, ComplaintRequest request, uint? expected, CancellationToken ct)
    {
        var holidays = await HolidaysFrom(request.ReceivedOn, ct);
        return await Step(reviewId, expected, r => r.Complain(request.ReceivedOn, request.Summary, options.RecheckWorkingDays, holidays, clock.Now()), ct);
    }

    public async Task<Result<ReviewResponse>> Recheck(Guid reviewId, RecheckRequest request, uint? expected, CancellationToken ct)
    {
        var holidays = await HolidaysFrom(request.CheckedOn, ct);
        return await Step(reviewId, expected, r => r.Recheck(request.CheckedOn, request.Outcome == RecheckOutcome.Upheld, request.Note,
            options.PostingWorkingDays, holidays, clock.Now()), ct);
    }

    /// <summary>The public holidays a posting from <paramref name="start"/> may cross (at most 30 working days: within a year).</summary>
    async Task<IReadOnlySet<DateOnly>> HolidaysFrom(DateOnly start, CancellationToken ct) =>
        (await policy.Holidays(start, start.AddYears(1), ct)).Select(h => h.Day).ToHashSet();

    /// <summary>
    /// One decision for many reviews of the round, all or nothing: if any named review cannot be recognised, the answer
    /// lists each refused review with its reason and nothing is recognised.
    /// </summary>
    public async Task<Result<RoundRecognitionResponse>> Recognise(Guid roundId, RoundRecognitionRequest request, CancellationToken ct)
    {
        var round = await FindRound(roundId, ct);
        if (!round.IsSuccess)
            return Result<RoundRecognitionResponse>.Failure(round.Errors);
        var ofRound = await rounds.Reviews(roundId, ct);
        List<Domain.Reviews.PovertyReview> chosen;
        var refused = new List<Error>();
        if (request.All)
        {
            chosen = ofRound.Where(r => r.Status == ReviewStatus.Posted && r.PostingEnd < request.DecisionDate).ToList();
            if (chosen.Count == 0)
                return Error.Conflict("nothing-to-recognise", "No review of the round is posted with its posting ended before the decision date.");
        }
        else
        {
            var byId = ofRound.ToDictionary(r => r.Id);
            chosen = [];
            foreach (var id in request.ReviewIds!)
            {
                if (byId.TryGetValue(id, out var review))
                    chosen.Add(review);
                else
                    refused.Add(new Error(ErrorKind.Conflict, "not-in-round", "The review is not one of this round's.", id.ToString()));
            }
        }

        var policy = await catalog.Load(ct);
        var decision = new RecognitionDecision(request.DecisionNumber, request.DecisionDate, request.Signer);
        var now = clock.Now();
        foreach (var review in chosen)
        {
            var result = review.Recognise(decision, policy.Standards, now);
            if (!result.IsSuccess)
                refused.AddRange(result.Errors.Select(e => e with { Kind = ErrorKind.Conflict, Field = review.Id.ToString() }));
        }
        if (refused.Count > 0)
            return Result<RoundRecognitionResponse>.Failure(refused);

        var stored = await reviewStore.RecogniseMany(chosen, ct);
        if (stored.Count > 0)
            return Result<RoundRecognitionResponse>.Failure(stored);
        return new RoundRecognitionResponse(roundId, decision.DecisionNumber.Trim(), decision.DecisionDate, decision.Signer.Trim(),
            chosen.Select(r => r.Id).ToList());
    }

    public async Task<Result<PostingListResponse>> PostingList(Guid roundId, CancellationToken ct)
    {
        var round = await FindRound(roundId, ct);
        if (!round.IsSuccess)
            return Result<PostingListResponse>.Failure(round.Errors);
        var lines = await rounds.Posting(roundId, ct);
        return new PostingListResponse(round.Value.ToResponse(), lines.Select((l, i) => l.ToResponse(i + 1)).ToList());
    }

    async Task<Result<ReviewResponse>> Step(Guid reviewId, uint? expected, Func<Domain.Reviews.PovertyReview, Result<Domain.Reviews.PovertyReview>> step, CancellationToken ct)
    {
        var found = await reviews.FindInScope(reviewId, ct);
        if (!found.IsSuccess)
            return Result<ReviewResponse>.Failure(found.Errors);
        var review = found.Value;
        uint version = expected ?? review.Version;
        if (Concurrency.Check(review.Version, version, "review") is { } stale)
            return stale;
        var taken = step(review);
        if (!taken.IsSuccess)
            return Result<ReviewResponse>.Failure(taken.Errors);
        return await reviewStore.Save(review, version, ct) is { } error ? error : review.ToResponse(await catalog.Load(ct), clock.Today());
    }

    async Task<Result<ReviewRound>> FindRound(Guid id, CancellationToken ct)
    {
        var round = await rounds.Find(id, ct);
        return round is not null && user.MayAccessHouseholdsOf(round.CommuneCode) ? round : Error.NotFound("Review round");
    }

    async Task<Error?> HouseholdOfRound(ReviewRound round, Guid householdId, CancellationToken ct)
    {
        var household = await households.Find(householdId, ct);
        return household.IsSuccess && household.Value.CommuneCode == round.CommuneCode
            ? null
            : new Error(ErrorKind.Unprocessable, "household-not-in-commune", "The household is not one of the round's commune.", "householdId");
    }
}
