using Eligibility.Domain.Households;
using Eligibility.Domain.Policy;
using Eligibility.Domain.Units;
using static Eligibility.Domain.Policy.Classification;
using static Eligibility.Domain.Tests.Policy.PolicyData;

namespace Eligibility.Domain.Tests.Policy;

public class EligibilityEngineTests
{
    static readonly MemberProfile Adult = new(new DateOnly(1980, 5, 1), Sex.Female, false, false);

    static RecognisedStatus Status(Classification c, string effective, string? standard = null, decimal? income = null) =>
        new(c, Date(effective), standard, income);

    static EligibilityAnswer Evaluate(string asOf, IReadOnlyList<RecognisedStatus> history,
        IReadOnlyList<MemberProfile>? members = null, AreaType area = AreaType.Rural, bool difficult = false) =>
        EligibilityEngine.Evaluate(new EligibilityQuery(Date(asOf), area, difficult, history, members ?? [Adult]), Standards, Programmes);

    static ProgrammeEligibility Programme(EligibilityAnswer answer, string code) => answer.Programmes.Single(p => p.Code == code);

    static readonly RecognisedStatus[] PoorThenNearPoor = [Status(Poor, "2024-01-01"), Status(NearPoor, "2025-06-01")];

    [Theory]
    [InlineData("2023-12-31", false, false)]
    [InlineData("2024-01-01", true, false)]
    [InlineData("2025-05-31", true, false)]
    [InlineData("2025-06-01", false, true)]
    public void PoorAndNearPoor_FollowTheStatusInForceOnTheDate(string asOf, bool poor, bool nearPoor)
    {
        var answer = Evaluate(asOf, PoorThenNearPoor);

        Assert.Equal(poor, Programme(answer, ProgrammeCodes.PoorHousehold).Eligible);
        Assert.Equal(nearPoor, Programme(answer, ProgrammeCodes.NearPoorHousehold).Eligible);
    }

    [Fact]
    public void StatusInForce_IsTheLatestEffectiveOnOrBeforeTheDate_RegardlessOfListOrder()
    {
        var answer = Evaluate("2025-06-01", [PoorThenNearPoor[1], PoorThenNearPoor[0], Status(NotPoor, "2026-01-01")]);

        Assert.Equal(NearPoor, answer.StatusInForce!.Classification);
    }

    [Fact]
    public void TwoStatusesOnOneDay_TheLaterRecognitionWins()
    {
        var answer = Evaluate("2025-06-01", [Status(Poor, "2025-01-01"), Status(NearPoor, "2025-01-01")]);

        Assert.Equal(NearPoor, answer.StatusInForce!.Classification);
    }

    // A status recognised to take effect later is said, with its date, rather than "no recognised status".
    [Theory]
    [InlineData("2026-01-02", "status-effective-later")]
    [InlineData(null, "no-recognised-status")]
    public void NoStatusInForce_StatusBasedProgrammesAreRefusedSayingSo(string? laterEffective, string code)
    {
        var answer = Evaluate("2026-01-01", laterEffective is null ? [] : [Status(Poor, laterEffective, "2022-2025", 1_000_000m)]);

        Assert.Null(answer.StatusInForce);
        foreach (var programmeCode in new[] { ProgrammeCodes.PoorHousehold, ProgrammeCodes.NearPoorHousehold, ProgrammeCodes.NewlyEscapedHousehold, ProgrammeCodes.Income150 })
        {
            var programme = Programme(answer, programmeCode);
            Assert.False(programme.Eligible);
            Assert.Equal(code, Assert.Single(programme.Reasons).Code);
        }
        Assert.True(Programme(answer, ProgrammeCodes.JobCreation).Eligible);
    }

    [Theory]
    [InlineData("2025-11-30", 6.6)]
    [InlineData("2025-12-01", 6.24)]
    public void Answer_CarriesTheTermsAndLegalBasisInForceOnTheDate(string asOf, double rate)
    {
        var poor = Programme(Evaluate(asOf, [Status(Poor, "2024-01-01")]), ProgrammeCodes.PoorHousehold);

        Assert.True(poor.Eligible);
        Assert.Equal((decimal)rate, poor.Terms!.AnnualRatePercent);
        Assert.Equal(100_000_000m, poor.Terms.MaxAmount);
        Assert.Equal(120, poor.Terms.MaxTermMonths);
        Assert.Equal("Decree 78/2002/NĐ-CP", poor.LegalBasis);
        Assert.Null(poor.ValidUntil);
    }

    // Escape: middle-living from 2023-01-01 after poor; a later not-poor status does not restart the window.
    static readonly RecognisedStatus[] Escaped = [Status(Poor, "2022-01-01"), Status(MiddleLiving, "2023-01-01"), Status(NotPoor, "2024-01-01")];

    [Theory]
    [InlineData("2022-12-31", false, "not-escaped")]
    [InlineData("2023-01-01", true, "within-escape-window")]
    [InlineData("2025-12-31", true, "within-escape-window")]
    [InlineData("2026-01-01", false, "escape-window-ended")]
    public void NewlyEscaped_QualifiesForThreeYearsFromTheEscape(string asOf, bool eligible, string reason)
    {
        var programme = Programme(Evaluate(asOf, Escaped), ProgrammeCodes.NewlyEscapedHousehold);

        Assert.Equal(eligible, programme.Eligible);
        Assert.Equal(reason, programme.Reasons[^1].Code);
        Assert.Equal(eligible ? new DateOnly(2025, 12, 31) : null, programme.ValidUntil);
    }

    [Theory]
    [InlineData("2026-03-14", true)]
    [InlineData("2026-03-15", false)]
    public void NewlyEscaped_AFallBackAndSecondEscapeStartsANewWindow(string asOf, bool eligible)
    {
        RecognisedStatus[] history =
        [
            Status(Poor, "2020-01-01"), Status(MiddleLiving, "2021-01-01"),
            Status(NearPoor, "2022-01-01"), Status(NotPoor, "2023-03-15"), Status(MiddleLiving, "2024-01-01"),
        ];

        var programme = Programme(Evaluate(asOf, history), ProgrammeCodes.NewlyEscapedHousehold);

        Assert.Equal(eligible, programme.Eligible);
    }

    [Fact]
    public void NewlyEscaped_FromNearPoorQualifies()
    {
        var programme = Programme(Evaluate("2026-06-01", [Status(NearPoor, "2024-01-01"), Status(MiddleLiving, "2025-01-01")]), ProgrammeCodes.NewlyEscapedHousehold);

        Assert.True(programme.Eligible);
        Assert.Equal(new DateOnly(2027, 12, 31), programme.ValidUntil);
        Assert.Equal(7.8m, programme.Terms!.AnnualRatePercent);
        Assert.Equal(60, programme.Terms.MaxTermMonths);
    }

    [Theory]
    [InlineData(MiddleLiving)]
    [InlineData(NotPoor)]
    public void NewlyEscaped_NeverPoorOrNearPoor_DoesNotQualify(Classification status)
    {
        var programme = Programme(Evaluate("2026-06-01", [Status(status, "2025-01-01")]), ProgrammeCodes.NewlyEscapedHousehold);

        Assert.False(programme.Eligible);
        Assert.Equal("never-poor-or-near-poor", programme.Reasons[^1].Code);
    }

    [Fact]
    public void NewlyEscaped_UsesTheWindowInTheTerms()
    {
        var twoYears = NewlyEscapedHousehold with { Terms = [.. NewlyEscapedHousehold.Terms.Select(t => t with { WindowYears = 2 })] };

        var answer = EligibilityEngine.Evaluate(new EligibilityQuery(new DateOnly(2025, 1, 1), AreaType.Rural, false, Escaped, [Adult]), Standards, [twoYears]);

        Assert.False(answer.Programmes[0].Eligible);
    }

    [Theory]
    [InlineData("2022-2025", "2026-06-01", "2026-07-01", AreaType.Rural, 2_250_000, true)]
    [InlineData("2022-2025", "2026-06-01", "2026-07-01", AreaType.Rural, 2_250_001, false)]
    [InlineData("2022-2025", "2026-06-01", "2026-07-01", AreaType.Urban, 3_000_000, true)]
    [InlineData("2022-2025", "2026-06-01", "2026-07-01", AreaType.Urban, 3_000_001, false)]
    [InlineData("2022-2025", "2026-06-01", "2026-07-01", AreaType.Rural, 900_000, true)]
    [InlineData("2027-2030", "2027-01-01", "2027-06-01", AreaType.Rural, 3_300_000, true)]
    [InlineData("2027-2030", "2027-01-01", "2027-06-01", AreaType.Rural, 3_300_001, false)]
    [InlineData("2027-2030", "2027-01-01", "2027-06-01", AreaType.Urban, 4_200_000, true)]
    [InlineData("2027-2030", "2027-01-01", "2027-06-01", AreaType.Urban, 4_200_001, false)]
    // The status's own standard counts, not the one in force on the as-of date (2027-2030 would allow 3,300,000).
    [InlineData("2022-2025", "2026-06-01", "2027-02-01", AreaType.Rural, 2_250_001, false)]
    public void Income150_IncomeAtMostOneAndAHalfTimesTheStatussLine(
        string standard, string effective, string asOf, AreaType area, int income, bool eligible)
    {
        var answer = Evaluate(asOf, [Status(MiddleLiving, effective, standard, income)], area: area);

        var programme = Programme(answer, ProgrammeCodes.Income150);
        Assert.Equal(eligible, programme.Eligible);
        Assert.Equal(eligible ? "income-within-limit" : "income-above-limit", programme.Reasons[0].Code);
    }

    [Fact]
    public void Income150_WithoutRecordedIncome_IsRefusedSayingSo()
    {
        var programme = Programme(Evaluate("2026-06-01", [Status(NearPoor, "2025-01-01")]), ProgrammeCodes.Income150);

        Assert.False(programme.Eligible);
        Assert.Equal("income-unknown", Assert.Single(programme.Reasons).Code);
    }

    [Fact]
    public void AProgrammeWithNoTermsInForce_IsRefusedSayingSo()
    {
        var programme = Programme(Evaluate("2021-12-31", [Status(Poor, "2021-06-01", "2022-2025", 1_000_000m)]), ProgrammeCodes.Income150);

        Assert.False(programme.Eligible);
        Assert.Null(programme.Terms);
        Assert.Equal("no-terms-in-force", Assert.Single(programme.Reasons).Code);
    }

    [Theory]
    [InlineData("2026-03-10", true)]
    [InlineData("2026-03-09", false)]
    public void JobCreation_MemberQualifiesFromTheirEighteenthBirthday(string asOf, bool eligible)
    {
        var teenager = new MemberProfile(new DateOnly(2008, 3, 10), Sex.Male, false, false);

        var programme = Programme(Evaluate(asOf, [], [teenager]), ProgrammeCodes.JobCreation);

        Assert.Equal(eligible, programme.Eligible);
        var member = Assert.Single(programme.Members!);
        Assert.Equal(eligible, member.Eligible);
        Assert.Equal(eligible ? 7.9248m : null, member.AnnualRatePercent);
    }

    [Theory]
    [InlineData(true, false, false, NotPoor, true, "priority-disability")]
    [InlineData(true, false, false, null, true, "priority-disability")]
    [InlineData(false, true, false, Poor, true, "priority-ethnic-minority-poor-household")]
    [InlineData(false, true, false, NearPoor, false, null)]
    [InlineData(false, false, true, Poor, true, "priority-poor-household-difficult-area")]
    [InlineData(false, false, true, NearPoor, false, null)]
    [InlineData(false, false, false, Poor, false, null)]
    [InlineData(false, true, true, MiddleLiving, false, null)]
    public void JobCreation_PriorityWorkersPayThePoorRate(
        bool disability, bool ethnicMinority, bool difficultArea, Classification? status, bool priority, string? reason)
    {
        var member = new MemberProfile(new DateOnly(1990, 1, 1), Sex.Male, ethnicMinority, disability);
        RecognisedStatus[] history = status is { } s ? [Status(s, "2025-01-01")] : [];

        var programme = Programme(Evaluate("2026-01-01", history, [member], difficult: difficultArea), ProgrammeCodes.JobCreation);

        var result = Assert.Single(programme.Members!);
        Assert.True(result.Eligible);
        Assert.Equal(priority, result.Priority);
        Assert.Equal(priority ? 6.24m : 7.9248m, result.AnnualRatePercent);
        if (reason is not null)
            Assert.Contains(result.Reasons, r => r.Code == reason);
    }

    [Theory]
    [InlineData("2025-11-30", 7.92, 3.96, 100_000_000)]
    [InlineData("2025-12-01", 7.488, 3.744, 100_000_000)]
    [InlineData("2025-12-31", 7.488, 3.744, 100_000_000)]
    [InlineData("2026-01-01", 7.9248, 6.24, 200_000_000)]
    public void JobCreation_RatesAndCapInForceOnTheDate(string asOf, double rate, double priorityRate, int cap)
    {
        MemberProfile[] members = [Adult, Adult with { HasDisability = true }];

        var programme = Programme(Evaluate(asOf, [], members), ProgrammeCodes.JobCreation);

        Assert.Equal(cap, programme.Terms!.MaxAmount);
        Assert.Equal(AmountBasis.PerWorker, programme.Terms.AmountBasis);
        Assert.Equal([(decimal?)rate, (decimal?)priorityRate], programme.Members!.Select(m => m.AnnualRatePercent));
    }

    [Fact]
    public void JobCreation_HouseholdQualifiesIfAnyMemberDoes_AndReportsEachMember()
    {
        MemberProfile[] members = [new(new DateOnly(2015, 1, 1), Sex.Male, false, false), Adult];

        var programme = Programme(Evaluate("2026-01-01", [], members), ProgrammeCodes.JobCreation);

        Assert.True(programme.Eligible);
        Assert.Equal([(0, false), (1, true)], programme.Members!.Select(m => (m.Index, m.Eligible)));
    }

    [Fact]
    public void JobCreation_NoMemberOfAge_HouseholdDoesNotQualify()
    {
        var programme = Programme(Evaluate("2026-01-01", [], [new(new DateOnly(2015, 1, 1), Sex.Male, false, false)]), ProgrammeCodes.JobCreation);

        Assert.False(programme.Eligible);
        Assert.Equal("no-member-of-age", Assert.Single(programme.Reasons).Code);
    }

    [Fact]
    public void TermsMissingARuleFigure_AreReportedAsIncompleteData()
    {
        var incomplete = JobCreation with { Terms = [JobCreation.Terms[^1] with { MinimumBorrowerAge = null }] };

        var answer = EligibilityEngine.Evaluate(new EligibilityQuery(new DateOnly(2026, 1, 1), AreaType.Rural, false, [], [Adult]), Standards, [incomplete]);

        Assert.False(answer.Programmes[0].Eligible);
        Assert.Equal("programme-data-incomplete", answer.Programmes[0].Reasons[0].Code);
    }

    [Fact]
    public void AProgrammeWithoutARule_IsNotEligible()
    {
        var unknown = PoorHousehold with { Code = "housing-support" };

        var answer = EligibilityEngine.Evaluate(new EligibilityQuery(new DateOnly(2026, 1, 1), AreaType.Rural, false, [Status(Poor, "2025-01-01")], [Adult]), Standards, [unknown]);

        Assert.False(answer.Programmes[0].Eligible);
        Assert.Equal("no-rule", answer.Programmes[0].Reasons[0].Code);
    }

    [Fact]
    public void EveryProgrammeIsAnswered_InTheOrderGiven()
    {
        var answer = Evaluate("2026-01-01", [Status(Poor, "2025-01-01", "2022-2025", 1_000_000m)]);

        Assert.Equal(Programmes.Select(p => p.Code), answer.Programmes.Select(p => p.Code));
        Assert.All(answer.Programmes, p => Assert.All(p.Reasons, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.MessageVi));
            Assert.False(string.IsNullOrWhiteSpace(r.MessageEn));
        }));
    }
}
