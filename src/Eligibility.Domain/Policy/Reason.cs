using System.Globalization;

namespace Eligibility.Domain.Policy;

/// <summary>Why a rule gave its answer: a stable code for machines and the same message in Vietnamese and English.</summary>
public sealed record Reason(string Code, string MessageVi, string MessageEn);

/// <summary>How figures appear inside reason messages.</summary>
static class Text
{
    /// <summary>1.500.000 (Vietnamese groups thousands with dots).</summary>
    public static string Vi(decimal amount) => En(amount).Replace(',', '_').Replace('.', ',').Replace('_', '.');

    /// <summary>1,500,000.</summary>
    public static string En(decimal amount) => amount.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string Vi(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string En(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

