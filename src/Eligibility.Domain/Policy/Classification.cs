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
        string areaCode = Arg.Of(area);
        string income = Arg.Of(incomePerPersonMonthly);

        var reasons = new List<Reason>();
        Classification result;
        if (incomePerPersonMonthly <= line)
        {
            reasons.Add(IncomeAtOrBelowLine.With(income, areaCode, Arg.Of(line), standardCode));
            bool deprived = deprivationCount >= threshold;
            reasons.Add((deprived ? DeprivationsAtOrAboveThreshold : DeprivationsBelowThreshold).With(Arg.Of(deprivationCount), Arg.Of(threshold)));
            result = deprived ? Classification.Poor : Classification.NearPoor;
        }
        else if (incomePerPersonMonthly <= ceiling)
        {
            reasons.Add(IncomeUpToMiddleLivingCeiling.With(income, areaCode, Arg.Of(line), Arg.Of(ceiling), Arg.Of(figures.MiddleLivingFactor), standardCode));
            result = Classification.MiddleLiving;
        }
        else
        {
            reasons.Add(IncomeAboveMiddleLivingCeiling.With(income, areaCode, Arg.Of(ceiling), Arg.Of(figures.MiddleLivingFactor), standardCode));
            result = Classification.NotPoor;
        }
        // An answer that rests on a figure no source confirms says so (domain notes §9), in both languages.
        if (!figures.Confirmed)
            reasons.Add(FiguresUnconfirmed.With(standardCode, Arg.Of(figures.EffectiveFrom), figures.Source));
        if (result is Classification.MiddleLiving or Classification.NotPoor && !figures.MiddleLivingFactorConfirmed)
            reasons.Add(MiddleLivingFactorUnconfirmed.With(Arg.Of(figures.MiddleLivingFactor), standardCode, figures.Source));

        return new ClassificationResult(result, standardCode, area, line, ceiling, incomePerPersonMonthly, deprivationCount, threshold, reasons);
    }

    public static ClassificationResult Classify(StandardChoice choice, AreaType area, decimal incomePerPersonMonthly, int deprivationCount) =>
        Classify(choice.Standard.Code, choice.Figures, area, incomePerPersonMonthly, deprivationCount);

    // Values: income per person, area (urban/rural), line, [ceiling, factor,] standard code.
    static readonly ReasonTemplate IncomeAtOrBelowLine = new("income-at-or-below-line",
        a => $"Thu nhập bình quân {Text.Vi(a.Number(0))} đồng/người/tháng không vượt chuẩn nghèo {Text.AreaVi(a[1])} {Text.Vi(a.Number(2))} đồng ({a[3]}).",
        a => $"Income of {Text.En(a.Number(0))} VND per person per month is at or below the {Text.AreaEn(a[1])} poverty line of {Text.En(a.Number(2))} VND ({a[3]}).");

    // Values: deprivation count, threshold.
    static readonly ReasonTemplate DeprivationsAtOrAboveThreshold = new("deprivations-at-or-above-threshold",
        a => $"Thiếu hụt {a[0]} chỉ số dịch vụ xã hội cơ bản, từ {a[1]} chỉ số trở lên.",
        a => $"{a[0]} basic-service deprivations, at or above the threshold of {a[1]}.");

    static readonly ReasonTemplate DeprivationsBelowThreshold = new("deprivations-below-threshold",
        a => $"Thiếu hụt {a[0]} chỉ số dịch vụ xã hội cơ bản, dưới {a[1]} chỉ số.",
        a => $"{a[0]} basic-service deprivations, below the threshold of {a[1]}.");

    static readonly ReasonTemplate IncomeUpToMiddleLivingCeiling = new("income-up-to-middle-living-ceiling",
        a => $"Thu nhập bình quân {Text.Vi(a.Number(0))} đồng/người/tháng trên chuẩn nghèo {Text.AreaVi(a[1])} {Text.Vi(a.Number(2))} đồng và không vượt {Text.Vi(a.Number(3))} đồng ({Text.Vi(a.Number(4))} lần chuẩn nghèo, {a[5]}).",
        a => $"Income of {Text.En(a.Number(0))} VND per person per month is above the {Text.AreaEn(a[1])} poverty line of {Text.En(a.Number(2))} VND and at most {Text.En(a.Number(3))} VND ({Text.En(a.Number(4))} × the line, {a[5]}).");

    // Values: income per person, area, ceiling, factor, standard code.
    static readonly ReasonTemplate IncomeAboveMiddleLivingCeiling = new("income-above-middle-living-ceiling",
        a => $"Thu nhập bình quân {Text.Vi(a.Number(0))} đồng/người/tháng vượt {Text.Vi(a.Number(2))} đồng ({Text.Vi(a.Number(3))} lần chuẩn nghèo {Text.AreaVi(a[1])}, {a[4]}).",
        a => $"Income of {Text.En(a.Number(0))} VND per person per month is above {Text.En(a.Number(2))} VND ({Text.En(a.Number(3))} × the {Text.AreaEn(a[1])} poverty line, {a[4]}).");

    // Values: standard code, effective date of the figures, source.
    static readonly ReasonTemplate FiguresUnconfirmed = new("figures-unconfirmed",
        a => $"Chuẩn nghèo và ngưỡng thiếu hụt của chuẩn {a[0]} (từ {Text.Vi(a.Date(1))}) chưa được nguồn nào xác nhận ({Text.LegalVi(a[2])}).",
        a => $"The poverty lines and deprivation threshold of the {a[0]} standard (from {Text.En(a.Date(1))}) are not confirmed by a source ({a[2]}).");

    // Values: factor, standard code, source.
    static readonly ReasonTemplate MiddleLivingFactorUnconfirmed = new("middle-living-factor-unconfirmed",
        a => $"Mức sống trung bình ({Text.Vi(a.Number(0))} lần chuẩn nghèo) của chuẩn {a[1]} chưa được nguồn nào xác nhận ({Text.LegalVi(a[2])}); kết quả trên chuẩn nghèo chưa chắc chắn.",
        a => $"The middle-living band ({Text.En(a.Number(0))} × the line) of the {a[1]} standard is not confirmed by a source ({a[2]}); the classification above the line is provisional.");

    internal static IEnumerable<ReasonTemplate> Templates =>
    [
        IncomeAtOrBelowLine, DeprivationsAtOrAboveThreshold, DeprivationsBelowThreshold, IncomeUpToMiddleLivingCeiling, IncomeAboveMiddleLivingCeiling,
        FiguresUnconfirmed, MiddleLivingFactorUnconfirmed,
    ];
}
