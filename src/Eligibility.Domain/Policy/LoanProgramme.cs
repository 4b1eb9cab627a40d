namespace Eligibility.Domain.Policy;

/// <summary>The programme codes the eligibility rules know.</summary>
public static class ProgrammeCodes
{
    public const string PoorHousehold = "poor-household";
    public const string NearPoorHousehold = "near-poor-household";
    public const string NewlyEscapedHousehold = "newly-escaped-household";
    public const string Income150 = "income-150";
    public const string JobCreation = "job-creation";
}

/// <summary>What a programme's maximum amount is counted per.</summary>
public enum AmountBasis
{
    PerHousehold,
    PerWorker,
    PerStudentPerMonth,
}

/// <summary>A social-policy loan programme; its terms change over time, so they are versioned by effective date.</summary>
public sealed record LoanProgramme(
    string Code,
    string NameVi,
    string NameEn,
    string LegalBasis,
    IReadOnlyList<ProgrammeTerms> Terms)
{
    /// <summary>The latest terms effective on or before the date, or null when the programme had none yet.</summary>
    public ProgrammeTerms? TermsOn(DateOnly date) =>
        Terms.Where(t => t.EffectiveFrom <= date).MaxBy(t => t.EffectiveFrom);
}

/// <summary>One version of a programme's terms, in force from <paramref name="EffectiveFrom"/> until the next version.</summary>
/// <param name="MaxAmount">Cap in VND, counted per <paramref name="AmountBasis"/>; null when no single cap applies.</param>
/// <param name="MaxTermMonths">Longest loan term; null when the data does not state one.</param>
public sealed record ProgrammeTerms(
    DateOnly EffectiveFrom,
    decimal? MaxAmount,
    AmountBasis AmountBasis,
    int? MaxTermMonths,
    decimal AnnualRatePercent,
    string LegalBasis)
{
    /// <summary>job-creation: the rate for priority workers (the poor-household rate).</summary>
    public decimal? PriorityAnnualRatePercent { get; init; }

    /// <summary>job-creation: the age from which a member may borrow (full civil capacity).</summary>
    public int? MinimumBorrowerAge { get; init; }

    /// <summary>newly-escaped-household: how many years after the escape the household still qualifies.</summary>
    public int? WindowYears { get; init; }
}
