namespace Eligibility.Domain.Households;

/// <summary>
/// The 12-digit personal identification number (số định danh cá nhân). Digits 1-3: province of birth registration;
/// digit 4: century and sex; digits 5-6: the last two digits of the birth year; digits 7-12: random.
/// </summary>
public static class PersonalIdNumber
{
    public const int Length = 12;

    public static bool HasValidFormat(string? number) => number is { Length: Length } && number.All(char.IsAsciiDigit);

    /// <summary>Why the number cannot belong to a person of this sex born on this date, or null when it can.</summary>
    public static string? Inconsistency(string number, Sex sex, DateOnly dateOfBirth)
    {
        if (!HasValidFormat(number))
            return "The personal ID number must be exactly 12 digits.";

        int centuryAndSex = number[3] - '0';
        int century = 1900 + centuryAndSex / 2 * 100;
        var encodedSex = centuryAndSex % 2 == 0 ? Sex.Male : Sex.Female;
        int encodedYear = century + (number[4] - '0') * 10 + (number[5] - '0');

        if (encodedSex != sex)
            return $"Digit 4 of the personal ID number encodes sex {encodedSex.ToString().ToLowerInvariant()}, but the member's sex is {sex.ToString().ToLowerInvariant()}.";
        if (encodedYear != dateOfBirth.Year)
            return $"Digits 4-6 of the personal ID number encode birth year {encodedYear}, but the member was born in {dateOfBirth.Year}.";
        return null;
    }

    /// <summary>
    /// Shows the last three digits only, e.g. *********123: the province prefix and digits 4-6 (century, sex, birth
    /// year) add little to hide while showing them leaves only three unknown digits.
    /// </summary>
    public static string Mask(string number) =>
        number.Length == Length ? string.Concat("*********", number.AsSpan(Length - 3)) : "************";
}
