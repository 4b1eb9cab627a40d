using Eligibility.Domain.Households;
using Eligibility.Domain.Policy;
using static Eligibility.Domain.Tests.Policy.PolicyData;

namespace Eligibility.Domain.Tests.Policy;

public class IndicatorDerivationTests
{
    static readonly DateOnly Survey = new(2026, 6, 15);

    /// <summary>A member whose <paramref name="years"/>th birthday is the survey date.</summary>
    static MemberIndicatorFacts Aged(int years, bool? insured = true, Schooling? inSchool = Schooling.AtRightLevel, bool allowance = false, bool disability = false) =>
        new(Survey.AddYears(-years), insured, inSchool, allowance, disability);

    /// <summary>A member who turns <paramref name="years"/> the day after the survey.</summary>
    static MemberIndicatorFacts DayBeforeTurning(int years, bool? insured = true, Schooling? inSchool = Schooling.AtRightLevel, bool allowance = false) =>
        new(Survey.AddDays(1).AddYears(-years), insured, inSchool, allowance, false);

    static MemberIndicatorFacts Adult(bool? insured = true) => Aged(35, insured: insured, inSchool: Schooling.NotAttending);

    static DerivedAnswer Derive(string code, IReadOnlyList<MemberIndicatorFacts> members, decimal? floorArea = null) =>
        IndicatorDerivation.Derive(Indicators2022_2025, Derivation2022, Survey, members, floorArea).Single(a => a.IndicatorCode == code);

    [Theory]
    [InlineData(4, 32.00, false)]
    [InlineData(4, 31.99, true)]
    [InlineData(4, 32.01, false)]
    [InlineData(3, 24, false)]
    [InlineData(3, 23.99, true)]
    [InlineData(1, 7.99, true)]
    [InlineData(1, 8, false)]
    public void HousingArea_DeprivedUnderEightSquareMetresPerPerson(int members, double floorArea, bool deprived)
    {
        var answer = Derive(IndicatorCodes.HousingArea, [.. Enumerable.Repeat(Adult(), members)], (decimal)floorArea);

        Assert.Equal(deprived, answer.Deprived);
        Assert.True(answer.Derived);
    }

    [Fact]
    public void HousingArea_WithoutFloorArea_CannotBeDerived()
    {
        var answer = Derive(IndicatorCodes.HousingArea, [Adult()], null);

        Assert.False(answer.Derived);
        Assert.Equal("cannot-derive", answer.Reason.Code);
    }

    public static TheoryData<string, MemberIndicatorFacts[], bool?> HealthInsuranceCases => new()
    {
        { "everyone insured", [Adult(), Aged(6)], false },
        { "adult uninsured", [Adult(insured: false), Aged(6)], true },
        { "child turns 6 today, uninsured", [Adult(), Aged(6, insured: false)], true },
        { "child turns 6 tomorrow, uninsured", [Adult(), DayBeforeTurning(6, insured: false)], false },
        { "adult's insurance unknown", [Adult(insured: null), Aged(6)], null },
        { "under-6's insurance unknown", [Adult(), DayBeforeTurning(6, insured: null)], false },
        { "one uninsured outweighs one unknown", [Adult(insured: null), Adult(insured: false)], true },
    };

    [Theory]
    [MemberData(nameof(HealthInsuranceCases))]
    public void HealthInsurance_DeprivedWhenAMemberAgedSixOrOverIsUninsured(string _, MemberIndicatorFacts[] members, bool? deprived)
    {
        var answer = Derive(IndicatorCodes.HealthInsurance, members);

        Assert.Equal(deprived, answer.Deprived);
        Assert.Equal(deprived is null ? "cannot-derive" : deprived.Value ? "member-without-health-insurance" : "members-insured", answer.Reason.Code);
    }

    public static TheoryData<string, MemberIndicatorFacts[], bool> DependantsCases => new()
    {
        { "2 of 4 are children: exactly 50%", [Adult(), Adult(), Aged(10), DayBeforeTurning(16)], false },
        { "3 of 4 are children", [Adult(), Aged(3), Aged(10), DayBeforeTurning(16)], true },
        { "a 16-year-old is not a child", [Adult(), Aged(16), Aged(10), Aged(4)], false },
        { "3 of 5: over 50%", [Adult(), Adult(), Aged(1), Aged(2), Aged(70, allowance: true)], true },
        { "elderly at 60 on allowance", [Adult(), Aged(60, allowance: true), Aged(8)], true },
        { "elderly at 60 without allowance", [Adult(), Aged(60), Aged(8)], false },
        { "a day short of 60 on allowance, not disabled", [Adult(), DayBeforeTurning(60, allowance: true), Aged(8)], false },
        { "disabled adult on allowance", [Adult(), Aged(40, allowance: true, disability: true), Aged(8)], true },
        { "disabled adult without allowance", [Adult(), Aged(40, disability: true), Aged(8)], false },
    };

    [Theory]
    [MemberData(nameof(DependantsCases))]
    public void Dependants_DeprivedWhenMoreThanHalfOfMembers(string _, MemberIndicatorFacts[] members, bool deprived)
    {
        var answer = Derive(IndicatorCodes.Dependants, members);

        Assert.Equal(deprived, answer.Deprived);
    }

    public static TheoryData<string, MemberIndicatorFacts[], bool?> SchoolingCases => new()
    {
        { "all children in school", [Adult(), Aged(3), Aged(15)], false },
        { "turns 3 today, not in school", [Adult(), Aged(3, inSchool: Schooling.NotAttending)], true },
        { "turns 3 tomorrow, not in school", [Adult(), DayBeforeTurning(3, inSchool: Schooling.NotAttending)], false },
        { "turns 16 tomorrow, not in school", [Adult(), DayBeforeTurning(16, inSchool: Schooling.NotAttending)], true },
        { "turns 16 today, not in school", [Adult(), Aged(16, inSchool: Schooling.NotAttending)], false },
        { "a child's schooling unknown", [Adult(), Aged(10, inSchool: null)], null },
        { "a 16-year-old's schooling unknown", [Adult(), Aged(16, inSchool: null)], false },
        { "no children", [Adult(), Adult()], false },
    };

    [Theory]
    [MemberData(nameof(SchoolingCases))]
    public void ChildSchooling_DeprivedWhenAChildAgedThreeToUnderSixteenIsNotInSchool(string _, MemberIndicatorFacts[] members, bool? deprived)
    {
        var answer = Derive(IndicatorCodes.ChildSchooling, members);

        Assert.Equal(deprived, answer.Deprived);
    }

    [Fact]
    public void Derive_OnlyAnswersIndicatorsTheStandardHas()
    {
        var indicators = Indicators2022_2025.Where(i => i.Code != IndicatorCodes.HousingArea).ToList();

        var answers = IndicatorDerivation.Derive(indicators, Derivation2022, Survey, [Adult()], 100m);

        Assert.Equal(
            [IndicatorCodes.Dependants, IndicatorCodes.HealthInsurance, IndicatorCodes.ChildSchooling],
            answers.Select(a => a.IndicatorCode));
    }

    [Fact]
    public void Derive_UsesTheThresholdsItIsGiven()
    {
        var stricter = Derivation2022 with { MinFloorAreaPerPerson = 10m, HealthInsuranceFromAge = 0 };

        var answers = IndicatorDerivation.Derive(Indicators2022_2025, stricter, Survey, [Adult(), Aged(1, insured: false)], 19m);

        Assert.True(answers.Single(a => a.IndicatorCode == IndicatorCodes.HousingArea).Deprived);
        Assert.True(answers.Single(a => a.IndicatorCode == IndicatorCodes.HealthInsurance).Deprived);
    }

    [Fact]
    public void Resolve_PrefersTheRecordedAnswerAndFillsTheRestFromDerivation()
    {
        var indicators = Indicators2022_2025.Where(i => i.Code is "employment" or IndicatorCodes.HousingArea or IndicatorCodes.HealthInsurance).ToList();
        var derived = IndicatorDerivation.Derive(indicators, Derivation2022, Survey, [Adult(insured: false)], 5m);

        var answers = IndicatorDerivation.Resolve(indicators,
            new Dictionary<string, bool> { ["employment"] = true, [IndicatorCodes.HealthInsurance] = false }, derived).Value;

        Assert.Equal(
            [("employment", true, AnswerSource.Recorded), (IndicatorCodes.HealthInsurance, false, AnswerSource.Recorded), (IndicatorCodes.HousingArea, true, AnswerSource.Derived)],
            answers.Select(a => (a.Indicator.Code, a.Deprived, a.Source)).OrderBy(a => a.Code == "employment" ? 0 : 1).ThenBy(a => a.Code));
    }

    [Fact]
    public void Resolve_FailsNamingEachUnknownCodeAndEachMissingAnswer()
    {
        var indicators = Indicators2022_2025.Where(i => i.Code is "employment" or IndicatorCodes.HousingArea).ToList();
        var derived = IndicatorDerivation.Derive(indicators, Derivation2022, Survey, [Adult()], null);

        var result = IndicatorDerivation.Resolve(indicators, new Dictionary<string, bool> { ["waste-treatment"] = true }, derived);

        Assert.False(result.IsSuccess);
        Assert.Equal(
            ["indicators.employment", "indicators.housing-area", "indicators.waste-treatment"],
            result.Errors.Select(e => e.Field).Order());
    }
}
