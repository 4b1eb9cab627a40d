using Eligibility.Domain.Units;
using FluentValidation;

namespace Eligibility.Application.Units;

public sealed class VillageRequestValidator : AbstractValidator<VillageRequest>
{
    public VillageRequestValidator() =>
        RuleFor(r => r.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("The village name must not be empty.")
            .Must(n => n is null || n.Trim().Length <= Village.MaxNameLength).WithMessage($"The village name is at most {Village.MaxNameLength} characters.");
}
