using Eligibility.Domain.Reviews;

namespace Eligibility.Domain.Tests.Reviews;

/// <summary>The 15 days for deciding a regular review's request, at, just before and just after the due day.</summary>
public sealed class RegularDecisionDeadlineTests
{
    static readonly DateOnly Filed = new(2026, 9, 1);

    [Fact]
    public void TheDueDay_IsTheFilingDayPlusTheDays() =>
        Assert.Equal(new DateOnly(2026, 9, 16), ReviewRoundRequest.DecisionDueBy(Filed, 15));

    [Theory]
    [InlineData("2026-09-15", null, false)]
    [InlineData("2026-09-16", null, false)]
    [InlineData("2026-09-17", null, true)]
    [InlineData("2026-09-17", ReviewStatus.Posted, true)]
    [InlineData("2026-09-17", ReviewStatus.Returned, true)]
    [InlineData("2026-09-17", ReviewStatus.Recognised, false)]
    [InlineData("2026-09-16", ReviewStatus.Recognised, false)]
    public void UndecidedAfterTheDueDay_IsOverdue(string today, ReviewStatus? review, bool overdue) =>
        Assert.Equal(overdue, ReviewRoundRequest.IsOverdue(ReviewRoundRequest.DecisionDueBy(Filed, 15), review, DateOnly.Parse(today)));
}
