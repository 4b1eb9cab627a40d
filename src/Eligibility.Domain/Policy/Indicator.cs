namespace Eligibility.Domain.Policy;

/// <summary>One deprivation indicator of a poverty standard (each standard owns its own list).</summary>
public sealed record Indicator(string Code, string NameVi, string NameEn, string Service);

/// <summary>The indicator codes the rules know how to derive from recorded facts.</summary>
public static class IndicatorCodes
{
    public const string HousingArea = "housing-area";
    public const string HealthInsurance = "health-insurance";
    public const string Dependants = "dependants";
    public const string ChildSchooling = "child-schooling";
}
