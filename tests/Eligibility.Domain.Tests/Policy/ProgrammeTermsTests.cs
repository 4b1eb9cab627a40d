using Eligibility.Domain.Policy;
using static Eligibility.Domain.Tests.Policy.PolicyData;

namespace Eligibility.Domain.Tests.Policy;

public class ProgrammeTermsTests
{
    [Theory]
    [InlineData("poor-household", "2025-11-30", 6.6, 100_000_000)]
    [InlineData("poor-household", "2025-12-01", 6.24, 100_000_000)]
    [InlineData("near-poor-household", "2025-11-30", 7.92, 100_000_000)]
    [InlineData("near-poor-household", "2025-12-01", 7.488, 100_000_000)]
    [InlineData("newly-escaped-household", "2025-11-30", 8.25, 100_000_000)]
    [InlineData("newly-escaped-household", "2025-12-01", 7.8, 100_000_000)]
    [InlineData("income-150", "2022-01-01", 6.6, 2_500_000)]
    [InlineData("income-150", "2022-05-18", 6.6, 2_500_000)]
    [InlineData("income-150", "2022-05-19", 6.6, 4_000_000)]
    [InlineData("income-150", "2025-11-30", 6.6, 4_000_000)]
    [InlineData("income-150", "2025-12-01", 6.24, 4_000_000)]
    [InlineData("job-creation", "2025-11-30", 7.92, 100_000_000)]
    [InlineData("job-creation", "2025-12-01", 7.488, 100_000_000)]
    [InlineData("job-creation", "2025-12-31", 7.488, 100_000_000)]
    [InlineData("job-creation", "2026-01-01", 7.9248, 200_000_000)]
    public void TermsOn_GivesTheTermsInForceThatDay(string code, string date, double rate, int cap)
    {
        var terms = ProgrammeByCode(code).TermsOn(Date(date));

        Assert.NotNull(terms);
        Assert.Equal((decimal)rate, terms.AnnualRatePercent);
        Assert.Equal(cap, terms.MaxAmount);
    }

    // domain.md §9: until 2025-12-31 priority workers pay 50% of the near-poor rate; from 2026-01-01 the poor rate.
    [Theory]
    [InlineData("2025-11-30", 0.5, "near-poor-household")]
    [InlineData("2025-12-01", 0.5, "near-poor-household")]
    [InlineData("2025-12-31", 0.5, "near-poor-household")]
    [InlineData("2026-01-01", 1.0, "poor-household")]
    public void JobCreationPriorityRate_IsItsShareOfTheRateOfItsPeriod(string date, double share, string of)
    {
        var day = Date(date);

        Assert.Equal(ProgrammeByCode(of).TermsOn(day)!.AnnualRatePercent * (decimal)share, JobCreation.TermsOn(day)!.PriorityAnnualRatePercent);
    }

    [Fact]
    public void TermsOn_BeforeTheFirstVersion_IsNull()
    {
        Assert.Null(Income150.TermsOn(DataStart.AddDays(-1)));
        Assert.Null(PoorHousehold.TermsOn(DataStart.AddDays(-1)));
    }

    [Fact]
    public void AFutureVersion_LeavesEarlierDatesUnchanged()
    {
        // A hypothetical version an admin adds ahead of time.
        var future = PoorHousehold.Terms[^1] with { EffectiveFrom = new DateOnly(2027, 1, 1), AnnualRatePercent = 6m };
        var amended = PoorHousehold with { Terms = [.. PoorHousehold.Terms, future] };

        Assert.Equal(6.24m, amended.TermsOn(new DateOnly(2026, 12, 31))!.AnnualRatePercent);
        Assert.Equal(6m, amended.TermsOn(new DateOnly(2027, 1, 1))!.AnnualRatePercent);
    }

    // domain.md §6 states some rates as shares of the poor rate; the stored figures must agree with it.
    [Theory]
    [InlineData("near-poor-household", "2025-12-01", 1.20)]
    [InlineData("newly-escaped-household", "2025-12-01", 1.25)]
    [InlineData("job-creation", "2026-01-01", 1.27)]
    public void StoredRates_MatchTheirStatedShareOfThePoorRate(string code, string date, double share)
    {
        var day = Date(date);

        Assert.Equal(PoorHousehold.TermsOn(day)!.AnnualRatePercent * (decimal)share, ProgrammeByCode(code).TermsOn(day)!.AnnualRatePercent);
    }

    [Theory]
    [InlineData("2025-11-30")]
    [InlineData("2025-12-31")]
    public void JobCreationRate_IsTheNearPoorRateUntilTheEndOf2025(string date)
    {
        var day = Date(date);

        Assert.Equal(NearPoorHousehold.TermsOn(day)!.AnnualRatePercent, JobCreation.TermsOn(day)!.AnnualRatePercent);
    }
}
