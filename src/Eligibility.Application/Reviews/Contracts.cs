using Eligibility.Application.Policy;
using Eligibility.Domain.Policy;
using Eligibility.Domain.Reviews;
using Eligibility.Domain.Units;

namespace Eligibility.Application.Reviews;

/// <summary>What a survey records: the answers a review is classified from.</summary>
public interface ISurveyAnswers
{
    DateOnly SurveyDate { get; }
    decimal? IncomePerPersonMonthly { get; }
    decimal? HouseholdIncome12Months { get; }
    decimal? FloorArea { get; }
    IReadOnlyDictionary<string, bool> Indicators { get; }
}

public sealed record CreateReviewRequest : ISurveyAnswers
{
    /// <summary>periodic (with periodYear) or regular.</summary>
    public required ReviewKind Kind { get; init; }
    /// <summary>The year of a periodic review; its result takes effect on 1 January of the next year.</summary>
    public int? PeriodYear { get; init; }
    public required DateOnly SurveyDate { get; init; }
    /// <summary>Monthly income per person in VND; or give householdIncome12Months instead.</summary>
    public decimal? IncomePerPersonMonthly { get; init; }
    /// <summary>The household's income over the last 12 months in VND; the per-person monthly figure is derived with the member count.</summary>
    public decimal? HouseholdIncome12Months { get; init; }
    /// <summary>Floor area of the dwelling in m², from which housing-area can be derived.</summary>
    public decimal? FloorArea { get; init; }
    /// <summary>Indicator code → deprived. Mechanical indicators may be left out when the facts allow deriving them.</summary>
    public IReadOnlyDictionary<string, bool> Indicators { get; init; } = new Dictionary<string, bool>();
}

public sealed record RecognitionRequest
{
    public required string DecisionNumber { get; init; }
    public required DateOnly DecisionDate { get; init; }
    public required string Signer { get; init; }
}

public sealed record BilingualReason(string Code, string MessageVi, string MessageEn);

public sealed record IndicatorResponse(string Code, string NameVi, string NameEn, string Service, bool Deprived, string Source, BilingualReason? Reason);

public sealed record RecognitionResponse(string DecisionNumber, DateOnly DecisionDate, string Signer, DateTimeOffset RecognisedAt);

public sealed record ReviewResponse(
    Guid Id,
    Guid HouseholdId,
    ReviewKind Kind,
    int? PeriodYear,
    DateOnly SurveyDate,
    DateOnly EffectiveDate,
    string Standard,
    BilingualReason StandardReason,
    AreaType AreaType,
    decimal PovertyLine,
    decimal MiddleLivingCeiling,
    int MemberCount,
    decimal? HouseholdIncome12Months,
    decimal IncomePerPersonMonthly,
    decimal? FloorArea,
    IReadOnlyList<IndicatorResponse> Indicators,
    IReadOnlyList<string> DerivedIndicators,
    int DeprivationCount,
    string Classification,
    IReadOnlyList<BilingualReason> Reasons,
    ReviewStatus Status,
    Guid? RoundId,
    ProcedureResponse? Procedure,
    RecognitionResponse? Recognition,
    DateTimeOffset CreatedAt)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public uint Version { get; init; }
}

/// <summary>Where a round's review stands in the procedure, and every step recorded.</summary>
/// <param name="RecheckDueBy">The day the re-check (phúc tra) of the latest complaint is due by (Procedure:RecheckWorkingDays).</param>
/// <param name="Overdue">A complaint still awaits its re-check after that day.</param>
public sealed record ProcedureResponse(DateOnly? PostingStart, DateOnly? PostingEnd, IReadOnlyList<ProcedureStepResponse> Steps,
    DateOnly? RecheckDueBy, bool Overdue);

public sealed record ProcedureStepResponse(
    ReviewStep Step, DateOnly On, DateTimeOffset RecordedAt, int? Attendees, int? VotesInFavour, string? ChairedBy,
    DateOnly? PostingEnd, string? Summary, string? Note, DateOnly? RecheckDueBy);

public sealed record StatusResponse(
    Guid ReviewId,
    string Classification,
    string Standard,
    DateOnly EffectiveDate,
    DateOnly? ValidTo,
    decimal IncomePerPersonMonthly,
    int DeprivationCount,
    DateOnly? EscapeDate,
    RecognitionResponse Decision);

public static class ReviewMapping
{
    public static BilingualReason ToResponse(this Reason r) => new(r.Code, r.MessageVi, r.MessageEn);

    /// <summary>The review with its indicators named as its standard (in <paramref name="policy"/>) names them.</summary>
    /// <remarks><paramref name="today"/>: whether a re-check is overdue depends on the day asked.</remarks>
    public static ReviewResponse ToResponse(this PovertyReview r, PolicySet policy, DateOnly today) => r.ToResponse(policy.Standard(r.StandardCode)!, today);

    static ReviewResponse ToResponse(this PovertyReview r, PovertyStandard standard, DateOnly today) => new(
        r.Id, r.HouseholdId, r.Kind, r.PeriodYear, r.SurveyDate, r.EffectiveDate, r.StandardCode, r.StandardReason.ToResponse(),
        r.AreaType, r.PovertyLine, r.MiddleLivingCeiling, r.MemberCount, r.HouseholdIncome12Months, r.IncomePerPersonMonthly, r.FloorArea,
        r.Indicators.Select(i => i.ToResponse(standard.FindIndicator(i.Code)!)).ToList(),
        r.Indicators.Where(i => i.Source == AnswerSource.Derived).Select(i => i.Code).ToList(),
        r.DeprivationCount, r.Classification.Code(), r.Reasons.Select(x => x.ToResponse()).ToList(), r.Status, r.RoundId,
        // Reviews outside rounds take no procedure steps.
        r.RoundId is null ? null : new ProcedureResponse(r.PostingStart, r.PostingEnd, r.Steps.Select(s => new ProcedureStepResponse(
            s.Step, s.On, s.RecordedAt, s.Attendees, s.VotesInFavour, s.ChairedBy, s.PostingEnd, s.Summary, s.Note, s.RecheckDueBy)).ToList(),
            r.RecheckDueBy, r.RecheckOverdue(today)),
        r.Status == ReviewStatus.Recognised ? new RecognitionResponse(r.DecisionNumber!, r.DecisionDate!.Value, r.Signer!, r.RecognisedAt!.Value) : null,
        r.CreatedAt)
    {
        Version = r.Version,
    };

    static IndicatorResponse ToResponse(this IndicatorOutcome answer, Indicator indicator) => new(
        answer.Code, indicator.NameVi, indicator.NameEn, indicator.Service, answer.Deprived,
        answer.Source == AnswerSource.Derived ? "derived" : "recorded", answer.Reason?.ToResponse());

    public static StatusResponse ToResponse(this HouseholdStatus s) => new(
        s.ReviewId, s.Classification.Code(), s.StandardCode, s.EffectiveDate, s.ValidTo, s.IncomePerPersonMonthly, s.DeprivationCount,
        s.EscapeDate, new RecognitionResponse(s.DecisionNumber, s.DecisionDate, s.Signer, s.RecognisedAt));
}
