using Eligibility.Domain.Common;

namespace Eligibility.Domain.Reviews;

/// <summary>The steps a review may take (Decision 24/2021/QĐ-TTg, domain notes §5).</summary>
public enum ReviewStep
{
    /// <summary>Village meeting (họp dân) with at least 50% of attendees in favour.</summary>
    VillageMeetingAgreed,
    /// <summary>Village meeting with under 50% in favour: the survey and the meeting are repeated.</summary>
    VillageMeetingRejected,
    /// <summary>Public posting (niêm yết công khai) starts.</summary>
    Posting,
    /// <summary>A complaint received during posting.</summary>
    Complaint,
    /// <summary>Re-check (phúc tra) found the result right: posting starts again.</summary>
    RecheckUpheld,
    /// <summary>Re-check found the result wrong: survey again.</summary>
    RecheckResurvey,
    /// <summary>The commune chairman's decision.</summary>
    Recognition,
}

/// <summary>
/// The review procedure as a table: a review of a round moves only along these transitions. A review recorded outside
/// any round keeps the direct recognition it had before rounds existed, and takes no procedure step.
/// </summary>
public static class ReviewProcedure
{
    public static readonly IReadOnlyDictionary<(ReviewStatus From, ReviewStep Step), ReviewStatus> InRound =
        new Dictionary<(ReviewStatus, ReviewStep), ReviewStatus>
        {
            [(ReviewStatus.Classified, ReviewStep.VillageMeetingAgreed)] = ReviewStatus.MeetingHeld,
            [(ReviewStatus.Classified, ReviewStep.VillageMeetingRejected)] = ReviewStatus.Returned,
            [(ReviewStatus.MeetingHeld, ReviewStep.Posting)] = ReviewStatus.Posted,
            [(ReviewStatus.Posted, ReviewStep.Complaint)] = ReviewStatus.Disputed,
            [(ReviewStatus.Posted, ReviewStep.Recognition)] = ReviewStatus.Recognised,
            [(ReviewStatus.Disputed, ReviewStep.RecheckUpheld)] = ReviewStatus.Posted,
            [(ReviewStatus.Disputed, ReviewStep.RecheckResurvey)] = ReviewStatus.Returned,
        };

    public static readonly IReadOnlyDictionary<(ReviewStatus From, ReviewStep Step), ReviewStatus> OutsideRounds =
        new Dictionary<(ReviewStatus, ReviewStep), ReviewStatus>
        {
            [(ReviewStatus.Classified, ReviewStep.Recognition)] = ReviewStatus.Recognised,
        };

    /// <summary>The status after the step, or a 409 saying why the step is not allowed now.</summary>
    public static Result<ReviewStatus> Next(ReviewStatus from, ReviewStep step, bool inRound)
    {
        var table = inRound ? InRound : OutsideRounds;
        if (table.TryGetValue((from, step), out var to))
            return to;
        return Refusal(from, step, inRound);
    }

    static Error Refusal(ReviewStatus from, ReviewStep step, bool inRound)
    {
        if (!inRound)
            return from == ReviewStatus.Recognised
                ? Error.Conflict("already-recognised", "This review was already recognised.")
                : Error.Conflict("not-in-round", "This review was recorded outside any review round: it is recognised directly and takes no procedure step.");
        return (from, step) switch
        {
            (ReviewStatus.Recognised, _) => Error.Conflict("already-recognised", "This review was already recognised."),
            (ReviewStatus.Returned, _) => Error.Conflict("review-returned",
                "This review was sent back to survey: record a new review of the household in the round."),
            (ReviewStatus.Disputed, ReviewStep.Recognition) => Error.Conflict("review-disputed",
                "A complaint against this review awaits its re-check (phúc tra); it cannot be recognised."),
            (ReviewStatus.Disputed, _) => Error.Conflict("review-disputed",
                "A complaint against this review awaits its re-check (phúc tra): record the re-check first."),
            (ReviewStatus.Classified, ReviewStep.Recognition) => Error.Conflict("meeting-not-held",
                "The village meeting has not been recorded; it and the public posting come before recognition."),
            (ReviewStatus.MeetingHeld, ReviewStep.Recognition) => Error.Conflict("not-posted",
                "The result has not been publicly posted; posting comes before recognition."),
            (ReviewStatus.Classified, _) => Error.Conflict("meeting-not-held", "The village meeting has not been recorded yet."),
            (ReviewStatus.MeetingHeld, ReviewStep.Complaint) => Error.Conflict("not-posted", "Complaints are received during the public posting, which has not started."),
            (_, ReviewStep.VillageMeetingAgreed or ReviewStep.VillageMeetingRejected) => Error.Conflict("meeting-already-held",
                "The village meeting of this review was already recorded."),
            (ReviewStatus.Posted, ReviewStep.Posting) => Error.Conflict("already-posted", "The result is already posted."),
            (_, ReviewStep.RecheckUpheld or ReviewStep.RecheckResurvey) => Error.Conflict("no-complaint",
                "A re-check answers a complaint, and this review has none awaiting one."),
            _ => Error.Conflict("step-not-allowed", $"A review that is {from} cannot take the step {step}."),
        };
    }
}
