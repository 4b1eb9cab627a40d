using System.Text;

namespace Eligibility.Domain.Households;

public static class PersonName
{
    public const int MaxLength = 100;

    /// <summary>Names are kept as given, except that surrounding spaces go and the text is put in Unicode NFC,
    /// so "Hoà" typed with a combining accent and with a precomposed letter are the same name.</summary>
    public static string Normalize(string name) => name.Trim().Normalize(NormalizationForm.FormC);
}
