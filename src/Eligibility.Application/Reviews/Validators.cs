using Eligibility.Application.Common;
using Eligibility.Domain.Reviews;
using FluentValidation;

namespace Eligibility.Application.Reviews;

/// <summary>The survey's own rules, shared by a review recorded on its own and one recorded in a round.</summary>
public sealed class SurveyAnswersValidator : AbstractValidator<ISurveyAnswers>
{
    const decimal MaxIncome = 100_000_000_000m;

    public SurveyAnswersValidator(TimeProvider clock)
    {
        RuleFor(r => r.SurveyDate).Must(d => d <= clock.Today()).WithMessage("The survey date cannot be in the future.")
            .GreaterThanOrEqualTo(new DateOnly(2000, 1, 1)).WithMessage("The survey date is not plausible.");
        RuleFor(r => r.IncomePerPersonMonthly).NotNull()
            .When(r => r.HouseholdIncome12Months is null).WithMessage("Give incomePerPersonMonthly or householdIncome12Months.");
        RuleFor(r => r.IncomePerPersonMonthly).Null()
            .When(r => r.HouseholdIncome12Months is not null).WithMessage("Give incomePerPersonMonthly or householdIncome12Months, not both.");
        RuleFor(r => r.IncomePerPersonMonthly).GreaterThanOrEqualTo(0).LessThan(MaxIncome).WithMessage("Income cannot be negative or implausibly large.");
        RuleFor(r => r.HouseholdIncome12Months).GreaterThanOrEqualTo(0).LessThan(MaxIncome).WithMessage("Income cannot be negative or implausibly large.");
        RuleFor(r => r.FloorArea).GreaterThan(0).LessThan(100_000).WithMessage("The floor area is in m², more than 0.");
        RuleFor(r => r.Indicators).NotNull().Must(i => i is null || i.Count <= 50).WithMessage("At most 50 indicator answers.");
    }
}

public sealed class CreateReviewRequestValidator : AbstractValidator<CreateReviewRequest>
{
    public CreateReviewRequestValidator(TimeProvider clock)
    {
        Include(new SurveyAnswersValidator(clock));
        RuleFor(r => r.Kind).IsInEnum();
        RuleFor(r => r.PeriodYear).NotNull().When(r => r.Kind == ReviewKind.Periodic)
            .WithMessage("A periodic review names its year.");
        RuleFor(r => r.PeriodYear).Null().When(r => r.Kind == ReviewKind.Regular)
            .WithMessage("Only a periodic review has a period year.");
        RuleFor(r => r.PeriodYear).Equal(r => r.SurveyDate.Year).When(r => r.Kind == ReviewKind.Periodic && r.PeriodYear is not null)
            .WithMessage("A periodic review is surveyed in its own year.");
    }
}

public sealed class RecognitionRequestValidator : AbstractValidator<RecognitionRequest>
{
    public RecognitionRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.DecisionNumber).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("The decision number is required.").MaximumLength(50);
        RuleFor(r => r.Signer).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("The signer is required.").MaximumLength(100);
        RuleFor(r => r.DecisionDate).Must(d => d <= clock.Today()).WithMessage("The decision date cannot be in the future.");
    }
}
