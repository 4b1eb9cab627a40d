using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Eligibility.Infrastructure.Persistence;

/// <summary>Enums are stored as the same kebab-case words the API speaks ("child-in-law", "dac-khu").</summary>
public static class EnumText
{
    public static string ToText<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static T Parse<T>(string text) where T : struct, Enum =>
        Enum.GetValues<T>().First(v => ToText(v) == text);

    public static ValueConverter<T, string> Converter<T>() where T : struct, Enum => new(v => ToText(v), s => Parse<T>(s));
}
