using Eligibility.Domain.Policy;
using FluentValidation;

namespace Eligibility.Application.Policy;

public sealed record PublicHolidayRequest
{
    public required DateOnly Day { get; init; }
    public required string NameVi { get; init; }
    public required string NameEn { get; init; }
    public required string LegalBasis { get; init; }
}

public sealed record PublicHolidayResponse(DateOnly Day, string NameVi, string NameEn, string LegalBasis);

public sealed class PublicHolidayRequestValidator : AbstractValidator<PublicHolidayRequest>
{
    public PublicHolidayRequestValidator()
    {
        RuleFor(r => r.NameVi).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Name the holiday in Vietnamese.").MaximumLength(200);
        RuleFor(r => r.NameEn).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Name the holiday in English.").MaximumLength(200);
        RuleFor(r => r.LegalBasis).Must(b => !string.IsNullOrWhiteSpace(b)).WithMessage("Name the legal basis.").MaximumLength(300);
    }
}

public static class HolidayMapping
{
    public static PublicHolidayResponse ToResponse(this PublicHoliday h) => new(h.Day, h.NameVi, h.NameEn, h.LegalBasis);
}
