using Eligibility.Domain.Common;
using Eligibility.Domain.Policy;
using Eligibility.Domain.Units;

namespace Eligibility.Domain.Reviews;

public enum ReviewKind
{
    /// <summary>rà soát định kỳ: yearly, 1 September to 14 December, for the lists of the next year.</summary>
    Periodic,
    /// <summary>rà soát thường xuyên: any month, on a household's request.</summary>
    Regular,
}

public enum ReviewStatus
{
    /// <summary>Surveyed and classified.</summary>
    Classified,
    /// <summary>The village meeting agreed (at least 50% of attendees in favour).</summary>
    MeetingHeld,
    /// <summary>Publicly posted; recognisable once the posting period has ended.</summary>
    Posted,
    /// <summary>A complaint was received during posting; it awaits a re-check.</summary>
    Disputed,
    /// <summary>Sent back to survey (meeting under 50% in favour, or a re-check): closed; a new review is recorded.</summary>
    Returned,
    Recognised,
}

/// <summary>One step of the procedure as recorded, kept whole as evidence (the fields that step has; others null).</summary>
public sealed record ProcedureStepRecord(
    ReviewStep Step, DateOnly On, DateTimeOffset RecordedAt,
    int? Attendees = null, int? VotesInFavour = null, string? ChairedBy = null,
    DateOnly? PostingEnd = null, string? Summary = null, string? Note = null, DateOnly? RecheckDueBy = null);

/// <summary>
/// One indicator's answer as the review used it, kept as evidence. The indicator's names and service are its
/// standard's (<see cref="PovertyStandard.Indicators"/>, fixed with the standard), not repeated in every review.
/// </summary>
public sealed record IndicatorOutcome(string Code, bool Deprived, AnswerSource Source, Reason? Reason);

/// <summary>The commune chairman's decision that makes a review's result official (Decision 24/2021/QĐ-TTg).</summary>
public sealed record RecognitionDecision(string DecisionNumber, DateOnly DecisionDate, string Signer);

/// <summary>
/// A household's poverty review: the income and indicator answers the reviewer recorded, the standard that applies,
/// and the result. Only a recognised review changes the household's official status.
/// </summary>
public sealed class PovertyReview
{
    PovertyReview() { }

    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public string ProvinceCode { get; private set; } = "";
    public string CommuneCode { get; private set; } = "";
    public ReviewKind Kind { get; private set; }
    public int? PeriodYear { get; private set; }
    public DateOnly SurveyDate { get; private set; }
    /// <summary>When the result takes effect: 1 January after a periodic review's year, a regular review's decision date.</summary>
    public DateOnly EffectiveDate { get; private set; }
    public string StandardCode { get; private set; } = "";
    public Reason StandardReason { get; private set; } = null!;
    public AreaType AreaType { get; private set; }
    public decimal PovertyLine { get; private set; }
    public decimal MiddleLivingCeiling { get; private set; }
    public int MemberCount { get; private set; }
    public decimal? HouseholdIncome12Months { get; private set; }
    public decimal IncomePerPersonMonthly { get; private set; }
    public decimal? FloorArea { get; private set; }
    public int DeprivationCount { get; private set; }
    public Classification Classification { get; private set; }
    public IReadOnlyList<IndicatorOutcome> Indicators { get; private set; } = [];
    public IReadOnlyList<Reason> Reasons { get; private set; } = [];
    public ReviewStatus Status { get; private set; }
    /// <summary>The round the review belongs to; null for reviews recorded outside rounds (recognised directly).</summary>
    public Guid? RoundId { get; private set; }
    /// <summary>The current public posting: first day and last (working) day.</summary>
    public DateOnly? PostingStart { get; private set; }
    public DateOnly? PostingEnd { get; private set; }
    public IReadOnlyList<ProcedureStepRecord> Steps { get; private set; } = [];
    public string? DecisionNumber { get; private set; }
    public DateOnly? DecisionDate { get; private set; }
    public string? Signer { get; private set; }
    public DateTimeOffset? RecognisedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public uint Version { get; private set; }

    public static PovertyReview Record(
        Guid id, Guid householdId, string provinceCode, string communeCode, ReviewKind kind, int? periodYear, DateOnly surveyDate,
        StandardChoice standard, ClassificationResult result, IReadOnlyList<IndicatorAnswer> answers,
        int memberCount, decimal? householdIncome12Months, decimal? floorArea, DateTimeOffset now, Guid? roundId = null) => new()
    {
        RoundId = roundId,
        Id = id,
        HouseholdId = householdId,
        ProvinceCode = provinceCode,
        CommuneCode = communeCode,
        Kind = kind,
        PeriodYear = periodYear,
        SurveyDate = surveyDate,
        EffectiveDate = standard.EffectiveDate,
        StandardCode = standard.Standard.Code,
        StandardReason = standard.Reason,
        AreaType = result.AreaType,
        PovertyLine = result.PovertyLine,
        MiddleLivingCeiling = result.MiddleLivingCeiling,
        MemberCount = memberCount,
        HouseholdIncome12Months = householdIncome12Months,
        IncomePerPersonMonthly = result.IncomePerPersonMonthly,
        FloorArea = floorArea,
        DeprivationCount = result.DeprivationCount,
        Classification = result.Classification,
        Indicators = answers.Select(a => new IndicatorOutcome(a.Indicator.Code, a.Deprived, a.Source, a.Reason)).ToList(),
        Reasons = result.Reasons,
        Status = ReviewStatus.Classified,
        CreatedAt = now,
    };

    /// <summary>
    /// Makes the result official. A regular review takes effect on its decision date, which must fall under the same
    /// standard the review was classified by (its indicators are that standard's); a periodic one on 1 January.
    /// </summary>
    public Result<PovertyReview> Recognise(RecognitionDecision decision, IReadOnlyList<PovertyStandard> standards, DateTimeOffset now)
    {
        if (Status == ReviewStatus.Recognised)
            return Error.Conflict("already-recognised", $"This review was already recognised by decision {DecisionNumber} of {DecisionDate:yyyy-MM-dd}.");
        var next = ReviewProcedure.Next(Status, ReviewStep.Recognition, RoundId is not null);
        if (!next.IsSuccess)
            return Result<PovertyReview>.Failure(next.Errors);
        if (PostingEnd is { } postingEnd && decision.DecisionDate <= postingEnd)
            return Error.Conflict("posting-not-ended",
                $"The public posting runs until {postingEnd:yyyy-MM-dd}; the decision can be dated {postingEnd.AddDays(1):yyyy-MM-dd} at the earliest.");
        if (decision.DecisionDate < SurveyDate)
            return Error.Invalid("decisionDate", "The decision cannot come before the survey.");

        var effective = EffectiveDate;
        if (Kind == ReviewKind.Regular)
        {
            var choice = StandardSelection.ForRegularReview(decision.DecisionDate, standards, "decisionDate");
            if (!choice.IsSuccess)
                return Result<PovertyReview>.Failure(choice.Errors);
            if (choice.Value.Standard.Code != StandardCode)
                return Error.Conflict("standard-changed",
                    $"On {decision.DecisionDate:yyyy-MM-dd} standard {choice.Value.Standard.Code} is in force, but the review was classified under {StandardCode}; survey the household again under the new standard.");
            effective = choice.Value.EffectiveDate;
        }

        EffectiveDate = effective;
        Status = ReviewStatus.Recognised;
        DecisionNumber = decision.DecisionNumber.Trim();
        DecisionDate = decision.DecisionDate;
        Signer = decision.Signer.Trim();
        RecognisedAt = now;
        return this;
    }

    /// <summary>The village meeting (họp dân): at least 50% of attendees in favour carries the result; less sends the review back to survey.</summary>
    public Result<PovertyReview> RecordVillageMeeting(DateOnly heldOn, int attendees, int votesInFavour, string chairedBy, DateTimeOffset now)
    {
        if (votesInFavour > attendees)
            return Error.Invalid("votesInFavour", "Votes in favour cannot exceed the attendees.");
        var step = votesInFavour * 2 >= attendees ? ReviewStep.VillageMeetingAgreed : ReviewStep.VillageMeetingRejected;
        return Take(step, heldOn, SurveyDate, "heldOn", "the survey", now,
            new ProcedureStepRecord(step, heldOn, now, attendees, votesInFavour, chairedBy.Trim()));
    }

    /// <summary>Public posting for <paramref name="workingDays"/> working days from <paramref name="startDate"/> (not counting <paramref name="holidays"/>).</summary>
    public Result<PovertyReview> Post(DateOnly startDate, int workingDays, IReadOnlySet<DateOnly> holidays, DateTimeOffset now)
    {
        var meeting = Steps.LastOrDefault(s => s.Step == ReviewStep.VillageMeetingAgreed)?.On ?? SurveyDate;
        var end = WorkingDays.PeriodEnd(startDate, workingDays, holidays);
        var taken = Take(ReviewStep.Posting, startDate, meeting, "startDate", "the village meeting", now,
            new ProcedureStepRecord(ReviewStep.Posting, startDate, now, PostingEnd: end));
        if (taken.IsSuccess)
            (PostingStart, PostingEnd) = (startDate, end);
        return taken;
    }

    /// <summary>
    /// A complaint received during the posting period. Its re-check (phúc tra) is due within
    /// <paramref name="recheckWorkingDays"/> working days of it (7, Decision 967/QĐ-BNNMT), counted from the next day.
    /// </summary>
    public Result<PovertyReview> Complain(DateOnly receivedOn, string summary, int recheckWorkingDays, IReadOnlySet<DateOnly> holidays, DateTimeOffset now)
    {
        if (Status == ReviewStatus.Posted && (receivedOn < PostingStart || receivedOn > PostingEnd))
            return Error.Conflict("outside-posting-period",
                $"Complaints are received during the posting, {PostingStart:yyyy-MM-dd} to {PostingEnd:yyyy-MM-dd}; {receivedOn:yyyy-MM-dd} is outside it.");
        return Take(ReviewStep.Complaint, receivedOn, PostingStart ?? SurveyDate, "receivedOn", "the posting", now,
            new ProcedureStepRecord(ReviewStep.Complaint, receivedOn, now, Summary: summary.Trim(),
                RecheckDueBy: WorkingDays.PeriodEnd(receivedOn.AddDays(1), recheckWorkingDays, holidays)));
    }

    /// <summary>The day the re-check of the latest complaint is due by; null when there was no complaint.</summary>
    public DateOnly? RecheckDueBy => Steps.LastOrDefault(s => s.Step == ReviewStep.Complaint)?.RecheckDueBy;

    /// <summary>A complaint still awaits its re-check after the day it was due.</summary>
    public bool RecheckOverdue(DateOnly today) => IsRecheckOverdue(RecheckDueBy, Status, today);

    public static bool IsRecheckOverdue(DateOnly? dueBy, ReviewStatus? status, DateOnly today) =>
        dueBy is { } due && status == ReviewStatus.Disputed && today > due;

    /// <summary>The re-check (phúc tra) of a complaint: upheld starts a new posting on the re-check day; resurvey sends the review back.</summary>
    public Result<PovertyReview> Recheck(DateOnly checkedOn, bool upheld, string? note, int workingDays, IReadOnlySet<DateOnly> holidays,
        DateTimeOffset now)
    {
        var step = upheld ? ReviewStep.RecheckUpheld : ReviewStep.RecheckResurvey;
        var complaint = Steps.LastOrDefault(s => s.Step == ReviewStep.Complaint)?.On ?? SurveyDate;
        DateOnly? end = upheld ? WorkingDays.PeriodEnd(checkedOn, workingDays, holidays) : null;
        var taken = Take(step, checkedOn, complaint, "checkedOn", "the complaint", now,
            new ProcedureStepRecord(step, checkedOn, now, PostingEnd: end, Note: note?.Trim()));
        if (taken.IsSuccess && end is not null)
            (PostingStart, PostingEnd) = (checkedOn, end);
        return taken;
    }

    Result<PovertyReview> Take(ReviewStep step, DateOnly on, DateOnly notBefore, string field, string what, DateTimeOffset now, ProcedureStepRecord record)
    {
        var next = ReviewProcedure.Next(Status, step, RoundId is not null);
        if (!next.IsSuccess)
            return Result<PovertyReview>.Failure(next.Errors);
        if (on < notBefore)
            return Error.Invalid(field, $"This step cannot come before {what} ({notBefore:yyyy-MM-dd}).");
        Status = next.Value;
        Steps = [.. Steps, record with { RecordedAt = now }];
        return this;
    }
}
