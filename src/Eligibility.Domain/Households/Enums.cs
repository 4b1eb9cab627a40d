namespace Eligibility.Domain.Households;

public enum Sex
{
    Male,
    Female,
}

/// <summary>Relationship to the head of household: a fixed list, as on the household registration form.</summary>
public enum Relationship
{
    Head,
    Spouse,
    Child,
    ChildInLaw,
    Parent,
    ParentInLaw,
    Grandchild,
    Grandparent,
    Sibling,
    OtherRelative,
    NonRelative,
}
