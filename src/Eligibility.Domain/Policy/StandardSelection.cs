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
        return Select(effective, standards, field, standard => PeriodicReview.With(Arg.Of(year), Arg.Of(effective), standard.Code, standard.LegalBasis));
    }

    /// <summary>A regular review (any month, on a household's request) takes effect on its decision date.</summary>
    public static Result<StandardChoice> ForRegularReview(DateOnly decisionDate, IReadOnlyList<PovertyStandard> standards, string? field = null) =>
        Select(decisionDate, standards, field, standard => RegularReview.With(Arg.Of(decisionDate), standard.Code, standard.LegalBasis));

    /// <summary>The standard in force on a result's known effective date.</summary>
    public static Result<StandardChoice> InForceOn(DateOnly effectiveDate, IReadOnlyList<PovertyStandard> standards, string? field = null) =>
        Select(effectiveDate, standards, field, standard => InForceOnEffectiveDate.With(Arg.Of(effectiveDate), standard.Code, standard.LegalBasis));

    // Values: year, effective date, standard code, legal basis.
    static readonly ReasonTemplate PeriodicReview = new("periodic-review",
        a => $"Rà soát định kỳ năm {a[0]} có hiệu lực từ {Text.Vi(a.Date(1))} nên áp dụng chuẩn nghèo {a[2]} ({Text.LegalVi(a[3])}).",
        a => $"The periodic review of {a[0]} takes effect on {Text.En(a.Date(1))}, so it uses the {a[2]} standard ({a[3]}).");

    // Values: decision date, standard code, legal basis.
    static readonly ReasonTemplate RegularReview = new("regular-review",
        a => $"Rà soát thường xuyên có hiệu lực từ ngày quyết định {Text.Vi(a.Date(0))} nên áp dụng chuẩn nghèo {a[1]} ({Text.LegalVi(a[2])}).",
        a => $"A regular review takes effect on its decision date, {Text.En(a.Date(0))}, so it uses the {a[1]} standard ({a[2]}).");

    // Values: effective date, standard code, legal basis.
    static readonly ReasonTemplate InForceOnEffectiveDate = new("in-force-on-effective-date",
        a => $"Kết quả có hiệu lực từ {Text.Vi(a.Date(0))}; chuẩn nghèo {a[1]} ({Text.LegalVi(a[2])}) có hiệu lực vào ngày đó.",
        a => $"The result takes effect on {Text.En(a.Date(0))}; the {a[1]} standard ({a[2]}) is in force that day.");

    internal static IEnumerable<ReasonTemplate> Templates => [PeriodicReview, RegularReview, InForceOnEffectiveDate];

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
