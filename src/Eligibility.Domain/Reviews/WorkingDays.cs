namespace Eligibility.Domain.Reviews;

/// <summary>
/// Working days are Monday to Friday except public holidays. Which days are holidays is data (the government sets
/// Tết and the bridging days year by year): the caller passes the holidays it knows from the period's start on.
/// </summary>
public static class WorkingDays
{
    public static bool IsWorkingDay(DateOnly day, IReadOnlySet<DateOnly> holidays) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(day);

    /// <summary>
    /// The last day of a period of <paramref name="count"/> working days starting on <paramref name="start"/>: the start
    /// counts when it is a working day; a period started on a weekend or a holiday begins on the next working day.
    /// </summary>
    public static DateOnly PeriodEnd(DateOnly start, int count, IReadOnlySet<DateOnly> holidays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var day = start;
        int counted = IsWorkingDay(day, holidays) ? 1 : 0;
        while (counted < count)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day, holidays))
                counted++;
        }
        return day;
    }
}
