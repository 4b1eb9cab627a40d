namespace Eligibility.Domain.Common;

public static class Ages
{
    /// <summary>Age in whole years on a date. Someone born on 29 February has their birthday on 1 March in other years.</summary>
    public static int On(DateOnly dateOfBirth, DateOnly date)
    {
        int age = date.Year - dateOfBirth.Year;
        return (date.Month, date.Day).CompareTo((dateOfBirth.Month, dateOfBirth.Day)) < 0 ? age - 1 : age;
    }
}
