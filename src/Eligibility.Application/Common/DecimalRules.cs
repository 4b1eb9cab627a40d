using FluentValidation;

namespace Eligibility.Application.Common;

/// <summary>
/// A figure is stored with a fixed number of decimal places (numeric(p, s)): more places would be rounded away
/// silently, or break a database check (a line of 0.000001 VND becomes 0). Refused with the field named instead.
/// </summary>
public static class DecimalRules
{
    public static IRuleBuilderOptions<T, decimal> AtMostDecimals<T>(this IRuleBuilder<T, decimal> rule, int places) =>
        rule.Must(v => decimal.Round(v, places) == v).WithMessage(Message(places));

    public static IRuleBuilderOptions<T, decimal?> AtMostDecimals<T>(this IRuleBuilder<T, decimal?> rule, int places) =>
        rule.Must(v => v is not { } d || decimal.Round(d, places) == d).WithMessage(Message(places));

    static string Message(int places) => places == 0 ? "A whole number." : $"At most {places} decimal places.";
}
