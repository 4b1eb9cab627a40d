namespace Eligibility.Domain.Policy;

/// <summary>One deprivation indicator of a poverty standard (each standard owns its own list).</summary>
public sealed record Indicator(string Code, string NameVi, string NameEn, string Service)
{
    /// <summary>Versions of what is known of its threshold, oldest first; none means nothing is said against it.</summary>
    public IReadOnlyList<IndicatorThreshold> Thresholds { get; init; } = [];

    /// <summary>The threshold version in force on the date, or null when none is.</summary>
    public IndicatorThreshold? ThresholdOn(DateOnly date) =>
        Thresholds.Where(t => t.EffectiveFrom <= date).MaxBy(t => t.EffectiveFrom);

    /// <summary>An unconfirmed threshold is never used to derive an answer: the reviewer must record it.</summary>
    public bool ThresholdConfirmedOn(DateOnly date) => ThresholdOn(date)?.Confirmed ?? true;
}

/// <summary>Whether a source confirms an indicator's threshold from a date, and which.</summary>
public sealed record IndicatorThreshold(DateOnly EffectiveFrom, bool Confirmed, string Source, string LegalBasis);

/// <summary>The indicator codes the rules know how to derive from recorded facts.</summary>
public static class IndicatorCodes
{
    public const string HousingArea = "housing-area";
    public const string HealthInsurance = "health-insurance";
    public const string Dependants = "dependants";
    public const string ChildSchooling = "child-schooling";
}
