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

/// <summary>
/// A child's schooling, as the child-schooling indicator reads it: deprived when a child aged 3 to under 16 does not
/// attend school at the right level for their age (Decree 07/2021/NĐ-CP; Decision 967/QĐ-BNNMT).
/// </summary>
public enum Schooling
{
    AtRightLevel,
    /// <summary>Attends, but below the level for their age.</summary>
    Behind,
    NotAttending,
}
