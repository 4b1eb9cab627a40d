using Eligibility.Domain.Common;

namespace Eligibility.Domain.Reviews;

/// <summary>
/// A commune's review round (Decision 24/2021/QĐ-TTg): periodic for a year, its window 1 September to 14 December, or
/// regular for a month. Its households are those on the poor and near-poor lists on its first day plus those that filed
/// a request; its reviews go through the procedure's steps.
/// </summary>
public sealed class ReviewRound
{
    ReviewRound() { }

    public Guid Id { get; private set; }
    public string ProvinceCode { get; private set; } = "";
    public string CommuneCode { get; private set; } = "";
    public ReviewKind Kind { get; private set; }
    public int Year { get; private set; }
    /// <summary>The month of a regular round (1-12); null for a periodic one.</summary>
    public int? Month { get; private set; }
    public DateOnly WindowStart { get; private set; }
    public DateOnly WindowEnd { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static ReviewRound Periodic(Guid id, string provinceCode, string communeCode, int year, DateTimeOffset now) => new()
    {
        Id = id, ProvinceCode = provinceCode, CommuneCode = communeCode, Kind = ReviewKind.Periodic, Year = year,
        WindowStart = new DateOnly(year, 9, 1), WindowEnd = new DateOnly(year, 12, 14), CreatedAt = now,
    };

    public static ReviewRound Regular(Guid id, string provinceCode, string communeCode, int year, int month, DateTimeOffset now) => new()
    {
        Id = id, ProvinceCode = provinceCode, CommuneCode = communeCode, Kind = ReviewKind.Regular, Year = year, Month = month,
        WindowStart = new DateOnly(year, month, 1), WindowEnd = new DateOnly(year, month, DateTime.DaysInMonth(year, month)), CreatedAt = now,
    };

    /// <summary>Surveys of the round are carried out inside its window.</summary>
    public Error? CheckSurveyDate(DateOnly surveyDate) =>
        surveyDate >= WindowStart && surveyDate <= WindowEnd
            ? null
            : new Error(ErrorKind.Unprocessable, "outside-review-window",
                $"The survey date {surveyDate:yyyy-MM-dd} is outside the round's window {WindowStart:yyyy-MM-dd} to {WindowEnd:yyyy-MM-dd}.", "surveyDate");
}

/// <summary>A household's request to be reviewed in a round (giấy đề nghị).</summary>
public sealed class ReviewRoundRequest
{
    ReviewRoundRequest() { }

    public Guid RoundId { get; private set; }
    public Guid HouseholdId { get; private set; }
    public string ProvinceCode { get; private set; } = "";
    public string CommuneCode { get; private set; } = "";
    public DateOnly FiledOn { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// The last day for the commune chairman's decision on a regular-review request: <paramref name="days"/> days after
    /// it was filed (15 under Decision 24/2021/QĐ-TTg; domain notes §5).
    /// </summary>
    public static DateOnly DecisionDueBy(DateOnly filedOn, int days) => filedOn.AddDays(days);

    /// <summary>Past its due day without a recognition decision (a returned review is surveyed again: still undecided).</summary>
    public static bool IsOverdue(DateOnly dueBy, ReviewStatus? review, DateOnly today) => today > dueBy && review != ReviewStatus.Recognised;

    public static Result<ReviewRoundRequest> File(ReviewRound round, Guid householdId, DateOnly filedOn, string reason, DateTimeOffset now)
    {
        if (filedOn > round.WindowEnd)
            return new Error(ErrorKind.Unprocessable, "filed-after-round",
                $"A request filed on {filedOn:yyyy-MM-dd} is too late for the round ending {round.WindowEnd:yyyy-MM-dd}.", "filedOn");
        return new ReviewRoundRequest
        {
            RoundId = round.Id, HouseholdId = householdId, ProvinceCode = round.ProvinceCode, CommuneCode = round.CommuneCode,
            FiledOn = filedOn, Reason = reason.Trim(), CreatedAt = now,
        };
    }
}
