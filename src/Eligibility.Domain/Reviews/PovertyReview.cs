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
    Classified,
    Recognised,
}

/// <summary>One indicator's answer as the review used it, kept whole as evidence.</summary>
public sealed record IndicatorOutcome(string Code, string NameVi, string NameEn, string Service, bool Deprived, AnswerSource Source, Reason? Reason);

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
    public string? DecisionNumber { get; private set; }
    public DateOnly? DecisionDate { get; private set; }
    public string? Signer { get; private set; }
    public DateTimeOffset? RecognisedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public uint Version { get; private set; }

    public static PovertyReview Record(
        Guid id, Guid householdId, string provinceCode, string communeCode, ReviewKind kind, int? periodYear, DateOnly surveyDate,
        StandardChoice standard, ClassificationResult result, IReadOnlyList<IndicatorAnswer> answers,
        int memberCount, decimal? householdIncome12Months, decimal? floorArea, DateTimeOffset now) => new()
    {
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
        Indicators = answers.Select(a => new IndicatorOutcome(a.Indicator.Code, a.Indicator.NameVi, a.Indicator.NameEn, a.Indicator.Service,
            a.Deprived, a.Source, a.Reason)).ToList(),
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
}
