using Eligibility.Application.Reviews;
using Eligibility.Domain.Policy;
using Eligibility.Domain.Reviews;

namespace Eligibility.Application.Rounds;

/// <summary>
/// The posting period in working days (<c>Procedure:PostingWorkingDays</c>, default 3), the days within which a
/// regular review's request must be decided (<c>Procedure:RegularDecisionDays</c>, default 15), and the working days
/// within which a complaint is re-checked (<c>Procedure:RecheckWorkingDays</c>, default 7, Decision 967/QĐ-BNNMT).
/// </summary>
public sealed record ProcedureOptions(int PostingWorkingDays = 3, int RegularDecisionDays = 15, int RecheckWorkingDays = 7);

public sealed record OpenRoundRequest
{
    /// <summary>periodic (with year) or regular (with month).</summary>
    public required ReviewKind Kind { get; init; }
    /// <summary>The year of a periodic round: its window is 1 September to 14 December.</summary>
    public int? Year { get; init; }
    /// <summary>The month of a regular round, as YYYY-MM.</summary>
    public string? Month { get; init; }
}

public sealed record RoundResponse(
    Guid Id, string CommuneCode, ReviewKind Kind, int Year, string? Month, DateOnly WindowStart, DateOnly WindowEnd, DateTimeOffset CreatedAt);

public sealed record FileRequestRequest
{
    public required Guid HouseholdId { get; init; }
    public required DateOnly FiledOn { get; init; }
    public required string Reason { get; init; }
}

public sealed record RoundRequestResponse(Guid RoundId, Guid HouseholdId, string CommuneCode, DateOnly FiledOn, string Reason, DateTimeOffset CreatedAt);

/// <summary>A review recorded in a round: the survey of today's review body; kind and period come from the round.</summary>
public sealed record RoundReviewRequest : ISurveyAnswers
{
    public required Guid HouseholdId { get; init; }
    public required DateOnly SurveyDate { get; init; }
    public decimal? IncomePerPersonMonthly { get; init; }
    public decimal? HouseholdIncome12Months { get; init; }
    public decimal? FloorArea { get; init; }
    public IReadOnlyDictionary<string, bool> Indicators { get; init; } = new Dictionary<string, bool>();
}

/// <summary>Why a household is on the round's list, and where its review stands.</summary>
/// <param name="StatusInForce">The poor or near-poor status that lists it: held at some time from the round's first day
/// to its end (the latest such status); null when only its request lists it.</param>
/// <param name="StatusSince">The day that status took effect.</param>
/// <param name="RecheckDueBy">The day the re-check of a complaint against its review is due by.</param>
/// <param name="Overdue">The request's decision or a complaint's re-check is late.</param>
public sealed record RoundHouseholdResponse(
    Guid HouseholdId, string CommuneCode, Guid VillageId, string VillageName, string HeadName,
    string? StatusInForce, DateOnly? StatusSince, DateOnly? RequestFiledOn, string? RequestReason,
    Guid? ReviewId, ReviewStatus? ReviewStatus, string? ProposedClassification, DateOnly? DecisionDueBy, DateOnly? RecheckDueBy, bool Overdue);

public sealed record RoundHousehold(
    Guid HouseholdId, string CommuneCode, Guid VillageId, string VillageName, string HeadName,
    Classification? StatusInForce, DateOnly? StatusSince, DateOnly? RequestFiledOn, string? RequestReason,
    Guid? ReviewId, ReviewStatus? ReviewStatus, Classification? Proposed, DateOnly? RecheckDueBy);

public sealed record VillageMeetingRequest
{
    public required DateOnly HeldOn { get; init; }
    public required int Attendees { get; init; }
    public required int VotesInFavour { get; init; }
    public required string ChairedBy { get; init; }
}

public sealed record PostingRequest
{
    public required DateOnly StartDate { get; init; }
}

public sealed record ComplaintRequest
{
    public required DateOnly ReceivedOn { get; init; }
    public required string Summary { get; init; }
}

public enum RecheckOutcome
{
    /// <summary>The result stands: posting starts again on the re-check day.</summary>
    Upheld,
    /// <summary>The result is wrong: the review is sent back to survey.</summary>
    Resurvey,
}

public sealed record RecheckRequest
{
    public required DateOnly CheckedOn { get; init; }
    public required RecheckOutcome Outcome { get; init; }
    public string? Note { get; init; }
}

public sealed record RoundRecognitionRequest
{
    public required string DecisionNumber { get; init; }
    public required DateOnly DecisionDate { get; init; }
    public required string Signer { get; init; }
    /// <summary>The reviews the decision recognises; or leave out and set all.</summary>
    public IReadOnlyList<Guid>? ReviewIds { get; init; }
    /// <summary>Every review of the round whose posting ended before the decision date and is not disputed.</summary>
    public bool All { get; init; }
}

public sealed record RoundRecognitionResponse(Guid RoundId, string DecisionNumber, DateOnly DecisionDate, string Signer, IReadOnlyList<Guid> Recognised);

/// <summary>One line of the public posting list: no ID numbers, no dates of birth.</summary>
public sealed record PostingLineResponse(
    int No, Guid ReviewId, Guid HouseholdId, string VillageName, string HeadName, string ProposedClassification,
    string ProposedClassificationVi, DateOnly PostingStart, DateOnly PostingEnd, ReviewStatus Status);

public sealed record PostingListResponse(RoundResponse Round, IReadOnlyList<PostingLineResponse> Items);

public sealed record PostingLine(
    Guid ReviewId, Guid HouseholdId, string VillageName, string HeadName, Classification Proposed,
    DateOnly PostingStart, DateOnly PostingEnd, ReviewStatus Status);

public static class RoundMapping
{
    public static RoundResponse ToResponse(this ReviewRound r) => new(
        r.Id, r.CommuneCode, r.Kind, r.Year, r.Month is { } m ? $"{r.Year:0000}-{m:00}" : null, r.WindowStart, r.WindowEnd, r.CreatedAt);

    public static RoundRequestResponse ToResponse(this ReviewRoundRequest r) =>
        new(r.RoundId, r.HouseholdId, r.CommuneCode, r.FiledOn, r.Reason, r.CreatedAt);

    /// <summary><paramref name="decisionDays"/>: the days a request of this round has to be decided in (regular rounds only).</summary>
    public static RoundHouseholdResponse ToResponse(this RoundHousehold h, int? decisionDays, DateOnly today)
    {
        DateOnly? due = h.RequestFiledOn is { } filed && decisionDays is { } days ? ReviewRoundRequest.DecisionDueBy(filed, days) : null;
        return new(h.HouseholdId, h.CommuneCode, h.VillageId, h.VillageName, h.HeadName, h.StatusInForce?.Code(), h.StatusSince, h.RequestFiledOn,
            h.RequestReason, h.ReviewId, h.ReviewStatus, h.Proposed?.Code(), due, h.RecheckDueBy,
            (due is { } by && ReviewRoundRequest.IsOverdue(by, h.ReviewStatus, today)) || PovertyReview.IsRecheckOverdue(h.RecheckDueBy, h.ReviewStatus, today));
    }

    /// <summary>The label the posted list uses (Mẫu niêm yết).</summary>
    public static string LabelVi(this Classification c) => c switch
    {
        Classification.Poor => "Hộ nghèo",
        Classification.NearPoor => "Hộ cận nghèo",
        Classification.MiddleLiving => "Hộ có mức sống trung bình",
        _ => "Hộ không nghèo",
    };

    public static string LabelVi(this ReviewStatus s) => s switch
    {
        ReviewStatus.Posted => "Đang niêm yết",
        ReviewStatus.Disputed => "Có khiếu nại",
        ReviewStatus.Recognised => "Đã công nhận",
        _ => s.ToString(),
    };

    public static PostingLineResponse ToResponse(this PostingLine l, int no) => new(
        no, l.ReviewId, l.HouseholdId, l.VillageName, l.HeadName, l.Proposed.Code(), l.Proposed.LabelVi(), l.PostingStart, l.PostingEnd, l.Status);
}
