using Eligibility.Application.Households;
using Eligibility.Domain.Households;
using FluentValidation;

namespace Eligibility.Application.Eligibility;

/// <summary>
/// The shape of an evaluate request: what is present and within limits. The rules about the facts themselves
/// (dates in order, indicator codes of the applicable standard, non-negative income) are FactsEvaluation's.
/// </summary>
public sealed class EvaluateRequestValidator : AbstractValidator<EvaluateRequest>
{
    public EvaluateRequestValidator()
    {
        RuleFor(r => r.AreaType).IsInEnum();
        RuleFor(r => r.Current).NotNull().WithMessage("The current recognised review is required.").SetValidator(new CurrentReviewValidator());
        RuleFor(r => r.History).NotNull()
            .Must(h => h is null || h.Count <= EvaluateRequest.MaxHistory).WithMessage($"At most {EvaluateRequest.MaxHistory} earlier statuses.");
        RuleForEach(r => r.History).NotNull().ChildRules(h =>
        {
            h.RuleFor(x => x.Classification).IsInEnum();
            h.RuleFor(x => x.EffectiveDate).GreaterThanOrEqualTo(MemberRequestValidator.EarliestBirthDate)
                .WithMessage("The effective date cannot be before 1900-01-01.");
        });
        RuleFor(r => r.Members).NotNull()
            .Must(m => m is null || m.Count <= EvaluateRequest.MaxMembers).WithMessage($"At most {EvaluateRequest.MaxMembers} members.");
        RuleForEach(r => r.Members).NotNull().ChildRules(m =>
        {
            m.RuleFor(x => x.DateOfBirth).GreaterThanOrEqualTo(MemberRequestValidator.EarliestBirthDate)
                .WithMessage("The date of birth cannot be before 1900-01-01.");
            m.RuleFor(x => x.Sex).IsInEnum();
        });
    }

    sealed class CurrentReviewValidator : AbstractValidator<CurrentReviewRequest>
    {
        public CurrentReviewValidator()
        {
            RuleFor(c => c.IncomePerPersonMonthly).GreaterThanOrEqualTo(0).WithMessage("Income per person cannot be negative.")
                .LessThan(1_000_000_000_000m).WithMessage("Income per person is below 1,000,000,000,000 VND a month.");
            RuleFor(c => c.DeprivedIndicators).NotNull()
                .Must(d => d is null || d.Count <= EvaluateRequest.MaxIndicators).WithMessage($"At most {EvaluateRequest.MaxIndicators} indicators.");
            RuleForEach(c => c.DeprivedIndicators).Must(code => !string.IsNullOrWhiteSpace(code) && code.Length <= 50)
                .WithMessage("An indicator code of 1 to 50 characters.");
        }
    }
}

public sealed class LookupRequestValidator : AbstractValidator<LookupRequest>
{
    public LookupRequestValidator()
    {
        RuleFor(r => r.PersonalIds).NotEmpty().WithMessage("Give at least one personal ID number.")
            .Must(ids => ids is null || ids.Count <= LookupRequest.MaxIds).WithMessage($"At most {LookupRequest.MaxIds} personal ID numbers per request.");
        // Each bad number is named by its index (personalIds[3]); the message does not repeat it.
        RuleForEach(r => r.PersonalIds).Must(PersonalIdNumber.HasValidFormat).When(r => r.PersonalIds is { Count: <= LookupRequest.MaxIds })
            .WithMessage("A personal ID number is exactly 12 digits.");
    }
}
