using Eligibility.Domain.Households;
using Eligibility.Domain.Policy;
using Eligibility.Domain.Units;

namespace Eligibility.Application.Eligibility;

/// <summary>The language of reason messages, chosen by the caller's Accept-Language.</summary>
public enum ReasonLanguage
{
    English,
    Vietnamese,
}

// ---- POST /api/v1/eligibility/evaluate: a public contract; these names do not change. ----

/// <summary>Facts of a household as an integrator or association has them; nothing is stored.</summary>
public sealed record EvaluateRequest
{
    /// <summary>The date the question is asked for; today in Vietnam when left out.</summary>
    public DateOnly? AsOf { get; init; }
    public required AreaType AreaType { get; init; }
    public bool EspeciallyDifficultArea { get; init; }
    /// <summary>The latest recognised review.</summary>
    public required CurrentReviewRequest Current { get; init; }
    /// <summary>The earlier recognised statuses, each effective before <see cref="Current"/>.</summary>
    public IReadOnlyList<HistoryEntryRequest> History { get; init; } = [];
    public IReadOnlyList<MemberProfileRequest> Members { get; init; } = [];

    public const int MaxHistory = 100;
    public const int MaxMembers = 50;
    public const int MaxIndicators = 30;
}

public sealed record CurrentReviewRequest
{
    public required DateOnly EffectiveDate { get; init; }
    public required decimal IncomePerPersonMonthly { get; init; }
    /// <summary>Codes of the indicators the household is deprived on, from the standard in force on the effective date.</summary>
    public IReadOnlyList<string> DeprivedIndicators { get; init; } = [];
}

public sealed record HistoryEntryRequest
{
    public required Classification Classification { get; init; }
    public required DateOnly EffectiveDate { get; init; }
}

public sealed record MemberProfileRequest
{
    public required DateOnly DateOfBirth { get; init; }
    public required Sex Sex { get; init; }
    public bool EthnicMinority { get; init; }
    public bool HasDisability { get; init; }
    /// <summary>
    /// Optional, false when left out: the member's household directly cares for a person with an especially severe
    /// disability, or the member takes in and cares for one (job-creation priority from 2026, Law 74/2025/QH15 Art. 9).
    /// </summary>
    public bool CaresForSevereDisability { get; init; }
}

/// <summary>
/// The answer of both the evaluate and the stored-household endpoints: the status in force (null fields when there is
/// none) and every programme.
/// </summary>
public sealed record EligibilityResponse(
    string? Standard,
    Classification? Classification,
    decimal? PovertyLine,
    int? DeprivationCount,
    IReadOnlyList<ProgrammeEligibilityResponse> Programmes);

public sealed record ReasonResponse(string Code, string Message);

/// <param name="AmountBasis">Beyond the contract's names, added: what <paramref name="MaxAmount"/> is counted per.</param>
/// <param name="EffectiveFrom">Beyond the contract's names, added: the day these terms took effect.</param>
public sealed record TermsResponse(decimal? MaxAmount, decimal AnnualRatePercent, int? MaxTermMonths, AmountBasis AmountBasis, DateOnly EffectiveFrom);

/// <param name="Index">The member's position: in the request's <c>members</c>, or in the household's members as
/// <c>GET /api/v1/households/{id}</c> lists them (head first, then by date of birth).</param>
/// <param name="MemberId">The stored member's id; null for evaluate.</param>
public sealed record MemberEligibilityResponse(int Index, Guid? MemberId, bool Eligible, bool Priority, decimal? AnnualRatePercent, IReadOnlyList<ReasonResponse> Reasons);

/// <param name="Terms">The terms in force on the as-of date; null when the programme has none that day.</param>
/// <param name="ValidUntil">The last day the answer holds when the rule ends it (newly-escaped's window); otherwise null.</param>
/// <param name="Members">job-creation only: one answer per member.</param>
public sealed record ProgrammeEligibilityResponse(
    string Code,
    bool Eligible,
    IReadOnlyList<ReasonResponse> Reasons,
    string LegalBasis,
    TermsResponse? Terms,
    DateOnly? ValidUntil,
    IReadOnlyList<MemberEligibilityResponse>? Members);

// ---- POST /api/v1/eligibility/lookup ----

/// <summary>Personal ID numbers travel in the body, never in a URL.</summary>
public sealed record LookupRequest
{
    public required IReadOnlyList<string> PersonalIds { get; init; }

    public const int MaxIds = 1000;
}

/// <summary>One answer per requested number, in the request's order; nothing else about the person.</summary>
/// <param name="Status">The classification in force today; null when not found or no recognised status is in force.</param>
public sealed record LookupResult(string PersonalId, bool Found, Classification? Status, IReadOnlyList<string> EligibleProgrammes);

public sealed record LookupResponse(DateOnly AsOf, IReadOnlyList<LookupResult> Results);

// ---- GET /api/v1/communes/{code}/eligible-households ----

public sealed record EligibleHouseholdsQuery(string CommuneCode, string? Programme, string? AsOf, Guid? VillageId, int Page, int PageSize);

/// <param name="Classification">The status in force on the as-of date; null for a job-creation household without one.</param>
/// <param name="ValidUntil">newly-escaped-household: the last day of the window; otherwise null.</param>
public sealed record EligibleHousehold(
    Guid HouseholdId,
    string HeadName,
    Guid VillageId,
    string VillageName,
    Classification? Classification,
    DateOnly? StatusEffectiveDate,
    DateOnly? ValidUntil);

/// <summary>What the store's list query needs: one programme's test, already resolved against the terms in force.</summary>
public sealed record EligibleHouseholdsFilter(
    string CommuneCode,
    string Programme,
    DateOnly AsOf,
    Guid? VillageId,
    int Page,
    int PageSize,
    int? WindowYears = null,
    DateOnly? BornOnOrBefore = null);
