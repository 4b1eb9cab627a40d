using Eligibility.Domain.Households;
using Eligibility.Domain.Policy;
using Eligibility.Domain.Units;
using static Eligibility.Domain.Tests.Policy.PolicyData;

namespace Eligibility.Domain.Tests.Policy;

/// <summary>
/// Review evidence keeps a reason as its code and values; the words read back must be the words first written, for
/// every reason a review stores (the classification's, the standard choice's, every derived indicator's).
/// </summary>
public class ReasonTemplatesTests
{
    static readonly DateOnly Survey = new(2026, 6, 15);
    static readonly StandardFigures Figures = Standard2022_2025.Figures[0];

    static MemberIndicatorFacts Member(int age, bool? insured = true, Schooling? inSchool = Schooling.AtRightLevel, bool allowance = false) =>
        new(Survey.AddYears(-age), insured, inSchool, allowance, false);

    /// <summary>Every reason the rules can give a review: each classification, each derivation, each standard choice.</summary>
    public static TheoryData<string, Reason> EvidenceReasons()
    {
        var data = new TheoryData<string, Reason>();
        void Add(Reason reason) => data.Add(reason.Code + " " + reason.MessageEn, reason);

        foreach (var area in new[] { AreaType.Rural, AreaType.Urban })
            foreach (var (income, deprivations) in new[] { (1_500_000m, 3), (1_499_999.995m, 2), (1_750_000.5m, 0), (2_250_000m, 1), (3_000_000m, 0) })
                foreach (var reason in PovertyClassifier.Classify("2022-2025", Figures, area, income, deprivations).Reasons)
                    Add(reason);

        IReadOnlyList<MemberIndicatorFacts>[] households =
        [
            [Member(35), Member(33), Member(8), Member(4)],
            [Member(35, insured: false), Member(10, inSchool: Schooling.NotAttending), Member(70, allowance: true), Member(2), Member(1)],
            [Member(35, insured: null), Member(10, inSchool: null)],
            [],
        ];
        foreach (var members in households)
            foreach (decimal? floorArea in new decimal?[] { null, 31.99m, 64m })
                foreach (var answer in IndicatorDerivation.Derive(Indicators2022_2025, Derivation2022, Survey, members, floorArea))
                    Add(answer.Reason);

        Add(StandardSelection.ForPeriodicReview(2025, [Standard2022_2025]).Value.Reason);
        Add(StandardSelection.ForRegularReview(new DateOnly(2026, 3, 9), [Standard2022_2025]).Value.Reason);
        Add(StandardSelection.InForceOn(new DateOnly(2026, 1, 1), [Standard2022_2025]).Value.Reason);
        return data;
    }

    /// <summary>Every template the rules hold is one a stored reason can be read back by (a loan request keeps its answer).</summary>
    [Fact]
    public void EveryTemplateOfTheRules_IsRegisteredByItsCode()
    {
        var templates = typeof(ReasonTemplate).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public))
            .Where(f => f.FieldType == typeof(ReasonTemplate))
            .Select(f => (ReasonTemplate)f.GetValue(null)!)
            .ToList();

        Assert.Contains(templates, t => t.Code == "terms-unconfirmed");
        Assert.All(templates, t => Assert.True(ReasonTemplates.Render(t.Code, []) is not null, $"{t.Code} is not registered in ReasonTemplates"));
    }

    [Theory]
    [MemberData(nameof(EvidenceReasons))]
    public void EveryEvidenceReason_IsWrittenAgainFromItsValues_InTheSameWords(string name, Reason reason)
    {
        Assert.NotNull(reason.Args);
        var again = ReasonTemplates.Render(reason.Code, reason.Args);

        Assert.NotNull(again);
        Assert.Equal(reason.MessageVi, again.MessageVi);
        Assert.Equal(reason.MessageEn, again.MessageEn);
        Assert.False(string.IsNullOrWhiteSpace(again.MessageVi), name);
    }

    [Fact]
    public void TheWords_AreThoseTheRulesAlwaysWrote()
    {
        var middle = PovertyClassifier.Classify("2022-2025", Figures, AreaType.Urban, 2_250_000m, 0).Reasons.Single();
        var schooling = IndicatorDerivation.Derive(Indicators2022_2025, Derivation2022, Survey, [Member(35), Member(10, inSchool: null)], 40m)
            .Single(a => a.IndicatorCode == IndicatorCodes.ChildSchooling).Reason;

        Assert.Equal("Thu nhập bình quân 2.250.000 đồng/người/tháng trên chuẩn nghèo thành thị 2.000.000 đồng và không vượt 3.000.000 đồng (1,5 lần chuẩn nghèo, 2022-2025).", middle.MessageVi);
        Assert.Equal("Income of 2,250,000 VND per person per month is above the urban poverty line of 2,000,000 VND and at most 3,000,000 VND (1.5 × the line, 2022-2025).", middle.MessageEn);
        Assert.Equal("cannot-derive", schooling.Code);
        Assert.Equal("Không suy ra được chỉ số child-schooling: Chưa ghi việc đi học của 1 trẻ từ 3 đến dưới 16 tuổi.", schooling.MessageVi);
        Assert.Equal("Cannot derive child-schooling: School attendance is not recorded for 1 child(ren) aged 3-15.", schooling.MessageEn);
    }

    [Fact]
    public void AValueKeepsEveryDigit_WhileTheWordsRoundIt()
    {
        var reason = PovertyClassifier.Classify("2022-2025", Figures, AreaType.Rural, 1_499_999.995m, 3).Reasons[0];

        Assert.Equal("1499999.995", reason.Args![0]);
        Assert.Contains("1,500,000 VND", reason.MessageEn);
    }

    [Fact]
    public void ACodeNoTemplateHas_IsNotRendered() =>
        Assert.Null(ReasonTemplates.Render("income-within-limit", ["1"]));

    [Fact]
    public void ReasonsAreEqual_WhenTheySayTheSame()
    {
        var written = PovertyClassifier.Classify("2022-2025", Figures, AreaType.Rural, 1_000_000m, 4).Reasons[1];
        var free = new Reason(written.Code, written.MessageVi, written.MessageEn);

        Assert.Equal(written, free);
        Assert.Equal(written.GetHashCode(), free.GetHashCode());
        Assert.NotEqual(written, new Reason(written.Code, written.MessageVi, "other"));
    }
}
