using Eligibility.Domain.Reviews;

namespace Eligibility.Domain.Tests.Reviews;

static class Calendar
{
    public static readonly IReadOnlySet<DateOnly> NoHolidays = new HashSet<DateOnly>();
}

public sealed class ReviewProcedureTests
{
    public static TheoryData<ReviewStatus, ReviewStep, ReviewStatus> Allowed => new()
    {
        { ReviewStatus.Classified, ReviewStep.VillageMeetingAgreed, ReviewStatus.MeetingHeld },
        { ReviewStatus.Classified, ReviewStep.VillageMeetingRejected, ReviewStatus.Returned },
        { ReviewStatus.MeetingHeld, ReviewStep.Posting, ReviewStatus.Posted },
        { ReviewStatus.Posted, ReviewStep.Complaint, ReviewStatus.Disputed },
        { ReviewStatus.Posted, ReviewStep.Recognition, ReviewStatus.Recognised },
        { ReviewStatus.Disputed, ReviewStep.RecheckUpheld, ReviewStatus.Posted },
        { ReviewStatus.Disputed, ReviewStep.RecheckResurvey, ReviewStatus.Returned },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void AnAllowedStep_InARound_LeadsToItsStatus(ReviewStatus from, ReviewStep step, ReviewStatus to)
    {
        var next = ReviewProcedure.Next(from, step, inRound: true);
        Assert.True(next.IsSuccess);
        Assert.Equal(to, next.Value);
    }

    /// <summary>Every (status, step) pair not in the table is refused with a 409 code; the table above is the whole procedure.</summary>
    public static TheoryData<ReviewStatus, ReviewStep, string> Refused()
    {
        var data = new TheoryData<ReviewStatus, ReviewStep, string>();
        var expected = new Dictionary<(ReviewStatus, ReviewStep), string>
        {
            [(ReviewStatus.Classified, ReviewStep.Recognition)] = "meeting-not-held",
            [(ReviewStatus.Classified, ReviewStep.Posting)] = "meeting-not-held",
            [(ReviewStatus.Classified, ReviewStep.Complaint)] = "meeting-not-held",
            [(ReviewStatus.Classified, ReviewStep.RecheckUpheld)] = "meeting-not-held",
            [(ReviewStatus.Classified, ReviewStep.RecheckResurvey)] = "meeting-not-held",
            [(ReviewStatus.MeetingHeld, ReviewStep.Recognition)] = "not-posted",
            [(ReviewStatus.MeetingHeld, ReviewStep.Complaint)] = "not-posted",
            [(ReviewStatus.MeetingHeld, ReviewStep.VillageMeetingAgreed)] = "meeting-already-held",
            [(ReviewStatus.MeetingHeld, ReviewStep.VillageMeetingRejected)] = "meeting-already-held",
            [(ReviewStatus.MeetingHeld, ReviewStep.RecheckUpheld)] = "no-complaint",
            [(ReviewStatus.MeetingHeld, ReviewStep.RecheckResurvey)] = "no-complaint",
            [(ReviewStatus.Posted, ReviewStep.Posting)] = "already-posted",
            [(ReviewStatus.Posted, ReviewStep.VillageMeetingAgreed)] = "meeting-already-held",
            [(ReviewStatus.Posted, ReviewStep.VillageMeetingRejected)] = "meeting-already-held",
            [(ReviewStatus.Posted, ReviewStep.RecheckUpheld)] = "no-complaint",
            [(ReviewStatus.Posted, ReviewStep.RecheckResurvey)] = "no-complaint",
        };
        foreach (var from in Enum.GetValues<ReviewStatus>())
            foreach (var step in Enum.GetValues<ReviewStep>())
            {
                if (ReviewProcedure.InRound.ContainsKey((from, step)))
                    continue;
                var code = from switch
                {
                    ReviewStatus.Recognised => "already-recognised",
                    ReviewStatus.Returned => "review-returned",
                    ReviewStatus.Disputed => "review-disputed",
                    _ => expected[(from, step)],
                };
                data.Add(from, step, code);
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void AnyOtherStep_InARound_IsRefusedWithItsReason(ReviewStatus from, ReviewStep step, string code)
    {
        var next = ReviewProcedure.Next(from, step, inRound: true);
        Assert.False(next.IsSuccess);
        Assert.Equal(Eligibility.Domain.Common.ErrorKind.Conflict, next.FirstError.Kind);
        Assert.Equal(code, next.FirstError.Code);
        Assert.False(string.IsNullOrWhiteSpace(next.FirstError.Message));
    }

    [Fact]
    public void TheTable_CoversEveryPair_AsAllowedOrRefused()
    {
        int pairs = Enum.GetValues<ReviewStatus>().Length * Enum.GetValues<ReviewStep>().Length;
        Assert.Equal(pairs, Allowed.Count + Refused().Count);
    }

    [Theory]
    [InlineData(ReviewStatus.Classified, ReviewStep.Recognition, true, null)]
    [InlineData(ReviewStatus.Classified, ReviewStep.VillageMeetingAgreed, false, "not-in-round")]
    [InlineData(ReviewStatus.Classified, ReviewStep.Posting, false, "not-in-round")]
    [InlineData(ReviewStatus.Classified, ReviewStep.Complaint, false, "not-in-round")]
    [InlineData(ReviewStatus.Recognised, ReviewStep.Recognition, false, "already-recognised")]
    public void AReviewOutsideRounds_IsRecognisedDirectly_AndTakesNoOtherStep(ReviewStatus from, ReviewStep step, bool allowed, string? code)
    {
        var next = ReviewProcedure.Next(from, step, inRound: false);
        Assert.Equal(allowed, next.IsSuccess);
        if (!allowed)
            Assert.Equal(code, next.FirstError.Code);
    }
}

public sealed class WorkingDaysTests
{
    [Theory]
    // Monday 2026-10-19: Mon, Tue, Wed.
    [InlineData("2026-10-19", 3, "2026-10-21")]
    // Thursday: Thu, Fri, then Monday after the weekend.
    [InlineData("2026-10-22", 3, "2026-10-26")]
    // Friday: Fri, Mon, Tue.
    [InlineData("2026-10-23", 3, "2026-10-27")]
    // Saturday and Sunday do not count: Mon, Tue, Wed.
    [InlineData("2026-10-24", 3, "2026-10-28")]
    [InlineData("2026-10-25", 3, "2026-10-28")]
    [InlineData("2026-10-23", 1, "2026-10-23")]
    [InlineData("2026-10-24", 1, "2026-10-26")]
    // Ten working days span two weekends.
    [InlineData("2026-10-23", 10, "2026-11-05")]
    // Across a year end.
    [InlineData("2027-12-30", 3, "2028-01-03")]
    public void APostingPeriod_EndsOnItsLastWorkingDay(string start, int days, string end) =>
        Assert.Equal(DateOnly.Parse(end), WorkingDays.PeriodEnd(DateOnly.Parse(start), days, Calendar.NoHolidays));

    // National Day 2026 (Tue 1 and Wed 2 September, as entered by an admin): a posting from Monday 31 August.
    [Theory]
    [InlineData("2026-08-31", 1, "2026-08-31")]
    [InlineData("2026-08-31", 2, "2026-09-03")]
    [InlineData("2026-08-31", 3, "2026-09-04")]
    // Started on the holiday itself: begins on Thursday.
    [InlineData("2026-09-01", 3, "2026-09-07")]
    [InlineData("2026-09-02", 1, "2026-09-03")]
    // The day after: unaffected.
    [InlineData("2026-09-03", 3, "2026-09-07")]
    public void Holidays_DoNotCount(string start, int days, string end) =>
        Assert.Equal(DateOnly.Parse(end), WorkingDays.PeriodEnd(DateOnly.Parse(start), days,
            new HashSet<DateOnly> { new(2026, 9, 1), new(2026, 9, 2) }));

    [Fact]
    public void APeriodOfNoWorkingDays_IsABug() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingDays.PeriodEnd(new DateOnly(2026, 10, 19), 0, Calendar.NoHolidays));
}

public sealed class ReviewRoundTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-08-31", false)]
    [InlineData("2026-09-01", true)]
    [InlineData("2026-10-15", true)]
    [InlineData("2026-12-14", true)]
    [InlineData("2026-12-15", false)]
    public void APeriodicRound_TakesSurveysFrom1SeptemberTo14December(string surveyDate, bool inside)
    {
        var round = ReviewRound.Periodic(Guid.NewGuid(), "68", "24853", 2026, Now);
        var error = round.CheckSurveyDate(DateOnly.Parse(surveyDate));
        Assert.Equal(inside, error is null);
        if (error is not null)
        {
            Assert.Equal("outside-review-window", error.Code);
            Assert.Equal("surveyDate", error.Field);
        }
    }

    [Theory]
    [InlineData(2026, 2, "2026-02-28")]
    [InlineData(2028, 2, "2028-02-29")]
    [InlineData(2026, 10, "2026-10-31")]
    public void ARegularRound_CoversItsMonth(int year, int month, string lastDay)
    {
        var round = ReviewRound.Regular(Guid.NewGuid(), "68", "24853", year, month, Now);
        Assert.Equal(new DateOnly(year, month, 1), round.WindowStart);
        Assert.Equal(DateOnly.Parse(lastDay), round.WindowEnd);
        Assert.NotNull(round.CheckSurveyDate(round.WindowEnd.AddDays(1)));
        Assert.NotNull(round.CheckSurveyDate(round.WindowStart.AddDays(-1)));
    }
}

public sealed class PovertyReviewProcedureTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly RecognitionDecision Decision = new("1/QĐ-UBND", new DateOnly(2026, 11, 2), "Chủ tịch");

    static Eligibility.Domain.Reviews.PovertyReview InRound()
    {
        var choice = Eligibility.Domain.Policy.StandardSelection.ForPeriodicReview(2026, Tests.Policy.PolicyData.Standards).Value;
        var result = Eligibility.Domain.Policy.PovertyClassifier.Classify(choice, Eligibility.Domain.Units.AreaType.Rural, 1_000_000m, 3);
        return Eligibility.Domain.Reviews.PovertyReview.Record(Guid.NewGuid(), Guid.NewGuid(), "68", "24853", ReviewKind.Periodic, 2026,
            new DateOnly(2026, 10, 1), choice, result, [], 1, null, null, Now, roundId: Guid.NewGuid());
    }

    [Theory]
    [InlineData(10, 5, ReviewStatus.MeetingHeld)]   // exactly 50%: agreed
    [InlineData(10, 4, ReviewStatus.Returned)]      // under 50%: back to survey
    [InlineData(9, 5, ReviewStatus.MeetingHeld)]
    [InlineData(9, 4, ReviewStatus.Returned)]
    public void TheVillageMeeting_NeedsAtLeastHalfInFavour(int attendees, int inFavour, ReviewStatus expected)
    {
        var review = InRound();
        Assert.True(review.RecordVillageMeeting(new DateOnly(2026, 10, 5), attendees, inFavour, "Trưởng thôn", Now).IsSuccess);
        Assert.Equal(expected, review.Status);
    }

    [Theory]
    [InlineData("2026-10-27", "posting-not-ended")]   // posted Friday 23rd: Fri, Mon, Tue — the last day is still posting
    [InlineData("2026-10-28", null)]
    public void Recognition_WaitsForTheEndOfThePosting_OverAWeekend(string decisionDate, string? code)
    {
        var review = InRound();
        review.RecordVillageMeeting(new DateOnly(2026, 10, 5), 10, 8, "Trưởng thôn", Now);
        Assert.True(review.Post(new DateOnly(2026, 10, 23), 3, Calendar.NoHolidays, Now).IsSuccess);
        Assert.Equal(new DateOnly(2026, 10, 27), review.PostingEnd);
        var result = review.Recognise(Decision with { DecisionDate = DateOnly.Parse(decisionDate) }, Tests.Policy.PolicyData.Standards, Now);
        Assert.Equal(code is null, result.IsSuccess);
        if (code is not null)
            Assert.Equal(code, result.FirstError.Code);
    }

    [Fact]
    public void AComplaint_IsReceivedDuringThePosting_AndAnUpheldRecheckPostsAgain()
    {
        var review = InRound();
        review.RecordVillageMeeting(new DateOnly(2026, 10, 5), 10, 8, "Trưởng thôn", Now);
        review.Post(new DateOnly(2026, 10, 19), 3, Calendar.NoHolidays, Now);
        Assert.Equal("outside-posting-period", review.Complain(new DateOnly(2026, 10, 22), "Late", 7, Calendar.NoHolidays, Now).FirstError.Code);
        Assert.True(review.Complain(new DateOnly(2026, 10, 21), "Thu nhập ghi thấp", 7, Calendar.NoHolidays, Now).IsSuccess);
        Assert.Equal("review-disputed", review.Recognise(Decision, Tests.Policy.PolicyData.Standards, Now).FirstError.Code);
        Assert.True(review.Recheck(new DateOnly(2026, 10, 23), upheld: true, "Đúng", 3, Calendar.NoHolidays, Now).IsSuccess);
        Assert.Equal(ReviewStatus.Posted, review.Status);
        Assert.Equal((new DateOnly(2026, 10, 23), new DateOnly(2026, 10, 27)), (review.PostingStart!.Value, review.PostingEnd!.Value));
        Assert.Equal([ReviewStep.VillageMeetingAgreed, ReviewStep.Posting, ReviewStep.Complaint, ReviewStep.RecheckUpheld], review.Steps.Select(s => s.Step));
    }

    // Decision 967/QĐ-BNNMT: a complaint is re-checked within 7 working days, counted from the day after it.
    [Theory]
    [InlineData(null, "2026-10-30", "2026-10-30", false)]
    [InlineData(null, "2026-10-30", "2026-10-31", true)]
    [InlineData("2026-10-26", "2026-11-02", "2026-10-31", false)]
    [InlineData("2026-10-26", "2026-11-02", "2026-11-03", true)]
    public void AComplaint_IsDueForRecheckWithinSevenWorkingDays(string? holiday, string dueBy, string today, bool overdue)
    {
        var review = InRound();
        review.RecordVillageMeeting(new DateOnly(2026, 10, 5), 10, 8, "Trưởng thôn", Now);
        review.Post(new DateOnly(2026, 10, 19), 3, Calendar.NoHolidays, Now);
        var holidays = holiday is null ? Calendar.NoHolidays : new HashSet<DateOnly> { DateOnly.Parse(holiday) };

        Assert.True(review.Complain(new DateOnly(2026, 10, 21), "Thu nhập ghi thấp", 7, holidays, Now).IsSuccess);

        Assert.Equal(DateOnly.Parse(dueBy), review.RecheckDueBy);
        Assert.Equal(overdue, review.RecheckOverdue(DateOnly.Parse(today)));
        // Once re-checked, nothing is overdue.
        review.Recheck(new DateOnly(2026, 10, 23), upheld: true, "Đúng", 3, Calendar.NoHolidays, Now);
        Assert.False(review.RecheckOverdue(DateOnly.Parse(today)));
    }

    [Fact]
    public void AStep_CannotComeBeforeThePreviousOne()
    {
        var review = InRound();
        var result = review.RecordVillageMeeting(new DateOnly(2026, 9, 30), 10, 8, "Trưởng thôn", Now);
        Assert.Equal("heldOn", result.FirstError.Field);
        Assert.Equal(ReviewStatus.Classified, review.Status);
    }
}
