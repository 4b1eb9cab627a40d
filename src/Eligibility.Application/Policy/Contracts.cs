using Eligibility.Domain.Policy;

namespace Eligibility.Application.Policy;

public sealed record IndicatorDefinition(string Code, string NameVi, string NameEn, string Service);

public sealed record StandardFiguresResponse(
    DateOnly EffectiveFrom, decimal RuralLine, decimal UrbanLine, decimal MiddleLivingFactor, int DeprivationThreshold,
    DerivationThresholds Derivation, string LegalBasis);

public sealed record StandardResponse(
    string Code, string LegalBasis, DateOnly InForceFrom, DateOnly InForceTo,
    IReadOnlyList<StandardFiguresResponse> Figures, IReadOnlyList<IndicatorDefinition> Indicators);

public sealed record ProgrammeTermsResponse(
    DateOnly EffectiveFrom, decimal? MaxAmount, AmountBasis AmountBasis, int? MaxTermMonths, decimal AnnualRatePercent,
    decimal? PriorityAnnualRatePercent, int? MinimumBorrowerAge, int? WindowYears, string LegalBasis);

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
    public required string LegalBasis { get; init; }
}

public static class PolicyMapping
{
    public static StandardResponse ToResponse(this PovertyStandard s) => new(
        s.Code, s.LegalBasis, s.InForceFrom, s.InForceTo,
        s.Figures.OrderBy(f => f.EffectiveFrom).Select(f => new StandardFiguresResponse(
            f.EffectiveFrom, f.RuralLine, f.UrbanLine, f.MiddleLivingFactor, f.DeprivationThreshold, f.Derivation, f.LegalBasis)).ToList(),
        s.Indicators.Select(i => new IndicatorDefinition(i.Code, i.NameVi, i.NameEn, i.Service)).ToList());

    public static ProgrammeTermsResponse ToResponse(this ProgrammeTerms t) => new(
        t.EffectiveFrom, t.MaxAmount, t.AmountBasis, t.MaxTermMonths, t.AnnualRatePercent,
        t.PriorityAnnualRatePercent, t.MinimumBorrowerAge, t.WindowYears, t.LegalBasis);

    public static ProgrammeResponse ToResponse(this LoanProgramme p, DateOnly asOf) => new(
        p.Code, p.NameVi, p.NameEn, p.LegalBasis, asOf, p.TermsOn(asOf)?.ToResponse(),
        p.Terms.OrderBy(t => t.EffectiveFrom).Select(t => t.ToResponse()).ToList());
}
