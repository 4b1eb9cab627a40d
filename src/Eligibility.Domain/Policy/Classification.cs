using Eligibility.Domain.Units;

namespace Eligibility.Domain.Policy;

public enum Classification
{
    Poor,
    NearPoor,
    MiddleLiving,
    NotPoor,
}

public static class Classifications
{
    /// <summary>The code used in the API and the data: poor, near-poor, middle-living, not-poor.</summary>
    public static string Code(this Classification c) => c switch
    {
        Classification.Poor => "poor",
        Classification.NearPoor => "near-poor",
        Classification.MiddleLiving => "middle-living",
        _ => "not-poor",
    };

    public static bool TryParse(string? code, out Classification classification)
    {
        foreach (var c in Enum.GetValues<Classification>())
        {
            if (string.Equals(c.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                classification = c;
                return true;
            }
        }
        classification = default;
        return false;
    }

    internal static string NameVi(this Classification c) => c switch
    {
        Classification.Poor => "hộ nghèo",
        Classification.NearPoor => "hộ cận nghèo",
        Classification.MiddleLiving => "hộ có mức sống trung bình",
        _ => "hộ không nghèo",
    };

    internal static string NameEn(this Classification c) => c switch
    {
        Classification.Poor => "poor",
        Classification.NearPoor => "near-poor",
        Classification.MiddleLiving => "middle-living",
        _ => "not poor",
    };
}

public sealed record ClassificationResult(
    Classification Classification,
    string StandardCode,
    AreaType AreaType,
    decimal PovertyLine,
    decimal MiddleLivingCeiling,
    decimal IncomePerPersonMonthly,
    int DeprivationCount,
    int DeprivationThreshold,
    IReadOnlyList<Reason> Reasons);

public static class PovertyClassifier
{
    /// <summary>
    /// Decree 07/2021/NĐ-CP Art. 3, with I the income per person per month, L the line for the area and D the
    /// deprivation count: poor when I ≤ L and D ≥ threshold; near-poor when I ≤ L and D &lt; threshold;
    /// middle-living when L &lt; I ≤ factor × L; otherwise not poor. Every bound is inclusive exactly as written.
    /// </summary>
    public static ClassificationResult Classify(
        string standardCode, StandardFigures figures, AreaType area, decimal incomePerPersonMonthly, int deprivationCount)
    {
        // Not ThrowIfNegative: decimal keeps the sign of zero, and -0 (as JSON may send it) is an income of 0.
        ArgumentOutOfRangeException.ThrowIfLessThan(incomePerPersonMonthly, 0m);
        ArgumentOutOfRangeException.ThrowIfNegative(deprivationCount);

        decimal line = figures.LineFor(area);
        decimal ceiling = figures.MiddleLivingCeilingFor(area);
        int threshold = figures.DeprivationThreshold;
        string areaVi = area == AreaType.Urban ? "thành thị" : "nông thôn";
        string areaEn = area == AreaType.Urban ? "urban" : "rural";
        string income = $"{Text.En(incomePerPersonMonthly)} VND";
        string incomeVi = $"{Text.Vi(incomePerPersonMonthly)} đồng";

        var reasons = new List<Reason>();
        Classification result;
        if (incomePerPersonMonthly <= line)
        {
            reasons.Add(new Reason("income-at-or-below-line",
                $"Thu nhập bình quân {incomeVi}/người/tháng không vượt chuẩn nghèo {areaVi} {Text.Vi(line)} đồng ({standardCode}).",
                $"Income of {income} per person per month is at or below the {areaEn} poverty line of {Text.En(line)} VND ({standardCode})."));
            bool deprived = deprivationCount >= threshold;
            reasons.Add(deprived
                ? new Reason("deprivations-at-or-above-threshold",
                    $"Thiếu hụt {deprivationCount} chỉ số dịch vụ xã hội cơ bản, từ {threshold} chỉ số trở lên.",
                    $"{deprivationCount} basic-service deprivations, at or above the threshold of {threshold}.")
                : new Reason("deprivations-below-threshold",
                    $"Thiếu hụt {deprivationCount} chỉ số dịch vụ xã hội cơ bản, dưới {threshold} chỉ số.",
                    $"{deprivationCount} basic-service deprivations, below the threshold of {threshold}."));
            result = deprived ? Classification.Poor : Classification.NearPoor;
        }
        else if (incomePerPersonMonthly <= ceiling)
        {
            reasons.Add(new Reason("income-up-to-middle-living-ceiling",
                $"Thu nhập bình quân {incomeVi}/người/tháng trên chuẩn nghèo {areaVi} {Text.Vi(line)} đồng và không vượt {Text.Vi(ceiling)} đồng ({Text.Vi(figures.MiddleLivingFactor)} lần chuẩn nghèo, {standardCode}).",
                $"Income of {income} per person per month is above the {areaEn} poverty line of {Text.En(line)} VND and at most {Text.En(ceiling)} VND ({Text.En(figures.MiddleLivingFactor)} × the line, {standardCode})."));
            result = Classification.MiddleLiving;
        }
        else
        {
            reasons.Add(new Reason("income-above-middle-living-ceiling",
                $"Thu nhập bình quân {incomeVi}/người/tháng vượt {Text.Vi(ceiling)} đồng ({Text.Vi(figures.MiddleLivingFactor)} lần chuẩn nghèo {areaVi}, {standardCode}).",
                $"Income of {income} per person per month is above {Text.En(ceiling)} VND ({Text.En(figures.MiddleLivingFactor)} × the {areaEn} poverty line, {standardCode})."));
            result = Classification.NotPoor;
        }

        return new ClassificationResult(result, standardCode, area, line, ceiling, incomePerPersonMonthly, deprivationCount, threshold, reasons);
    }

    public static ClassificationResult Classify(StandardChoice choice, AreaType area, decimal incomePerPersonMonthly, int deprivationCount) =>
        Classify(choice.Standard.Code, choice.Figures, area, incomePerPersonMonthly, deprivationCount);
}
