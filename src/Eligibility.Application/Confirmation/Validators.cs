using Eligibility.Application.Common;
using Eligibility.Domain.Confirmation;
using FluentValidation;

namespace Eligibility.Application.Confirmation;

public sealed class CompileListRequestValidator : AbstractValidator<CompileListRequest>
{
    public CompileListRequestValidator()
    {
        RuleFor(r => r.Programme).Must(p => p is null || (p.Length is > 0 and <= 50)).WithMessage("A programme code of 1 to 50 characters.");
        RuleFor(r => r.AsOf).GreaterThanOrEqualTo(new DateOnly(2000, 1, 1)).When(r => r.AsOf is not null)
            .WithMessage("asOf cannot be before 2000-01-01.");
        RuleFor(r => r.Replaces).NotEqual(Guid.Empty).WithMessage("replaces is a list id.");
    }
}

public sealed class LineDecisionRequestValidator : AbstractValidator<LineDecisionRequest>
{
    public LineDecisionRequestValidator()
    {
        RuleFor(r => r.Result).IsInEnum();
        RuleFor(r => r.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).When(r => r.Result == LineResult.Refused)
            .WithMessage("A refused line needs the reason.");
        RuleFor(r => r.Reason).MaximumLength(ConfirmationList.MaxReasonLength);
    }
}

public sealed class SignListRequestValidator : AbstractValidator<SignListRequest>
{
    public SignListRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.Number).Must(n => !string.IsNullOrWhiteSpace(n) && n.Trim().Length <= 50).WithMessage("The decision number, 1 to 50 characters.");
        RuleFor(r => r.Signer).Must(s => !string.IsNullOrWhiteSpace(s) && s.Trim().Length <= 100).WithMessage("Who signed, 1 to 100 characters.");
        RuleFor(r => r.Date).GreaterThanOrEqualTo(new DateOnly(2000, 1, 1)).WithMessage("The decision date cannot be before 2000-01-01.")
            .Must(d => d <= clock.Today()).WithMessage("Ngày ký không được sau hôm nay (giờ Việt Nam). / The signing date cannot be after today (Vietnam's date).");
    }
}
