using FluentValidation;

namespace Eligibility.Application.Loans;

public sealed class CreateAssociationRequestValidator : AbstractValidator<CreateAssociationRequest>
{
    public CreateAssociationRequestValidator()
    {
        RuleFor(r => r.Kind).IsInEnum();
        RuleFor(r => r.Name).Must(n => n is null || n.Trim().Length is >= 1 and <= 200).WithMessage("A name of 1 to 200 characters.");
    }
}

public sealed class CreateGroupRequestValidator : AbstractValidator<CreateGroupRequest>
{
    public CreateGroupRequestValidator()
    {
        RuleFor(r => r.Name).Must(n => n is not null && n.Trim().Length is >= 1 and <= 200).WithMessage("A name of 1 to 200 characters.");
        RuleFor(r => r.LeaderName).Must(n => n is not null && n.Trim().Length is >= 1 and <= 100).WithMessage("The leader's name, 1 to 100 characters.");
        RuleFor(r => r.VillageIds).NotEmpty().WithMessage("At least one village.")
            .Must(v => v is null || v.Count <= 50).WithMessage("At most 50 villages.");
    }
}

public sealed class JoinGroupRequestValidator : AbstractValidator<JoinGroupRequest>
{
    public JoinGroupRequestValidator()
    {
        RuleFor(r => r.HouseholdId).NotEmpty();
        RuleFor(r => r.JoinedOn).GreaterThanOrEqualTo(new DateOnly(1990, 1, 1)).WithMessage("The date cannot be before 1990-01-01.");
    }
}

public sealed class CreateLoanRequestValidator : AbstractValidator<CreateLoanRequest>
{
    public CreateLoanRequestValidator()
    {
        RuleFor(r => r.HouseholdId).NotEmpty();
        RuleFor(r => r.BorrowerMemberId).NotEmpty();
        RuleFor(r => r.Programme).Must(p => !string.IsNullOrWhiteSpace(p) && p.Length <= 50).WithMessage("The programme's code.");
        RuleFor(r => r.Amount).GreaterThan(0).WithMessage("The amount is more than 0 VND.")
            .LessThan(100_000_000_000m).WithMessage("The amount is below 100,000,000,000 VND.")
            .Must(a => a == decimal.Truncate(a)).WithMessage("The amount is a whole number of VND.");
        RuleFor(r => r.Purpose).Must(p => p is not null && p.Trim().Length is >= 1 and <= 500).WithMessage("A purpose of 1 to 500 characters.");
        RuleFor(r => r.TermMonths).InclusiveBetween(1, 600).WithMessage("The term is 1 to 600 months.");
        RuleFor(r => r.FiledOn).GreaterThanOrEqualTo(new DateOnly(1990, 1, 1)).WithMessage("The date cannot be before 1990-01-01.");
    }
}

public sealed class CreateMeetingRequestValidator : AbstractValidator<CreateMeetingRequest>
{
    public CreateMeetingRequestValidator()
    {
        RuleFor(r => r.HeldOn).GreaterThanOrEqualTo(new DateOnly(1990, 1, 1)).WithMessage("The date cannot be before 1990-01-01.");
        RuleFor(r => r.MembersTotal).InclusiveBetween(0, 10_000).WithMessage("The group's member count, 0 to 10,000.");
        RuleFor(r => r.Attendees).GreaterThanOrEqualTo(0).WithMessage("Attendance cannot be negative.")
            .LessThanOrEqualTo(r => r.MembersTotal).WithMessage("Attendance cannot exceed the group's member count.");
        RuleFor(r => r.ChairedBy).Must(n => n is not null && n.Trim().Length is >= 1 and <= 100).WithMessage("Who chaired, 1 to 100 characters.");
        RuleFor(r => r.Decisions).NotNull()
            .Must(d => d is null || d.Count <= CreateMeetingRequest.MaxDecisions).WithMessage($"At most {CreateMeetingRequest.MaxDecisions} decisions.")
            .Must(d => d is null || d.Where(x => x is not null).Select(x => x.RequestId).Distinct().Count() == d.Count(x => x is not null))
            .WithMessage("Each request is decided once.");
        RuleForEach(r => r.Decisions).NotNull().ChildRules(d =>
        {
            d.RuleFor(x => x.RequestId).NotEmpty();
            d.RuleFor(x => x.Decision).IsInEnum();
            d.RuleFor(x => x.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).When(x => x.Decision == MeetingDecisionKind.Rejected)
                .WithMessage("A rejection needs its reason.");
            d.RuleFor(x => x.Reason).MaximumLength(500);
        });
    }
}
