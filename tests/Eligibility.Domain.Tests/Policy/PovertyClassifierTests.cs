using Eligibility.Domain.Policy;
using Eligibility.Domain.Units;
using static Eligibility.Domain.Tests.Policy.PolicyData;

namespace Eligibility.Domain.Tests.Policy;

public class PovertyClassifierTests
{
    [Theory]
    // 2022-2025, rural line 1,500,000, middle-living ceiling 2,250,000
    [InlineData("2022-2025", AreaType.Rural, 0, 0, Classification.NearPoor)]
    [InlineData("2022-2025", AreaType.Rural, 1_499_999, 3, Classification.Poor)]
    [InlineData("2022-2025", AreaType.Rural, 1_500_000, 3, Classification.Poor)]
    [InlineData("2022-2025", AreaType.Rural, 1_500_000, 12, Classification.Poor)]
    [InlineData("2022-2025", AreaType.Rural, 1_500_000, 2, Classification.NearPoor)]
    [InlineData("2022-2025", AreaType.Rural, 1_500_001, 3, Classification.MiddleLiving)]
    [InlineData("2022-2025", AreaType.Rural, 1_500_001, 0, Classification.MiddleLiving)]
    [InlineData("2022-2025", AreaType.Rural, 2_249_999, 5, Classification.MiddleLiving)]
    [InlineData("2022-2025", AreaType.Rural, 2_250_000, 3, Classification.MiddleLiving)]
    [InlineData("2022-2025", AreaType.Rural, 2_250_001, 3, Classification.NotPoor)]
    // 2022-2025, urban line 2,000,000, ceiling 3,000,000
    [InlineData("2022-2025", AreaType.Urban, 1_999_999, 3, Classification.Poor)]
    [InlineData("2022-2025", AreaType.Urban, 2_000_000, 3, Classification.Poor)]
    [InlineData("2022-2025", AreaType.Urban, 2_000_000, 2, Classification.NearPoor)]
    [InlineData("2022-2025", AreaType.Urban, 2_000_001, 3, Classification.MiddleLiving)]
    [InlineData("2022-2025", AreaType.Urban, 2_999_999, 0, Classification.MiddleLiving)]
    [InlineData("2022-2025", AreaType.Urban, 3_000_000, 0, Classification.MiddleLiving)]
    [InlineData("2022-2025", AreaType.Urban, 3_000_001, 0, Classification.NotPoor)]
    // 2027-2030, rural line 2,200,000, urban 2,800,000, factor 1.5
    [InlineData("2027-2030", AreaType.Rural, 1_600_000, 0, Classification.NearPoor)]
    [InlineData("2027-2030", AreaType.Rural, 2_199_999, 3, Classification.Poor)]
    [InlineData("2027-2030", AreaType.Rural, 2_200_000, 3, Classification.Poor)]
    [InlineData("2027-2030", AreaType.Rural, 2_200_000, 2, Classification.NearPoor)]
    [InlineData("2027-2030", AreaType.Rural, 2_200_001, 3, Classification.MiddleLiving)]
    [InlineData("2027-2030", AreaType.Rural, 3_300_000, 3, Classification.MiddleLiving)]
    [InlineData("2027-2030", AreaType.Rural, 3_300_001, 3, Classification.NotPoor)]
    [InlineData("2027-2030", AreaType.Urban, 2_800_000, 3, Classification.Poor)]
    [InlineData("2027-2030", AreaType.Urban, 2_800_000, 2, Classification.NearPoor)]
    [InlineData("2027-2030", AreaType.Urban, 2_800_001, 2, Classification.MiddleLiving)]
    [InlineData("2027-2030", AreaType.Urban, 4_200_000, 2, Classification.MiddleLiving)]
    [InlineData("2027-2030", AreaType.Urban, 4_200_001, 2, Classification.NotPoor)]
    public void Classify_AtAndAroundEveryBoundary(string standardCode, AreaType area, int income, int deprivations, Classification expected)
    {
        var standard = StandardByCode(standardCode);

        var result = PovertyClassifier.Classify(standard.Code, standard.Figures[0], area, income, deprivations);

        Assert.Equal(expected, result.Classification);
    }

    [Theory]
    [InlineData("2022-2025", AreaType.Rural, 1_500_000, 2_250_000)]
    [InlineData("2022-2025", AreaType.Urban, 2_000_000, 3_000_000)]
    [InlineData("2027-2030", AreaType.Rural, 2_200_000, 3_300_000)]
    [InlineData("2027-2030", AreaType.Urban, 2_800_000, 4_200_000)]
    public void Classify_ReportsTheStandardAndTheLineUsedForTheArea(string standardCode, AreaType area, int line, int ceiling)
    {
        var standard = StandardByCode(standardCode);

        var result = PovertyClassifier.Classify(standard.Code, standard.Figures[0], area, 1_000_000m, 1);

        Assert.Equal(standardCode, result.StandardCode);
        Assert.Equal(line, result.PovertyLine);
        Assert.Equal(ceiling, result.MiddleLivingCeiling);
        Assert.Equal(3, result.DeprivationThreshold);
    }

    [Theory]
    [InlineData(1_500_000, 3, new[] { "income-at-or-below-line", "deprivations-at-or-above-threshold" })]
    [InlineData(1_500_000, 2, new[] { "income-at-or-below-line", "deprivations-below-threshold" })]
    [InlineData(1_500_001, 3, new[] { "income-up-to-middle-living-ceiling" })]
    [InlineData(2_250_001, 3, new[] { "income-above-middle-living-ceiling" })]
    public void Classify_GivesTheReasonsForTheOutcome(int income, int deprivations, string[] reasonCodes)
    {
        var result = PovertyClassifier.Classify(Standard2022_2025.Code, Standard2022_2025.Figures[0], AreaType.Rural, income, deprivations);

        Assert.Equal(reasonCodes, result.Reasons.Select(r => r.Code));
        Assert.All(result.Reasons, r => Assert.False(string.IsNullOrWhiteSpace(r.MessageVi)));
    }

    [Fact]
    public void Classify_MessagesQuoteTheLineInEachLanguagesNotation()
    {
        var result = PovertyClassifier.Classify(Standard2022_2025.Code, Standard2022_2025.Figures[0], AreaType.Rural, 1_400_000m, 3);

        Assert.Contains("1,500,000 VND", result.Reasons[0].MessageEn);
        Assert.Contains("1.500.000 đồng", result.Reasons[0].MessageVi);
    }

    [Fact]
    public void Classify_UsesTheThresholdAndFactorItIsGiven()
    {
        // Figures that differ from 2022-2025 prove the rule reads them rather than assuming them.
        var figures = Standard2022_2025.Figures[0] with { DeprivationThreshold = 4, MiddleLivingFactor = 1.2m };

        Assert.Equal(Classification.NearPoor, PovertyClassifier.Classify("x", figures, AreaType.Rural, 1_500_000m, 3).Classification);
        Assert.Equal(Classification.Poor, PovertyClassifier.Classify("x", figures, AreaType.Rural, 1_500_000m, 4).Classification);
        Assert.Equal(Classification.MiddleLiving, PovertyClassifier.Classify("x", figures, AreaType.Rural, 1_800_000m, 0).Classification);
        Assert.Equal(Classification.NotPoor, PovertyClassifier.Classify("x", figures, AreaType.Rural, 1_800_001m, 0).Classification);
    }

    [Theory]
    [InlineData(Classification.Poor, "poor")]
    [InlineData(Classification.NearPoor, "near-poor")]
    [InlineData(Classification.MiddleLiving, "middle-living")]
    [InlineData(Classification.NotPoor, "not-poor")]
    public void ClassificationCodes_RoundTrip(Classification classification, string code)
    {
        Assert.Equal(code, classification.Code());
        Assert.True(Classifications.TryParse(code, out var parsed));
        Assert.Equal(classification, parsed);
    }

    [Fact]
    public void ClassificationCodes_RejectUnknownCode() => Assert.False(Classifications.TryParse("rich", out _));
}
