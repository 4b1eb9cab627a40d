using Eligibility.Application.Common;
using Eligibility.Domain.Households;
using FluentValidation;

namespace Eligibility.Application.Households;

public sealed class MemberRequestValidator : AbstractValidator<MemberRequest>
{
    public static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);

    public MemberRequestValidator(TimeProvider clock)
    {
        RuleFor(m => m.FullName).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("The name must not be empty.")
            .Must(n => n is null || PersonName.Normalize(n).Length <= PersonName.MaxLength)
            .WithMessage($"The name is at most {PersonName.MaxLength} characters.");
        RuleFor(m => m.DateOfBirth)
            .GreaterThanOrEqualTo(EarliestBirthDate).WithMessage("The date of birth cannot be before 1900-01-01.")
            .Must(d => d <= clock.Today()).WithMessage("The date of birth cannot be in the future.");
        RuleFor(m => m.Sex).IsInEnum();
        RuleFor(m => m.Relationship).IsInEnum();
        RuleFor(m => m.PersonalId)
            .Must(PersonalIdNumber.HasValidFormat).When(m => !string.IsNullOrEmpty(m.PersonalId))
            .WithMessage("The personal ID number must be exactly 12 digits.")
            .DependentRules(() => RuleFor(m => m.PersonalId)
                .Must((m, id) => PersonalIdNumber.Inconsistency(id!, m.Sex, m.DateOfBirth) is null)
                .When(m => !string.IsNullOrEmpty(m.PersonalId))
                .WithMessage((m, id) => PersonalIdNumber.Inconsistency(id!, m.Sex, m.DateOfBirth)));
        RuleFor(m => m.Ethnicity).MaximumLength(50);
    }
}

public sealed class CreateHouseholdRequestValidator : AbstractValidator<CreateHouseholdRequest>
{
    public CreateHouseholdRequestValidator(IValidator<MemberRequest> memberValidator)
    {
        RuleFor(r => r.CommuneCode).Matches("^[0-9]{5}$").WithMessage("The commune code is 5 digits.");
        RuleFor(r => r.VillageId).NotEmpty();
        RuleFor(r => r.Address).NotNull().MaximumLength(Household.MaxAddressLength);
        RuleFor(r => r.Members).NotEmpty().WithMessage("A household has at least one member.")
            .Must(m => m is null || m.Count <= Household.MaxMembers).WithMessage($"A household has at most {Household.MaxMembers} members.")
            .Must(m => m is null || m.Count(x => x?.Relationship == Relationship.Head) == 1)
            .WithMessage("A household has exactly one member with relationship 'head'.")
            .Must(m => m is null || HasNoRepeatedPersonalId(m))
            .WithMessage("The same personal ID number is given for two members.");
        RuleForEach(r => r.Members).NotNull().SetValidator(memberValidator);
    }

    static bool HasNoRepeatedPersonalId(IEnumerable<MemberRequest> members)
    {
        var ids = members.Where(m => !string.IsNullOrEmpty(m?.PersonalId)).Select(m => m.PersonalId).ToList();
        return ids.Count == ids.Distinct().Count();
    }
}

public sealed class UpdateHouseholdRequestValidator : AbstractValidator<UpdateHouseholdRequest>
{
    public UpdateHouseholdRequestValidator()
    {
        RuleFor(r => r.VillageId).NotEmpty();
        RuleFor(r => r.HeadMemberId).NotEmpty();
        RuleFor(r => r.Address).NotNull().MaximumLength(Household.MaxAddressLength);
        RuleFor(r => r.FormerHeadRelationship).IsInEnum().NotEqual(Relationship.Head);
    }
}

public sealed class PersonalIdSearchRequestValidator : AbstractValidator<PersonalIdSearchRequest>
{
    public PersonalIdSearchRequestValidator() =>
        RuleFor(r => r.PersonalId).Must(PersonalIdNumber.HasValidFormat).WithMessage("The personal ID number must be exactly 12 digits.");
}

public sealed class HouseholdSearchRequestValidator : AbstractValidator<HouseholdSearchRequest>
{
    public HouseholdSearchRequestValidator()
    {
        RuleFor(r => r.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Search by a name.")
            .MaximumLength(PersonName.MaxLength).WithMessage($"Search by at most {PersonName.MaxLength} characters.");
        RuleFor(r => r.Village).NotEqual(Guid.Empty).WithMessage("village is a village id.");
        RuleFor(r => r.Page).GreaterThanOrEqualTo(1).WithMessage("The page is 1 or more.");
        RuleFor(r => r.PageSize).InclusiveBetween(1, PageRequest.MaxPageSize).WithMessage($"The page size is 1 to {PageRequest.MaxPageSize}.");
    }
}
