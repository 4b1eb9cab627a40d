using Eligibility.Domain.Households;
using Eligibility.Domain.Policy;
using Eligibility.Domain.Units;
using static Eligibility.Domain.Policy.Classification;
using static Eligibility.Domain.Tests.Policy.PolicyData;

namespace Eligibility.Domain.Tests.Policy;

public class FactsEvaluationTests
{
    static readonly MemberProfile Adult = new(new DateOnly(1980, 5, 1), Sex.Female, true, false);

    static EvaluationFacts Facts(
        string asOf = "2026-06-01", string effective = "2026-03-01", decimal income = 1_200_000m,
        string[]? deprived = null, PastStatus[]? history = null, AreaType area = AreaType.Rural) =>
        new(Date(asOf), area, false,
            new CurrentReview(Date(effective), income, deprived ?? ["employment", "nutrition", "sanitation"]),
            history ?? [],
            [Adult]);

    static Outcome Evaluate(EvaluationFacts facts) => new(FactsEvaluation.Evaluate(facts, Standards, Programmes));

    sealed record Outcome(Common.Result<FactsEvaluationResult> Inner)
    {
        public FactsEvaluationResult Value => Inner.Value;
        public IEnumerable<string?> Fields => Inner.Errors.Select(e => e.Field);
    }

    [Fact]
    public void ValidFacts_AreClassifiedUnderTheStandardInForceAndEvaluated()
    {
        var result = Evaluate(Facts()).Value;

        Assert.Equal("2022-2025", result.Standard.Standard.Code);
        Assert.Equal(Poor, result.Classification.Classification);
        Assert.Equal(1_500_000m, result.Classification.PovertyLine);
        Assert.Equal(3, result.Classification.DeprivationCount);
        Assert.True(result.Eligibility.Programmes.Single(p => p.Code == ProgrammeCodes.PoorHousehold).Eligible);
    }

    [Theory]
    [InlineData("2026-12-31", "2022-2025", MiddleLiving)]
    [InlineData("2027-01-01", "2027-2030", NearPoor)]
    public void CurrentReview_UsesTheStandardInForceOnItsEffectiveDate(string effective, string standard, Classification expected)
    {
        var result = Evaluate(Facts(asOf: "2027-01-15", effective: effective, income: 1_600_000m, deprived: [])).Value;

        Assert.Equal(standard, result.Standard.Standard.Code);
        Assert.Equal(expected, result.Classification.Classification);
    }

    [Fact]
    public void History_FeedsTheNewlyEscapedWindow()
    {
        var facts = Facts(effective: "2025-01-01", income: 2_000_000m, history: [new PastStatus(Poor, new DateOnly(2023, 1, 1))]);

        var programme = Evaluate(facts).Value.Eligibility.Programmes.Single(p => p.Code == ProgrammeCodes.NewlyEscapedHousehold);

        Assert.True(programme.Eligible);
        Assert.Equal(new DateOnly(2027, 12, 31), programme.ValidUntil);
    }

    [Theory]
    [InlineData("2026-02-28", true)]
    [InlineData("2026-03-01", false)]
    [InlineData("2026-03-02", false)]
    public void HistoryEntryOnOrAfterTheCurrentEffectiveDate_IsRejectedNamingIt(string historyDate, bool valid)
    {
        PastStatus[] history = [new(Poor, new DateOnly(2023, 1, 1)), new(NearPoor, new DateOnly(2024, 1, 1)), new(Poor, Date(historyDate))];

        var result = Evaluate(Facts(effective: "2026-03-01", history: history));

        Assert.Equal(valid ? [] : ["history[2].effectiveDate"], result.Fields);
    }

    [Theory]
    [InlineData("2026-06-01", true)]
    [InlineData("2026-06-02", false)]
    public void CurrentEffectiveDateAfterAsOf_IsRejectedNamingIt(string effective, bool valid)
    {
        var result = Evaluate(Facts(asOf: "2026-06-01", effective: effective));

        Assert.Equal(valid ? [] : ["current.effectiveDate"], result.Fields);
    }

    [Fact]
    public void CurrentEffectiveDateWithNoStandard_IsRejectedNamingIt()
    {
        var result = Evaluate(Facts(effective: "2021-12-31"));

        var error = Assert.Single(result.Inner.Errors);
        Assert.Equal(("current.effectiveDate", "no-standard-in-force"), (error.Field, error.Code));
    }

    [Fact]
    public void IndicatorsNotInTheStandardOrRepeated_AreRejectedNamingThem()
    {
        // information-access exists in 2022-2025 but not in 2027-2030.
        var result = Evaluate(Facts(asOf: "2027-02-01", effective: "2027-01-01", deprived: ["employment", "information-access", "employment"]));

        Assert.Equal(["current.deprivedIndicators[1]", "current.deprivedIndicators[2]"], result.Fields);
    }

    [Fact]
    public void NegativeIncome_IsRejected() =>
        Assert.Equal(["current.incomePerPersonMonthly"], Evaluate(Facts(income: -1m)).Fields);

    [Fact]
    public void AllErrorsAreReportedTogether()
    {
        var facts = Facts(asOf: "2026-01-01", effective: "2026-03-01", income: -1m, history: [new PastStatus(Poor, new DateOnly(2026, 4, 1))]);

        Assert.Equal(["current.effectiveDate", "current.incomePerPersonMonthly", "history[0].effectiveDate"], Evaluate(facts).Fields);
    }

    [Fact]
    public void SuppliedFacts_GiveTheSameAnswerAsTheEngineOnTheEquivalentStoredHistory()
    {
        var facts = Facts(asOf: "2026-01-01", effective: "2025-07-01", income: 1_700_000m, deprived: ["employment"],
            history: [new PastStatus(Poor, new DateOnly(2023, 1, 1)), new PastStatus(NearPoor, new DateOnly(2024, 1, 1))]);
        RecognisedStatus[] stored =
        [
            new(Poor, new DateOnly(2023, 1, 1)),
            new(NearPoor, new DateOnly(2024, 1, 1)),
            new(MiddleLiving, new DateOnly(2025, 7, 1), "2022-2025", 1_700_000m, 1),
        ];

        var fromFacts = Evaluate(facts).Value.Eligibility;
        var fromStored = EligibilityEngine.Evaluate(
            new EligibilityQuery(facts.AsOf, facts.AreaType, facts.EspeciallyDifficultArea, stored, facts.Members), Standards, Programmes);

        Assert.Equal(Shape(fromStored), Shape(fromFacts));
        Assert.Contains(fromFacts.Programmes, p => p.Eligible && p.Code == ProgrammeCodes.NewlyEscapedHousehold);
    }

    static string Shape(EligibilityAnswer answer) => string.Join("\n", answer.Programmes.Select(p =>
        $"{p.Code} {p.Eligible} {p.Terms} {p.ValidUntil} [{string.Join(",", p.Reasons.Select(r => r.Code + ":" + r.MessageEn))}] " +
        $"[{string.Join(",", (p.Members ?? []).Select(m => $"{m.Index}/{m.Eligible}/{m.Priority}/{m.AnnualRatePercent}"))}]"));
}
