using Eligibility.Domain.Common;

namespace Eligibility.Domain.Households;

/// <summary>The facts recorded about one member of a household.</summary>
public sealed record MemberFacts(
    string FullName,
    DateOnly DateOfBirth,
    Sex Sex,
    Relationship Relationship,
    string? PersonalId,
    string? Ethnicity,
    bool EthnicMinority,
    bool HasDisability,
    bool? HasHealthInsurance,
    Schooling? Schooling,
    bool ReceivesSocialAllowance,
    bool CaresForSevereDisability = false);

public sealed class Member
{
    Member() { }

    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public string ProvinceCode { get; private set; } = "";
    public string FullName { get; private set; } = "";
    public DateOnly DateOfBirth { get; private set; }
    public Sex Sex { get; private set; }
    public Relationship Relationship { get; internal set; }
    public string? PersonalId { get; private set; }
    public string? Ethnicity { get; private set; }
    public bool EthnicMinority { get; private set; }
    public bool HasDisability { get; private set; }
    public bool? HasHealthInsurance { get; private set; }
    public Schooling? Schooling { get; private set; }
    public bool ReceivesSocialAllowance { get; private set; }
    public bool CaresForSevereDisability { get; private set; }

    internal static Member Create(Guid id, Household household, MemberFacts facts)
    {
        var member = new Member { Id = id, HouseholdId = household.Id, ProvinceCode = household.ProvinceCode };
        member.Apply(facts);
        return member;
    }

    internal void Apply(MemberFacts facts)
    {
        FullName = PersonName.Normalize(facts.FullName);
        DateOfBirth = facts.DateOfBirth;
        Sex = facts.Sex;
        Relationship = facts.Relationship;
        PersonalId = string.IsNullOrEmpty(facts.PersonalId) ? null : facts.PersonalId;
        Ethnicity = string.IsNullOrWhiteSpace(facts.Ethnicity) ? null : PersonName.Normalize(facts.Ethnicity);
        EthnicMinority = facts.EthnicMinority;
        HasDisability = facts.HasDisability;
        HasHealthInsurance = facts.HasHealthInsurance;
        Schooling = facts.Schooling;
        ReceivesSocialAllowance = facts.ReceivesSocialAllowance;
        CaresForSevereDisability = facts.CaresForSevereDisability;
    }

    public int AgeOn(DateOnly date) => Ages.On(DateOfBirth, date);
}
