using Eligibility.Domain.Common;
using Eligibility.Domain.Policy;
using static Eligibility.Domain.Tests.Policy.PolicyData;

namespace Eligibility.Domain.Tests.Policy;

public class StandardSelectionTests
{
    [Theory]
    [InlineData(2021, "2022-01-01", "2022-2025")]
    [InlineData(2025, "2026-01-01", "2022-2025")]
    [InlineData(2026, "2027-01-01", "2027-2030")]
    [InlineData(2029, "2030-01-01", "2027-2030")]
    public void PeriodicReview_TakesEffectOnFirstJanuaryOfTheNextYear(int year, string effective, string standard)
    {
        var choice = StandardSelection.ForPeriodicReview(year, Standards);

        Assert.True(choice.IsSuccess);
        Assert.Equal(Date(effective), choice.Value.EffectiveDate);
        Assert.Equal(standard, choice.Value.Standard.Code);
        Assert.Equal("periodic-review", choice.Value.Reason.Code);
        Assert.Contains(standard, choice.Value.Reason.MessageEn);
        Assert.Contains(standard, choice.Value.Reason.MessageVi);
    }

    [Theory]
    [InlineData("2022-01-01", "2022-2025")]
    [InlineData("2026-06-15", "2022-2025")]
    [InlineData("2026-12-31", "2022-2025")]
    [InlineData("2027-01-01", "2027-2030")]
    [InlineData("2030-12-31", "2027-2030")]
    public void RegularReview_TakesEffectOnItsDecisionDate(string decision, string standard)
    {
        var choice = StandardSelection.ForRegularReview(Date(decision), Standards);

        Assert.True(choice.IsSuccess);
        Assert.Equal(Date(decision), choice.Value.EffectiveDate);
        Assert.Equal(standard, choice.Value.Standard.Code);
        Assert.Equal("regular-review", choice.Value.Reason.Code);
    }

    [Fact]
    public void Choice_CarriesTheFiguresInForceOnTheEffectiveDate()
    {
        var choice = StandardSelection.ForPeriodicReview(2026, Standards).Value;

        Assert.Equal(2_200_000m, choice.Figures.RuralLine);
        Assert.Equal(2_800_000m, choice.Figures.UrbanLine);
    }

    [Theory]
    [InlineData("2021-12-31")]
    [InlineData("2031-01-01")]
    public void RegularReview_WithNoStandardInForce_Fails(string decision)
    {
        var choice = StandardSelection.ForRegularReview(Date(decision), Standards, "surveyDate");

        Assert.False(choice.IsSuccess);
        Assert.Equal("no-standard-in-force", choice.FirstError.Code);
        Assert.Equal(ErrorKind.Unprocessable, choice.FirstError.Kind);
        Assert.Equal("surveyDate", choice.FirstError.Field);
    }

    [Fact]
    public void PeriodicReview_AfterTheLastStandard_Fails()
    {
        var choice = StandardSelection.ForPeriodicReview(2030, Standards);

        Assert.Equal("no-standard-in-force", choice.FirstError.Code);
    }

    [Fact]
    public void OverlappingStandards_Fail()
    {
        var overlapping = Standard2027_2030 with { Code = "draft", InForceFrom = new DateOnly(2026, 12, 31) };

        var choice = StandardSelection.InForceOn(new DateOnly(2026, 12, 31), [Standard2022_2025, overlapping]);

        Assert.Equal("standards-overlap", choice.FirstError.Code);
    }

    [Fact]
    public void StandardWithoutFiguresOnTheDate_Fails()
    {
        var lateFigures = Standard2022_2025 with { Figures = [Standard2022_2025.Figures[0] with { EffectiveFrom = new DateOnly(2023, 1, 1) }] };

        Assert.Equal("no-figures-in-force", StandardSelection.InForceOn(new DateOnly(2022, 12, 31), [lateFigures]).FirstError.Code);
        Assert.True(StandardSelection.InForceOn(new DateOnly(2023, 1, 1), [lateFigures]).IsSuccess);
    }
}

public class PovertyStandardTests
{
    // A hypothetical correction an admin schedules: not a figure of domain.md.
    static readonly PovertyStandard Corrected = Standard2022_2025 with
    {
        Figures = [.. Standard2022_2025.Figures, Standard2022_2025.Figures[0] with { EffectiveFrom = new DateOnly(2026, 7, 1), RuralLine = 1_600_000m }],
    };

    [Theory]
    [InlineData("2022-01-01", 1_500_000)]
    [InlineData("2026-06-30", 1_500_000)]
    [InlineData("2026-07-01", 1_600_000)]
    [InlineData("2026-12-31", 1_600_000)]
    public void FiguresOn_PicksTheLatestVersionEffectiveOnTheDate(string date, int ruralLine)
    {
        Assert.Equal(ruralLine, Corrected.FiguresOn(Date(date))!.RuralLine);
    }

    [Fact]
    public void FiguresOn_BeforeTheFirstVersion_IsNull() => Assert.Null(Corrected.FiguresOn(new DateOnly(2021, 12, 31)));

    [Theory]
    [InlineData("2021-12-31", false)]
    [InlineData("2022-01-01", true)]
    [InlineData("2026-12-31", true)]
    [InlineData("2027-01-01", false)]
    public void IsInForceOn_IncludesBothEnds(string date, bool inForce) =>
        Assert.Equal(inForce, Standard2022_2025.IsInForceOn(Date(date)));

    [Fact]
    public void EachStandardOwnsItsIndicatorList()
    {
        Assert.Equal(12, Standard2022_2025.Indicators.Count);
        Assert.NotNull(Standard2022_2025.FindIndicator("information-access"));
        Assert.Null(Standard2027_2030.FindIndicator("information-access"));
        Assert.NotNull(Standard2027_2030.FindIndicator("waste-treatment"));
    }
}
