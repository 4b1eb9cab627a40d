namespace Eligibility.Domain.Reviews;

/// <summary>Working days are Monday to Friday. Public holidays are not known to the product (no calendar is kept).</summary>
public static class WorkingDays
{
    public static bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>
    /// The last day of a period of <paramref name="count"/> working days starting on <paramref name="start"/>: the start
    /// counts when it is a working day; a period started on a weekend begins on the Monday.
    /// </summary>
    public static DateOnly PeriodEnd(DateOnly start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var day = start;
        int counted = IsWorkingDay(day) ? 1 : 0;
        while (counted < count)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
                counted++;
        }
        return day;
    }
}
