using System.Globalization;
using Eligibility.Application.Common;
using Eligibility.Application.Reviews;
using Eligibility.Domain.Reviews;
using FluentValidation;

namespace Eligibility.Application.Rounds;

public sealed class OpenRoundRequestValidator : AbstractValidator<OpenRoundRequest>
{
    public OpenRoundRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.Kind).IsInEnum();
        RuleFor(r => r.Year).NotNull().When(r => r.Kind == ReviewKind.Periodic).WithMessage("A periodic round names its year.");
        RuleFor(r => r.Year).Must(y => y >= 2000 && y <= clock.Today().Year).When(r => r.Year is not null)
            .WithMessage("The year is from 2000 to the current year.");
        RuleFor(r => r.Month).Null().When(r => r.Kind == ReviewKind.Periodic).WithMessage("A periodic round has a year, not a month.");
        RuleFor(r => r.Month).NotNull().When(r => r.Kind == ReviewKind.Regular).WithMessage("A regular round names its month (YYYY-MM).");
        RuleFor(r => r.Year).Null().When(r => r.Kind == ReviewKind.Regular).WithMessage("A regular round has a month, not a year.");
        RuleFor(r => r.Month).Must(m => ParseMonth(m) is { } d && d.Year >= 2000 && d <= clock.Today())
            .When(r => r.Month is not null).WithMessage("The month is YYYY-MM, from 2000 to the current month.");
    }

    static DateOnly? ParseMonth(string? month) =>
        month is { Length: 7 } && DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}

public sealed class FileRequestRequestValidator : AbstractValidator<FileRequestRequest>
{
    public FileRequestRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.HouseholdId).NotEmpty();
        RuleFor(r => r.FiledOn).Must(d => d <= clock.Today()).WithMessage("The filing date cannot be in the future.")
            .GreaterThanOrEqualTo(new DateOnly(2000, 1, 1)).WithMessage("The filing date is not plausible.");
        RuleFor(r => r.Reason).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("The reason is required.").MaximumLength(1000);
    }
}

public sealed class RoundReviewRequestValidator : AbstractValidator<RoundReviewRequest>
{
    public RoundReviewRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.HouseholdId).NotEmpty();
        Include(new SurveyAnswersValidator(clock));
    }
}

public sealed class VillageMeetingRequestValidator : AbstractValidator<VillageMeetingRequest>
{
    public VillageMeetingRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.HeldOn).Must(d => d <= clock.Today()).WithMessage("The meeting date cannot be in the future.");
        RuleFor(r => r.Attendees).InclusiveBetween(1, 100_000).WithMessage("A meeting has at least one attendee.");
        RuleFor(r => r.VotesInFavour).GreaterThanOrEqualTo(0).LessThanOrEqualTo(r => r.Attendees)
            .WithMessage("Votes in favour are from 0 to the number of attendees.");
        RuleFor(r => r.ChairedBy).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Who chaired the meeting is required.").MaximumLength(100);
    }
}

public sealed class PostingRequestValidator : AbstractValidator<PostingRequest>
{
    public PostingRequestValidator(TimeProvider clock) =>
        RuleFor(r => r.StartDate).Must(d => d <= clock.Today()).WithMessage("The posting cannot start in the future.");
}

public sealed class ComplaintRequestValidator : AbstractValidator<ComplaintRequest>
{
    public ComplaintRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.ReceivedOn).Must(d => d <= clock.Today()).WithMessage("The complaint cannot be received in the future.");
        RuleFor(r => r.Summary).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("The complaint's summary is required.").MaximumLength(2000);
    }
}

public sealed class RecheckRequestValidator : AbstractValidator<RecheckRequest>
{
    public RecheckRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.CheckedOn).Must(d => d <= clock.Today()).WithMessage("The re-check date cannot be in the future.");
        RuleFor(r => r.Outcome).IsInEnum();
        RuleFor(r => r.Note).MaximumLength(2000);
    }
}

public sealed class RoundRecognitionRequestValidator : AbstractValidator<RoundRecognitionRequest>
{
    public RoundRecognitionRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.DecisionNumber).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("The decision number is required.").MaximumLength(50);
        RuleFor(r => r.Signer).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("The signer is required.").MaximumLength(100);
        RuleFor(r => r.DecisionDate).Must(d => d <= clock.Today()).WithMessage("The decision date cannot be in the future.");
        RuleFor(r => r.ReviewIds).NotEmpty().When(r => !r.All).WithMessage("Name the reviews (reviewIds), or set all.");
        RuleFor(r => r.ReviewIds).Null().When(r => r.All).WithMessage("Name the reviews or set all, not both.");
        RuleFor(r => r.ReviewIds).Must(ids => ids!.Count <= 1000 && ids.Distinct().Count() == ids.Count)
            .When(r => r.ReviewIds is not null).WithMessage("At most 1,000 reviews, each named once.");
    }
}
