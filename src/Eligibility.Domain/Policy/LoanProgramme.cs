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

    /// <summary>job-creation: which workers are priority workers under these terms.</summary>
    public PriorityRule? PriorityRule { get; init; }

    /// <summary>income-150: income per person may reach this multiple of the status's poverty line (1.5).</summary>
    public decimal? IncomeCeilingFactor { get; init; }

    /// <summary>Whether a source confirms these terms (<see cref="Source"/> says which).</summary>
    public bool Confirmed { get; init; } = true;

    public string Source { get; init; } = "";
}

/// <summary>
/// job-creation's priority groups, which changed with the law; each terms version names the set it applies.
/// </summary>
public enum PriorityRule
{
    /// <summary>
    /// Decree 61/2015/NĐ-CP as amended by Decree 74/2019/NĐ-CP (until 2025-12-31): people with a disability, and
    /// ethnic-minority people living in an especially difficult area, whatever the household's poverty.
    /// </summary>
    Decree61,

    /// <summary>
    /// Law 74/2025/QH15 on Employment Art. 9 and Decree 338/2025/NĐ-CP (from 2026-01-01): people with a disability;
    /// ethnic-minority members of poor households; members of poor households in an especially difficult area; a
    /// worker of a household caring for a person with an especially severe disability, or who takes one in.
    /// </summary>
    Law74,
}
