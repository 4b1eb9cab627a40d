using Eligibility.Domain.Policy;

namespace Eligibility.Application.Policy;

/// <param name="Thresholds">Every version of what is known of its threshold, oldest first: an unconfirmed threshold is
/// never used to derive an answer, which must then be recorded.</param>
public sealed record IndicatorDefinition(string Code, string NameVi, string NameEn, string Service, IReadOnlyList<IndicatorThresholdResponse> Thresholds);

public sealed record IndicatorThresholdResponse(DateOnly EffectiveFrom, bool Confirmed, string Source, string LegalBasis);

/// <param name="Confirmed">Whether a source confirms the lines and the deprivation threshold.</param>
/// <param name="MiddleLivingFactorConfirmed">Whether a source confirms the middle-living band (not for 2027-2030).</param>
/// <param name="Source">Where the figures come from.</param>
public sealed record StandardFiguresResponse(
    DateOnly EffectiveFrom, decimal RuralLine, decimal UrbanLine, decimal MiddleLivingFactor, int DeprivationThreshold,
    DerivationThresholds Derivation, string LegalBasis, bool Confirmed, bool MiddleLivingFactorConfirmed, string Source);

public sealed record StandardResponse(
    string Code, string LegalBasis, DateOnly InForceFrom, DateOnly InForceTo,
    IReadOnlyList<StandardFiguresResponse> Figures, IReadOnlyList<IndicatorDefinition> Indicators);

/// <param name="PriorityRule">job-creation: which workers are priority workers under these terms.</param>
/// <param name="IncomeCeilingFactor">income-150: the multiple of the status's poverty line income per person may reach.</param>
/// <param name="Confirmed">Whether a source confirms these terms.</param>
/// <param name="Source">Where the terms come from.</param>
public sealed record ProgrammeTermsResponse(
    DateOnly EffectiveFrom, decimal? MaxAmount, AmountBasis AmountBasis, int? MaxTermMonths, decimal AnnualRatePercent,
    decimal? PriorityAnnualRatePercent, int? MinimumBorrowerAge, int? WindowYears, string LegalBasis,
    PriorityRule? PriorityRule, decimal? IncomeCeilingFactor, bool Confirmed, string Source);

/// <param name="Terms">The terms in force on the day asked about; null when the programme had none then.</param>
/// <param name="TermsHistory">Every version, oldest first, so past answers can be reproduced.</param>
public sealed record ProgrammeResponse(
    string Code, string NameVi, string NameEn, string LegalBasis, DateOnly AsOf, ProgrammeTermsResponse? Terms, IReadOnlyList<ProgrammeTermsResponse> TermsHistory);

/// <summary>A new version of a standard's figures, in force from a future date.</summary>
public sealed record NewStandardFiguresRequest
{
    public required DateOnly EffectiveFrom { get; init; }
    public required decimal RuralLine { get; init; }
    public required decimal UrbanLine { get; init; }
    public required decimal MiddleLivingFactor { get; init; }
    public required int DeprivationThreshold { get; init; }
    /// <summary>Thresholds of the derived indicators; when left out, those of the version in force before are kept.</summary>
    public DerivationThresholds? Derivation { get; init; }
    public required string LegalBasis { get; init; }
    /// <summary>Whether a source confirms the lines and deprivation threshold; true when left out.</summary>
    public bool Confirmed { get; init; } = true;
    /// <summary>Whether a source confirms the middle-living band; true when left out.</summary>
    public bool MiddleLivingFactorConfirmed { get; init; } = true;
    /// <summary>Where the figures come from; the legal basis when left out.</summary>
    public string? Source { get; init; }
}

/// <summary>What is known of an indicator's threshold from a future date: a confirmed one lets its answer be derived again.</summary>
public sealed record NewIndicatorThresholdRequest
{
    public required DateOnly EffectiveFrom { get; init; }
    public required bool Confirmed { get; init; }
    public required string Source { get; init; }
    public required string LegalBasis { get; init; }
}

/// <summary>A new version of a programme's terms, in force from a future date.</summary>
public sealed record NewProgrammeTermsRequest
{
    public required DateOnly EffectiveFrom { get; init; }
    public decimal? MaxAmount { get; init; }
    public required AmountBasis AmountBasis { get; init; }
    public int? MaxTermMonths { get; init; }
    public required decimal AnnualRatePercent { get; init; }
    public decimal? PriorityAnnualRatePercent { get; init; }
    public int? MinimumBorrowerAge { get; init; }
    public int? WindowYears { get; init; }
    /// <summary>job-creation: the priority groups these terms apply (required for job-creation).</summary>
    public PriorityRule? PriorityRule { get; init; }
    /// <summary>income-150: the multiple of the poverty line income may reach (required for income-150).</summary>
    public decimal? IncomeCeilingFactor { get; init; }
    public required string LegalBasis { get; init; }
    /// <summary>Whether a source confirms these terms; true when left out.</summary>
    public bool Confirmed { get; init; } = true;
    /// <summary>Where the terms come from; the legal basis when left out.</summary>
    public string? Source { get; init; }
}

public static class PolicyMapping
{
    public static StandardResponse ToResponse(this PovertyStandard s) => new(
        s.Code, s.LegalBasis, s.InForceFrom, s.InForceTo,
        s.Figures.OrderBy(f => f.EffectiveFrom).Select(f => new StandardFiguresResponse(
            f.EffectiveFrom, f.RuralLine, f.UrbanLine, f.MiddleLivingFactor, f.DeprivationThreshold, f.Derivation, f.LegalBasis,
            f.Confirmed, f.MiddleLivingFactorConfirmed, f.Source)).ToList(),
        s.Indicators.Select(i => new IndicatorDefinition(i.Code, i.NameVi, i.NameEn, i.Service,
            i.Thresholds.Select(t => new IndicatorThresholdResponse(t.EffectiveFrom, t.Confirmed, t.Source, t.LegalBasis)).ToList())).ToList());

    public static ProgrammeTermsResponse ToResponse(this ProgrammeTerms t) => new(
        t.EffectiveFrom, t.MaxAmount, t.AmountBasis, t.MaxTermMonths, t.AnnualRatePercent,
        t.PriorityAnnualRatePercent, t.MinimumBorrowerAge, t.WindowYears, t.LegalBasis,
        t.PriorityRule, t.IncomeCeilingFactor, t.Confirmed, t.Source);

    public static ProgrammeResponse ToResponse(this LoanProgramme p, DateOnly asOf) => new(
        p.Code, p.NameVi, p.NameEn, p.LegalBasis, asOf, p.TermsOn(asOf)?.ToResponse(),
        p.Terms.OrderBy(t => t.EffectiveFrom).Select(t => t.ToResponse()).ToList());
}
