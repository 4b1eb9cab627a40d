using Eligibility.Domain.Common;
using Eligibility.Domain.Policy;
using Eligibility.Domain.Reviews;
using Eligibility.Domain.Tests.Policy;
using Eligibility.Domain.Units;

namespace Eligibility.Domain.Tests.Reviews;

public sealed class PovertyReviewTests
{
    static readonly DateTimeOffset Now = new(2027, 2, 1, 0, 0, 0, TimeSpan.Zero);

    static PovertyReview Regular(string surveyDate, decimal income = 1_000_000m)
    {
        var choice = StandardSelection.ForRegularReview(DateOnly.Parse(surveyDate), PolicyData.Standards).Value;
        var result = PovertyClassifier.Classify(choice, AreaType.Rural, income, 0);
        return PovertyReview.Record(Guid.NewGuid(), Guid.NewGuid(), "68", "24853", ReviewKind.Regular, null, DateOnly.Parse(surveyDate),
            choice, result, [], 1, null, null, Now);
    }

    [Theory]
    [InlineData("2026-12-20", "2026-12-31", true)]    // decided under the same standard: takes effect on the decision
    [InlineData("2026-12-20", "2027-01-01", false)]   // the 2027-2030 standard is in force on the decision date
    public void ARegularReview_TakesEffectOnItsDecision_OnlyUnderTheStandardItWasClassifiedBy(string survey, string decision, bool accepted)
    {
        var review = Regular(survey);
        var result = review.Recognise(new RecognitionDecision("1/QĐ", DateOnly.Parse(decision), "Chủ tịch"), PolicyData.Standards, Now);
        Assert.Equal(accepted, result.IsSuccess);
        if (accepted)
            Assert.Equal(DateOnly.Parse(decision), review.EffectiveDate);
        else
            Assert.Equal("standard-changed", result.FirstError.Code);
    }

    [Fact]
    public void RecognisingTwice_IsAConflict()
    {
        var review = Regular("2026-06-01");
        Assert.True(review.Recognise(new RecognitionDecision("1/QĐ", new DateOnly(2026, 6, 5), "A"), PolicyData.Standards, Now).IsSuccess);
        var again = review.Recognise(new RecognitionDecision("2/QĐ", new DateOnly(2026, 6, 6), "B"), PolicyData.Standards, Now);
        Assert.Equal(ErrorKind.Conflict, again.FirstError.Kind);
        Assert.Equal("1/QĐ", review.DecisionNumber);
    }

    [Theory]
    [InlineData(2_250_000, true)]
    [InlineData(2_250_001, false)]
    public void AStatus_IsWithinIncome150_UpToOneAndAHalfTimesItsLine(int income, bool within)
    {
        var review = Regular("2026-06-01", income);
        review.Recognise(new RecognitionDecision("1/QĐ", new DateOnly(2026, 6, 5), "A"), PolicyData.Standards, Now);
        Assert.Equal(within, HouseholdStatus.From(review, 1.5m).WithinIncome150);
    }
}
