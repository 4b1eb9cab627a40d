using Eligibility.Domain.Units;

namespace Eligibility.Domain.Policy;

/// <summary>
/// A multidimensional poverty standard (chuẩn nghèo đa chiều), e.g. "2022-2025" (Decree 07/2021/NĐ-CP).
/// Its figures are versioned by effective date so a correction can be scheduled without rewriting past answers.
/// </summary>
public sealed record PovertyStandard(
    string Code,
    string LegalBasis,
    DateOnly InForceFrom,
    DateOnly InForceTo,
    IReadOnlyList<StandardFigures> Figures,
    IReadOnlyList<Indicator> Indicators)
{
    public bool IsInForceOn(DateOnly date) => InForceFrom <= date && date <= InForceTo;

    /// <summary>The latest version of the figures effective on or before the date, or null when none is.</summary>
    public StandardFigures? FiguresOn(DateOnly date) =>
        Figures.Where(f => f.EffectiveFrom <= date).MaxBy(f => f.EffectiveFrom);

    public Indicator? FindIndicator(string code) => Indicators.FirstOrDefault(i => i.Code == code);
}

/// <summary>One version of a standard's figures, in force from <paramref name="EffectiveFrom"/> until the next version.</summary>
/// <param name="RuralLine">Poverty line in VND per person per month for rural areas.</param>
/// <param name="UrbanLine">Poverty line in VND per person per month for urban areas.</param>
/// <param name="MiddleLivingFactor">Middle-living households have income above the line and up to this multiple of it.</param>
/// <param name="DeprivationThreshold">Deprivation count from which a household at or under the line is poor.</param>
/// <param name="Derivation">Thresholds of the indicators derived from recorded facts.</param>
public sealed record StandardFigures(
    DateOnly EffectiveFrom,
    decimal RuralLine,
    decimal UrbanLine,
    decimal MiddleLivingFactor,
    int DeprivationThreshold,
    DerivationThresholds Derivation,
    string LegalBasis)
{
    /// <summary>Whether a source confirms the lines and the deprivation threshold (<see cref="Source"/> says which).</summary>
    public bool Confirmed { get; init; } = true;

    /// <summary>Whether a source confirms the middle-living band: for 2027-2030 none reports one (domain notes §9).</summary>
    public bool MiddleLivingFactorConfirmed { get; init; } = true;

    public string Source { get; init; } = "";

    public decimal LineFor(AreaType area) => area == AreaType.Urban ? UrbanLine : RuralLine;

    public decimal MiddleLivingCeilingFor(AreaType area) => MiddleLivingFactor * LineFor(area);
}

/// <summary>The thresholds of the mechanical indicators (Circular 07/2021/TT-BLĐTBXH for 2022-2025).</summary>
/// <param name="MinFloorAreaPerPerson">housing-area: deprived under this many m² per person.</param>
/// <param name="HealthInsuranceFromAge">health-insurance: members from this age need insurance (younger children are insured by law).</param>
/// <param name="ChildUnderAge">dependants: children under this age are dependants.</param>
/// <param name="ElderlyFromAge">dependants: elderly people (Law on the Elderly) from this age, when on monthly social allowance.</param>
/// <param name="MaxDependantsShare">dependants: deprived when dependants are more than this share of members (0.5 = 50%).</param>
/// <param name="SchoolingFromAge">child-schooling: children from this age ...</param>
/// <param name="SchoolingUnderAge">... and under this age must attend school.</param>
public sealed record DerivationThresholds(
    decimal MinFloorAreaPerPerson,
    int HealthInsuranceFromAge,
    int ChildUnderAge,
    int ElderlyFromAge,
    decimal MaxDependantsShare,
    int SchoolingFromAge,
    int SchoolingUnderAge);
