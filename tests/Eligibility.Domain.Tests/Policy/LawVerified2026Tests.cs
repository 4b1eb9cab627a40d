using Eligibility.Domain.Households;
using Eligibility.Domain.Policy;
using Eligibility.Domain.Units;
using static Eligibility.Domain.Policy.Classification;
using static Eligibility.Domain.Tests.Policy.PolicyData;

namespace Eligibility.Domain.Tests.Policy;

/// <summary>The boundaries of the law as verified in December 2026 (domain.md §9), each at, just before and just after.</summary>
public class LawVerified2026Tests
{
    static MemberProfile Worker(bool disability = false, bool minority = false, bool carer = false) =>
        new(new DateOnly(1990, 1, 1), Sex.Male, minority, disability, carer);

    static MemberEligibility JobCreationMember(string asOf, MemberProfile member, Classification? status, bool difficultArea)
    {
        RecognisedStatus[] history = status is { } s ? [new RecognisedStatus(s, new DateOnly(2025, 1, 1))] : [];
        var answer = EligibilityEngine.Evaluate(
            new EligibilityQuery(Date(asOf), AreaType.Rural, difficultArea, history, [member]), Standards, Programmes);
        return Assert.Single(answer.Programmes.Single(p => p.Code == ProgrammeCodes.JobCreation).Members!);
    }

    public static TheoryData<string, MemberProfile, Classification?, bool, bool, string?> PriorityGroups => new()
    {
        // Decree 61/2015 as amended by 74/2019, through 2025-12-31: disability; ethnic minority in an especially
        // difficult area, whatever the household's poverty. 50% of the near-poor rate.
        { "2025-12-31", Worker(disability: true), null, false, true, "priority-disability" },
        { "2025-12-31", Worker(minority: true), NotPoor, true, true, "priority-ethnic-minority-difficult-area" },
        { "2025-12-31", Worker(minority: true), Poor, false, false, null },
        { "2025-12-31", Worker(), Poor, true, false, null },
        { "2025-12-31", Worker(carer: true), Poor, false, false, null },
        // Law 74/2025/QH15 Art. 9, from 2026-01-01: the poor rate.
        { "2026-01-01", Worker(disability: true), null, false, true, "priority-disability" },
        { "2026-01-01", Worker(minority: true), NotPoor, true, false, null },
        { "2026-01-01", Worker(minority: true), Poor, false, true, "priority-ethnic-minority-poor-household" },
        { "2026-01-01", Worker(), Poor, true, true, "priority-poor-household-difficult-area" },
        { "2026-01-01", Worker(), NearPoor, true, false, null },
        { "2026-01-01", Worker(carer: true), null, false, true, "priority-cares-for-severe-disability" },
        { "2026-01-01", Worker(), Poor, false, false, null },
    };

    [Theory]
    [MemberData(nameof(PriorityGroups))]
    public void JobCreation_PriorityGroupsAreThoseOfTheTermsInForce(
        string asOf, MemberProfile member, Classification? status, bool difficultArea, bool priority, string? reason)
    {
        var result = JobCreationMember(asOf, member, status, difficultArea);

        Assert.Equal(priority, result.Priority);
        var terms = JobCreation.TermsOn(Date(asOf))!;
        Assert.Equal(priority ? terms.PriorityAnnualRatePercent : terms.AnnualRatePercent, result.AnnualRatePercent);
        if (reason is not null)
            Assert.Contains(result.Reasons, r => r.Code == reason);
    }

    [Theory]
    [InlineData("2025-11-30", 7.92, 3.96)]
    [InlineData("2025-12-01", 7.488, 3.744)]
    [InlineData("2025-12-31", 7.488, 3.744)]
    [InlineData("2026-01-01", 7.9248, 6.24)]
    public void JobCreation_PriorityRateOfEachPeriod(string asOf, double rate, double priorityRate)
    {
        Assert.Equal((decimal)rate, JobCreationMember(asOf, Worker(), null, false).AnnualRatePercent);
        Assert.Equal((decimal)priorityRate, JobCreationMember(asOf, Worker(disability: true), null, false).AnnualRatePercent);
        Assert.Equal(120, JobCreation.TermsOn(Date(asOf))!.MaxTermMonths);
    }

    [Fact]
    public void JobCreation_TermsWithoutAPriorityRule_AreIncompleteData()
    {
        var terms = JobCreation.Terms[^1] with { PriorityRule = null };
        var answer = EligibilityEngine.Evaluate(new EligibilityQuery(Date("2026-06-01"), AreaType.Rural, false, [], [Worker()]),
            Standards, [JobCreation with { Terms = [terms] }]);

        var programme = Assert.Single(answer.Programmes);
        Assert.False(programme.Eligible);
        Assert.Contains("priorityRule", Assert.Single(programme.Reasons).MessageEn);
    }

    [Theory]
    [InlineData("2021-12-31", null, null)]
    [InlineData("2022-01-01", 2_500_000, 6.6)]
    [InlineData("2022-05-18", 2_500_000, 6.6)]
    [InlineData("2022-05-19", 4_000_000, 6.6)]
    [InlineData("2025-11-30", 4_000_000, 6.6)]
    [InlineData("2025-12-01", 4_000_000, 6.24)]
    public void Income150_TermsFrom2022(string asOf, int? cap, double? rate)
    {
        var status = new RecognisedStatus(NearPoor, new DateOnly(2022, 1, 1), "2022-2025", 1_000_000m, 1);
        var answer = EligibilityEngine.Evaluate(new EligibilityQuery(Date(asOf), AreaType.Rural, false, [status], []), Standards, Programmes);

        var programme = answer.Programmes.Single(p => p.Code == ProgrammeCodes.Income150);
        Assert.Equal((decimal?)cap, programme.Terms?.MaxAmount);
        Assert.Equal((decimal?)rate, programme.Terms?.AnnualRatePercent);
        Assert.Equal(cap is not null, programme.Eligible);
    }

    // The programme's own factor, not the standard's middle-living factor: correcting the band changes nothing here.
    [Theory]
    [InlineData(1.4, 2_250_000, true)]
    [InlineData(1.4, 2_250_001, false)]
    [InlineData(2.0, 2_250_001, false)]
    public void Income150_UsesItsOwnFactor_NotTheMiddleLivingBand(double middleLivingFactor, int income, bool eligible)
    {
        var standard = Standard2022_2025 with { Figures = [Standard2022_2025.Figures[0] with { MiddleLivingFactor = (decimal)middleLivingFactor }] };
        var status = new RecognisedStatus(MiddleLiving, new DateOnly(2026, 6, 1), "2022-2025", income, 0);

        var answer = EligibilityEngine.Evaluate(new EligibilityQuery(Date("2026-07-01"), AreaType.Rural, false, [status], []),
            [standard, Standard2027_2030], Programmes);

        var programme = answer.Programmes.Single(p => p.Code == ProgrammeCodes.Income150);
        Assert.Equal(eligible, programme.Eligible);
        Assert.Contains("middle-living", programme.Reasons[0].MessageEn);
        Assert.Contains("Quyết định 157/2007/QĐ-TTg", programme.Reasons[0].MessageVi);
    }

    [Theory]
    [InlineData("2026-12-31", false)]
    [InlineData("2027-01-01", true)]
    public void AStatusUnderAStandardNoLongerInForce_SaysAReviewIsDue(string asOf, bool due)
    {
        var status = new RecognisedStatus(Poor, new DateOnly(2026, 11, 20), "2022-2025", 1_000_000m, 4);
        var answer = EligibilityEngine.Evaluate(new EligibilityQuery(Date(asOf), AreaType.Rural, false, [status], []), Standards, Programmes);

        var poor = answer.Programmes.Single(p => p.Code == ProgrammeCodes.PoorHousehold);
        Assert.True(poor.Eligible);
        Assert.Equal(due, poor.Reasons.Any(r => r.Code == "standard-expired-review-due"));
    }

    [Theory]
    [InlineData("2026-12-31", "status-effective-later")]
    [InlineData("2027-01-01", "status-poor")]
    public void AStatusTakingEffectLater_IsSaidWithItsDate(string asOf, string code)
    {
        var status = new RecognisedStatus(Poor, new DateOnly(2027, 1, 1), "2027-2030", 1_000_000m, 4);
        var answer = EligibilityEngine.Evaluate(new EligibilityQuery(Date(asOf), AreaType.Rural, false, [status], []), Standards, Programmes);

        var reason = answer.Programmes.Single(p => p.Code == ProgrammeCodes.PoorHousehold).Reasons[0];
        Assert.Equal(code, reason.Code);
        if (code == "status-effective-later")
        {
            Assert.Equal("The household is recognised as poor from 2027-01-01; on 2026-12-31 that status is not yet in force.", reason.MessageEn);
            Assert.StartsWith("Hộ được công nhận là hộ nghèo từ 01/01/2027", reason.MessageVi);
        }
    }

    // 2027-2030's lines are confirmed, its middle-living band is not: only a classification that used the band says so.
    [Theory]
    [InlineData("2027-2030", 2_200_000, 3, Poor, false)]
    [InlineData("2027-2030", 2_200_001, 0, MiddleLiving, true)]
    [InlineData("2027-2030", 3_300_001, 0, NotPoor, true)]
    [InlineData("2022-2025", 1_500_001, 0, MiddleLiving, false)]
    [InlineData("2022-2025", 2_250_001, 0, NotPoor, false)]
    public void AClassificationThatUsedAnUnconfirmedFigure_SaysSo(string standard, int income, int deprivations, Classification expected, bool flagged)
    {
        var figures = StandardByCode(standard).Figures[0];

        var result = PovertyClassifier.Classify(standard, figures, AreaType.Rural, income, deprivations);

        Assert.Equal(expected, result.Classification);
        var note = result.Reasons.SingleOrDefault(r => r.Code == "middle-living-factor-unconfirmed");
        Assert.Equal(flagged, note is not null);
        if (note is not null)
        {
            Assert.Contains("not confirmed", note.MessageEn);
            Assert.Contains("chưa được nguồn nào xác nhận", note.MessageVi);
        }
    }

    [Fact]
    public void UnconfirmedLines_AreSaidOnEveryClassification()
    {
        var figures = Standard2022_2025.Figures[0] with { Confirmed = false, Source = "a draft" };

        var result = PovertyClassifier.Classify("2022-2025", figures, AreaType.Rural, 1_000_000m, 3);

        Assert.Contains(result.Reasons, r => r.Code == "figures-unconfirmed" && r.MessageEn.Contains("a draft"));
    }

    static MemberIndicatorFacts Child(Schooling? schooling) => new(new DateOnly(2016, 1, 1), true, schooling, false, false);
    static MemberIndicatorFacts Parent => new(new DateOnly(1985, 1, 1), true, null, false, false);

    [Theory]
    [InlineData(Schooling.AtRightLevel, false)]
    [InlineData(Schooling.Behind, true)]
    [InlineData(Schooling.NotAttending, true)]
    [InlineData(null, null)]
    public void ChildSchooling_IsDeprivedUnlessAtTheRightLevelForTheirAge(Schooling? schooling, bool? deprived)
    {
        var answer = IndicatorDerivation.Derive(Indicators2022_2025, Derivation2022, new DateOnly(2026, 6, 1), [Parent, Child(schooling)], 40m)
            .Single(a => a.IndicatorCode == IndicatorCodes.ChildSchooling);

        Assert.Equal(deprived, answer.Deprived);
    }

    // 2027-2030: only employment, dependants and nutrition have confirmed thresholds; the others are not derived.
    [Theory]
    [InlineData(IndicatorCodes.Dependants, true)]
    [InlineData(IndicatorCodes.HousingArea, false)]
    [InlineData(IndicatorCodes.HealthInsurance, false)]
    [InlineData(IndicatorCodes.ChildSchooling, false)]
    public void AnUnconfirmedThreshold_IsNotUsedToDerive(string code, bool derived)
    {
        var answer = IndicatorDerivation.Derive(Standard2027_2030.Indicators, Derivation2022, new DateOnly(2026, 10, 1),
                [Parent, Child(Schooling.AtRightLevel)], 40m, thresholdsOn: new DateOnly(2027, 1, 1))
            .Single(a => a.IndicatorCode == code);

        Assert.Equal(derived, answer.Derived);
        if (!derived)
            Assert.Contains("threshold is not confirmed", answer.Reason.MessageEn);
    }

    [Theory]
    [InlineData("2027-12-31", false)]
    [InlineData("2028-01-01", true)]
    public void AConfirmedThresholdRecordedLater_DerivesAgainFromItsEffectiveDate(string on, bool derived)
    {
        var indicators = Standard2027_2030.Indicators.Select(i => i.Code == IndicatorCodes.HousingArea
            ? i with { Thresholds = [.. i.Thresholds, new IndicatorThreshold(new DateOnly(2028, 1, 1), true, "a later decree", "Decree X")] }
            : i).ToList();

        var answer = IndicatorDerivation.Derive(indicators, Derivation2022, Date(on), [Parent], 40m)
            .Single(a => a.IndicatorCode == IndicatorCodes.HousingArea);

        Assert.Equal(derived, answer.Derived);
    }

    [Fact]
    public void AnUnconfirmedThreshold_MakesItsAnswerRequired_NamingIt()
    {
        var indicators = Standard2027_2030.Indicators;
        var derived = IndicatorDerivation.Derive(indicators, Derivation2022, new DateOnly(2026, 10, 1), [Parent], 40m, new DateOnly(2027, 1, 1));
        var recorded = indicators.Where(i => i.Code != IndicatorCodes.HousingArea).ToDictionary(i => i.Code, _ => false);

        var resolved = IndicatorDerivation.Resolve(indicators, recorded, derived);

        var error = Assert.Single(resolved.Errors);
        Assert.Equal("indicators.housing-area", error.Field);
        Assert.Contains("not confirmed", error.Message);
    }

    [Theory]
    [InlineData("Decree 07/2021/NĐ-CP Art. 3", "Nghị định 07/2021/NĐ-CP Điều 3")]
    [InlineData("Decision 157/2007/QĐ-TTg as amended by Decision 05/2022/QĐ-TTg", "Quyết định 157/2007/QĐ-TTg được sửa đổi bởi Quyết định 05/2022/QĐ-TTg")]
    [InlineData("Law 74/2025/QH15 Art. 9; Decree 338/2025/NĐ-CP", "Luật 74/2025/QH15 Điều 9; Nghị định 338/2025/NĐ-CP")]
    public void VietnameseMessages_UseTheVietnameseNamesOfLegalInstruments(string basis, string vi)
    {
        var reason = StandardSelection.InForceOn(new DateOnly(2026, 6, 1), [Standard2022_2025 with { LegalBasis = basis }]).Value.Reason;

        Assert.Contains($"({vi})", reason.MessageVi);
        Assert.Contains($"({basis})", reason.MessageEn);
    }
}
