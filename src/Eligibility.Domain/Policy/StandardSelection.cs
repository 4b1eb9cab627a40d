using Eligibility.Domain.Common;

namespace Eligibility.Domain.Policy;

/// <summary>The standard (and version of its figures) a review classifies under, with the date it takes effect and why.</summary>
public sealed record StandardChoice(DateOnly EffectiveDate, PovertyStandard Standard, StandardFigures Figures, Reason Reason);

/// <summary>
/// Which standard applies: the one in force on the date the review's result takes effect (Decision 24/2021/QĐ-TTg).
/// </summary>
public static class StandardSelection
{
    /// <summary>
    /// The periodic review of year Y (1 September to 14 December) produces the lists for year Y+1, so its result
    /// takes effect on 1 January Y+1: the review of 2026 classifies under the standard in force on 2027-01-01.
    /// </summary>
    public static Result<StandardChoice> ForPeriodicReview(int year, IReadOnlyList<PovertyStandard> standards, string? field = null)
    {
        var effective = new DateOnly(year + 1, 1, 1);
        return Select(effective, standards, field, standard => new Reason(
            "periodic-review",
            $"Rà soát định kỳ năm {year} có hiệu lực từ {Text.Vi(effective)} nên áp dụng chuẩn nghèo {standard.Code} ({standard.LegalBasis}).",
            $"The periodic review of {year} takes effect on {Text.En(effective)}, so it uses the {standard.Code} standard ({standard.LegalBasis})."));
    }

    /// <summary>A regular review (any month, on a household's request) takes effect on its decision date.</summary>
    public static Result<StandardChoice> ForRegularReview(DateOnly decisionDate, IReadOnlyList<PovertyStandard> standards, string? field = null) =>
        Select(decisionDate, standards, field, standard => new Reason(
            "regular-review",
            $"Rà soát thường xuyên có hiệu lực từ ngày quyết định {Text.Vi(decisionDate)} nên áp dụng chuẩn nghèo {standard.Code} ({standard.LegalBasis}).",
            $"A regular review takes effect on its decision date, {Text.En(decisionDate)}, so it uses the {standard.Code} standard ({standard.LegalBasis})."));

    /// <summary>The standard in force on a result's known effective date.</summary>
    public static Result<StandardChoice> InForceOn(DateOnly effectiveDate, IReadOnlyList<PovertyStandard> standards, string? field = null) =>
        Select(effectiveDate, standards, field, standard => new Reason(
            "in-force-on-effective-date",
            $"Kết quả có hiệu lực từ {Text.Vi(effectiveDate)}; chuẩn nghèo {standard.Code} ({standard.LegalBasis}) có hiệu lực vào ngày đó.",
            $"The result takes effect on {Text.En(effectiveDate)}; the {standard.Code} standard ({standard.LegalBasis}) is in force that day."));

    static Result<StandardChoice> Select(DateOnly date, IReadOnlyList<PovertyStandard> standards, string? field, Func<PovertyStandard, Reason> reason)
    {
        var inForce = standards.Where(s => s.IsInForceOn(date)).ToList();
        if (inForce.Count == 0)
            return new Error(ErrorKind.Unprocessable, "no-standard-in-force",
                $"No poverty standard is in force on {Text.En(date)}.", field);
        if (inForce.Count > 1)
            return new Error(ErrorKind.Unprocessable, "standards-overlap",
                $"More than one poverty standard is in force on {Text.En(date)}: {string.Join(", ", inForce.Select(s => s.Code))}.", field);

        var standard = inForce[0];
        if (standard.FiguresOn(date) is not { } figures)
            return new Error(ErrorKind.Unprocessable, "no-figures-in-force",
                $"The {standard.Code} standard has no figures effective on {Text.En(date)}.", field);
        return new StandardChoice(date, standard, figures, reason(standard));
    }
}
