using Eligibility.Domain.Households;

namespace Eligibility.Domain.Tests.Households;

public sealed class PersonalIdNumberTests
{
    [Theory]
    [InlineData("079090123456", Sex.Male, 1990)]    // 0: male, 1900-1999
    [InlineData("079190123456", Sex.Female, 1990)]  // 1: female, 1900-1999
    [InlineData("001000123456", Sex.Male, 1900)]    // first year of the century
    [InlineData("001199123456", Sex.Female, 1999)]  // last year of the century
    [InlineData("068205123456", Sex.Male, 2005)]    // 2: male, 2000-2099
    [InlineData("068300123456", Sex.Female, 2000)]  // 3: female, 2000-2099
    [InlineData("068425123456", Sex.Male, 2125)]    // 4: male, 2100-2199
    [InlineData("068525123456", Sex.Female, 2125)]  // 5: female, 2100-2199
    public void Consistent_WhenDigitFourAndFiveSixMatchSexAndBirthYear(string number, Sex sex, int year) =>
        Assert.Null(PersonalIdNumber.Inconsistency(number, sex, new DateOnly(year, 6, 15)));

    [Theory]
    [InlineData("079090123456", Sex.Female, 1990, "sex")]
    [InlineData("079190123456", Sex.Male, 1990, "sex")]
    [InlineData("079091123456", Sex.Male, 1990, "birth year")]
    [InlineData("079089123456", Sex.Male, 1990, "birth year")]
    [InlineData("079290123456", Sex.Male, 1990, "birth year")]   // digit 4 says 2090
    [InlineData("068205123456", Sex.Male, 1905, "birth year")]   // right two digits, wrong century
    public void Inconsistent_NamesWhatDisagrees(string number, Sex sex, int year, string what) =>
        Assert.Contains(what, PersonalIdNumber.Inconsistency(number, sex, new DateOnly(year, 1, 1)));

    [Theory]
    [InlineData("07909012345")]
    [InlineData("0790901234567")]
    [InlineData("07909012345a")]
    [InlineData("０７９０９０１２３４５６")]  // full-width digits are not ASCII digits
    [InlineData("")]
    [InlineData(null)]
    public void Format_IsExactlyTwelveAsciiDigits(string? number) => Assert.False(PersonalIdNumber.HasValidFormat(number));

    [Fact]
    public void Mask_KeepsOnlyTheLastThreeDigits() =>
        Assert.Equal("*********456", PersonalIdNumber.Mask("079090123456"));
}
